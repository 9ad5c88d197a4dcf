// Shared helpers for the integration tests. They run inside VS Code's extension host against
// the private Docker Engine whose socket the launcher passes in DOCKER_HOST.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Dockerode from 'dockerode';
import * as vscode from 'vscode';
import type { DockerWorkbenchApi } from '../../client/src/extension';
import { contextDigest } from '../../client/src/engine/dockerContexts';
import { ScriptedPrompts } from './scriptedPrompts';

export const EXTENSION_ID = 'docker-workbench.docker-workbench';
export const TEST_IMAGE = 'dwb-test/busybox:latest';

export async function activateExtension(): Promise<DockerWorkbenchApi> {
  const extension = vscode.extensions.getExtension<DockerWorkbenchApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

/** The test's own client of the private engine; refuses to run against any other engine. */
export function testDocker(): Dockerode {
  const host = process.env.DOCKER_HOST ?? '';
  assert.match(host, /^unix:\/\/.*dwb-engine-/, `DOCKER_HOST must point at the private test engine, got "${host}"`);
  return new Dockerode({ socketPath: host.slice('unix://'.length) });
}

/** Polls until `probe` returns a value other than undefined/false, or fails with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri.fsPath;
}

/** Writes a file into the workspace (in a folder per test) and opens it in an editor. */
export async function openWorkspaceFile(relativePath: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(workspaceDir(), relativePath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Writes `files` (relative paths) into a new folder of the workspace; returns the folder's path. */
export function writeFiles(folder: string, files: Record<string, string>): string {
  const dir = path.join(workspaceDir(), folder);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * Writes a docker CLI context named `name` for the engine at `host` into `configDir` (a
 * DOCKER_CONFIG folder), as `docker context create` does; with `tlsFrom`, that folder's
 * ca/cert/key files go where `docker context create --docker "host=…,ca=…,cert=…,key=…"` keeps them.
 */
export function writeDockerContext(configDir: string, name: string, host: string, options: { description: string; tlsFrom?: string }): void {
  const dir = path.join(configDir, 'contexts', 'meta', contextDigest(name));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: options.description }, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  if (!options.tlsFrom) return;
  const tls = path.join(configDir, 'contexts', 'tls', contextDigest(name), 'docker');
  fs.mkdirSync(tls, { recursive: true });
  for (const file of fs.readdirSync(options.tlsFrom)) fs.copyFileSync(path.join(options.tlsFrom, file), path.join(tls, file));
}

export function diagnosticsFor(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return waitFor(`diagnostics for ${uri.fsPath}`, () => {
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker-workbench');
    return diagnostics.length > 0 ? diagnostics : undefined;
  });
}

/** A container name unique to this run, so reruns never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A view's children, whether the provider answers synchronously or not. */
export async function childrenOf(view: { getChildren(node?: any): any }, node?: unknown): Promise<any[]> {
  return (await view.getChildren(node)) as any[];
}

/** Waits until a predicate over a view's top-level (or a node's) children holds. */
export function waitForChildren<T>(what: string, view: { getChildren(node?: any): any }, probe: (children: any[]) => T | undefined | false, node?: unknown, timeoutMs?: number): Promise<T> {
  return waitFor(what, async () => probe(await childrenOf(view, node)), timeoutMs);
}

export async function removeContainersNamed(docker: Dockerode, prefix: string): Promise<void> {
  for (const c of await docker.listContainers({ all: true })) {
    if (c.Names.some((n) => n.replace(/^\//, '').startsWith(prefix))) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
}

/**
 * The usual setup for tests that drive commands: before each test, scripted prompts are installed
 * and the engine model is connected; after it, the prompts are removed, the registered cleanups
 * run (last first), and every scripted answer must have been used.
 */
export function commandTestSetup(): { readonly prompts: ScriptedPrompts; cleanup: Array<() => Promise<unknown>> } {
  const state = { prompts: new ScriptedPrompts(), cleanup: [] as Array<() => Promise<unknown>> };
  beforeEach(async () => {
    const api = await activateExtension();
    state.prompts = new ScriptedPrompts();
    api.setPrompts(state.prompts);
    await childrenOf(api.views.containers);
    await waitFor('the engine model to connect', () => api.model.state.status === 'connected');
  });
  afterEach(async () => {
    (await activateExtension()).setPrompts(undefined);
    while (state.cleanup.length) await state.cleanup.pop()!().catch(() => undefined);
    assert.equal(state.prompts.pending, 0, 'every scripted answer was used');
  });
  return state;
}

/**
 * Runs a command that must fail. Commands never reject (the wrapper shows one message and keeps
 * VS Code from adding its own), so the failure is read from the API's record: resolves to the
 * message the user saw, and fails when the command succeeded or failed otherwise.
 */
export async function commandFailure(command: string, ...args: unknown[]): Promise<string> {
  const api = await activateExtension();
  const seen: string[] = [];
  const listener = api.commandFailures.onDidFail((f) => { if (f.command === command) seen.push(f.message); });
  try {
    const result = await vscode.commands.executeCommand(command, ...args);
    assert.equal(result, undefined, `${command} failed, so it returns nothing`);
  } finally {
    listener.dispose();
  }
  assert.equal(seen.length, 1, `${command} reports exactly one failure, got ${JSON.stringify(seen)}`);
  return seen[0]!;
}
