// Seeded random-edit fuzzing of the bundled language server over stdio. Each session opens a file
// of the repository's corpus (test/fixtures/corpus) and edits it at random: characters, keywords,
// quotes, backslashes, `${`, heredoc markers, YAML anchors, aliases and merge keys, tabs, CR/LF,
// U+2028, NUL, BOM, lone surrogates, long runs of spaces, pieces of other files, deletions. After
// edits it sends every kind of request at random positions (some outside the document) and checks
// the answers: ranges inside the document, hover ranges holding the position, named symbols inside
// their parents, completion ranges on the cursor's line, edits that neither touch nor overlap,
// links inside the workspace. Now and then it compares the diagnostics of the edited document with
// those of a fresh open of the same text. It counts crashes, hangs (no answer in HANG_MS), LSP
// error responses, errors the server logs, invalid answers, mismatches and slow requests.
//
//   node test/fuzz/fuzz.mjs --edits 1000 --seed 7 [--server dist/server.js] [--json out.json]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { LspPeer } from '../harness/lspPeer.mjs';

// What an LSP server makes of the changes: the fuzzer's own text must agree with it.
const { TextDocument } = createRequire(import.meta.url)('vscode-languageserver-textdocument');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CORPUS = path.join(REPO, 'test', 'fixtures', 'corpus');
/** A request or a validation not answered in this time is a hang. */
const HANG_MS = 15_000;
/** A request answered after this is slow (counted, not a failure). */
const SLOW_MS = 1000;
const SESSION_EDITS = 400;
const COMPARE_EVERY = 25;
const MAX_TEXT = 256 * 1024;

const METHODS = [
  'textDocument/completion', 'textDocument/hover', 'textDocument/signatureHelp', 'textDocument/definition',
  'textDocument/references', 'textDocument/documentHighlight', 'textDocument/prepareRename', 'textDocument/rename',
  'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/selectionRange', 'textDocument/documentLink',
  'textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/onTypeFormatting', 'textDocument/codeAction',
  'textDocument/codeLens', 'textDocument/inlayHint', 'textDocument/semanticTokens/full', 'dockerWorkbench/explainDockerfile',
];

const TOKENS = {
  common: ['"', "'", '\\', '`', '${', '}', '${VAR}', '${VAR:-def}', '${A:-${B}}', '$$', '$', '#', ' # c', '\t', '\r\n', '\r', '\n', '\n\n',
    '\u2028', '\u2029', '\u3000', '\u00a0', '\u0000', '\ufeff', '\ud800', '\udc00', '😀', '[', ']', '{', '}', ':', ',', '=', '-', '--', ' ', '  ',
    '<<EOF', '\nEOF\n', '<<-"EOT"', '\n\tEOT\n', '\\\n', '`\n'],
  dockerfile: ['FROM ', 'FROM alpine AS build', 'RUN ', 'RUN apt-get update && apt-get install -y curl', 'COPY ', 'COPY --from=build ', 'ADD ',
    'ARG ', 'ARG V=1', 'ENV ', 'ENV A=${V}', 'ONBUILD ', 'HEALTHCHECK CMD ', 'SHELL ["/bin/bash", "-c"]', 'CMD ["x"]', 'ENTRYPOINT ',
    'WORKDIR ', 'USER ', 'EXPOSE 80', 'VOLUME ', 'LABEL a=b', 'STOPSIGNAL ', '# escape=`\n', '# syntax=docker/dockerfile:1\n',
    '# check=skip=all\n', '--mount=type=cache,target=/x', '--chown=1:1', '$((1+2))', '$(echo x)', '((', '))', 'if [ x ]; then y; fi', '&&', '||', '|'],
  compose: ['services:', '\n  web:', '\n    image: nginx', 'build: .', 'build:\n      context: .\n      dockerfile: Dockerfile', 'extends: web',
    'extends:\n      service: web\n      file: other.yaml', '<<: *', '<<: [*a, *b]', '&a ', '*a', '&b {x: 1}', 'volumes:', 'networks:', 'ports: ["80:80"]',
    'depends_on: [db]', 'env_file: .env', 'include:\n  - other.yaml', 'environment:\n      A: "${A:?}"', '- ', '---\n', '...\n', '? ', '!!str ',
    '!reset ', '!override ', '|', '>-', '%YAML 1.2\n', 'x-common: &common\n  restart: always\n', '{a: 1, b: [2, 3]}', '"quoted: \\"x\\""',
    'depends_on: [db, ""]', 'network_mode: "service:"', 'image: ""', 'secrets: [""]'],
};

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

export function corpus() {
  const files = [];
  for (const dir of ['dockerfiles', 'parser-edge', 'compose']) {
    for (const name of fs.readdirSync(path.join(CORPUS, dir)).sort()) {
      const text = fs.readFileSync(path.join(CORPUS, dir, name), 'utf8');
      files.push({ name, language: dir === 'compose' ? 'dockercompose' : 'dockerfile', text });
    }
  }
  return files;
}

/** Line starts as LSP counts lines (\n, \r\n, \r). */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export class Doc {
  constructor(text) {
    this.set(text);
  }

  set(text) {
    this.text = text;
    this.starts = lineStarts(text);
  }

  get lineCount() {
    return this.starts.length;
  }

  lineLength(line) {
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end - start;
  }

  positionAt(offset) {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(p) {
    if (p.line >= this.starts.length) return this.text.length;
    if (p.line < 0) return 0;
    return Math.min(this.starts[p.line] + Math.max(0, p.character), this.starts[p.line] + this.lineLength(p.line));
  }

  validPosition(p) {
    return p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < this.lineCount && p.character >= 0 && p.character <= this.lineLength(p.line);
  }

  validRange(r) {
    return r && this.validPosition(r.start) && this.validPosition(r.end) && before(r.start, r.end);
  }
}

const before = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const holds = (r, p) => before(r.start, p) && before(p, r.end);

/** One random edit of `doc`: the LSP change and the new text. */
export function randomEdit(rng, doc, language, files) {
  const text = doc.text;
  const at = rng.int(text.length + 1);
  const tokens = [...TOKENS.common, ...TOKENS[language === 'dockerfile' ? 'dockerfile' : 'compose']];
  let start = at;
  let end = at;
  let insert = '';
  const kind = text.length > MAX_TEXT ? 'delete' : rng.pick(['token', 'token', 'token', 'chars', 'delete', 'delete', 'line', 'paste', 'spaces', 'duplicate', 'replace']);
  switch (kind) {
    case 'token':
      insert = rng.pick(tokens);
      break;
    case 'chars': {
      const n = 1 + rng.int(8);
      for (let k = 0; k < n; k++) insert += String.fromCharCode(rng.chance(0.9) ? 32 + rng.int(95) : rng.int(0x3100));
      break;
    }
    case 'delete':
      end = Math.min(text.length, at + 1 + rng.int(rng.chance(0.2) ? 2000 : 40));
      break;
    case 'line': {
      const p = doc.positionAt(at);
      start = doc.starts[p.line];
      end = p.line + 1 < doc.lineCount ? doc.starts[p.line + 1] : text.length;
      if (rng.chance(0.5)) insert = rng.pick(tokens) + rng.pick(tokens);
      break;
    }
    case 'paste': {
      const other = rng.pick(files).text;
      const from = rng.int(other.length + 1);
      insert = other.slice(from, from + rng.int(2000));
      break;
    }
    case 'spaces':
      // Long runs once made patterns like /\s+#.*$/ backtrack for seconds.
      insert = rng.pick([' ', '\t', '\\', '$', '-', '{', '(']).repeat(500 + rng.int(20_000)) + rng.pick(['x', '', '#', '\n']);
      break;
    case 'duplicate': {
      const from = rng.int(text.length + 1);
      insert = text.slice(from, from + rng.int(3000));
      break;
    }
    case 'replace':
      end = Math.min(text.length, at + rng.int(20));
      insert = rng.pick(tokens);
      break;
  }
  // An offset inside a line break means the end of the line's text to LSP (as to TextDocument).
  const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
  start = doc.offsetAt(range.start);
  end = Math.max(start, doc.offsetAt(range.end));
  return { change: { range, text: insert }, next: text.slice(0, start) + insert + text.slice(end) };
}

function randomPosition(rng, doc) {
  if (rng.chance(0.05)) return rng.pick([{ line: doc.lineCount + rng.int(5), character: rng.int(10) }, { line: rng.int(doc.lineCount), character: 100_000 }, { line: -1, character: -1 }]);
  return doc.positionAt(rng.int(doc.text.length + 1));
}

function randomRange(rng, doc) {
  const a = doc.positionAt(rng.int(doc.text.length + 1));
  const b = doc.positionAt(rng.int(doc.text.length + 1));
  return before(a, b) ? { start: a, end: b } : { start: b, end: a };
}

function requestParams(rng, method, uri, doc, diagnostics) {
  const textDocument = { uri };
  const position = randomPosition(rng, doc);
  switch (method) {
    case 'textDocument/completion':
      return { textDocument, position, context: rng.chance(0.5) ? { triggerKind: 1 } : { triggerKind: 2, triggerCharacter: rng.pick(['$', '{', '-', ':', ' ', '/', '"', '=']) } };
    case 'textDocument/references':
      return { textDocument, position, context: { includeDeclaration: rng.chance(0.5) } };
    case 'textDocument/rename':
      return { textDocument, position, newName: rng.pick(['renamed', 'x', '', 'a b', '${x}', '😀']) };
    case 'textDocument/selectionRange':
      return { textDocument, positions: [position, randomPosition(rng, doc)] };
    case 'textDocument/documentSymbol': case 'textDocument/foldingRange': case 'textDocument/documentLink':
    case 'textDocument/codeLens': case 'textDocument/semanticTokens/full':
      return { textDocument };
    case 'textDocument/formatting':
      return { textDocument, options: { tabSize: 1 + rng.int(8), insertSpaces: rng.chance(0.7), insertFinalNewline: rng.chance(0.5), trimTrailingWhitespace: rng.chance(0.5) } };
    case 'textDocument/rangeFormatting':
      return { textDocument, range: randomRange(rng, doc), options: { tabSize: 4, insertSpaces: true } };
    case 'textDocument/onTypeFormatting':
      return { textDocument, position, ch: '\n', options: { tabSize: 2, insertSpaces: true } };
    case 'textDocument/codeAction': {
      const range = randomRange(rng, doc);
      return { textDocument, range, context: { diagnostics: diagnostics.filter((d) => before(d.range.start, range.end) && before(range.start, d.range.end)) } };
    }
    case 'textDocument/inlayHint':
      return { textDocument, range: rng.chance(0.5) ? randomRange(rng, doc) : { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } } };
    case 'dockerWorkbench/explainDockerfile':
      return { uri };
    default:
      return { textDocument, position };
  }
}

/** Problems with an answer for `method` on `doc` (empty when it is valid). */
export function checkAnswer(method, params, result, doc, uri, workspace) {
  const problems = [];
  const bad = (what) => problems.push(`${method}: ${what}`);
  const range = (r, what) => {
    if (!doc.validRange(r)) bad(`${what} ${JSON.stringify(r)} is not a range inside the document (${doc.lineCount} lines)`);
  };
  const editsOk = (edits, what) => {
    if (!Array.isArray(edits)) return bad(`${what} is not a list`);
    const spans = edits.map((e) => {
      range(e.range, `${what} edit range`);
      if (typeof e.newText !== 'string') bad(`${what} edit without text`);
      return [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)];
    }).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let k = 1; k < spans.length; k++) if (spans[k][0] <= spans[k - 1][1]) bad(`${what} edits touch or overlap at ${spans[k][0]}`);
  };
  if (result === null || result === undefined) return problems;
  switch (method) {
    case 'textDocument/completion':
      for (const item of result.items ?? result) {
        if (typeof item.label !== 'string' || item.label === '') bad('item without a label');
        if (item.textEdit) {
          range(item.textEdit.range, 'textEdit');
          if (item.textEdit.range.start.line !== item.textEdit.range.end.line) bad('textEdit range spans lines');
          if (doc.validPosition(params.position) && !holds(item.textEdit.range, params.position)) bad(`textEdit range ${JSON.stringify(item.textEdit.range)} does not hold the cursor ${JSON.stringify(params.position)}`);
        }
      }
      break;
    case 'textDocument/hover':
      if (!result.contents) bad('hover without contents');
      if (result.range) {
        range(result.range, 'range');
        if (doc.validPosition(params.position) && !holds(result.range, params.position)) bad(`range ${JSON.stringify(result.range)} does not hold ${JSON.stringify(params.position)}`);
      }
      break;
    case 'textDocument/definition': case 'textDocument/references':
      for (const l of result) if (l.uri === uri) range(l.range, 'location');
      break;
    case 'textDocument/documentHighlight': case 'textDocument/codeLens': case 'textDocument/documentLink':
      for (const x of result) range(x.range, 'range');
      if (method === 'textDocument/documentLink') {
        for (const l of result) {
          if (typeof l.target === 'string' && l.target.startsWith('file:') && !l.target.startsWith(workspace)) bad(`link to ${l.target} outside the workspace`);
        }
      }
      break;
    case 'textDocument/prepareRename':
      range(result.range ?? result, 'range');
      break;
    case 'textDocument/rename':
      for (const [target, edits] of Object.entries(result.changes ?? {})) if (target === uri) editsOk(edits, 'rename');
      break;
    case 'textDocument/documentSymbol': {
      const walk = (symbols, parent, depth) => {
        for (const s of symbols) {
          if (typeof s.name !== 'string' || s.name.trim() === '') bad(`symbol with an empty name ${JSON.stringify(s.name)}`);
          range(s.range, 'symbol range');
          range(s.selectionRange, 'selection range');
          if (doc.validRange(s.range) && doc.validRange(s.selectionRange) && !(holds(s.range, s.selectionRange.start) && holds(s.range, s.selectionRange.end))) bad('selection range outside the symbol range');
          if (parent && !(holds(parent, s.range.start) && holds(parent, s.range.end))) bad('child outside its parent');
          if (depth < 100 && s.children) walk(s.children, s.range, depth + 1);
        }
      };
      walk(result, undefined, 0);
      break;
    }
    case 'textDocument/foldingRange':
      for (const f of result) if (!(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < doc.lineCount)) bad(`folding ${JSON.stringify(f)}`);
      break;
    case 'textDocument/selectionRange':
      for (let s of result) {
        range(s.range, 'selection');
        for (let depth = 0; s.parent && depth < 1000; s = s.parent, depth++) {
          if (!(holds(s.parent.range, s.range.start) && holds(s.parent.range, s.range.end))) bad('parent selection does not hold its child');
        }
      }
      break;
    case 'textDocument/formatting': case 'textDocument/rangeFormatting': case 'textDocument/onTypeFormatting':
      editsOk(result, 'format');
      break;
    case 'textDocument/codeAction':
      for (const action of result) {
        if (typeof action.title !== 'string') bad('action without a title');
        for (const [target, edits] of Object.entries(action.edit?.changes ?? {})) if (target === uri) editsOk(edits, `"${action.title}"`);
      }
      break;
    case 'textDocument/inlayHint':
      for (const h of result) {
        if (!doc.validPosition(h.position)) bad(`hint at ${JSON.stringify(h.position)}`);
        if (h.label === '' || h.label === undefined) bad('hint without a label');
      }
      break;
    case 'textDocument/semanticTokens/full': {
      const data = result.data;
      if (data.length % 5 !== 0) bad('token data not in fives');
      let line = 0;
      let char = 0;
      for (let k = 0; k + 4 < data.length; k += 5) {
        line += data[k];
        char = data[k] === 0 ? char + data[k + 1] : data[k + 1];
        if (line >= doc.lineCount || char + data[k + 2] > doc.lineLength(line) + 1) {
          bad(`token at ${line}:${char}+${data[k + 2]} outside the document`);
          break;
        }
      }
      break;
    }
  }
  return problems;
}

/**
 * Runs the fuzzer. Returns the counts; `failures` lists what went wrong (at most 50, with the seed,
 * session and edit to reproduce each).
 */
export async function runFuzz({ edits = 1000, seed = 1, server = path.join(REPO, 'dist', 'server.js'), log = () => undefined } = {}) {
  const rng = random(seed);
  const files = corpus();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-fuzz-'));
  const workspace = pathToFileURL(root).href;
  const stats = { edits: 0, requests: 0, validations: 0, comparisons: 0, crashes: 0, hangs: 0, errorResponses: 0, loggedErrors: 0, invalid: 0, mismatches: 0, slow: 0, maxRequestMs: 0, peakRssMb: 0, sessions: 0, failures: [] };
  const fail = (kind, what) => {
    if (stats.failures.length < 50) stats.failures.push(`${kind} (seed ${seed}, edit ${stats.edits}): ${what}`);
  };
  let peer;
  let published = new Map();
  const start = async () => {
    peer = new LspPeer(process.execPath, [server, '--stdio', '--no-code-cache']);
    published = new Map();
    peer.child.on('exit', (code, signal) => {
      if (!peer.stopping) {
        stats.crashes++;
        fail('crash', `server exited (${code ?? signal})`);
      }
    });
    peer.observe((message) => {
      if (message.method === 'textDocument/publishDiagnostics') published.set(message.params.uri, message.params);
      if (message.method === 'window/logMessage' && message.params.type === 1) {
        stats.loggedErrors++;
        fail('logged error', message.params.message.split('\n').slice(0, 3).join(' | '));
      }
    });
    await peer.request('initialize', { processId: process.pid, rootUri: workspace, workspaceFolders: [{ uri: workspace, name: 'fuzz' }], capabilities: {}, initializationOptions: { workspaceTrusted: false } });
    peer.notify('initialized', {});
  };
  const timed = async (promise) => {
    let timer;
    const hang = new Promise((_, reject) => { timer = setTimeout(() => reject(Object.assign(new Error('hang'), { hang: true })), HANG_MS); });
    try {
      return await Promise.race([promise, hang]);
    } finally {
      clearTimeout(timer);
    }
  };
  /** Diagnostics of `uri` at `version` (the server validates only the last version of a burst). */
  const diagnosticsOf = async (uri, version) => {
    const have = published.get(uri);
    if (have?.version === version) return have.diagnostics;
    const message = await timed(peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version, HANG_MS + 1000));
    return message.params.diagnostics;
  };

  await start();
  try {
    let session = 0;
    while (stats.edits < edits) {
      session++;
      stats.sessions = session;
      const file = rng.pick(files);
      const name = file.language === 'dockerfile' ? 'Dockerfile' : 'compose.yaml';
      const uri = `${workspace}/s${session}/${name}`;
      const doc = new Doc(file.text);
      const mirror = TextDocument.create(`${workspace}/mirror`, file.language, 1, file.text);
      let version = 1;
      peer.notify('textDocument/didOpen', { textDocument: { uri, languageId: file.language, version, text: doc.text } });
      const length = Math.min(SESSION_EDITS, edits - stats.edits);
      for (let n = 0; n < length; n++) {
        if (peer.child.exitCode !== null || peer.child.signalCode !== null) {
          // Crashed (counted when it exited): a fresh server, a fresh session.
          await start();
          break;
        }
        const { change, next } = randomEdit(rng, doc, file.language, files);
        version++;
        doc.set(next);
        TextDocument.update(mirror, [change], version);
        if (mirror.getText() !== next) {
          stats.invalid++;
          fail('fuzzer model', `the change ${JSON.stringify(change).slice(0, 200)} gives another text in TextDocument`);
          doc.set(mirror.getText());
        }
        peer.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        stats.edits++;
        // The requests of one edit go out together (as an editor sends them) and are checked against this version.
        const count = rng.chance(0.6) ? 1 + rng.int(3) : 0;
        const batch = [];
        for (let r = 0; r < count; r++) {
          const method = rng.pick(METHODS);
          batch.push({ method, params: requestParams(rng, method, uri, doc, published.get(uri)?.diagnostics ?? []) });
        }
        await Promise.all(batch.map(async ({ method, params }) => {
          const t = performance.now();
          stats.requests++;
          try {
            const result = await timed(peer.request(method, params));
            const ms = performance.now() - t;
            stats.maxRequestMs = Math.max(stats.maxRequestMs, ms);
            if (ms > SLOW_MS) stats.slow++;
            for (const problem of checkAnswer(method, params, result, doc, uri, workspace)) {
              stats.invalid++;
              fail('invalid answer', problem);
            }
          } catch (error) {
            if (error.hang) {
              stats.hangs++;
              fail('hang', `${method} at ${JSON.stringify(params.position ?? params.range ?? '')}`);
            } else {
              stats.errorResponses++;
              fail('error response', `${method}: ${error.message}`);
            }
          }
        }));
        if ((n + 1) % COMPARE_EVERY === 0 || n === length - 1) await compare(uri, version, doc, file.language, session, n);
      }
      peer.notify('textDocument/didClose', { textDocument: { uri } });
      stats.peakRssMb = Math.max(stats.peakRssMb, peer.peakMemoryMb());
      log(`session ${session}: ${stats.edits}/${edits} edits, ${stats.requests} requests`);
    }
  } finally {
    stats.peakRssMb = Math.max(stats.peakRssMb, peer.peakMemoryMb());
    peer.stopping = true;
    await peer.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  return stats;

  /** The edited document's diagnostics equal a fresh open's, and lie inside the document. */
  async function compare(uri, version, doc, language, session, n) {
    let incremental;
    try {
      incremental = await diagnosticsOf(uri, version);
      stats.validations++;
    } catch (error) {
      if (error.hang) {
        stats.hangs++;
        fail('hang', `no diagnostics for version ${version} of session ${session}`);
        return;
      }
      throw error;
    }
    for (const d of incremental) {
      if (!doc.validRange(d.range)) {
        stats.invalid++;
        fail('invalid diagnostic', `${d.code} at ${JSON.stringify(d.range)}`);
      }
    }
    const freshUri = uri.replace(`/s${session}/`, `/s${session}-fresh${n}/`);
    peer.notify('textDocument/didOpen', { textDocument: { uri: freshUri, languageId: language, version: 1, text: doc.text } });
    try {
      const fresh = await diagnosticsOf(freshUri, 1);
      // A validation cut short by its deadline depends on timing, not on the text.
      const timing = (list) => list.some((d) => d.code === 'analysis-limit' && /seconds/.test(d.message));
      if (!timing(fresh) && !timing(incremental)) {
        stats.comparisons++;
        if (JSON.stringify(fresh) !== JSON.stringify(incremental)) {
          stats.mismatches++;
          const a = incremental.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
          const b = fresh.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
          fail('mismatch', `session ${session} edit ${n}: incremental [${a.join(' ')}] fresh [${b.join(' ')}]`);
        }
      }
    } catch (error) {
      if (!error.hang) throw error;
      stats.hangs++;
      fail('hang', `no diagnostics for a fresh open in session ${session}`);
    } finally {
      peer.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
      published.delete(freshUri);
    }
  }
}

function parseArgs(argv) {
  const args = { edits: 1000, seed: 1, server: undefined, json: undefined };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const value = () => argv[++k];
    if (a === '--edits') args.edits = Number(value());
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--server') args.server = path.resolve(value());
    else if (a === '--json') args.json = value();
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const stats = await runFuzz({ edits: args.edits, seed: args.seed, ...(args.server ? { server: args.server } : {}), log: (m) => process.stderr.write(`${m}\n`) });
  const { failures, ...counts } = stats;
  counts.seconds = Math.round((performance.now() - started) / 1000);
  console.log(JSON.stringify(counts, null, 2));
  for (const f of failures) console.log(`- ${f}`);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(stats, null, 2));
  const bad = stats.crashes + stats.hangs + stats.errorResponses + stats.loggedErrors + stats.invalid + stats.mismatches;
  process.exit(bad > 0 ? 1 : 0);
}

// Run from the command line (not when a test imports it). No top-level await: tests load this through require.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
