// The language host (what each worker thread runs), inline: the file policy as the features see
// it (an untrusted workspace reads nothing outside its folders, completion and links never leave
// them), answers checked against the document, and a feature that throws answered as an error
// reply rather than taking the host down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LanguageHost } from '../../../server/src/lsp/host';
import { MAX_FOLDING_RANGES, MAX_LENSES, MAX_LINKS, MAX_SYMBOLS } from '../../../server/src/lsp/sanitize';
import { MAX_INLAY_HINTS } from '../../../server/src/core/limits';
import type { LanguageService } from '../../../server/src/core/languageService';
import { dockerfileLanguageService } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { composeLanguageService } from '../../../server/src/core/compose/composeLanguageService';

let id = 0;
type Call = { type: 'validate'; uri: string } | { type: 'request'; method: string; params: unknown };
function ask(host: LanguageHost, message: Call) {
  return host.handle({ ...message, id: ++id })!;
}

function workspace() {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-host-')));
  const ws = path.join(root, 'ws');
  fs.mkdirSync(path.join(ws, 'app'), { recursive: true });
  fs.mkdirSync(path.join(root, 'elsewhere'));
  fs.writeFileSync(path.join(root, 'elsewhere', 'secret.env'), 'TOKEN=x\n');
  fs.writeFileSync(path.join(root, 'elsewhere', 'base.yaml'), 'services:\n  base:\n    image: nginx\n    restart: always\n');
  fs.writeFileSync(path.join(ws, 'app', 'local.env'), 'A=1\n');
  return { root, ws, uri: pathToFileURL(ws).href, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

const compose = 'services:\n  web:\n    image: nginx\n    env_file: [../../elsewhere/secret.env, local.env, ../../elsewhere/missing.env]\n    extends:\n      file: ../../elsewhere/base.yaml\n      service: base\n    build:\n      context: .\n      dockerfile: ../../\n';

for (const trusted of [false, true]) {
  test(`${trusted ? 'trusted' : 'untrusted'} workspace: what compose reads, completes and links outside the workspace`, () => {
    const w = workspace();
    try {
      const host = new LanguageHost();
      host.handle({ type: 'state', access: { trusted, folders: [w.uri] } });
      const uri = `${w.uri}/app/compose.yaml`;
      host.handle({ type: 'open', uri, languageId: 'dockercompose', version: 1, text: compose });
      const diagnostics = ask(host, { type: 'validate', uri }).result as { code: string; message: string }[];
      const missing = diagnostics.filter((d) => d.code === 'compose-missing-file').map((d) => d.message);
      // Outside the workspace: reported missing only when the server may look (trusted).
      assert.deepEqual(missing.some((m) => m.includes('missing.env')), trusted, missing.join('\n'));
      assert.ok(!missing.some((m) => m.includes('secret.env') || m.includes('base.yaml')), missing.join('\n'));
      // Inherited keys come from the base file only when it may be read.
      const hints = ask(host, { type: 'request', method: 'textDocument/inlayHint', params: { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } } }).result as { label: string }[];
      assert.equal(hints.some((h) => /inherits restart/.test(h.label)), trusted, JSON.stringify(hints));
      // Links never point outside the workspace, trusted or not.
      const links = ask(host, { type: 'request', method: 'textDocument/documentLink', params: { textDocument: { uri } } }).result as { target?: string }[];
      assert.ok(links.every((l) => !l.target?.startsWith('file:') || l.target.startsWith(w.uri)), JSON.stringify(links));
      assert.ok(links.some((l) => l.target?.endsWith('/app/local.env')));
      // Path completion lists nothing above the workspace.
      const items = ask(host, { type: 'request', method: 'textDocument/completion', params: { textDocument: { uri }, position: { line: 9, character: 24 } } }).result as { items: { label: string }[] };
      assert.ok(!items.items.some((i) => i.label === 'elsewhere/'), JSON.stringify(items.items.map((i) => i.label)));
    } finally {
      w.cleanup();
    }
  });
}

test('answers are checked against the document: ranges clamped, hover ranges hold the position, symbols named', () => {
  const broken: LanguageService = {
    validate: () => [{ range: { start: { line: 99, character: 5 }, end: { line: 0, character: 0 } }, severity: 1, code: 'x', source: 's', message: 'm' }],
    hover: () => ({ contents: { kind: 'markdown', value: 'v' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }),
    documentSymbols: () => [{ name: ' ', kind: 5, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, selectionRange: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, children: [{ name: 'c', kind: 5, range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, selectionRange: { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } } }] }],
    format: () => [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: 'ENV' }, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '  ' }],
    complete: () => ({ isIncomplete: false, items: [{ label: 'a', textEdit: { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: 'a' } }, { label: '' }] }),
  };
  const host = new LanguageHost({ dockerfile: broken, compose: composeLanguageService });
  const uri = 'file:///h/Dockerfile';
  host.handle({ type: 'open', uri, languageId: 'dockerfile', version: 1, text: 'env X=1\nFROM a\n' });
  const [d] = ask(host, { type: 'validate', uri }).result as { range: unknown }[];
  assert.deepEqual(d!.range, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } });
  const hover = ask(host, { type: 'request', method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 1, character: 3 } } }).result as { range?: unknown };
  assert.equal(hover.range, undefined);
  const [symbol] = ask(host, { type: 'request', method: 'textDocument/documentSymbol', params: { textDocument: { uri } } }).result as { name: string; selectionRange: unknown; children: unknown[] }[];
  assert.equal(symbol!.name, '?');
  assert.deepEqual(symbol!.selectionRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.deepEqual(symbol!.children, []);
  assert.deepEqual(ask(host, { type: 'request', method: 'textDocument/formatting', params: { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } } }).result, [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: '  ENV' },
  ]);
  const completion = ask(host, { type: 'request', method: 'textDocument/completion', params: { textDocument: { uri }, position: { line: 0, character: 1 } } }).result as { items: { label: string; textEdit?: unknown; insertText?: string }[] };
  assert.deepEqual(completion.items, [{ label: 'a', insertText: 'a' }]);
});

test('a feature that throws is an error reply; the host answers the next request', () => {
  const throwing: LanguageService = { ...dockerfileLanguageService, hover: () => { throw new Error('boom'); } };
  const host = new LanguageHost({ dockerfile: throwing, compose: composeLanguageService });
  const uri = 'file:///h2/Dockerfile';
  host.handle({ type: 'open', uri, languageId: 'dockerfile', version: 1, text: 'FROM a\n' });
  const reply = ask(host, { type: 'request', method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 1 } } });
  assert.match(reply.error ?? '', /boom/);
  const symbols = ask(host, { type: 'request', method: 'textDocument/documentSymbol', params: { textDocument: { uri } } });
  assert.equal((symbols.result as unknown[]).length, 1);
});

test('answers of outlines, folds, links, lenses and hints are capped: 20,000 heredoc RUNs made a 2 MB outline that held other answers up', () => {
  const host = new LanguageHost();
  const uri = 'file:///h3/Dockerfile';
  const text = `FROM alpine\n${'RUN <<EOF\nset -e\necho "$HOME"\nEOF\nCOPY <<-"X" /a\n\tb\n\tX\n'.repeat(10_000)}`;
  host.handle({ type: 'open', uri, languageId: 'dockerfile', version: 1, text });
  const request = (method: string, params: object = {}) => ask(host, { type: 'request', method, params: { textDocument: { uri }, ...params } }).result as unknown[];
  const count = (list: { children?: unknown[] }[]): number => list.reduce((n, s) => n + 1 + count((s.children ?? []) as { children?: unknown[] }[]), 0);
  const symbols = request('textDocument/documentSymbol') as { name: string; children?: unknown[] }[];
  assert.equal(count(symbols), MAX_SYMBOLS);
  assert.equal(request('textDocument/foldingRange').length, MAX_FOLDING_RANGES);
  // 2,000 stages (the stage budget), each with two ADD URLs: a link on each image and URL (6,000) and a build lens above each stage.
  const stages = 'file:///h3/stages/Dockerfile';
  host.handle({ type: 'open', uri: stages, languageId: 'dockerfile', version: 1, text: Array.from({ length: 2000 }, (_, i) => `FROM alpine:3.20 AS s${i}\nADD https://example.com/a${i}.tgz /a\nADD https://example.com/b${i}.tgz /b\n`).join('') });
  const on = (method: string, params: object = {}) => ask(host, { type: 'request', method, params: { textDocument: { uri: stages }, ...params } }).result as unknown[];
  assert.equal(on('textDocument/documentLink').length, MAX_LINKS);
  assert.equal(on('textDocument/codeLens').length, MAX_LENSES);
  // Variables used 3,000 times on one line: one hint each, up to the cap.
  const vars = 'file:///h3/vars/Dockerfile';
  host.handle({ type: 'open', uri: vars, languageId: 'dockerfile', version: 1, text: `FROM alpine\nARG V=1\nRUN echo ${'$V '.repeat(3000)}\n` });
  const hints = ask(host, { type: 'request', method: 'textDocument/inlayHint', params: { textDocument: { uri: vars }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } } }).result as unknown[];
  assert.equal(hints.length, MAX_INLAY_HINTS);
});
