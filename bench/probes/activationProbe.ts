// Runs inside a fresh extension host: how long activation takes (loading dist/extension.js and
// running activate) and how long until the Containers view has its first list from the engine.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { DockerWorkbenchApi } from '../../client/src/extension';

function record(event: Record<string, unknown>): void {
  fs.appendFileSync(process.env.DWB_TEST_RESULTS!, JSON.stringify(event) + '\n');
}

export async function run(): Promise<void> {
  try {
    const extension = vscode.extensions.getExtension<DockerWorkbenchApi>('docker-workbench.docker-workbench')!;
    const wasActive = extension.isActive;
    const t0 = performance.now();
    const api = await extension.activate();
    const activationMs = performance.now() - t0;
    const t1 = performance.now();
    api.views.containers.getChildren();
    await new Promise<void>((resolve) => {
      const check = () => {
        if (api.model.state.status === 'connected') resolve();
        else setTimeout(check, 1);
      };
      check();
    });
    const firstListMs = performance.now() - t1;
    record({ type: 'measure', wasActive, activationMs, firstListMs, containers: api.model.containers.size, vscode: vscode.version });
  } finally {
    record({ type: 'end' });
  }
}
