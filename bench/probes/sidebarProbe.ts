// Runs inside the extension host of a window where the Docker Workbench sidebar is about to be
// opened by a click (bench/sidebar.mjs). It does nothing until the bench has seen the first
// container rows drawn in the page, then reports when each part of the way there happened in the
// extension host: VS Code loading and activating the extension (its performance marks; at start-up
// or on the click, bench/sidebar.mjs tells them apart), activate(),
// the Containers view first asked for rows, the engine connection, the lists, the first rows of
// containers and their TreeItems.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { DockerWorkbenchApi } from '../../client/src/extension';

const EXTENSION_ID = 'docker-workbench.docker-workbench';

function record(event: Record<string, unknown>): void {
  fs.appendFileSync(process.env.DWB_TEST_RESULTS!, JSON.stringify(event) + '\n');
}

export async function run(): Promise<void> {
  try {
    const extension = vscode.extensions.getExtension<DockerWorkbenchApi>(EXTENSION_ID)!;
    record({ type: 'ready' });
    // The bench writes this file once it has seen the rows (polling a file is the bench's business).
    const signal = process.env.DWB_SIDEBAR_SIGNAL!;
    const deadline = Date.now() + 120_000;
    while (!fs.existsSync(signal)) {
      if (Date.now() > deadline) throw new Error('the bench never said the rows were drawn');
      await new Promise((r) => setTimeout(r, 20));
    }
    if (!extension.isActive) throw new Error('the extension is not active after the sidebar opened');
    const api = extension.exports;
    // The floor extension (bench/lib/floorExtension.mjs): only its Containers view's steps.
    if ((api as unknown as { floor?: boolean }).floor) {
      record({ type: 'measure', floor: true, containersView: api.views.containers.firstDraw });
      return;
    }
    // After a warm start the full lists come after the first rows (EngineModel's WARM_LISTS_DELAY_MS,
    // WARM_SMALL_LISTS_DELAY_MS on a small engine): wait for them, so the report says when.
    const listsDeadline = Date.now() + 30_000;
    while (api.model.firstConnection.listedAt === undefined && Date.now() < listsDeadline) await new Promise((r) => setTimeout(r, 20));
    const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks?.getMarks() ?? [];
    const vscodeMarks: Record<string, number> = {};
    for (const mark of marks) if (mark.name.endsWith(`/${EXTENSION_ID}`)) vscodeMarks[mark.name.split('/')[2]!] = mark.startTime;
    const epoch = (now: number) => performance.timeOrigin + now;
    record({
      type: 'measure',
      vscode: vscodeMarks,
      activation: { startedAt: epoch(api.activation.startedAt), endedAt: epoch(api.activation.endedAt) },
      connection: api.model.firstConnection,
      containersView: api.views.containers.firstDraw,
      containers: api.model.containers.size,
      featuresLoaded: api.featuresLoaded,
    });
  } catch (error) {
    record({ type: 'error', error: String((error as Error)?.stack ?? error) });
  } finally {
    record({ type: 'end' });
  }
}
