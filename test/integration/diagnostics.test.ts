import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsFor, openWorkspaceFile } from './helpers';

describe('language server diagnostics in VS Code', () => {
  before(async () => {
    await (await activateExtension()).startLanguageClient();
  });

  it('reports an unknown Dockerfile instruction on its line', async () => {
    const document = await openWorkspaceFile('diagnostics/Dockerfile', 'FROM busybox\nRUNN echo hello\n');
    assert.equal(document.languageId, 'dockerfile');
    const diagnostics = await diagnosticsFor(document.uri);
    const onLine = diagnostics.filter((d) => d.range.start.line === 1);
    assert.ok(onLine.length >= 1, `expected a diagnostic on line 2, got ${JSON.stringify(diagnostics)}`);
    assert.equal(onLine[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(onLine[0]!.message, /RUNN/);
  });

  it('reports a YAML syntax error in a compose file', async () => {
    const document = await openWorkspaceFile('diagnostics/compose.yaml', 'services:\n  web:\n    image: busybox\n   ports: [\n');
    assert.equal(document.languageId, 'dockercompose');
    const diagnostics = await diagnosticsFor(document.uri);
    assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error && /YAML/.test(d.message)));
  });

  it('clears the diagnostic once the mistake is fixed', async () => {
    const document = await openWorkspaceFile('diagnostics/fixed/Dockerfile', 'FROM busybox\nRUNN echo hello\n');
    await diagnosticsFor(document.uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.replace(new vscode.Range(1, 0, 1, 4), 'RUN'));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('diagnostics were not cleared')), 20_000);
      const check = () => {
        const left = vscode.languages.getDiagnostics(document.uri).filter((d) => /RUNN/.test(d.message));
        if (left.length === 0) {
          clearTimeout(timer);
          listener.dispose();
          resolve();
        }
      };
      const listener = vscode.languages.onDidChangeDiagnostics(check);
      check();
    });
  });
});
