// Runs inside the extension host against an engine with many objects. Measures: the first full
// list and the first render of the Containers and Images views (what VS Code is given for their
// top level: a page of rows); the heap the model and views hold; event → node updated for single
// container changes (and that nothing re-lists); the same events handled the way the best-known
// alternative does (a full re-list and a row for every container per event); CPU used while idle.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import Dockerode from 'dockerode';
import type { DockerWorkbenchApi } from '../../client/src/extension';
import type { DockerTreeView } from '../../client/src/views/dockerTreeView';

const record = (event: Record<string, unknown>) => fs.appendFileSync(process.env.DWB_TEST_RESULTS!, JSON.stringify(event) + '\n');
const now = () => performance.now();
const IDLE_MS = Number(process.env.DWB_IDLE_MS || 60_000);
/** DWB_CPU_PROFILE=path: a CPU profile of this extension host during the events (step 2). */
const CPU_PROFILE = process.env.DWB_CPU_PROFILE;

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

/** What VS Code does when it first shows a view: asks for the top level and a TreeItem per row. */
async function renderTop(view: DockerTreeView): Promise<number> {
  let count = 0;
  for (const node of await view.getChildren()) {
    view.getTreeItem(node);
    count++;
  }
  return count;
}

/** The heap in use after a full collection (the host runs without --expose-gc: switch it on). */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function waitForValue<T>(get: () => T | undefined): Promise<T> {
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 1));
  }
}

export async function run(): Promise<void> {
  try {
    // 0. Baseline: the same extension host idling before Docker Workbench is active.
    const baseline0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const baseline = process.cpuUsage(baseline0);
    record({ type: 'measure', name: 'baseline', idleMs: IDLE_MS, cpuMs: (baseline.user + baseline.system) / 1000, activeBefore: vscode.extensions.getExtension('docker-workbench.docker-workbench')!.isActive });
    const api = await vscode.extensions.getExtension<DockerWorkbenchApi>('docker-workbench.docker-workbench')!.activate();
    const docker = new Dockerode({ socketPath: process.env.DOCKER_HOST!.slice('unix://'.length) });
    // Activation does not connect: the model is empty until a view asks.
    const heapBefore = heapAfterGc();

    // 1. First list (engine → model) and first render (model → tree items).
    const t0 = now();
    api.views.containers.getChildren();
    await new Promise<void>((resolve) => {
      const check = () => (api.model.state.status === 'connected' ? resolve() : setTimeout(check, 1));
      check();
    });
    const listMs = now() - t0;
    const t1 = now();
    const rendered = await renderTop(api.views.containers);
    const renderMs = now() - t1;
    const t2 = now();
    const imageRows = await renderTop(api.views.images);
    const imagesRenderMs = now() - t2;
    const heapAfter = heapAfterGc();
    record({
      type: 'measure', name: 'first', containers: api.model.containers.size, images: api.model.images.size, listMs, renderMs, rendered,
      imagesRenderMs, imageRows, heapBeforeMb: heapBefore / 2 ** 20, heapAfterMb: heapAfter / 2 ** 20,
    });

    // 2. Event → node updated: start and stop containers one at a time. Latency runs from the
    // engine's own timestamp on the event (same machine clock) to the node's change firing.
    const eventTimes = new Map<string, number>();
    const receivedTimes = new Map<string, number>();
    const stream = (await docker.getEvents({ filters: { type: ['container'], event: ['start', 'die'] } })) as NodeJS.ReadableStream & { destroy(): void };
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines.filter(Boolean)) {
        const e = JSON.parse(line) as { Action: string; Actor: { ID: string }; timeNano: number };
        eventTimes.set(`${e.Actor.ID}:${e.Action}`, e.timeNano / 1e6);
        receivedTimes.set(`${e.Actor.ID}:${e.Action}`, Date.now());
      }
    });
    // When the extension's own stream delivered each event to the model (beside the probe's stream).
    const modelTimes = new Map<string, number>();
    const modelEvents = api.model.onEngineEvent((e) => { if (e.Type === 'container') modelTimes.set(`${e.Actor.ID}:${e.Action}`, Date.now()); });
    // Containers on the first page (their rows are the ones on screen).
    const ids = (await api.views.containers.getChildren()).filter((n) => n.kind === 'container').slice(0, 20).map((n) => n.id);
    const latencies: number[] = [];
    const afterDelivery: number[] = [];
    /** Engine timestamp → the extension's own stream handed the event to the model. */
    const toModel: number[] = [];
    const before = { ...api.model.counters };
    const session = CPU_PROFILE ? new inspector.Session() : undefined;
    if (session) {
      session.connect();
      await post(session, 'Profiler.enable');
      await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
      await post(session, 'Profiler.start');
    }
    for (const id of ids) {
      for (const action of ['start', 'stop'] as const) {
        const node = (await api.views.containers.getChildren()).find((n) => n.id === id)!;
        const fired = new Promise<number>((resolve) => {
          // Wall-clock time, to compare with the engine's event timestamp.
          const listener = api.views.containers.onDidChangeTreeData((changed) => {
            if (changed !== node) return;
            const item = api.views.containers.getTreeItem(node);
            if (String(item.contextValue).startsWith(action === 'start' ? 'container:running' : 'container:exited')) {
              listener.dispose();
              resolve(Date.now() + (performance.now() % 1));
            }
          });
        });
        const container = docker.getContainer(id);
        if (action === 'start') await container.start();
        else await container.stop({ t: 0 });
        const updatedAt = await fired;
        const key = `${id}:${action === 'start' ? 'start' : 'die'}`;
        const emittedAt = await waitForValue(() => eventTimes.get(key));
        latencies.push(updatedAt - emittedAt);
        afterDelivery.push(updatedAt - (await waitForValue(() => receivedTimes.get(key))));
        const atModel = modelTimes.get(key);
        toModel.push(atModel === undefined ? NaN : atModel - emittedAt);
      }
    }
    stream.destroy();
    modelEvents.dispose();
    if (session) {
      const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
      fs.writeFileSync(CPU_PROFILE!, JSON.stringify(profile));
      session.disconnect();
    }
    record({ type: 'measure', name: 'event', latencies, afterDelivery, toModel, fullListsDuring: api.model.counters.fullLists - before.fullLists, objectReads: api.model.counters.objectReads - before.objectReads });

    // 3. The alternative: re-list every container and give VS Code a flat level of a row for each,
    // per event (a bare TreeItem per container: less than a real row costs, so the ratio is low).
    const relist: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = now();
      const list = await docker.listContainers({ all: true });
      const rows = list.map((c) => {
        const item = new vscode.TreeItem(c.Names[0] ?? c.Id, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${c.Image} ${c.Status}`;
        return item;
      });
      void rows.length;
      relist.push(now() - t);
    }
    record({ type: 'measure', name: 'relist', relist });

    // 4. Idle: CPU used by this extension host while nothing happens.
    const cpu0 = process.cpuUsage();
    const reads0 = { ...api.model.counters };
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const cpu = process.cpuUsage(cpu0);
    record({ type: 'measure', name: 'idle', idleMs: IDLE_MS, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, modelWorkDuringIdle: api.model.counters.objectReads - reads0.objectReads + api.model.counters.fullLists - reads0.fullLists });
  } catch (error) {
    record({ type: 'error', error: String((error as Error)?.stack ?? error) });
  } finally {
    record({ type: 'end' });
  }
}
