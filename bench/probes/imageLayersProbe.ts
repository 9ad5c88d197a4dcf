// Runs inside the extension host against an engine holding one large image (DWB_BENCH_IMAGE).
// Measures: the engine's export read and thrown away (the floor any analysis has); the layer
// analysis through the extension's own code path (export → layers → filesystem → packages → view),
// its time and the extension host's resident memory while it runs; and, last, what holding the
// whole export in memory would cost (the approach the streaming avoids).
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { DockerWorkbenchApi } from '../../client/src/extension';

const record = (event: Record<string, unknown>) => fs.appendFileSync(process.env.DWB_TEST_RESULTS!, JSON.stringify(event) + '\n');
const RUNS = Number(process.env.DWB_BENCH_RUNS || 3);
const MB = 1024 * 1024;
const rss = () => process.memoryUsage().rss;

/** The extension host's peak resident memory so far (Linux), in bytes. */
function highWaterMark(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** A full garbage collection (the extension host has no --expose-gc; the benchmark turns it on here only). */
const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000));
  gc();
}

export async function run(): Promise<void> {
  try {
    const reference = process.env.DWB_BENCH_IMAGE!;
    const api = await vscode.extensions.getExtension<DockerWorkbenchApi>('docker-workbench.docker-workbench')!.activate();
    await api.views.images.getChildren();
    for (let i = 0; i < 600 && api.model.state.status !== 'connected'; i++) await new Promise((r) => setTimeout(r, 100));
    const engine = api.active.engine;
    const image = await engine.inspectImage(reference);
    const ctx = { active: api.active, log: { info: () => undefined, warn: () => undefined } } as never;

    // 1. The export alone, read and discarded.
    const raw: number[] = [];
    let exportBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      let bytes = 0;
      for await (const chunk of await engine.exportImage(image.Id)) bytes += (chunk as Buffer).length;
      raw.push(performance.now() - t);
      exportBytes = bytes;
    }
    record({ type: 'measure', name: 'export', ms: raw, bytes: exportBytes });

    // 2. The analysis, as the command runs it.
    await settle();
    const before = rss();
    const hwmBefore = highWaterMark();
    const runs: Array<{ ms: number; peakRss: number; peakHeap: number; heapBefore: number; retainedHeap: number; retainedRss: number }> = [];
    let summary: Record<string, unknown> = {};
    for (let i = 0; i < RUNS; i++) {
      api.imageContents.view.clear();
      await settle();
      const heapBefore = process.memoryUsage().heapUsed;
      let peakRss = rss();
      let peakHeap = process.memoryUsage().heapUsed;
      const sample = () => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      };
      const t = performance.now();
      let chunks = 0;
      const analysis = await api.imageContents.analyze(ctx, { reference, imageId: image.Id, onProgress: () => { if (++chunks % 64 === 0) sample(); } });
      const ms = performance.now() - t;
      sample();
      if (!analysis) throw new Error('the analysis was cancelled');
      // What a user does next: open the layers and the largest folder of the final filesystem.
      const view = api.imageContents.view;
      for (const root of view.getChildren()) for (const child of view.getChildren(root)) view.getTreeItem(child);
      sample();
      // What stays while the analysis is shown: collect the garbage the stream left behind.
      await settle();
      runs.push({ ms, peakRss, peakHeap, heapBefore, retainedHeap: process.memoryUsage().heapUsed - heapBefore, retainedRss: rss() });
      summary = {
        layers: analysis.layers.length,
        files: analysis.root.files,
        totalBytes: analysis.totalBytes,
        wastedBytes: analysis.wastedBytes,
        efficiency: analysis.efficiency,
        archiveBytes: analysis.archiveBytes,
      };
    }
    record({ type: 'measure', name: 'analysis', runs, rssBefore: before, hwmBefore, hwmAfter: highWaterMark(), ...summary });

    // 3. For contrast: the same export held in memory (what streaming avoids).
    await settle();
    const holdBefore = rss();
    const parts: Buffer[] = [];
    for await (const chunk of await engine.exportImage(image.Id)) parts.push(chunk as Buffer);
    const held = rss();
    record({ type: 'measure', name: 'held', rssBefore: holdBefore, rssAfter: held, bytes: parts.reduce((n, p) => n + p.length, 0) });
    parts.length = 0;
    record({ type: 'note', text: `export ${Math.round(exportBytes / MB)} MiB` });
  } catch (error) {
    record({ type: 'error', error: String((error as Error)?.stack ?? error) });
  } finally {
    record({ type: 'end' });
  }
}
