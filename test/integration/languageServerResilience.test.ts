// The language server under hostile input, in a real VS Code: what it answers must be something
// VS Code accepts (an outline with a symbol VS Code refuses fails the whole outline; edits that
// touch are applied wrongly by some clients), budgets end in a note instead of a hang, and a
// file being checked does not hold up a hover on another file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsFor, openWorkspaceFile, waitFor, workspaceDir } from './helpers';

const FOLDER = 'resilience';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');

describe('the language server under hostile input in VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    await (await activateExtension()).startLanguageClient();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(workspaceDir(), FOLDER), { recursive: true, force: true });
  });

  it('values doubling on every line: the findings and one budget note where the expansion stopped, and another file still answers', async () => {
    const lines = ['FROM alpine', 'ENV E0=ab', ...Array.from({ length: 40 }, (_, i) => `ENV E${i + 1}=\${E${i}}\${E${i}}`), 'RUN echo ${E40}'];
    const document = await openWorkspaceFile(`${FOLDER}/doubling/Dockerfile`, `${lines.join('\n')}\n`);
    const diagnostics = await waitFor('the budget note', async () => {
      const all = await diagnosticsFor(document.uri);
      return all.some((d) => codeOf(d) === 'analysis-limit') ? all : undefined;
    });
    const notes = diagnostics.filter((d) => codeOf(d) === 'analysis-limit');
    assert.equal(notes.length, 1);
    assert.equal(document.lineAt(notes[0]!.range.start.line).text.slice(0, 8), 'ENV E16=');
    assert.ok(diagnostics.some((d) => codeOf(d) === 'untagged-image'), 'the other findings are still there');

    const other = await openWorkspaceFile(`${FOLDER}/other/Dockerfile`, 'FROM alpine:3.20\nARG V=1\nRUN echo ${V}\n');
    const hovers = await waitFor('a hover on the other file', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', other.uri, new vscode.Position(2, 12));
      return found.length > 0 ? found : undefined;
    });
    assert.match(hoverText(hovers), /\*\*V\*\* = `1`/);
  });

  it('lines of only U+2028, U+2029 or U+3000 are blank: no unknown instruction, and the outline loads', async () => {
    const document = await openWorkspaceFile(`${FOLDER}/unicode/Dockerfile`, 'FROM alpine\n\u2028\n\u2029\n\u3000\nRUN echo hi\n\\\nENV A=1\n');
    // The untagged base image is the one finding: once it is there, the file has been checked.
    const diagnostics = await diagnosticsFor(document.uri);
    assert.deepEqual(diagnostics.map(codeOf), ['untagged-image']);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const names = symbols.flatMap((s) => [s.name, ...s.children.map((c) => c.name)]);
    assert.ok(names.length >= 3 && names.every((n) => n.trim() !== ''), JSON.stringify(names));
  });

  it('formatting edits apply as one: the keyword of a lone continuation is indented and upper-cased', async () => {
    const document = await openWorkspaceFile(`${FOLDER}/format/Dockerfile`, 'FROM alpine:3.20\n\\\nenv REDIS_VERSION 7\n');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, { tabSize: 4, insertSpaces: true });
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(document.getText(), 'FROM alpine:3.20\n\\\n    ENV REDIS_VERSION 7\n');
  });

  it('an ARG value holding backticks and an image link is shown as code in the hover', async () => {
    const document = await openWorkspaceFile(`${FOLDER}/escape/Dockerfile`, 'FROM alpine:3.20\nARG X="a` ![](https://example.com/p.png) `b"\nRUN echo $X\n');
    const hovers = await waitFor('a hover on $X', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 11));
      return found.length > 0 ? found : undefined;
    });
    assert.ok(hoverText(hovers).includes('``a` ![](https://example.com/p.png) `b``'), hoverText(hovers));
  });

  it('nested merge keys of nine aliases each: checked, and completion answers', async () => {
    const lines = ['x-m0: &m0', '  x-a: 1'];
    for (let i = 1; i <= 20; i++) lines.push(`x-m${i}: &m${i}`, `  <<: [${Array(9).fill(`*m${i - 1}`).join(', ')}]`, `  x-k${i}: ${i}`);
    lines.push('services:', '  web:', '    <<: *m20', '    image: nginx', '    restar: always');
    const document = await openWorkspaceFile(`${FOLDER}/merges/compose.yaml`, `${lines.join('\n')}\n`);
    const diagnostics = await diagnosticsFor(document.uri);
    assert.ok(diagnostics.some((d) => /restar/.test(d.message)), JSON.stringify(diagnostics.map((d) => d.message)));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(lines.length - 1, 7));
    assert.ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'restart'));
  });

  it('a Dockerfile of 5,500 ARGs and 1,100 stages: outline and code lenses load, each cut to its cap, links on every stage, and another file still answers', async () => {
    // 5,500 global ARGs and 1,100 stages (below the 2,000-stage budget): more outline entries and build
    // lenses than an answer carries, fewer items than the parse reads (10,000). The link cap needs more
    // links than stages give; the host's unit test covers it (here, URLs in the text would also get links
    // from VS Code's own link detection, which the command returns too).
    const args = Array.from({ length: 5500 }, (_, i) => `ARG A${i}=${i}\n`).join('');
    const stages = Array.from({ length: 1100 }, (_, i) => `FROM alpine:3.20 AS s${i}\n`).join('');
    const document = await openWorkspaceFile(`${FOLDER}/stages/Dockerfile`, args + stages);
    await diagnosticsFor(document.uri);
    const symbols = await waitFor('the outline', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      return found && found.length > 0 ? found : undefined;
    });
    const count = (list: vscode.DocumentSymbol[]): number => list.reduce((n, s) => n + 1 + count(s.children), 0);
    assert.equal(count(symbols), 5000);
    assert.equal(symbols[0]!.name, 'A0');
    // An answer later than 800 ms is an empty one (the work goes on): ask again until it is there.
    const nonEmpty = <T>(command: string) => waitFor(command, async () => {
      const found = await vscode.commands.executeCommand<T[]>(command, document.uri);
      return found && found.length > 0 ? found : undefined;
    });
    // One link per stage's image, each to its registry page.
    const links = await nonEmpty<vscode.DocumentLink>('vscode.executeLinkProvider');
    assert.equal(links.length, 1100);
    assert.ok(links.every((l) => l.range.start.line >= 5500), 'links only on the FROM lines');
    assert.equal((await nonEmpty<vscode.CodeLens>('vscode.executeCodeLensProvider')).length, 1000);
    const other = await openWorkspaceFile(`${FOLDER}/stages-other/Dockerfile`, 'FROM alpine:3.20\nARG V=2\nRUN echo ${V}\n');
    const hovers = await waitFor('a hover on the other file', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', other.uri, new vscode.Position(2, 12));
      return found.length > 0 ? found : undefined;
    });
    assert.match(hoverText(hovers), /\*\*V\*\* = `2`/);
  });

  it('the server keeps its code cache in the extension\'s global storage, private to the user', async () => {
    const api = await activateExtension();
    const document = await openWorkspaceFile(`${FOLDER}/cache/Dockerfile`, 'FROM alpine:3.20\nRUN make && cd /tmp\n');
    // The full answer (with the shell finding) is what makes a worker write its caches.
    await waitFor('the shell finding', async () => (await diagnosticsFor(document.uri)).some((d) => codeOf(d) === 'cd-without-effect'));
    const folder = path.join(api.globalStorageUri.fsPath, 'languageServerCache');
    const files = ['serverMain.js.v8cache', 'serverWorker.js.v8cache'];
    await waitFor('the cache files', () => files.every((f) => fs.existsSync(path.join(folder, f))));
    assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
    for (const file of files) assert.equal(fs.statSync(path.join(folder, file)).mode & 0o777, 0o600, file);
  });
});
