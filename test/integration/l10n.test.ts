// With VS Code's display language set to Simplified Chinese, the language server answers in
// Chinese: a diagnostic and a hover in a Dockerfile and in a compose file, and the extension's
// own texts come from its zh-cn bundles. Runs only in a window the launcher opened with a locale
// (DWB_TEST_LOCALE, see runIntegration.mjs); the usual English window registers nothing here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, diagnosticsFor, openWorkspaceFile, waitFor } from './helpers';
import { toEngineError } from '../../client/src/engine/engineError';
import { containerStatus } from '../../client/src/views/containerStatus';

const LOCALE = process.env.DWB_TEST_LOCALE;
const CJK = /[\u4e00-\u9fff]/;

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return waitFor(`a hover at ${position.line}:${position.character} in ${document.uri.fsPath}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return text.length > 0 ? text : undefined;
  });
}

if (LOCALE) {
  describe(`locale ${LOCALE}: the display language is ${LOCALE}`, () => {
    before(async () => {
      await (await activateExtension()).startLanguageClient();
    });

    it('VS Code reports the locale to extensions', () => {
      assert.equal(vscode.env.language, LOCALE);
    });

    it('a Dockerfile diagnostic and a hover come back in Chinese', async () => {
      const document = await openWorkspaceFile('zh/Dockerfile', 'FROM busybox:1.36\nRUNN echo hello\nRUN echo hi\n');
      const diagnostics = await diagnosticsFor(document.uri);
      const unknown = diagnostics.find((d) => d.range.start.line === 1);
      assert.ok(unknown, `a diagnostic on line 2, got ${JSON.stringify(diagnostics.map((d) => d.message))}`);
      assert.match(unknown.message, CJK);
      assert.match(unknown.message, /RUNN/);
      const hover = await hoverText(document, new vscode.Position(2, 1));
      assert.match(hover, CJK, hover);
      assert.match(hover, /\*\*RUN\*\*/);
    });

    it('a compose diagnostic and a hover come back in Chinese', async () => {
      const document = await openWorkspaceFile('zh/compose.yaml', 'services:\n  web:\n    image: busybox\n    depends_on: [db]\n    ports:\n      - "8080:80"\n');
      const diagnostics = await diagnosticsFor(document.uri);
      const undefinedService = diagnostics.find((d) => /"db"/.test(d.message));
      assert.ok(undefinedService, `a diagnostic about "db", got ${JSON.stringify(diagnostics.map((d) => d.message))}`);
      assert.match(undefinedService.message, CJK);
      const hover = await hoverText(document, new vscode.Position(4, 6));
      assert.match(hover, CJK, hover);
    });

    it("the extension's contributions and messages come from its Chinese bundles", () => {
      // VS Code localizes the manifest from package.nls.zh-cn.json: { value, original } per text.
      type Text = string | { value: string; original: string };
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; title: Text }[] } };
      const refresh = manifest.contributes.commands.find((c) => c.command === 'dockerWorkbench.refresh')?.title;
      assert.equal(typeof refresh === 'object' ? refresh.value : refresh, '刷新');
      assert.equal(vscode.l10n.t('Which Docker engine?'), '使用哪个 Docker 引擎？');
    });

    it('engine errors, including the permission-denied fix, and container times are in Chinese', () => {
      const denied = toEngineError(Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES', address: '/var/run/docker.sock' }), 'unix:///var/run/docker.sock', vscode.l10n);
      assert.equal(denied.kind, 'permissionDenied');
      assert.match(denied.message, CJK, denied.message);
      assert.match(denied.message, /sudo usermod -aG docker \$USER/);
      assert.match(denied.message, /\/var\/run\/docker\.sock/);
      const status = containerStatus({ State: 'running', Status: 'Up 1 second' }, { startedAt: 0 }, 16 * 60_000, vscode.l10n);
      assert.match(status, CJK, status);
      assert.match(status, /16/);
      assert.equal(vscode.l10n.t('1 container'), '1 个容器');
    });
  });
}
