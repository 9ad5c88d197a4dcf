// What BuildKit and compose read the same way must get the same diagnostics: every corpus file
// (test/fixtures/corpus) again with CRLF line ends, with a byte order mark, without its final
// newline or with extra ones, and (Dockerfiles) with lowercase keywords and blanks at the ends of
// lines. Each difference found so far was a bug: shell errors in CRLF heredocs, directives hidden
// behind a BOM, squiggles reaching over the blanks after an instruction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dockerfileLanguageService } from '../../server/src/core/dockerfile/dockerfileLanguageService';
import { composeLanguageService } from '../../server/src/core/compose/composeLanguageService';
import type { Diagnostic } from '../../server/src/core/types';
import { context } from './dockerfile/helpers';

const corpus = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'corpus');
const KEYWORDS = /^(\s*)(FROM|RUN|COPY|ADD|ENV|ARG|WORKDIR|CMD|ENTRYPOINT|EXPOSE|USER|LABEL|VOLUME|SHELL|HEALTHCHECK|ONBUILD|STOPSIGNAL)(?=\s)/gm;

interface Variant {
  name: string;
  change(text: string): string;
  /** What must stay the same: the whole range, or (a BOM shifts line 0) the line. */
  key(d: Diagnostic): string;
  /** Diagnostics the variant rightly adds or removes. */
  expected?(d: Diagnostic): boolean;
  dockerfileOnly?: boolean;
}

const exact = (d: Diagnostic) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
const VARIANTS: Variant[] = [
  { name: 'CRLF', change: (t) => t.replace(/\r?\n/g, '\r\n'), key: exact, expected: (d) => d.code === 'heredoc-crlf' },
  { name: 'BOM', change: (t) => `\uFEFF${t}`, key: (d) => `${d.code} ${d.severity} ${d.range.start.line}` },
  { name: 'no final newline', change: (t) => t.replace(/\s+$/, ''), key: exact },
  { name: 'extra final newlines', change: (t) => `${t}\n\n\n`, key: exact },
  // Not in heredocs (a terminator with blanks after it is no terminator); a blank line inside an
  // instruction is reported where its blanks are.
  { name: 'trailing blanks', change: (t) => (t.includes('<<') ? t : t.replace(/\n/g, ' \t \n')), key: exact, expected: (d) => d.code === 'empty-continuation', dockerfileOnly: true },
  { name: 'lowercase keywords', change: (t) => t.replace(KEYWORDS, (_m, space: string, word: string) => space + word.toLowerCase()), key: exact, expected: (d) => d.code === 'instruction-casing' || d.code === 'from-as-casing', dockerfileOnly: true },
];

let version = 0;
function diagnostics(file: string, text: string): Diagnostic[] {
  const compose = file.includes(`${path.sep}compose${path.sep}`);
  const service = compose ? composeLanguageService : dockerfileLanguageService;
  const uri = `file:///corpus/${compose ? 'compose.yaml' : 'Dockerfile'}`;
  const found = service.validate({ uri, version: ++version, getText: () => text }, context());
  service.forget?.(uri);
  return found;
}

test('the corpus gets the same diagnostics whatever the line ends, a byte order mark, the final newline, the keywords\' case and blanks at the ends of lines', () => {
  const files = ['dockerfiles', 'parser-edge', 'compose'].flatMap((dir) => fs.readdirSync(path.join(corpus, dir)).map((f) => path.join(corpus, dir, f)));
  assert.ok(files.length > 150, `${files.length} corpus files`);
  const differences: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const base = diagnostics(file, text);
    for (const variant of VARIANTS) {
      if (variant.dockerfileOnly && file.includes(`${path.sep}compose${path.sep}`)) continue;
      const keep = (d: Diagnostic) => !variant.expected?.(d);
      const before = new Set(base.filter(keep).map(variant.key));
      const after = new Set(diagnostics(file, variant.change(text)).filter(keep).map(variant.key));
      const gone = [...before].filter((k) => !after.has(k));
      const added = [...after].filter((k) => !before.has(k));
      if (gone.length || added.length) differences.push(`${variant.name} ${path.basename(file)}: gone ${gone.join(', ')}; added ${added.join(', ')}`);
    }
  }
  assert.deepEqual(differences, []);
});

test('under CRLF the only new diagnostic is heredoc-crlf, on the heredocs of shell scripts', () => {
  const dir = path.join(corpus, 'dockerfiles');
  let heredocFiles = 0;
  let reported = 0;
  for (const name of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const found = diagnostics(path.join(dir, name), text.replace(/\r?\n/g, '\r\n')).filter((d) => d.code === 'heredoc-crlf');
    assert.deepEqual(diagnostics(path.join(dir, name), text).filter((d) => d.code === 'heredoc-crlf'), [], name);
    if (/<<-?['"]?[A-Za-z_]/.test(text)) heredocFiles++;
    reported += found.length;
  }
  assert.ok(heredocFiles > 5 && reported > 5, `${heredocFiles} files with heredocs, ${reported} reports`);
});

test('under CRLF every feature answers as under LF: hovers, completions, symbols, folding and semantic tokens', () => {
  const files = ['dockerfiles', 'compose'].flatMap((dir) => fs.readdirSync(path.join(corpus, dir)).map((f) => path.join(corpus, dir, f)));
  const differences: string[] = [];
  for (const file of files) {
    const compose = file.includes(`${path.sep}compose${path.sep}`);
    const service = compose ? composeLanguageService : dockerfileLanguageService;
    const uri = `file:///corpus/${compose ? 'compose.yaml' : 'Dockerfile'}`;
    const lf = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    const lines = lf.split('\n');
    const answers = (text: string) => {
      const d = { uri, version: ++version, getText: () => text };
      const ctx = context();
      const out: string[] = [];
      for (let line = 0; line < lines.length; line += 5) {
        for (const character of [0, 3, lines[line]!.length]) {
          const p = { line, character };
          const hover = service.hover?.(d, p, ctx);
          // A heredoc's marker explains heredoc-crlf under CRLF: that one is meant to differ.
          out.push(hover && !JSON.stringify(hover.contents).includes('CRLF') ? `hover ${line}:${character} ${JSON.stringify(hover)}` : `hover ${line}:${character} -`);
          const completion = service.complete?.(d, p, ctx);
          const items = Array.isArray(completion) ? completion : completion?.items ?? [];
          out.push(`complete ${line}:${character} ${items.length} ${JSON.stringify(items.slice(0, 3).map((i) => [i.label, i.textEdit]))}`);
        }
      }
      out.push(JSON.stringify(service.documentSymbols?.(d, ctx)), JSON.stringify(service.foldingRanges?.(d, ctx)), JSON.stringify(service.semanticTokens?.(d, ctx)));
      service.forget?.(uri);
      return out;
    };
    const before = answers(lf);
    const after = answers(lf.replace(/\n/g, '\r\n'));
    const at = before.findIndex((x, i) => x !== after[i]);
    if (at >= 0) differences.push(`${path.basename(file)}: ${before[at]!.slice(0, 200)} | ${after[at]!.slice(0, 200)}`);
  }
  assert.deepEqual(differences, []);
});
