// The LSP adapter (server/src/lsp/server.ts) end to end, in memory: a real LSP client connection
// and the server's connection joined by two streams, the language hosts inline (as `--inline`
// runs them), no process and no worker thread. Every capability the server advertises is asked
// for once and its answer checked for content; the last test fails when a capability is
// advertised that no test here asks for.
import { describe, it, before, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type InitializeResult, type ProtocolConnection, type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';
import { TextDocument, type TextEdit } from 'vscode-languageserver-textdocument';
import { startServer, SERVER_NAME, SERVER_VERSION } from '../../../server/src/lsp/server';
import { ADVERTISED_CAPABILITIES } from '../../../server/src/lsp/advertisedCapabilities';
import { LIMIT_CODE } from '../../../server/src/core/limits';
import { dockerfileLanguageService } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { composeLanguageService } from '../../../server/src/core/compose/composeLanguageService';
import type { Diagnostic } from '../../../server/src/core/types';
import { context } from '../dockerfile/helpers';

const DOCKERFILE_TEXT = [
  'FROM node:22 AS build',
  'ARG APP_DIR=/app',
  'WORKDIR $APP_DIR',
  'RUNN echo hi',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  '',
  'FROM node:latest',
  'COPY --from=build /app /app',
  'CMD ["node", "server.js"]',
  '',
].join('\n');
const COMPOSE_TEXT = 'services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n    ports: ["8080:80"]\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n';
const UNFORMATTED_TEXT = 'FROM alpine:3.20\n  run   apk add --no-cache curl \\\ngit\nCMD ["sh"]   \n';
/** Reads a file outside the workspace folder, which only a trusted workspace (or a new folder) allows. */
const OUTSIDE_TEXT = 'services:\n  web:\n    image: nginx:1.27\n    env_file: ../elsewhere/missing.env\n';
const FORMATTING_OPTIONS = { tabSize: 2, insertSpaces: true };

/** The LSP methods each advertised capability (and its sub-options) makes a client send. */
function methodsOf(capabilities: ServerCapabilities): string[] {
  const methods: string[] = [];
  const add = (on: unknown, ...names: string[]) => {
    if (on !== undefined && on !== false && on !== null) methods.push(...names);
  };
  const options = (value: unknown) => (typeof value === 'object' && value !== null ? value as Record<string, unknown> : {});
  for (const [key, value] of Object.entries(capabilities)) {
    switch (key) {
      // The server's answer to these, publishDiagnostics, is checked by the tests that send them.
      case 'textDocumentSync': add(value, 'textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose'); break;
      case 'completionProvider': add(value, 'textDocument/completion'); add(options(value).resolveProvider, 'completionItem/resolve'); break;
      case 'hoverProvider': add(value, 'textDocument/hover'); break;
      case 'signatureHelpProvider': add(value, 'textDocument/signatureHelp'); break;
      case 'definitionProvider': add(value, 'textDocument/definition'); break;
      case 'referencesProvider': add(value, 'textDocument/references'); break;
      case 'documentHighlightProvider': add(value, 'textDocument/documentHighlight'); break;
      case 'renameProvider': add(value, 'textDocument/rename'); add(options(value).prepareProvider, 'textDocument/prepareRename'); break;
      case 'documentSymbolProvider': add(value, 'textDocument/documentSymbol'); break;
      case 'foldingRangeProvider': add(value, 'textDocument/foldingRange'); break;
      case 'selectionRangeProvider': add(value, 'textDocument/selectionRange'); break;
      case 'documentLinkProvider': add(value, 'textDocument/documentLink'); add(options(value).resolveProvider, 'documentLink/resolve'); break;
      case 'documentFormattingProvider': add(value, 'textDocument/formatting'); break;
      case 'documentRangeFormattingProvider': add(value, 'textDocument/rangeFormatting'); break;
      case 'documentOnTypeFormattingProvider': add(value, 'textDocument/onTypeFormatting'); break;
      case 'codeActionProvider': add(value, 'textDocument/codeAction'); add(options(value).resolveProvider, 'codeAction/resolve'); break;
      case 'codeLensProvider': add(value, 'textDocument/codeLens'); add(options(value).resolveProvider, 'codeLens/resolve'); break;
      case 'inlayHintProvider': add(value, 'textDocument/inlayHint'); add(options(value).resolveProvider, 'inlayHint/resolve'); break;
      case 'semanticTokensProvider': {
        const full = options(value).full;
        add(full, 'textDocument/semanticTokens/full');
        add(options(full).delta, 'textDocument/semanticTokens/full/delta');
        add(options(value).range, 'textDocument/semanticTokens/range');
        break;
      }
      case 'workspace': {
        const folders = options(options(value).workspaceFolders);
        // The folders given at initialize: what the trust test reads inside.
        add(folders.supported, 'initialize');
        add(folders.changeNotifications, 'workspace/didChangeWorkspaceFolders');
        break;
      }
      // Anything else is a capability this file does not know yet: it must get a test first.
      default: methods.push(`unknown capability ${key}`);
    }
  }
  return methods;
}

/** Requests a server may send its client; each is answered with null and recorded. */
const SERVER_REQUESTS = ['client/registerCapability', 'client/unregisterCapability', 'workspace/configuration', 'workspace/workspaceFolders', 'workspace/codeLens/refresh', 'workspace/inlayHint/refresh', 'workspace/semanticTokens/refresh', 'workspace/diagnostic/refresh'];

interface Session {
  client: ProtocolConnection;
  init: InitializeResult;
  /** Every publishDiagnostics, in order. */
  publications: { uri: string; version?: number; diagnostics: Diagnostic[] }[];
  /** Methods the client sent (requests and notifications). */
  sent: Set<string>;
  /** Called after each publication and server request (a connection has one handler per method). */
  waiters: Set<() => void>;
  /** What the server asked the client for (registrations, refreshes). */
  serverRequests: string[];
  streams: PassThrough[];
}

function connect(initParams: Record<string, unknown>): Promise<Session> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // Reader and writer objects, not the raw streams: given a stream, vscode-languageserver ends the
  // process when the stream closes.
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, {});
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const publications: Session['publications'] = [];
  const serverRequests: string[] = [];
  const waiters = new Set<() => void>();
  const session: Omit<Session, 'init'> = { client, publications, waiters, sent: new Set<string>(), serverRequests, streams: [toServer, toClient] };
  client.onNotification('textDocument/publishDiagnostics', (params: Session['publications'][number]) => {
    publications.push(params);
    for (const waiter of [...waiters]) waiter();
    // A validation that ran out of its time budget (a loaded machine) is checked again, so a
    // test waits for the full answer rather than failing on the note.
    if (params.diagnostics.some((d) => d.code === LIMIT_CODE)) client.sendNotification('workspace/didChangeWatchedFiles', { changes: [] });
  });
  client.onNotification('window/logMessage', () => undefined);
  for (const method of SERVER_REQUESTS) {
    client.onRequest(method, () => {
      serverRequests.push(method);
      for (const waiter of [...waiters]) waiter();
      return null;
    });
  }
  client.listen();
  return client.sendRequest('initialize', initParams).then((init) => {
    client.sendNotification('initialized', {});
    return { ...session, init: init as InitializeResult };
  });
}

/** Resolves with the first publication for `uri` (already received or still to come) that `match` accepts. */
function published(session: Session, uri: string, match: (diagnostics: Diagnostic[]) => boolean, after = 0): Promise<Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const found = session.publications.slice(after).find((p) => p.uri === uri && match(p.diagnostics));
      if (!found) return false;
      resolve(found.diagnostics);
      return true;
    };
    if (check()) return;
    const waiter = () => {
      if (check()) session.waiters.delete(waiter);
    };
    session.waiters.add(waiter);
  });
}

/** Resolves once the server has sent the request `method` to the client `count` times in all. */
function serverAsked(session: Session, method: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => session.serverRequests.filter((m) => m === method).length >= count;
    if (check()) return resolve();
    const waiter = () => {
      if (!check()) return;
      session.waiters.delete(waiter);
      resolve();
    };
    session.waiters.add(waiter);
  });
}

const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => ({ code: d.code, line: d.range.start.line, message: d.message }));
const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number) =>
  ({ start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } });
const applied = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), edits);

describe('the LSP adapter over in-memory streams', () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-lsp-')));
  const workspace = path.join(root, 'ws');
  const elsewhere = path.join(root, 'elsewhere');
  const uriOf = (file: string) => pathToFileURL(file).href;
  const DOCKERFILE = uriOf(path.join(workspace, 'Dockerfile'));
  const COMPOSE = uriOf(path.join(workspace, 'compose.yaml'));
  const UNFORMATTED = uriOf(path.join(workspace, 'fmt', 'Dockerfile'));
  const OUTSIDE = uriOf(path.join(workspace, 'outside.yaml'));
  let session: Session;

  const ask = <T>(method: string, params?: object): Promise<T> => {
    session.sent.add(method);
    return (params === undefined ? session.client.sendRequest(method) : session.client.sendRequest(method, params)) as Promise<T>;
  };
  const tell = (method: string, params?: object) => {
    session.sent.add(method);
    return params === undefined ? session.client.sendNotification(method) : session.client.sendNotification(method, params);
  };
  const at = (uri: string, line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

  before(async () => {
    fs.mkdirSync(workspace, { recursive: true });
    fs.mkdirSync(elsewhere);
    // Load both services (and the shell parser) before the clock of the first validation starts.
    dockerfileLanguageService.validate({ uri: DOCKERFILE, version: 0, getText: () => DOCKERFILE_TEXT }, context());
    composeLanguageService.validate({ uri: COMPOSE, version: 0, getText: () => COMPOSE_TEXT }, context());
    session = await connect({
      processId: null,
      rootUri: uriOf(workspace),
      workspaceFolders: [{ uri: uriOf(workspace), name: 'ws' }],
      capabilities: { workspace: { workspaceFolders: true, codeLens: { refreshSupport: true } } },
      initializationOptions: { locale: 'en' },
    });
    session.sent.add('initialize');
    for (const [uri, languageId, text] of [[DOCKERFILE, 'dockerfile', DOCKERFILE_TEXT], [COMPOSE, 'dockercompose', COMPOSE_TEXT], [UNFORMATTED, 'dockerfile', UNFORMATTED_TEXT]] as const) {
      tell('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    }
  });

  after(() => {
    session.client.dispose();
    for (const stream of session.streams) stream.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('initialize: the advertised capabilities, the workspace folder support and the server info', () => {
    const { workspace: folders, ...rest } = session.init.capabilities;
    assert.deepEqual(rest, ADVERTISED_CAPABILITIES);
    assert.deepEqual(folders, { workspaceFolders: { supported: true, changeNotifications: true } });
    assert.deepEqual(session.init.serverInfo, { name: SERVER_NAME, version: SERVER_VERSION });
  });

  it('didOpen publishes the Dockerfile\'s findings and the compose file\'s (none)', async () => {
    const diagnostics = await published(session, DOCKERFILE, (d) => !d.some((x) => x.code === LIMIT_CODE));
    assert.deepEqual(summary(diagnostics), [
      { code: 'unknown-instruction', line: 3, message: 'Unknown instruction: RUNN. Did you mean RUN?' },
      { code: 'latest-tag', line: 7, message: 'The latest tag changes over time; pin a specific version.' },
    ]);
    const [unknown] = diagnostics;
    assert.deepEqual(unknown?.range, range(3, 0, 3, 4));
    assert.equal(unknown?.severity, 1);
    assert.equal(unknown?.source, 'docker-workbench');
    assert.deepEqual(await published(session, COMPOSE, () => true), []);
  });

  it('didChange (incremental) republishes: a compose key misspelt, then put right', async () => {
    const start = session.publications.length;
    tell('textDocument/didChange', { textDocument: { uri: COMPOSE, version: 2 }, contentChanges: [{ range: range(2, 4, 2, 9), text: 'imag' }] });
    const broken = await published(session, COMPOSE, (d) => d.length > 0, start);
    assert.deepEqual(summary(broken), [{ code: 'compose-unknown-key', line: 2, message: 'Unknown key "imag" in service "web". Did you mean "image"?' }]);
    assert.deepEqual(broken[0]?.range, range(2, 4, 2, 8));
    const again = session.publications.length;
    tell('textDocument/didChange', { textDocument: { uri: COMPOSE, version: 3 }, contentChanges: [{ range: range(2, 4, 2, 8), text: 'image' }] });
    assert.deepEqual(await published(session, COMPOSE, (d) => !d.some((x) => x.code === LIMIT_CODE), again), []);
    assert.equal(session.publications.filter((p) => p.uri === COMPOSE).at(-1)?.version, 3);
  });

  it('completion at a misspelt instruction offers RUN with its snippet over the typed word', async () => {
    const list = await ask<{ items: { label: string; textEdit?: TextEdit; insertTextFormat?: number }[] }>('textDocument/completion', at(DOCKERFILE, 3, 2));
    const run = list.items.find((i) => i.label === 'RUN');
    assert.deepEqual(run?.textEdit, { range: range(3, 0, 3, 2), newText: 'RUN ${1:command}' });
    assert.equal(run?.insertTextFormat, 2);
    assert.ok(list.items.some((i) => i.label === 'WORKDIR'));
  });

  it('hover: the instruction\'s documentation in a Dockerfile, the key\'s in a compose file', async () => {
    const hover = await ask<{ contents: { kind: string; value: string }; range: unknown }>('textDocument/hover', at(DOCKERFILE, 2, 2));
    assert.equal(hover.contents.kind, 'markdown');
    assert.ok(hover.contents.value.startsWith('**WORKDIR** — `WORKDIR <path>`\n\nSets the working directory for the following RUN, CMD, ENTRYPOINT, COPY and ADD instructions'), hover.contents.value);
    assert.deepEqual(hover.range, range(2, 0, 2, 7));
    const key = await ask<{ contents: { value: string }; range: unknown }>('textDocument/hover', at(COMPOSE, 2, 6));
    assert.ok(key.contents.value.startsWith('**image** (string)\n\nSpecify the image to start the container from.'), key.contents.value);
    assert.deepEqual(key.range, range(2, 4, 2, 9));
  });

  it('signatureHelp: the instruction\'s syntax with its parameter', async () => {
    const help = await ask<{ signatures: { label: string; parameters: { label: [number, number] }[] }[]; activeParameter: number }>('textDocument/signatureHelp', at(DOCKERFILE, 2, 8));
    assert.equal(help.signatures.length, 1);
    assert.equal(help.signatures[0]?.label, 'WORKDIR <path>');
    assert.deepEqual(help.signatures[0]?.parameters.map((p) => p.label), [[8, 14]]);
    assert.equal(help.activeParameter, 0);
  });

  it('definition: a variable goes to its ARG, a compose dependency to its service', async () => {
    assert.deepEqual(await ask('textDocument/definition', at(DOCKERFILE, 2, 10)), [{ uri: DOCKERFILE, range: range(1, 4, 1, 11) }]);
    assert.deepEqual(await ask('textDocument/definition', at(COMPOSE, 3, 18)), [{ uri: COMPOSE, range: range(5, 2, 5, 4) }]);
  });

  it('references and documentHighlight: the ARG and its use', async () => {
    assert.deepEqual(await ask('textDocument/references', { ...at(DOCKERFILE, 1, 6), context: { includeDeclaration: true } }), [
      { uri: DOCKERFILE, range: range(1, 4, 1, 11) },
      { uri: DOCKERFILE, range: range(2, 9, 2, 16) },
    ]);
    // Write (3) at the declaration, read (2) at the use.
    assert.deepEqual(await ask('textDocument/documentHighlight', at(DOCKERFILE, 1, 6)), [
      { range: range(1, 4, 1, 11), kind: 3 },
      { range: range(2, 9, 2, 16), kind: 2 },
    ]);
  });

  it('prepareRename and rename: the variable\'s name, renamed at the declaration and the use', async () => {
    assert.deepEqual(await ask('textDocument/prepareRename', at(DOCKERFILE, 1, 6)), { range: range(1, 4, 1, 11), placeholder: 'APP_DIR' });
    const edit = await ask<{ changes: Record<string, TextEdit[]> }>('textDocument/rename', { ...at(DOCKERFILE, 1, 6), newName: 'ROOT' });
    assert.deepEqual(Object.keys(edit.changes), [DOCKERFILE]);
    assert.equal(applied(DOCKERFILE_TEXT, edit.changes[DOCKERFILE] ?? []).split('\n').slice(1, 3).join('\n'), 'ARG ROOT=/app\nWORKDIR $ROOT');
  });

  it('documentSymbol: stages with their instructions; compose services under "services"', async () => {
    type Symbol = { name: string; kind: number; detail?: string; children?: Symbol[] };
    const outline = (symbols: Symbol[]): unknown => symbols.map((s) => ({ name: s.name, detail: s.detail, ...(s.children ? { children: outline(s.children) } : {}) }));
    assert.deepEqual(outline(await ask<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri: DOCKERFILE } })), [
      { name: 'build', detail: 'node:22', children: [
        { name: 'APP_DIR', detail: 'ARG = /app' },
        { name: 'WORKDIR $APP_DIR', detail: undefined },
        { name: 'RUNN echo hi', detail: undefined },
        { name: 'COPY package.json package-lock.json ./', detail: undefined },
        { name: 'RUN npm ci', detail: undefined },
      ] },
      { name: 'stage 1', detail: 'node:latest', children: [
        { name: 'COPY --from=build /app /app', detail: undefined },
        { name: 'CMD ["node", "server.js"]', detail: undefined },
      ] },
    ]);
    assert.deepEqual(outline(await ask<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri: COMPOSE } })), [
      { name: 'services', detail: undefined, children: [{ name: 'web', detail: 'nginx:1.27' }, { name: 'db', detail: 'postgres:16' }] },
    ]);
  });

  it('foldingRange: one range per stage', async () => {
    assert.deepEqual(await ask('textDocument/foldingRange', { textDocument: { uri: DOCKERFILE } }), [{ startLine: 0, endLine: 5 }, { startLine: 7, endLine: 9 }]);
  });

  it('selectionRange: word, arguments, instruction, stage, file', async () => {
    type Selection = { range: unknown; parent?: Selection };
    const [selection] = await ask<Selection[]>('textDocument/selectionRange', { textDocument: { uri: DOCKERFILE }, positions: [{ line: 3, character: 6 }] });
    const chain: unknown[] = [];
    for (let s: Selection | undefined = selection; s && chain.length < 10; s = s.parent) chain.push(s.range);
    assert.deepEqual(chain, [range(3, 5, 3, 9), range(3, 5, 3, 12), range(3, 0, 3, 12), range(0, 0, 5, 10), range(0, 0, 10, 0)]);
  });

  it('documentLink: base images link to their Docker Hub page', async () => {
    assert.deepEqual(await ask('textDocument/documentLink', { textDocument: { uri: DOCKERFILE } }), [
      { range: range(0, 5, 0, 12), target: 'https://hub.docker.com/_/node' },
      { range: range(7, 5, 7, 16), target: 'https://hub.docker.com/_/node' },
    ]);
    const links = await ask<{ target: string; tooltip: string }[]>('textDocument/documentLink', { textDocument: { uri: COMPOSE } });
    assert.deepEqual(links.map((l) => [l.target, l.tooltip]), [['https://hub.docker.com/_/nginx', 'Open the image page'], ['https://hub.docker.com/_/postgres', 'Open the image page']]);
  });

  it('formatting, rangeFormatting and onTypeFormatting: the edits give the formatted text', async () => {
    const whole = await ask<TextEdit[]>('textDocument/formatting', { textDocument: { uri: UNFORMATTED }, options: FORMATTING_OPTIONS });
    assert.equal(applied(UNFORMATTED_TEXT, whole), 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n  git\nCMD ["sh"]\n');
    // Only the lines of the range: the continuation line and the trailing spaces stay as they are.
    const part = await ask<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri: UNFORMATTED }, range: range(0, 0, 1, 5), options: FORMATTING_OPTIONS });
    assert.equal(applied(UNFORMATTED_TEXT, part), 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\ngit\nCMD ["sh"]   \n');
    // Enter after a line ending in a backslash indents the continuation line.
    const typed = 'FROM alpine:3.20\nRUN apk add \\\n\n';
    tell('textDocument/didChange', { textDocument: { uri: UNFORMATTED, version: 2 }, contentChanges: [{ text: typed }] });
    const onType = await ask<TextEdit[]>('textDocument/onTypeFormatting', { ...at(UNFORMATTED, 2, 0), ch: '\n', options: FORMATTING_OPTIONS });
    assert.equal(applied(typed, onType), 'FROM alpine:3.20\nRUN apk add \\\n  \n');
  });

  it('codeAction: the quick fix for the unknown instruction, applied, gives RUN', async () => {
    const [diagnostic] = (await published(session, DOCKERFILE, (d) => d.some((x) => x.code === 'unknown-instruction'))).filter((d) => d.code === 'unknown-instruction');
    assert.ok(diagnostic);
    const actions = await ask<{ title: string; kind: string; isPreferred: boolean; edit: { changes: Record<string, TextEdit[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: DOCKERFILE }, range: range(3, 0, 3, 0), context: { diagnostics: [diagnostic] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Change to RUN', 'quickfix', true], ['Ignore unknown-instruction for this instruction', 'quickfix', false]]);
    const fixed = applied(DOCKERFILE_TEXT, actions[0]?.edit.changes[DOCKERFILE] ?? []);
    assert.equal(fixed.split('\n')[3], 'RUN echo hi');
    const ignored = applied(DOCKERFILE_TEXT, actions[1]?.edit.changes[DOCKERFILE] ?? []);
    assert.deepEqual(ignored.split('\n').slice(3, 5), ['# workbench ignore=unknown-instruction', 'RUNN echo hi']);
  });

  it('codeLens: build lenses on the stages, up and logs on the compose services', async () => {
    type Lens = { range: unknown; command: { title: string; command: string; arguments: unknown[] } };
    const lenses = await ask<Lens[]>('textDocument/codeLens', { textDocument: { uri: DOCKERFILE } });
    assert.deepEqual(lenses.map((l) => [l.command.title, l.command.command, l.command.arguments]), [
      ['Build this stage', 'dockerWorkbench.images.build', [{ dockerfileUri: DOCKERFILE, target: 'build' }]],
      ['Build this stage', 'dockerWorkbench.images.build', [{ dockerfileUri: DOCKERFILE }]],
      ['Build and run', 'dockerWorkbench.images.buildAndRun', [{ dockerfileUri: DOCKERFILE }]],
    ]);
    assert.deepEqual(lenses[0]?.range, range(0, 0, 0, 4));
    const compose = await ask<Lens[]>('textDocument/codeLens', { textDocument: { uri: COMPOSE } });
    assert.deepEqual(compose.map((l) => l.command.title), ['$(run-all) Up all', '$(output) Logs', '$(play) Up', '$(output) Logs', '$(play) Up', '$(output) Logs']);
    assert.deepEqual(compose[2]?.command.arguments, [{ composeFileUri: COMPOSE, services: ['web'] }]);
  });

  it('inlayHint: the value a variable resolves to', async () => {
    assert.deepEqual(await ask('textDocument/inlayHint', { textDocument: { uri: DOCKERFILE }, range: range(0, 0, 10, 0) }), [
      { position: { line: 2, character: 16 }, label: '= /app', paddingLeft: true, tooltip: 'APP_DIR resolves to /app with the defaults in this Dockerfile.' },
    ]);
  });

  it('semanticTokens/full: the first three lines\' tokens decoded with the advertised legend', async () => {
    const { data } = await ask<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: DOCKERFILE } });
    const legend = ADVERTISED_CAPABILITIES.semanticTokensProvider!.legend;
    const lines = DOCKERFILE_TEXT.split('\n');
    const tokens: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i + 4 < data.length; i += 5) {
      const [deltaLine = 0, deltaStart = 0, length = 0, type = 0, modifiers = 0] = data.slice(i, i + 5);
      line += deltaLine;
      character = deltaLine === 0 ? character + deltaStart : deltaStart;
      if (line > 2) break;
      const names = legend.tokenModifiers.filter((_, bit) => (modifiers & (1 << bit)) !== 0);
      tokens.push(`${line}:${lines[line]?.slice(character, character + length)} ${legend.tokenTypes[type]}${names.map((n) => `.${n}`).join('')}`);
    }
    assert.deepEqual(tokens, ['0:FROM keyword', '0:node:22 namespace', '0:AS keyword', '0:build class.declaration', '1:ARG keyword', '1:APP_DIR variable.declaration', '2:WORKDIR keyword', '2:$APP_DIR variable']);
  });

  it('explainDockerfile (custom request): the explanation of the open Dockerfile', async () => {
    const { markdown } = await ask<{ markdown: string }>('dockerWorkbench/explainDockerfile', { uri: DOCKERFILE });
    assert.ok(markdown.startsWith('# Explanation of Dockerfile\n\n## Summary\n\n- 2 stages (a multi-stage build)'), markdown.slice(0, 200));
    assert.ok(markdown.includes('The final image is built on `node:latest`.'));
    assert.ok(markdown.includes('## Stage 1 of 2: `build`'));
  });

  it('workspace/didChangeConfiguration and the settings notification change rule severities and republish', async () => {
    const start = session.publications.length;
    tell('workspace/didChangeConfiguration', { settings: { dockerWorkbench: { rules: { 'latest-tag': 'off', 'unknown-instruction': 'hint' } } } });
    const changed = await published(session, DOCKERFILE, (d) => !d.some((x) => x.code === 'latest-tag' || x.code === LIMIT_CODE), start);
    assert.deepEqual(changed.map((d) => [d.code, d.severity]), [['unknown-instruction', 4]]);
    const again = session.publications.length;
    tell('dockerWorkbench/settings', { rules: {} });
    const restored = await published(session, DOCKERFILE, (d) => d.some((x) => x.code === 'latest-tag'), again);
    assert.deepEqual(restored.map((d) => [d.code, d.severity]), [['unknown-instruction', 1], ['latest-tag', 4]]);
  });

  it('stack files and built images (custom notifications): "Deploy as stack" after a code lens refresh; an inlay hint refresh', async () => {
    const refreshes = session.serverRequests.filter((m) => m === 'workspace/codeLens/refresh').length;
    tell('dockerWorkbench/stackFiles', { uris: [COMPOSE], swarmManager: true });
    await serverAsked(session, 'workspace/codeLens/refresh', refreshes + 1);
    const lenses = await ask<{ command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: COMPOSE } });
    const deploy = lenses.filter((l) => l.command.command === 'dockerWorkbench.swarm.deployStack');
    assert.deepEqual(deploy.map((l) => [l.command.title, l.command.arguments]), [['$(cloud-upload) Deploy as stack', [{ composeFileUri: COMPOSE }]]]);
    const hints = session.serverRequests.filter((m) => m === 'workspace/inlayHint/refresh').length;
    tell('dockerWorkbench/builtImage', { dockerfileUri: DOCKERFILE, image: 'app:dev', imageId: 'sha256:1', layers: [] });
    await serverAsked(session, 'workspace/inlayHint/refresh', hints + 1);
  });

  it('workspace trust and workspace folders decide what is read outside the workspace folder', async () => {
    const missing = (d: Diagnostic[]) => d.filter((x) => x.code === 'compose-missing-file').map((x) => x.message);
    let start = session.publications.length;
    tell('textDocument/didOpen', { textDocument: { uri: OUTSIDE, languageId: 'dockercompose', version: 1, text: OUTSIDE_TEXT } });
    assert.deepEqual(missing(await published(session, OUTSIDE, (d) => !d.some((x) => x.code === LIMIT_CODE), start)), [], 'untrusted: not looked at');
    start = session.publications.length;
    tell('dockerWorkbench/workspaceTrust', { trusted: true });
    assert.deepEqual(missing(await published(session, OUTSIDE, (d) => missing(d).length > 0, start)), ['The env file "../elsewhere/missing.env" does not exist.']);
    start = session.publications.length;
    tell('dockerWorkbench/workspaceTrust', { trusted: false });
    await published(session, OUTSIDE, (d) => missing(d).length === 0 && !d.some((x) => x.code === LIMIT_CODE), start);
    // The folder beside becomes part of the workspace: read again, untrusted as it is.
    start = session.publications.length;
    tell('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(elsewhere), name: 'elsewhere' }], removed: [] } });
    assert.deepEqual(missing(await published(session, OUTSIDE, (d) => missing(d).length > 0, start)), ['The env file "../elsewhere/missing.env" does not exist.']);
  });

  it('workspace/didChangeWatchedFiles: a changed .hadolint.yaml is read again at once, though file answers are otherwise reused for a second', async () => {
    const trusted = (d: Diagnostic[]) => d.filter((x) => x.code === 'trusted-registry').map((x) => x.message);
    const config = path.join(workspace, '.hadolint.yaml');
    try {
      fs.writeFileSync(config, 'trustedRegistries:\n  - registry.example.com\n');
      let start = session.publications.length;
      tell('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 1 }] });
      assert.deepEqual(trusted(await published(session, DOCKERFILE, (d) => trusted(d).length > 0, start)), [
        'docker.io is not one of the trusted registries (registry.example.com).',
        'docker.io is not one of the trusted registries (registry.example.com).',
      ]);
      fs.writeFileSync(config, 'trustedRegistries:\n  - docker.io\n');
      start = session.publications.length;
      tell('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
      assert.deepEqual(trusted(await published(session, DOCKERFILE, (d) => trusted(d).length === 0, start)), []);
    } finally {
      fs.rmSync(config, { force: true });
      const start = session.publications.length;
      tell('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 3 }] });
      // Every open document is checked again: wait for all of them, so the next test starts quiet.
      for (const uri of [DOCKERFILE, COMPOSE, UNFORMATTED, OUTSIDE]) await published(session, uri, () => true, start);
    }
  });

  it('a file created between two keystrokes shows once typing pauses (1.5 s at most), with no other keystroke or watched-file event', async () => {
    const folder = path.join(workspace, 'recheck');
    fs.mkdirSync(path.join(folder, '.git'), { recursive: true });
    const uri = uriOf(path.join(folder, 'Dockerfile'));
    const missing = (d: Diagnostic[]) => d.some((x) => x.code === 'dockerignore-missing');
    let start = session.publications.length;
    tell('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nCOPY . .\n' } });
    await published(session, uri, missing, start);
    // Right after that check (its file system answers are reused for a second), a .dockerignore appears and a line is typed.
    fs.writeFileSync(path.join(folder, '.dockerignore'), '.git\n');
    start = session.publications.length;
    tell('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: range(2, 0, 2, 0), text: 'EXPOSE 80\n' }] });
    const fresh = await published(session, uri, (d) => !missing(d) && !d.some((x) => x.code === LIMIT_CODE), start);
    assert.deepEqual(fresh.filter((x) => x.code.startsWith('dockerignore')), []);
    assert.ok(session.publications.slice(start).filter((p) => p.uri === uri).every((p) => p.version === 2), 'no other version was asked for');
    start = session.publications.length;
    tell('textDocument/didClose', { textDocument: { uri } });
    await published(session, uri, (d) => d.length === 0, start);
  });

  it('didClose clears the document\'s diagnostics, and its requests get their empty answers', async () => {
    const start = session.publications.length;
    tell('textDocument/didClose', { textDocument: { uri: OUTSIDE } });
    // (A check started before the close may still publish its findings first.)
    assert.deepEqual(await published(session, OUTSIDE, (d) => d.length === 0, start), []);
    assert.equal(await ask('textDocument/hover', at(OUTSIDE, 2, 6)), null);
    assert.deepEqual(await ask('textDocument/documentSymbol', { textDocument: { uri: OUTSIDE } }), []);
  });

  it('shutdown answers, then exit ends the process with code 0', async () => {
    const exited = new Promise<number | undefined>((resolve) => {
      mock.method(process, 'exit', ((code?: number) => resolve(code)) as typeof process.exit);
    });
    try {
      assert.equal(await ask('shutdown'), null);
      tell('exit');
      assert.equal(await exited, 0);
    } finally {
      mock.restoreAll();
    }
  });

  it('every advertised capability is asked for above', () => {
    const needed = methodsOf(session.init.capabilities);
    assert.deepEqual(needed.filter((m) => !session.sent.has(m)), []);
    // The list is not vacuous: it has a method for each advertised provider.
    assert.ok(needed.length >= Object.keys(session.init.capabilities).length);
  });
});
