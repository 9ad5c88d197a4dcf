// The swarm seen from the active engine: its role (not in a swarm, worker, manager), and on a
// manager the nodes, services, tasks, secrets and configs. Listed once when first needed and on
// (re)connect, then kept current from the same /events stream as the engine model: a service,
// node, secret or config event re-reads that object; a container event of a swarm task re-reads
// that service's tasks. Nothing here polls. Task changes on other nodes produce no event on this
// manager; they show with the next event of their service (or Refresh).
import type { DockerEngine } from '../engine/dockerEngine';
import type { EngineEvent } from '../engine/engineEvents';
import type { EngineModel } from './engineModel';
import { Emitter } from './emitter';
import { CoalescedReads } from './coalescedReads';
import { SWARM_SERVICE_ID, SWARM_TASK_ID, type SwarmInfo, type SwarmNode, type SwarmSecretOrConfig, type SwarmService, type SwarmTask } from '../engine/swarmObjects';

export type SwarmRole = 'unknown' | 'none' | 'pending' | 'worker' | 'manager' | 'locked' | 'error' | 'unsupported';

export interface SwarmState {
  role: SwarmRole;
  info?: SwarmInfo;
  /** Why the role could not be read, or the swarm's own error. */
  problem?: string;
}

export type SwarmObjectKind = 'node' | 'service' | 'task' | 'secret' | 'config';

/** `id` undefined: the whole collection (or, for 'state', the role) changed. */
export interface SwarmChange {
  kind: SwarmObjectKind | 'state';
  id?: string;
}

export function roleOf(info: SwarmInfo | undefined): SwarmRole {
  switch (info?.LocalNodeState) {
    case 'active': return info.ControlAvailable ? 'manager' : 'worker';
    case 'pending': return 'pending';
    case 'locked': return 'locked';
    case 'error': return 'error';
    case 'inactive': return 'none';
    default: return 'none';
  }
}

export class SwarmModel {
  readonly nodes = new Map<string, SwarmNode>();
  readonly services = new Map<string, SwarmService>();
  readonly tasks = new Map<string, SwarmTask>();
  readonly secrets = new Map<string, SwarmSecretOrConfig>();
  readonly configs = new Map<string, SwarmSecretOrConfig>();
  readonly counters = { fullLists: 0, objectReads: 0 };

  private readonly changes = new Emitter<SwarmChange>();
  readonly onDidChange = this.changes.event;
  private stateValue: SwarmState = { role: 'unknown' };
  private started = false;
  private generation = 0;
  private readonly subscriptions: Array<{ dispose(): void }> = [];
  private readonly reads = new CoalescedReads();

  constructor(private readonly engineModel: EngineModel, private readonly isSwarmCapable: () => boolean = () => true) {}

  get state(): SwarmState {
    return this.stateValue;
  }

  private get engine(): DockerEngine {
    return this.engineModel.currentEngine;
  }

  /** Starts following on first use (the Swarm view opening), not with the extension. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.subscriptions.push(this.engineModel.onEngineEvent((event) => this.onEvent(event)));
    this.subscriptions.push(this.engineModel.onDidChange((change) => {
      if (change.kind !== 'state') return;
      if (this.engineModel.state.status === 'connected') void this.reload();
      else this.clear({ role: 'unknown' });
    }));
    if (this.engineModel.state.status === 'connected') void this.reload();
  }

  /** Reads the role and, on a manager, every object. Commands call it after init and leave. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    if (!this.isSwarmCapable()) {
      this.clear({ role: 'unsupported' });
      return;
    }
    let info: SwarmInfo;
    try {
      info = await this.engine.swarmInfo();
    } catch (error) {
      if (generation === this.generation) this.clear({ role: 'unknown', problem: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (generation !== this.generation) return;
    const role = roleOf(info);
    if (role !== 'manager') {
      this.clear({ role, info, problem: info.Error || undefined });
      return;
    }
    this.counters.fullLists++;
    try {
      const [nodes, services, tasks, secrets, configs] = await Promise.all([
        this.engine.listNodes(), this.engine.listServices(), this.engine.listTasks(), this.engine.listSecrets(), this.engine.listConfigs(),
      ]);
      if (generation !== this.generation) return;
      replace(this.nodes, nodes);
      replace(this.services, services);
      replace(this.tasks, tasks);
      replace(this.secrets, secrets);
      replace(this.configs, configs);
      this.stateValue = { role, info };
    } catch (error) {
      if (generation !== this.generation) return;
      // The node may have left the swarm between the two calls.
      this.clear({ role: 'unknown', info, problem: error instanceof Error ? error.message : String(error) });
      return;
    }
    this.fireAll();
  }

  dispose(): void {
    this.generation++;
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.changes.dispose();
  }

  /** Tasks whose container on this engine runs (see LiveTasks in swarmPresentation). */
  liveTasks(): Set<string> {
    const live = new Set<string>();
    for (const container of this.engineModel.containers.values()) {
      const task = container.Labels?.[SWARM_TASK_ID];
      if (task && container.State === 'running') live.add(task);
    }
    return live;
  }

  /** The tasks of one service, newest slot state first. */
  tasksOf(serviceId: string): SwarmTask[] {
    return [...this.tasks.values()].filter((t) => t.ServiceID === serviceId);
  }

  private clear(state: SwarmState): void {
    this.generation++;
    this.stateValue = state;
    for (const map of [this.nodes, this.services, this.tasks, this.secrets, this.configs]) map.clear();
    this.fireAll();
  }

  private fireAll(): void {
    this.changes.fire({ kind: 'state' });
    for (const kind of ['node', 'service', 'task', 'secret', 'config'] as const) this.changes.fire({ kind });
  }

  private onEvent(event: EngineEvent): void {
    const id = event.Actor?.ID;
    switch (event.Type) {
      case 'service':
        if (!id) return;
        if (event.Action === 'remove') {
          this.services.delete(id);
          for (const task of this.tasksOf(id)) this.tasks.delete(task.ID);
          this.changes.fire({ kind: 'service' });
          this.changes.fire({ kind: 'task' });
          return;
        }
        this.refresh('service', id);
        this.refresh('task', id);
        return;
      case 'node':
        // A node event may also mean this engine's role changed (promoted, demoted, left).
        if (this.stateValue.role !== 'manager') void this.reload();
        else if (id) this.refresh('node', id);
        return;
      case 'secret':
      case 'config':
        if (id) this.refresh(event.Type, id);
        return;
      case 'container': {
        const serviceId = event.Actor.Attributes?.[SWARM_SERVICE_ID];
        if (serviceId && this.stateValue.role === 'manager') this.refresh('task', serviceId);
        return;
      }
      case 'network':
        // `docker swarm init` and `leave` in a terminal: the ingress network comes and goes.
        if (event.Actor.Attributes?.name === 'ingress' && (event.Action === 'create' || event.Action === 'destroy' || event.Action === 'remove')) void this.reload();
        return;
      default:
        return;
    }
  }

  /** Re-reads one object ('task' re-reads the tasks of the service `id`), coalescing bursts. */
  private refresh(kind: SwarmObjectKind, id: string): void {
    if (this.stateValue.role !== 'manager') return;
    const generation = this.generation;
    this.reads.request(`${kind}:${id}`, async () => {
      try {
        await this.readOne(kind, id);
      } catch {
        // Gone mid-read, or the engine with it; the stream's end handles the latter.
      }
      if (generation !== this.generation) return false;
      this.changes.fire({ kind, id: kind === 'task' ? undefined : id });
      if (kind === 'task') this.changes.fire({ kind: 'service', id });
      return true;
    });
  }

  private async readOne(kind: SwarmObjectKind, id: string): Promise<void> {
    this.counters.objectReads++;
    switch (kind) {
      case 'service': {
        const [found] = await this.engine.listServices(id);
        setOrDelete(this.services, id, found?.ID === id ? found : undefined);
        return;
      }
      case 'task': {
        const tasks = await this.engine.listTasks(id);
        for (const task of this.tasksOf(id)) this.tasks.delete(task.ID);
        for (const task of tasks) if (task.ServiceID === id) this.tasks.set(task.ID, task);
        return;
      }
      case 'node': {
        const [found] = await this.engine.listNodes(id);
        setOrDelete(this.nodes, id, found?.ID === id ? found : undefined);
        return;
      }
      case 'secret': {
        const [found] = await this.engine.listSecrets(id);
        setOrDelete(this.secrets, id, found?.ID === id ? found : undefined);
        return;
      }
      case 'config': {
        const [found] = await this.engine.listConfigs(id);
        setOrDelete(this.configs, id, found?.ID === id ? found : undefined);
        return;
      }
    }
  }
}

function replace<T extends { ID: string }>(map: Map<string, T>, items: readonly T[]): void {
  map.clear();
  for (const item of items) map.set(item.ID, item);
}

function setOrDelete<T>(map: Map<string, T>, id: string, value: T | undefined): void {
  if (value) map.set(id, value);
  else map.delete(id);
}
