// The main thread and the workers evaluate only what they need: the connection's thread never
// evaluates a language service (what it advertises is written out, and checked here against what
// the services implement), and a language host evaluates a service the first time a document of
// its kind needs one, so a Dockerfile-only session never loads the compose schema and YAML parser
// and a compose-only one never loads the Dockerfile rules or the shell parser. Which modules were
// evaluated is read from the module cache of a fresh process (the YAML package only when our own
// reader declines a compose text). And the bundle is ASCII only: one
// character beyond Latin-1 (a Greek mu in a regular expression did it) makes V8 keep the whole
// 2.7 MB source as a two-byte string, 5.5 MB in every thread that loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { buildServer } from '../../../esbuild.server.mjs';
import { LspPeer } from '../../harness/lspPeer.mjs';
import { MAIN_THREAD_MAX_CHARS, capabilitiesOf } from '../../../server/src/lsp/server';
import { ADVERTISED_CAPABILITIES } from '../../../server/src/lsp/advertisedCapabilities';
import { dockerfileLanguageService } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { composeLanguageService } from '../../../server/src/core/compose/composeLanguageService';

const REPO = path.resolve(__dirname, '..', '..', '..');

/** Runs `body` (CommonJS, `host` is server/src/lsp/host) in a fresh process; returns the evaluated modules (repository-relative) and what it printed. */
function evaluatedBy(body: string): { modules: string[]; output: string } {
  const script = `
    const host = require(${JSON.stringify(path.join(REPO, 'server', 'src', 'lsp', 'host.ts'))});
    let output = '';
    ${body}
    process.stdout.write(JSON.stringify({ modules: Object.keys(require.cache), output }));`;
  const printed = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(printed) as { modules: string[]; output: string };
  return { modules: result.modules.map((m) => path.relative(REPO, m).split(path.sep).join('/')), output: result.output };
}

const DOCKERFILE = 'FROM node:20 AS build\\nRUN npm ci && npm run build\\nCOPY . .\\n';
const COMPOSE = 'services:\\n  web:\\n    image: nginx\\n    build:\\n      target: build\\n';
const isCompose = (m: string) => m.startsWith('server/src/core/compose/') || m.startsWith('node_modules/yaml/');
const isDockerfileRules = (m: string) => m.startsWith('server/src/core/dockerfile/validation/');

test('the advertised capabilities are exactly what the two language services implement', () => {
  const computed = capabilitiesOf([dockerfileLanguageService, composeLanguageService]);
  assert.deepEqual(ADVERTISED_CAPABILITIES, computed);
});

test('the connection side (server, host proxy) evaluates no language service', () => {
  const { modules } = evaluatedBy(`require(${JSON.stringify(path.join(REPO, 'server', 'src', 'lsp', 'server.ts'))}); require(${JSON.stringify(path.join(REPO, 'server', 'src', 'lsp', 'hostProxy.ts'))});`);
  assert.ok(modules.includes('server/src/lsp/server.ts'), modules.join('\n'));
  const core = modules.filter((m) => m.startsWith('server/src/core/dockerfile/') || m.startsWith('server/src/core/compose/') || m.startsWith('node_modules/yaml/'));
  assert.deepEqual(core, []);
});

test('a host that only sees Dockerfiles never evaluates the compose service, and the other way round', () => {
  const session = (uri: string, languageId: string, text: string, line: number, character: number) => `
    const h = new host.LanguageHost();
    h.handle({ type: 'state', locale: 'en' });
    h.handle({ type: 'open', uri: '${uri}', languageId: '${languageId}', version: 1, text: '${text}' });
    const diagnostics = h.handle({ type: 'validate', id: 1, uri: '${uri}' });
    const hover = h.handle({ type: 'request', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: '${uri}' }, position: { line: ${line}, character: ${character} } } });
    output = JSON.stringify({ loaded: h.loadedKinds(), validated: Array.isArray(diagnostics.result), hovered: hover.result !== null });`;

  const dockerfile = evaluatedBy(session('file:///tmp/dwb-lazy/Dockerfile', 'dockerfile', DOCKERFILE, 1, 1));
  assert.deepEqual(JSON.parse(dockerfile.output), { loaded: ['dockerfile'], validated: true, hovered: true });
  assert.ok(dockerfile.modules.some(isDockerfileRules), 'the Dockerfile checks ran');
  assert.deepEqual(dockerfile.modules.filter(isCompose), []);

  const compose = evaluatedBy(session('file:///tmp/dwb-lazy/compose.yaml', 'dockercompose', COMPOSE, 2, 6));
  assert.deepEqual(JSON.parse(compose.output), { loaded: ['compose'], validated: true, hovered: true });
  assert.ok(compose.modules.some(isCompose), 'the compose checks ran');
  assert.deepEqual(compose.modules.filter(isDockerfileRules), []);
  // The subset reader read it: the YAML package was never evaluated; a text it declines (a tag) evaluates it.
  const yamlPackage = (m: string) => m.startsWith('node_modules/yaml/');
  assert.deepEqual(compose.modules.filter(yamlPackage), []);
  const tagged = evaluatedBy(session('file:///tmp/dwb-lazy/compose.yaml', 'dockercompose', COMPOSE.replace('image: nginx', 'image: !reset null'), 2, 6));
  assert.ok(tagged.modules.some(yamlPackage), 'the package read the tagged file');
  // build.target reads the Dockerfile's stage names with the Dockerfile parser, and nothing above it.
  const dockerfileModules = compose.modules.filter((m) => m.startsWith('server/src/core/dockerfile/'));
  assert.ok(dockerfileModules.includes('server/src/core/dockerfile/syntax/parser.ts'), dockerfileModules.join('\n'));
  assert.deepEqual(dockerfileModules.filter((m) => !m.startsWith('server/src/core/dockerfile/syntax/') || m.includes('/shell/')), []);
});

test('the server bundle is ASCII only, so every thread keeps its source as one-byte text', async () => {
  const result = await build({
    entryPoints: [path.join(REPO, 'server', 'src', 'main.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent', write: false, minifySyntax: true, minifyWhitespace: true,
  });
  const text = result.outputFiles[0]!.text;
  const beyond = [...text.matchAll(/[^\x00-\x7f]/g)].slice(0, 5).map((m) => `${JSON.stringify(m[0])} in …${text.slice(Math.max(0, m.index - 40), m.index + 10)}`);
  assert.deepEqual(beyond, []);
});

test('the server loads no Node module its libraries only need for other transports or helpers (crypto, child_process, fs/promises)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-footprint-'));
  await buildServer(dir);
  // What the process loaded, written as it exits (the server's own stdout is the transport).
  const preload = path.join(dir, 'modules.cjs');
  const list = path.join(dir, 'modules.txt');
  fs.writeFileSync(preload, `const base = process.moduleLoadList.length; process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.slice(base).join('\\n')));`);
  const peer = new LspPeer(process.execPath, ['-r', preload, path.join(dir, 'server.js'), '--stdio', '--no-code-cache']);
  try {
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    peer.notify('initialized', {});
    for (const [uri, languageId, text] of [['file:///tmp/dwb-modules/compose.yaml', 'dockercompose', 'services:\n  web:\n    image: nginx\n'], ['file:///tmp/dwb-modules/Dockerfile', 'dockerfile', 'FROM alpine\nRUNN x\n']]) {
      const published = peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 30_000);
      peer.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      await published;
    }
    await peer.request('shutdown', null);
    peer.notify('exit', null);
    await new Promise<void>((resolve) => { if (peer.child.exitCode !== null) resolve(); else peer.child.once('exit', () => resolve()); });
    const loaded = fs.readFileSync(list, 'utf8').split('\n');
    assert.ok(loaded.includes('NativeModule worker_threads'), loaded.join(', '));
    assert.deepEqual(loaded.filter((m) => /^NativeModule (crypto|child_process|fs\/promises|dgram|internal\/readline\/interface)$/.test(m)), []);
  } finally {
    await peer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('small documents start no worker thread; a larger one starts the validation worker, its first request the request worker', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-footprint-'));
  await buildServer(dir);
  const peer = new LspPeer(process.execPath, [path.join(dir, 'server.js'), '--stdio', '--no-code-cache']);
  try {
    const started: string[] = [];
    peer.observe((m) => {
      const match = m.method === 'window/logMessage' ? /^(\w+) worker started/.exec(m.params.message) : null;
      if (match) started.push(match[1]!);
    });
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    peer.notify('initialized', {});
    const diagnostics = (uri: string, version: number) => peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version, 60_000);
    const hover = async (uri: string, line: number) => {
      // A cold worker may miss the answer time once on a loaded machine: ask again (bounded).
      let answer: { contents: { value: string } } | null = null;
      for (let tries = 0; tries < 20 && !answer; tries++) answer = await peer.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 1 } });
      return answer;
    };
    const small = 'file:///tmp/dwb-footprint/Dockerfile';
    let ready = diagnostics(small, 1);
    peer.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nRUN echo hi\n' } });
    await ready;
    ready = diagnostics(small, 2);
    peer.notify('textDocument/didChange', { textDocument: { uri: small, version: 2 }, contentChanges: [{ text: 'FROM alpine:3.20\nRUNN echo hi\n' }] });
    assert.ok((await ready).params.diagnostics.some((d: { code: string }) => d.code === 'unknown-instruction'));
    assert.match((await hover(small, 0))!.contents.value, /FROM/);
    assert.deepEqual(started, [], 'the main thread checked and answered the small file');

    // Past MAIN_THREAD_MAX_CHARS open in all: the workers take every document.
    const large = 'file:///tmp/dwb-footprint/large/Dockerfile';
    const text = `FROM alpine:3.20\n${'RUN echo "a line long enough to fill the file quickly, again and again"\n'.repeat(1000)}RUNN x\n`;
    assert.ok(text.length > MAIN_THREAD_MAX_CHARS);
    ready = diagnostics(large, 1);
    peer.notify('textDocument/didOpen', { textDocument: { uri: large, languageId: 'dockerfile', version: 1, text } });
    assert.ok((await ready).params.diagnostics.some((d: { code: string }) => d.code === 'unknown-instruction'));
    assert.deepEqual(started, ['validation']);
    assert.match((await hover(large, 0))!.contents.value, /FROM/);
    assert.deepEqual(started, ['validation', 'requests']);
    // The small file's edits and requests go to the workers too now, which were told of it.
    ready = diagnostics(small, 3);
    peer.notify('textDocument/didChange', { textDocument: { uri: small, version: 3 }, contentChanges: [{ text: 'FROM alpine:3.20\nRUN echo hi\nEXPOS 80\n' }] });
    assert.ok((await ready).params.diagnostics.some((d: { code: string; range: { start: { line: number } } }) => d.code === 'unknown-instruction' && d.range.start.line === 2));
    assert.match((await hover(small, 1))!.contents.value, /RUN/);
    // Closed, the small file is the main thread's again, told its text as it is now (an edit
    // applied to the text it had before would leave RUNN on line 2); no third worker ever starts.
    peer.notify('textDocument/didClose', { textDocument: { uri: large } });
    ready = diagnostics(small, 4);
    peer.notify('textDocument/didChange', { textDocument: { uri: small, version: 4 }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, text: 'EXPOSE' }] });
    assert.deepEqual((await ready).params.diagnostics.filter((d: { code: string }) => d.code === 'unknown-instruction'), []);
    assert.match((await hover(small, 0))!.contents.value, /FROM/);
    assert.deepEqual(started, ['validation', 'requests']);
  } finally {
    await peer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('told a large file is open (--start-validation-worker), the server has its validation worker up before the first file; small files stay on the main thread', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-footprint-'));
  await buildServer(dir);
  const peer = new LspPeer(process.execPath, [path.join(dir, 'server.js'), '--stdio', '--no-code-cache', '--start-validation-worker']);
  try {
    const started: string[] = [];
    peer.observe((m) => {
      const match = m.method === 'window/logMessage' ? /^(\w+) worker started \((\w+)\)/.exec(m.params.message) : null;
      if (match) started.push(`${match[1]} ${match[2]}`);
    });
    const up = peer.next((m) => m.method === 'window/logMessage' && /^validation worker started/.test(m.params.message), 30_000);
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    peer.notify('initialized', {});
    await up;
    assert.deepEqual(started, ['validation first'], 'started before any document arrived');
    const diagnostics = (uri: string, version: number) => peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version, 60_000);
    const large = 'file:///tmp/dwb-footprint/early/large/Dockerfile';
    const text = `FROM alpine:3.20\n${'RUN echo "a line long enough to fill the file quickly, again and again"\n'.repeat(1000)}RUNN x\n`;
    assert.ok(text.length > MAIN_THREAD_MAX_CHARS);
    let ready = diagnostics(large, 1);
    peer.notify('textDocument/didOpen', { textDocument: { uri: large, languageId: 'dockerfile', version: 1, text } });
    assert.ok((await ready).params.diagnostics.some((d: { code: string }) => d.code === 'unknown-instruction'));
    peer.notify('textDocument/didClose', { textDocument: { uri: large } });
    // With the large file closed, a small one is the main thread's: answered without a request worker.
    const small = 'file:///tmp/dwb-footprint/early/Dockerfile';
    ready = diagnostics(small, 1);
    peer.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nRUNN echo hi\n' } });
    assert.ok((await ready).params.diagnostics.some((d: { code: string }) => d.code === 'unknown-instruction'));
    const hover = await peer.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 1 } });
    assert.match(hover.contents.value, /FROM/);
    assert.deepEqual(started, ['validation first'], 'the worker the start-up started took the large file; nothing else started');
  } finally {
    await peer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a small file whose check is slow on the main thread goes to the validation worker; the others stay', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-footprint-'));
  await buildServer(dir);
  const peer = new LspPeer(process.execPath, [path.join(dir, 'server.js'), '--stdio', '--no-code-cache'], { env: { ...process.env, DWB_HOST_TEST_HOOKS: '1' } });
  try {
    const started: string[] = [];
    const logs: string[] = [];
    peer.observe((m) => {
      if (m.method !== 'window/logMessage') return;
      logs.push(m.params.message);
      const match = /^(\w+) worker started/.exec(m.params.message);
      if (match) started.push(match[1]!);
    });
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    peer.notify('initialized', {});
    const diagnostics = (uri: string, version: number) => peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version, 60_000);
    const fast = 'file:///tmp/dwb-footprint/fast/Dockerfile';
    let ready = diagnostics(fast, 1);
    peer.notify('textDocument/didOpen', { textDocument: { uri: fast, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nRUN echo hi\n' } });
    await ready;
    // Its checks take 250 ms each (a test hook): past MAIN_THREAD_SLOW_MS once the service is warm.
    const slow = 'file:///tmp/dwb-footprint/slow/Dockerfile';
    ready = diagnostics(slow, 1);
    peer.notify('textDocument/didOpen', { textDocument: { uri: slow, languageId: 'dockerfile', version: 1, text: '# dwb-test: sluggish\nFROM alpine\n' } });
    await ready;
    ready = diagnostics(slow, 2);
    peer.notify('textDocument/didChange', { textDocument: { uri: slow, version: 2 }, contentChanges: [{ text: '# dwb-test: sluggish\nFROM alpine\nRUNN x\n' }] });
    assert.ok((await ready).params.diagnostics.some((d: { code: string }) => d.code === 'unknown-instruction'));
    assert.deepEqual(started, ['validation']);
    // The other file stays on the main thread; nothing was stopped.
    ready = diagnostics(fast, 2);
    peer.notify('textDocument/didChange', { textDocument: { uri: fast, version: 2 }, contentChanges: [{ text: 'FROM alpine:3.20\nRUNN echo hi\n' }] });
    assert.ok((await ready).params.diagnostics.some((d: { code: string }) => d.code === 'unknown-instruction'));
    const hover = await peer.request('textDocument/hover', { textDocument: { uri: fast }, position: { line: 0, character: 1 } });
    assert.match(hover.contents.value, /FROM/);
    assert.deepEqual(started, ['validation'], 'answered on the main thread: no request worker');
    assert.ok(!logs.some((l) => /main thread: a call ran past/.test(l)), logs.join('\n'));
  } finally {
    await peer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
