// The .dockerignore checks read the build context a Dockerfile is really built with: the folder a
// docker-build task in tasks.json names (the extension tells the server), or the one a compose
// file's build.context names (the server reads the compose file), not the Dockerfile's own folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, openWorkspaceFile, uniqueName, waitFor, workspaceDir } from './helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const ours = (uri: vscode.Uri, code: string) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker-workbench' && codeOf(d) === code);
const DOCKERFILE = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';

/** A project whose Dockerfile sits in docker/ while the context, its .git and .dockerignore are at the top. */
function project(name: string): string {
  const root = path.join(workspaceDir(), name);
  fs.mkdirSync(path.join(root, '.git'), { recursive: true });
  fs.writeFileSync(path.join(root, '.dockerignore'), 'node_modules\n');
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "shop", "private": true }\n');
  return root;
}

describe('build context of a Dockerfile', function () {
  this.timeout(60_000);
  const created: string[] = [];
  const tasksFile = path.join(workspaceDir(), '.vscode', 'tasks.json');
  let tasksBefore: string | undefined;

  before(async () => {
    await (await activateExtension()).startLanguageClient();
    tasksBefore = fs.existsSync(tasksFile) ? fs.readFileSync(tasksFile, 'utf8') : undefined;
  });
  after(() => {
    if (tasksBefore === undefined) fs.rmSync(tasksFile, { force: true });
    else fs.writeFileSync(tasksFile, tasksBefore);
    for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('follows the context a docker-build task in tasks.json names', async () => {
    const name = uniqueName('ctxtask');
    created.push(project(name));
    const doc = await openWorkspaceFile(`${name}/docker/Dockerfile`, DOCKERFILE);
    // Nothing names the context: it is taken to be docker/, which has no .dockerignore, but the
    // folder above has one, so the build most likely runs from there and neither check is told.
    await waitFor('the first diagnostics', () => ours(doc.uri, 'copy-all-before-install').length > 0);
    assert.deepEqual([...ours(doc.uri, 'dockerignore-missing'), ...ours(doc.uri, 'dockerignore-incomplete')], []);
    fs.mkdirSync(path.dirname(tasksFile), { recursive: true });
    fs.writeFileSync(tasksFile, JSON.stringify({
      version: '2.0.0',
      tasks: [{ type: 'docker-build', label: `build ${name}`, dockerfile: `\${workspaceFolder}/${name}/docker/Dockerfile`, context: `\${workspaceFolder}/${name}` }],
    }, null, 2));
    const [incomplete] = await waitFor('dockerignore-incomplete for the task context', () => {
      const found = ours(doc.uri, 'dockerignore-incomplete');
      return found.length > 0 && ours(doc.uri, 'dockerignore-missing').length === 0 ? found : undefined;
    });
    assert.match(incomplete!.message, /\.git/, 'the context has a .git that its .dockerignore does not exclude');
    assert.doesNotMatch(incomplete!.message, /node_modules/, 'node_modules is excluded there');
  });

  it("follows a compose file's build.context, and asks only for what the context holds", async () => {
    const name = uniqueName('ctxcompose');
    const root = project(name);
    created.push(root);
    fs.mkdirSync(path.join(root, 'docker'), { recursive: true });
    fs.writeFileSync(path.join(root, 'docker', 'compose.yaml'), 'services:\n  shop:\n    build:\n      context: ..\n      dockerfile: docker/Dockerfile\n');
    const doc = await openWorkspaceFile(`${name}/docker/Dockerfile`, DOCKERFILE);
    await waitFor('dockerignore-incomplete for the compose context', () => ours(doc.uri, 'dockerignore-incomplete').length > 0);
    // Once the context holds no .git, there is nothing to ask for.
    fs.rmSync(path.join(root, '.git'), { recursive: true });
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(4, 0), 'EXPOSE 3000\n'));
    await waitFor('no .dockerignore diagnostic once the context has no .git', () => ours(doc.uri, 'dockerignore-incomplete').length === 0 && ours(doc.uri, 'dockerignore-missing').length === 0);
    await doc.save();
  });
});
