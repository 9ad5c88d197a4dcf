// The repository's corpus of real files (test/fixtures/corpus): nothing may crash anywhere, and the real Dockerfiles (which
// build in their projects) must get no error-severity diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { DiagnosticSeverity } from '../../../server/src/core/types';
import { context, doc } from './helpers';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const corpus = path.resolve(repo, 'test', 'fixtures', 'corpus');

function filesIn(dir: string): string[] {
  return fs.readdirSync(path.join(corpus, dir)).map((f) => path.join(corpus, dir, f));
}

test('the corpus of real files is in the repository', () => {
  assert.ok(fs.existsSync(path.join(corpus, 'dockerfiles')), `missing ${corpus}`);
  assert.ok(filesIn('dockerfiles').length > 50);
});

test('real Dockerfiles get no error-severity diagnostics', () => {
  const errors: string[] = [];
  for (const file of filesIn('dockerfiles')) {
    const text = fs.readFileSync(file, 'utf8');
    for (const d of service.validate(doc(text, `file://${file}`), context())) {
      if (d.severity === DiagnosticSeverity.Error) errors.push(`${path.basename(file)}:${d.range.start.line + 1} ${d.code} ${d.message}`);
    }
  }
  assert.deepEqual(errors, []);
});

test('every feature runs on every corpus file without throwing', () => {
  const ctx = context();
  const options = { tabSize: 4, insertSpaces: true };
  for (const file of [...filesIn('dockerfiles'), ...filesIn('parser-edge'), ...filesIn('compose')]) {
    const text = fs.readFileSync(file, 'utf8');
    const d = doc(text, `file://${file}`);
    const diagnostics = service.validate(d, ctx);
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line += 7) {
      for (const character of [0, 4, lines[line]!.length]) {
        const p = { line, character };
        service.complete!(d, p, ctx);
        service.hover!(d, p, ctx);
        service.signatureHelp!(d, p, ctx);
        service.references!(d, p, true, ctx);
        service.rename!(d, p, 'renamed', ctx);
      }
    }
    service.documentSymbols!(d, ctx);
    service.foldingRanges!(d, ctx);
    service.format!(d, options, ctx);
    service.semanticTokens!(d, ctx);
    service.codeActions!(d, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, diagnostics, ctx);
    service.inlayHints!(d, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, ctx);
    service.forget!(d.uri);
  }
});
