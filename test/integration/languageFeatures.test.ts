// The bundled language server as VS Code users meet it: diagnostics with rule ids, completion,
// hovers that teach, a quick fix applied, rename across references, code lenses that call the
// extension's commands; for Dockerfiles and compose files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, openWorkspaceFile, uniqueName, waitFor, workspaceDir } from './helpers';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker-workbench');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('language features in VS Code', function () {
  this.timeout(60_000);
  before(async () => {
    await (await activateExtension()).startLanguageClient();
  });

  describe('Dockerfile', () => {
    it('reports rule violations with stable ids and explains them on hover', async () => {
      const doc = await openWorkspaceFile(`${uniqueName('lf')}/Dockerfile`, 'FROM ubuntu:latest\nRUN apt-get update\nRUN apt-get install curl\n');
      const diagnostics = await waitFor('the Dockerfile diagnostics', () => {
        const found = ours(doc.uri);
        return found.some((d) => codeOf(d) === 'latest-tag') ? found : undefined;
      });
      const codes = diagnostics.map(codeOf);
      for (const code of ['latest-tag', 'apt-get-update-alone']) assert.ok(codes.includes(code), `${code} among ${codes}`);
      assert.ok(diagnostics.every((d) => d.severity !== vscode.DiagnosticSeverity.Error), 'nothing here stops a build');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 1));
      assert.match(hoverText(hovers), /image is being built.*new layer/s, 'RUN is explained as a build-time step that makes a layer');
    });

    it('completes instructions, stage names after --from= and variables after ${', async () => {
      const doc = await openWorkspaceFile(`${uniqueName('lf')}/Dockerfile`, 'ARG VERSION=1\nFROM busybox AS builder\nFROM busybox\nCOPY --from= /a /b\nRUN echo ${\nRU\n');
      const at = async (line: number, character: number) =>
        (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character))).items.map(labelOf);
      assert.ok((await at(5, 2)).includes('RUN'));
      assert.ok((await at(3, 12)).includes('builder'));
      assert.ok((await at(4, 11)).includes('VERSION'));
    });

    it('applies a quick fix that merges apt-get update into the install', async () => {
      const doc = await openWorkspaceFile(`${uniqueName('lf')}/Dockerfile`, 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n');
      const diagnostic = await waitFor('apt-get-update-alone', () => ours(doc.uri).find((d) => codeOf(d) === 'apt-get-update-alone'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.edit && /merge|update/i.test(a.title));
      assert.ok(fix, `a merge fix among ${actions.map((a) => a.title)}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.match(doc.getText(), /RUN apt-get update && apt-get install -y curl|apt-get update \\\n\s*&& apt-get install/);
    });

    it('renames a stage everywhere it is used', async () => {
      const doc = await openWorkspaceFile(`${uniqueName('lf')}/Dockerfile`, 'FROM busybox AS builder\nRUN echo hi > /x\nFROM busybox\nCOPY --from=builder /x /x\n');
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(0, 18), 'build');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(doc.getText(), 'FROM busybox AS build\nRUN echo hi > /x\nFROM busybox\nCOPY --from=build /x /x\n');
      const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, new vscode.Position(3, 14));
      assert.equal(references.length, 2);
    });

    it('offers build code lenses above each stage that call the extension\'s build command', async () => {
      const doc = await openWorkspaceFile(`${uniqueName('lf')}/Dockerfile`, 'FROM busybox AS base\nRUN true\nFROM base\nCMD ["true"]\n');
      const lenses = await waitFor('code lenses', async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
        return found.length ? found : undefined;
      });
      const commands = lenses.map((l) => l.command?.command);
      assert.ok(commands.includes('dockerWorkbench.images.build'));
      assert.ok(commands.includes('dockerWorkbench.images.buildAndRun'));
      const target = lenses.find((l) => l.range.start.line === 0 && l.command?.command === 'dockerWorkbench.images.build');
      assert.equal((target?.command?.arguments?.[0] as { target?: string }).target, 'base');
    });

    it('creates a .dockerignore from the quick fix of a COPY . . without one', async () => {
      const folder = uniqueName('lfignore');
      const doc = await openWorkspaceFile(`${folder}/Dockerfile`, 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n');
      const diagnostic = await waitFor('dockerignore-missing', () => ours(doc.uri).find((d) => codeOf(d) === 'dockerignore-missing'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const create = actions.find((a) => a.command?.command === 'dockerWorkbench.createDockerignore');
      assert.ok(create, `among ${actions.map((a) => a.title)}`);
      await vscode.commands.executeCommand(create.command!.command, ...(create.command!.arguments ?? []));
      const ignore = fs.readFileSync(path.join(workspaceDir(), folder, '.dockerignore'), 'utf8');
      assert.match(ignore, /node_modules/);
      assert.match(ignore, /\.git/);
    });

    it('switches a CRLF Dockerfile to LF from the quick fix of a heredoc BuildKit would run with carriage returns', async () => {
      const doc = await openWorkspaceFile(`${uniqueName('lfcrlf')}/Dockerfile`, 'FROM debian:12\r\nRUN <<EOF\r\nset -e\r\nif true; then echo ok; fi\r\nEOF\r\n');
      assert.equal(doc.eol, vscode.EndOfLine.CRLF);
      const diagnostic = await waitFor('heredoc-crlf', () => ours(doc.uri).find((d) => codeOf(d) === 'heredoc-crlf'));
      assert.deepEqual(ours(doc.uri).filter((d) => codeOf(d) === 'shell-syntax'), [], 'the script itself parses');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const lf = actions.find((a) => a.command?.command === 'dockerWorkbench.useLfLineEndings');
      assert.ok(lf, `among ${actions.map((a) => a.title)}`);
      await vscode.commands.executeCommand(lf.command!.command, ...(lf.command!.arguments ?? []));
      assert.equal(doc.eol, vscode.EndOfLine.LF);
      assert.ok(doc.isDirty, 'the change waits for the user to save it');
      await waitFor('heredoc-crlf gone', () => (ours(doc.uri).some((d) => codeOf(d) === 'heredoc-crlf') ? undefined : true));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('compose', () => {
    it('reports an undefined service and a misspelled key, and completes enum values', async () => {
      const doc = await openWorkspaceFile(`${uniqueName('lfc')}/compose.yaml`, 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n    restrat: always\n  cache:\n    image: redis\n    restart: \n');
      const diagnostics = await waitFor('compose diagnostics', () => {
        const found = ours(doc.uri);
        return found.length >= 2 ? found : undefined;
      });
      const undefinedService = diagnostics.find((d) => codeOf(d) === 'compose-undefined-service');
      assert.ok(undefinedService && /db/.test(undefinedService.message));
      const unknown = diagnostics.find((d) => codeOf(d) === 'compose-unknown-key');
      assert.ok(unknown && /restart/.test(unknown.message), 'did you mean restart');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(7, 13));
      const labels = list.items.map(labelOf);
      for (const value of ['always', 'unless-stopped', 'on-failure']) assert.ok(labels.some((l) => l.includes(value)), `${value} among ${labels}`);
    });

    it('keeps reporting every other mistake while the file has a syntax error and a duplicate key, as it is edited', async () => {
      const text = [
        'services:',
        '  web:',
        '    image: nginx',
        '    depends_on: [ghost]', //   3: undefined service
        '    ports: ["99999:80"]', //   4: invalid port
        '    restart: always',
        '    restart: "no"', //         6: duplicate key
        '  last:',
        '    image: busybox',
        '   command: ["true"]', //    9: one space short
        '',
      ].join('\n');
      const doc = await openWorkspaceFile(`${uniqueName('lfc')}/compose.yaml`, text);
      const lineCodes = () => ours(doc.uri).map((d) => `${d.range.start.line} ${codeOf(d)}`).sort();
      const all = ['3 compose-undefined-service', '4 compose-invalid-port', '6 compose-duplicate-key', '9 compose-yaml-syntax'];
      await waitFor('every mistake reported', () => (all.every((c) => lineCodes().includes(c)) ? true : undefined));
      // Fix the indentation: the syntax error goes, the other findings stay.
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((edit) => edit.insert(new vscode.Position(9, 0), ' '));
      await waitFor('the syntax error gone, the rest kept', () => {
        const now = lineCodes();
        return !now.includes('9 compose-yaml-syntax') && all.slice(0, 3).every((c) => now.includes(c)) ? true : undefined;
      });
    });

    it('renames a service in its references and shows Up/Logs code lenses', async () => {
      const doc = await openWorkspaceFile(`${uniqueName('lfc')}/compose.yaml`, 'services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    depends_on:\n      - db\n');
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(1, 3), 'database');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.match(doc.getText(), /^ {2}database:/m);
      assert.match(doc.getText(), /- database$/m);
      const lenses = await waitFor('compose code lenses', async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
        return found.length ? found : undefined;
      });
      const up = lenses.find((l) => l.command?.command === 'dockerWorkbench.compose.up' && (l.command.arguments?.[0] as { services?: string[] }).services?.[0] === 'web');
      assert.ok(up, 'an Up lens for web');
      assert.equal((up.command!.arguments![0] as { composeFileUri: string }).composeFileUri, doc.uri.toString());
      assert.ok(lenses.some((l) => l.command?.command === 'dockerWorkbench.compose.logs'));
    });
  });
});
