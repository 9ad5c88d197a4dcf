// Helpers for the differential tests of our shell parser against mvdan-sh (the oracle): the corpus
// scripts exactly as the rules see them, and a field-by-field comparison of two summaries.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile } from '../../server/src/core/dockerfile/syntax/parser';
import { shellSource } from '../../server/src/core/dockerfile/syntax/shell/shellSource';
import type { ShellSummary } from '../../server/src/core/dockerfile/syntax/shell/parseShell';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'corpus');
const SHELL_FORM = ['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

/** Every shell script of the corpus Dockerfiles and parser-edge fixtures, named by file and line. */
export function corpusScripts(): { name: string; text: string }[] {
  const scripts: { name: string; text: string }[] = [];
  for (const dir of ['dockerfiles', 'parser-edge']) {
    for (const file of fs.readdirSync(path.join(CORPUS, dir)).sort()) {
      const full = path.join(CORPUS, dir, file);
      if (!fs.statSync(full).isFile()) continue;
      const doc = parseDockerfile(fs.readFileSync(full, 'utf8'));
      for (const instruction of doc.instructions) {
        const target = instruction.trigger ?? instruction;
        if (!SHELL_FORM.includes(target.upper)) continue;
        const source = shellSource(doc, instruction);
        if (source && source.text.trim().length > 0) scripts.push({ name: `${dir}/${file}:${instruction.index}`, text: source.text });
      }
    }
  }
  return scripts;
}

/** The differences between two summaries, as short lines (empty when they agree). */
export function summaryDifferences(ours: ShellSummary, oracle: ShellSummary): string[] {
  const out: string[] = [];
  if (!!ours.error !== !!oracle.error) out.push(`error: ours ${ours.error ? JSON.stringify(ours.error.message) : 'none'}, mvdan ${oracle.error ? JSON.stringify(oracle.error.message) : 'none'}`);
  if (ours.error || oracle.error) return out;
  if (ours.limit !== oracle.limit) out.push(`limit: ours ${ours.limit}, mvdan ${oracle.limit}`);
  if (ours.statements !== oracle.statements) out.push(`statements: ours ${ours.statements}, mvdan ${oracle.statements}`);
  const cmd = (s: ShellSummary) => s.commands.map((c) => JSON.stringify([c.name, c.words.map((w) => [w.text, w.literal, w.start, w.end]), c.start, c.end, c.nested, c.inPipeline, c.background, c.statement]));
  diffLists('command', cmd(ours), cmd(oracle), out);
  diffLists('pipeline', ours.pipelines.map(String), oracle.pipelines.map(String), out);
  const bash = (s: ShellSummary) => s.bashisms.map((b) => JSON.stringify([b.what, b.start, b.end, b.busybox]));
  diffLists('bashism', bash(ours), bash(oracle), out);
  return out;
}

function diffLists(what: string, ours: string[], oracle: string[], out: string[]): void {
  const n = Math.max(ours.length, oracle.length);
  for (let i = 0; i < n; i++) {
    if (ours[i] !== oracle[i]) {
      out.push(`${what} ${i}: ours ${ours[i] ?? 'none'}, mvdan ${oracle[i] ?? 'none'}`);
      return;
    }
  }
}
