// The precision benchmark's data: every drawn (error, warning or information) Dockerfile
// diagnostic the server raises on the repository's corpus of real files, and the hand-made labels in
// bench/precision/labels.tsv that say whether each is true, noise or wrong. Used by
// `npm run precision` (bench/precision.mjs) and by a unit test that fails when a diagnostic has
// no label or a label no diagnostic (so every rule change is labelled on purpose).
//
// Two rule sets are measured on the same files: ours with its default severities, and the rules
// that correspond to hadolint's DL rules at hadolint's documented default severities (its README
// table: Error, Warning and Info are drawn, Style is not, Ignore is off), with every other rule
// off. hadolint itself cannot run here (no network to fetch its binary), so the second set uses
// our implementations of its rules; where ours are narrower, hadolint would raise more.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleSeverityOverrides } from '../../server/src/core/languageService';
import { Analysis } from '../../server/src/core/dockerfile/analysis/analysis';
import { validateDockerfile } from '../../server/src/core/dockerfile/dockerfileLanguageService';
import { ALL_RULES } from '../../server/src/core/dockerfile/validation/rules/allRules';
import { DiagnosticSeverity } from '../../server/src/core/types';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = path.join(REPO, 'test', 'fixtures', 'corpus', 'dockerfiles');
export const LABELS = path.join(REPO, 'bench', 'precision', 'labels.tsv');

export type Mode = 'ours' | 'hadolint';
export type Verdict = 'true' | 'noise' | 'wrong';

/** hadolint's default severity of each DL rule, from the rule table in its README (v2.12+). */
export const HADOLINT_SEVERITY: Record<string, 'error' | 'warning' | 'info' | 'style' | 'ignore'> = {
  DL1001: 'ignore', DL3000: 'error', DL3001: 'info', DL3002: 'warning', DL3003: 'warning', DL3004: 'error', DL3006: 'warning',
  DL3007: 'warning', DL3008: 'warning', DL3009: 'info', DL3010: 'info', DL3011: 'error', DL3012: 'error', DL3013: 'warning',
  DL3014: 'warning', DL3015: 'info', DL3016: 'warning', DL3018: 'warning', DL3019: 'info', DL3020: 'error', DL3021: 'error',
  DL3022: 'warning', DL3023: 'error', DL3024: 'error', DL3025: 'warning', DL3026: 'error', DL3027: 'warning', DL3028: 'warning',
  DL3029: 'warning', DL3030: 'warning', DL3032: 'warning', DL3033: 'warning', DL3034: 'warning', DL3035: 'warning',
  DL3036: 'warning', DL3037: 'warning', DL3038: 'warning', DL3040: 'warning', DL3041: 'warning', DL3042: 'warning',
  DL3043: 'error', DL3044: 'error', DL3045: 'warning', DL3046: 'warning', DL3047: 'info', DL3048: 'style', DL3049: 'info',
  DL3050: 'info', DL3051: 'warning', DL3052: 'warning', DL3053: 'warning', DL3054: 'warning', DL3055: 'warning',
  DL3056: 'warning', DL3057: 'ignore', DL3058: 'warning', DL3059: 'info', DL3060: 'info', DL3061: 'error', DL3062: 'warning',
  DL3063: 'warning', DL3064: 'warning', DL3065: 'warning', DL3066: 'info', DL3067: 'warning', DL4000: 'error', DL4001: 'warning',
  DL4003: 'warning', DL4004: 'error', DL4005: 'warning', DL4006: 'warning',
};

const RANK = { ignore: 0, style: 1, info: 2, warning: 3, error: 4 } as const;
const AS_OURS = { ignore: 'off', style: 'hint', info: 'information', warning: 'warning', error: 'error' } as const;

/** Severities that make our rule set behave as hadolint's: its DL rules at its defaults, everything else off. */
export function hadolintOverrides(): RuleSeverityOverrides {
  const out: RuleSeverityOverrides = {};
  for (const r of ALL_RULES) {
    const levels = (r.meta.hadolint ?? []).filter((id) => id.startsWith('DL')).map((id) => HADOLINT_SEVERITY[id] ?? 'ignore');
    const top = levels.sort((x, y) => RANK[y] - RANK[x])[0] ?? 'ignore';
    out[r.meta.id] = AS_OURS[top];
  }
  return out;
}

export interface Finding {
  file: string;
  /** 1-based line and column of the diagnostic's start. */
  line: number;
  column: number;
  rule: string;
  severity: 'error' | 'warning' | 'information';
  message: string;
  text: string;
}

export function keyOf(f: { file: string; line: number; column: number; rule: string }): string {
  return `${f.file}\t${f.line}:${f.column}\t${f.rule}`;
}

const SEVERITY_NAME: Record<number, Finding['severity'] | undefined> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
};

export function corpusFiles(): string[] {
  return fs.readdirSync(CORPUS).filter((f) => fs.statSync(path.join(CORPUS, f)).isFile()).sort();
}

/**
 * The drawn diagnostics (error, warning, information) on every corpus Dockerfile. The files are
 * validated as documents without a folder on disk: their projects' build contexts are not in
 * the corpus, so the .dockerignore rules have nothing true to say about them.
 */
export function corpusFindings(mode: Mode, dir = CORPUS, files = corpusFiles()): Finding[] {
  const rules = mode === 'hadolint' ? hadolintOverrides() : {};
  const context = {
    facts: { images: [], builtImages: [] },
    settings: { rules },
    files: { exists: () => false, readText: () => undefined, list: () => [] },
    openDocuments: () => [],
  };
  const out: Finding[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const lines = text.split(/\r?\n/);
    for (const d of validateDockerfile(text, context)) {
      const severity = SEVERITY_NAME[d.severity ?? 0];
      if (!severity) continue;
      out.push({
        file, line: d.range.start.line + 1, column: d.range.start.character + 1, rule: String(d.code), severity, message: d.message,
        text: (lines[d.range.start.line] ?? '').trim(),
      });
    }
  }
  return out;
}

export interface Label {
  key: string;
  verdict: Verdict;
  reason: string;
  /** 1-based line in labels.tsv. */
  at: number;
}

/** Reads labels.tsv: `file<TAB>line:column<TAB>rule<TAB>true|noise|wrong<TAB>reason`; `#` starts a comment line. */
export function readLabels(file = LABELS): { labels: Map<string, Label>; problems: string[] } {
  const labels = new Map<string, Label>();
  const problems: string[] = [];
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  lines.forEach((line, k) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [name, at, rule, verdict, reason] = line.split('\t');
    const key = `${name}\t${at}\t${rule}`;
    if (!name || !at || !rule || !['true', 'noise', 'wrong'].includes(verdict ?? '') || !reason?.trim()) problems.push(`labels.tsv:${k + 1}: expected file, line:column, rule, true|noise|wrong and a reason`);
    else if (labels.has(key)) problems.push(`labels.tsv:${k + 1}: ${key.replace(/\t/g, ' ')} is labelled twice`);
    else labels.set(key, { key, verdict: verdict as Verdict, reason: reason.trim(), at: k + 1 });
  });
  return { labels, problems };
}

/** Diagnostics without a label, and labels no diagnostic of either rule set has. */
export function checkLabels(findings: Finding[], labels: Map<string, Label>): { unlabelled: Finding[]; stale: Label[] } {
  const seen = new Set(findings.map(keyOf));
  return {
    unlabelled: findings.filter((f) => !labels.has(keyOf(f))),
    stale: [...labels.values()].filter((l) => !seen.has(l.key)),
  };
}

export interface RuleScore {
  rule: string;
  drawn: number;
  true: number;
  noise: number;
  wrong: number;
}

/** Per rule and overall: how many drawn diagnostics, and how many of them each verdict. */
export function score(findings: Finding[], labels: Map<string, Label>): { rules: RuleScore[]; total: RuleScore } {
  const byRule = new Map<string, RuleScore>();
  const total: RuleScore = { rule: 'all', drawn: 0, true: 0, noise: 0, wrong: 0 };
  for (const f of findings) {
    const entry = byRule.get(f.rule) ?? { rule: f.rule, drawn: 0, true: 0, noise: 0, wrong: 0 };
    byRule.set(f.rule, entry);
    const verdict = labels.get(keyOf(f))?.verdict;
    for (const s of [entry, total]) {
      s.drawn++;
      if (verdict) s[verdict]++;
    }
  }
  return { rules: [...byRule.values()].sort((x, y) => y.drawn - x.drawn || x.rule.localeCompare(y.rule)), total };
}

export function precision(s: RuleScore): number {
  return s.drawn === 0 ? 1 : s.true / s.drawn;
}

/**
 * What hadolint's DL4006 alone would draw on the corpus: every RUN with a pipe whose shell has no
 * pipefail (it does not look at what the pipe connects). Our pipefail rule reports only the
 * pipelines where a failure can go unnoticed, so this is counted apart.
 */
export function hadolintPipefailCount(dir = CORPUS, files = corpusFiles()): number {
  let count = 0;
  for (const file of files) {
    const a = Analysis.of(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const i of a.doc.instructions) {
      if ((i.trigger ?? i).upper !== 'RUN') continue;
      const info = a.shell(i);
      if (!info || info.summary.error || info.summary.pipelines.length === 0) continue;
      const set = info.summary.commands.some((c) => c.name === 'set' && c.words.some((w) => /pipefail/.test(w.text)));
      const stage = a.doc.stages[i.stage];
      const shell = stage?.instructions.some((s) => s.upper === 'SHELL' && s.index < i.index && s.exec?.items.some((w) => w.value === 'pipefail'));
      if (!set && !shell) count++;
    }
  }
  return count;
}
