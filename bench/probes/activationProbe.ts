// Runs inside a fresh extension host: how long activation takes (VS Code loading dist/extension.js
// and running activate) broken into its parts, and how long until the Containers view has its first
// list from the engine. VS Code's own performance marks (code/extHost/willLoadExtensionCode/…) say
// when it started and finished loading the bundle; the extension says when activate() ran.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { DockerWorkbenchApi } from '../../client/src/extension';

const EXTENSION_ID = 'docker-workbench.docker-workbench';

function record(event: Record<string, unknown>): void {
  fs.appendFileSync(process.env.DWB_TEST_RESULTS!, JSON.stringify(event) + '\n');
}

/** VS Code's marks for this extension, as epoch milliseconds (they are taken with Date.now()). */
function vscodeMarks(): Record<string, number> {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks?.getMarks() ?? [];
  const ours: Record<string, number> = {};
  for (const mark of marks) if (mark.name.endsWith(`/${EXTENSION_ID}`)) ours[mark.name.split('/')[2]!] = mark.startTime;
  return ours;
}

export async function run(): Promise<void> {
  try {
    const extension = vscode.extensions.getExtension<DockerWorkbenchApi>(EXTENSION_ID)!;
    const wasActive = extension.isActive;
    const epoch = (now: number) => performance.timeOrigin + now;
    const t0 = performance.now();
    const api = await extension.activate();
    const t1 = performance.now();
    const marks = vscodeMarks();
    const activateMs = api.activation.endedAt - api.activation.startedAt;
    // Loading the bundle: VS Code's marks around its require(); the rest is VS Code's own bookkeeping.
    const loadMs = marks.didLoadExtensionCode !== undefined && marks.willLoadExtensionCode !== undefined ? marks.didLoadExtensionCode - marks.willLoadExtensionCode : undefined;
    const beforeLoadMs = marks.willLoadExtensionCode !== undefined ? marks.willLoadExtensionCode - epoch(t0) : undefined;
    // Between loading and calling activate VS Code waits for the extension's storage (globalState…) from the window.
    const contextWaitMs = marks.willActivateExtension !== undefined && marks.didLoadExtensionCode !== undefined ? marks.willActivateExtension - marks.didLoadExtensionCode : undefined;
    const featuresLoadedAtActivation = api.featuresLoaded;
    const t2 = performance.now();
    api.views.containers.getChildren();
    await new Promise<void>((resolve) => {
      const check = () => {
        if (api.model.state.status === 'connected') resolve();
        else setTimeout(check, 1);
      };
      check();
    });
    const firstListMs = performance.now() - t2;
    record({
      type: 'measure', wasActive, activationMs: t1 - t0, loadMs, beforeLoadMs, contextWaitMs, activateMs, oursMs: loadMs === undefined ? undefined : loadMs + activateMs, afterActivateMs: t1 - api.activation.endedAt,
      timeline: { ...Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, v - epoch(t0)])), activateStarted: api.activation.startedAt - t0, activateEnded: api.activation.endedAt - t0, resolved: t1 - t0 },
      // activate()'s steps, each as the time since the one before.
      steps: api.activation.steps.map(([name, at], i) => [name, at - (i === 0 ? api.activation.startedAt : api.activation.steps[i - 1]![1])]),
      featuresLoadedAtActivation, featuresLoadedAfterList: api.featuresLoaded, firstListMs, containers: api.model.containers.size, vscode: vscode.version,
    });
  } finally {
    record({ type: 'end' });
  }
}
