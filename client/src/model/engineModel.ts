// The model of one engine: containers, images, volumes and networks, listed in full once on
// connect and then kept current from the /events stream by refreshing only the object an event
// names. Views are views of this model; nothing here polls. While disconnected it retries with
// backoff; once connected no timer runs.
import type { ContainerSummary, DockerEngine, EngineFlavor, EventSubscription, ImageDetails, ImageSummary, NetworkSummary, PodSummary, VolumeSummary } from '../engine/dockerEngine';
import { EngineError, englishEngineMessages, toEngineError } from '../engine/engineError';
import type { EngineEvent } from '../engine/engineEvents';
import { outageOf, type ConnectionState } from '../engine/outage';
import { Emitter } from './emitter';
import { patchContainer } from './containerEventPatch';
import { ContainerIndex } from './containerIndex';
import { CoalescedReads } from './coalescedReads';
import { PodIndex } from './podIndex';

export type ResourceKind = 'container' | 'image' | 'volume' | 'network' | 'pod';

// The connection states are the engine's (engine/outage.ts); the model's users read them from here too.
export { outageOf, type ConnectionState } from '../engine/outage';

/** `id` undefined means the whole collection changed. */
export interface ModelChange {
  kind: ResourceKind | 'state';
  id?: string;
}

/** When a container last started and finished, in ms since the epoch (State.StartedAt / FinishedAt). */
export interface ContainerTimes {
  startedAt?: number;
  finishedAt?: number;
}

/** A Docker timestamp ("0001-01-01T00:00:00Z" means never) as ms since the epoch. */
export function parseDockerTime(text: string | undefined): number | undefined {
  if (!text || text.startsWith('0001-')) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

export interface ModelTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const BACKOFF_MS = [500, 1000, 2000, 5000, 10000, 30000];
/** Containers in the first page asked for while connecting (the views' page is 100 rows). */
const PREVIEW_SIZE = 100;
/** Container inspects for times in flight at once. */
const TIME_READERS = 4;
/**
 * After a warm start, how long the full lists wait once a view adopts it (a command that needs them
 * cuts the wait short, see settled): meanwhile the Containers view draws its first rows from the
 * warm page, and the full lists (the engine's heaviest answers: with their parse here, ~0.3 s per
 * 1,000 containers on the benchmarks' machine) would take the cores from that drawing. Sidebar
 * bench, 1,000 containers, two runs of 8 windows each way: click → first rows 417 → 315 and
 * 519 → 374 ms (BENCHMARKS.md).
 */
export const WARM_LISTS_DELAY_MS = 400;
/**
 * The same wait when the first page held every container (fewer than a page): the full lists are
 * then about as quick as the page, and the views shown beside the Containers view (Images, Volumes,
 * Networks, Compose) would wait 0.4 s for little; long enough that they are drawn after the first
 * rows, not with them (with no wait the first rows came 30-70 ms later, 5-6 windows each way; with
 * this one 217 vs 187 and 230 vs 272 ms, the full lists ~250 ms sooner: BENCHMARKS.md).
 */
export const WARM_SMALL_LISTS_DELAY_MS = 150;

export class EngineModel {
  readonly containers = new Map<string, ContainerSummary>();
  readonly images = new Map<string, ImageSummary>();
  readonly volumes = new Map<string, VolumeSummary>();
  readonly networks = new Map<string, NetworkSummary>();
  /** Podman's pods (empty on Docker Engine). */
  readonly pods = new Map<string, PodSummary>();

  /** Which containers use each image, volume and network (kept current with `containers`). */
  readonly index = new ContainerIndex();
  /** Each container's pod and the pods by name (rebuilt with `pods`). */
  readonly podIndex = new PodIndex();

  /** How much work the model has done: full lists versus single-object reads after events. */
  readonly counters = { fullLists: 0, objectReads: 0, events: 0, timeReads: 0 };

  /**
   * When the first connection started, subscribed to the events and had its lists, as epoch
   * milliseconds (the benchmarks break the time to the first rows down with them).
   */
  readonly firstConnection: { warmedAt?: number; startedAt?: number; subscribedAt?: number; previewedAt?: number; listedAt?: number } = {};

  /**
   * When each container started and finished: from start/die events, else read once (inspect) the
   * first time a view asks. The list the engine gives has only a status text that goes stale.
   */
  private readonly times = new Map<string, ContainerTimes>();
  /** Containers whose times were asked for and not answered yet (queued or being read). */
  private readonly timesWanted = new Set<string>();
  private readonly timesQueue: string[] = [];
  /** Reads of times in flight: a few at once, so a page of rows gets its times in a few round trips. */
  private timeReaders = 0;

  private readonly changes = new Emitter<ModelChange>();
  readonly onDidChange = this.changes.event;
  /** Every event from the stream, for models of other objects (the swarm's) that follow the same stream. */
  private readonly events = new Emitter<EngineEvent>();
  readonly onEngineEvent = this.events.event;
  private previewValue = false;

  private stateValue: ConnectionState = { status: 'connecting' };
  private flavorValue: EngineFlavor | undefined;
  private subscription: EventSubscription | undefined;
  private retryHandle: unknown;
  private attempt = 0;
  private generation = 0;
  private disposed = false;
  private started = false;
  /** A quiet first page and subscription made before anything asked (warmUp), until connect adopts it. */
  private warm: { generation: number; ready: Promise<boolean> } | undefined;
  /** The last first page held every container the engine has (fewer than PREVIEW_SIZE). */
  private previewWhole = false;
  /** A command waits for the lists (settled): a warm start does not hold them back (see WARM_LISTS_DELAY_MS). */
  private listsWanted = false;
  /** Ends a warm start's wait before the full lists at once. */
  private hurry: (() => void) | undefined;
  /** Per object: a refresh in flight, and whether another event arrived meanwhile. */
  private readonly reads = new CoalescedReads();

  constructor(
    private engine: DockerEngine,
    private readonly timers: ModelTimers = { setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  ) {}

  get state(): ConnectionState {
    return this.stateValue;
  }

  get endpoint(): string {
    return this.engine.target.endpoint;
  }

  /** Docker Engine or Podman; undefined until connected. */
  get flavor(): EngineFlavor | undefined {
    return this.flavorValue;
  }

  /**
   * The kinds this engine sends no events for, so their lists cannot follow changes made
   * elsewhere (Podman 4 sends none for networks). Views say so; commands re-read after acting.
   */
  get notLive(): ResourceKind[] {
    return this.flavorValue === 'podman' ? ['network'] : [];
  }

  /** After a command changed objects of `kind`: re-read them if no event will say so. */
  followUp(kind: ResourceKind): void {
    if (this.notLive.includes(kind)) void this.relist(kind);
  }

  /** The engine the model follows (the one a context switch last gave it). */
  get currentEngine(): DockerEngine {
    return this.engine;
  }

  /**
   * True while connecting when `containers` holds only a first page of them (the newest and the
   * running ones, see listAll): enough for the Containers view's first rows; the rest follows.
   */
  get previewing(): boolean {
    return this.previewValue && this.stateValue.status === 'connecting';
  }

  /** Connects on first use only: nothing talks to the engine until a view or a command needs it. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  /** Whether anything has asked for the engine yet (start, connect). */
  get hasStarted(): boolean {
    return this.started;
  }

  /**
   * Resolves once the first lists are in or the connection failed (it starts connecting if it had
   * not), or after `limitMs`: a palette picker reads the model, which is empty until then. A warm
   * start's wait before the full lists ends at once, unless `hurry` is false (a view shown beside
   * the Containers view, which should not take the first rows' drawing time).
   */
  settled(limitMs = Infinity, { hurry = true }: { hurry?: boolean } = {}): Promise<void> {
    this.start();
    if (hurry) {
      this.listsWanted = true;
      this.hurry?.();
    }
    return new Promise((resolve) => {
      if (this.stateValue.status !== 'connecting') return resolve();
      const done = () => {
        listener.dispose();
        if (timer !== undefined) this.timers.clearTimeout(timer);
        resolve();
      };
      const listener = this.onDidChange((change) => { if (change.kind === 'state' && this.stateValue.status !== 'connecting') done(); });
      const timer = Number.isFinite(limitMs) ? this.timers.setTimeout(done, limitMs) : undefined;
    });
  }

  /** Connects (or reconnects): subscribe first so no event is missed, then list everything. */
  async connect(): Promise<void> {
    this.started = true;
    this.firstConnection.startedAt ??= epochNow();
    const warm = this.warm;
    this.warm = undefined;
    if (warm && (await this.adoptWarm(warm))) return;
    const generation = ++this.generation;
    this.cancelRetry();
    this.subscription?.dispose();
    this.subscription = undefined;
    this.setState({ status: 'connecting', retrying: outageOf(this.stateValue) });
    // With nothing known yet, the first page of containers is asked for beside the subscription,
    // not after it: the first rows wait for one round trip, not two. The full lists still start
    // only once subscribed, so no event between them and the stream is lost.
    const preview = this.containers.size === 0 ? this.preview() : undefined;
    // The engine's flavor comes from /version, for which dockerd runs its runtime binaries to read
    // their versions (~20 ms of its CPU, as long as the page itself): asked once the page is in.
    const flavor = preview ? preview.then(() => this.readFlavor()) : this.readFlavor();
    try {
      const subscription = await this.engine.subscribe(
        (event) => { if (generation === this.generation) this.onEvent(event); },
        (error) => { if (generation === this.generation) this.lost(error); },
      );
      if (generation !== this.generation) {
        subscription.dispose();
        return;
      }
      this.subscription = subscription;
      this.firstConnection.subscribedAt ??= epochNow();
      await flavor;
      if (preview) await preview;
      if (generation !== this.generation) return;
      await this.listAll();
      if (generation !== this.generation) return;
      this.firstConnection.listedAt ??= epochNow();
      this.attempt = 0;
      this.setState({ status: 'connected' });
    } catch (error) {
      if (generation === this.generation) this.lost(error);
    }
  }

  /**
   * Before anything asked (a local engine, shortly after start-up): the first page of containers
   * and the event subscription, quietly. The Containers view then has rows the moment it is first
   * shown, and the events keep them current until it is; the full lists wait for a view or a
   * command (connect adopts what this made). Nothing is shown: no status item, no outage, no retry;
   * a failure just drops it, and the first real use connects as usual.
   */
  warmUp(): void {
    if (this.started || this.warm || this.disposed) return;
    const generation = ++this.generation;
    this.firstConnection.warmedAt = epochNow();
    const preview = this.preview();
    const ready = (async () => {
      try {
        const subscription = await this.engine.subscribe(
          (event) => { if (generation === this.generation) this.onEvent(event); },
          (error) => {
            if (generation !== this.generation) return;
            if (this.started) this.lost(error);
            else this.dropWarm();
          },
        );
        if (generation !== this.generation) {
          subscription.dispose();
          return false;
        }
        this.subscription = subscription;
        await preview;
        return generation === this.generation;
      } catch {
        if (generation === this.generation && !this.started) this.dropWarm();
        return false;
      }
    })();
    this.warm = { generation, ready };
  }

  /** Whether a quiet warm-up (warmUp) is holding a subscription that connect has not adopted yet. */
  get warming(): boolean {
    return this.warm !== undefined;
  }

  /** Continues a warm-up's subscription with the full lists; false when it failed (connect afresh). */
  private async adoptWarm(warm: { generation: number; ready: Promise<boolean> }): Promise<boolean> {
    if (!(await warm.ready) || warm.generation !== this.generation || !this.subscription) return false;
    const generation = warm.generation;
    this.firstConnection.subscribedAt ??= epochNow();
    try {
      await this.pauseBeforeLists(this.previewWhole ? WARM_SMALL_LISTS_DELAY_MS : WARM_LISTS_DELAY_MS);
      if (generation !== this.generation) return true;
      await this.readFlavor();
      if (generation !== this.generation) return true;
      await this.listAll();
      if (generation !== this.generation) return true;
      this.firstConnection.listedAt ??= epochNow();
      this.attempt = 0;
      this.setState({ status: 'connected' });
    } catch (error) {
      if (generation === this.generation) this.lost(error);
    }
    return true;
  }

  /** Waits `ms`, or less when hurried (a command needs the lists now). */
  private pauseBeforeLists(ms: number): Promise<void> {
    if (this.listsWanted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.timers.clearTimeout(timer);
        if (this.hurry === done) this.hurry = undefined;
        resolve();
      };
      const timer = this.timers.setTimeout(done, ms);
      this.hurry = done;
    });
  }

  /** Lets go of a warm-up that failed or was overtaken: nothing of it stays, nothing is shown. */
  private dropWarm(): void {
    this.warm = undefined;
    this.generation++;
    this.subscription?.dispose();
    this.subscription = undefined;
    this.clearAll();
  }

  /** The user's Refresh: a full list without dropping the event subscription. */
  async refresh(): Promise<void> {
    if (this.stateValue.status !== 'connected') return this.connect();
    try {
      await this.listAll();
    } catch (error) {
      this.lost(error);
    }
  }

  /** Points the model at another engine (a context switch) and reconnects. */
  switchEngine(engine: DockerEngine): Promise<void> {
    // A warm-up of the engine switched away from is no use.
    if (this.warm) this.dropWarm();
    this.engine = engine;
    this.attempt = 0;
    this.flavorValue = undefined;
    this.clearAll();
    // Another engine: whatever was wrong with the previous one says nothing about it.
    this.stateValue = { status: 'connecting' };
    return this.connect();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.cancelRetry();
    this.subscription?.dispose();
    this.changes.dispose();
    this.events.dispose();
  }

  private async listAll(): Promise<void> {
    this.counters.fullLists++;
    await this.readFlavor();
    const [containers, images, volumes, networks, pods] = await Promise.all([
      this.engine.listContainers(),
      this.engine.listImages(),
      this.engine.listVolumes(),
      this.engine.listNetworks(),
      this.flavorValue === 'podman' ? this.engine.listPods().catch(() => []) : Promise.resolve([]),
    ]);
    this.previewValue = false;
    replace(this.containers, containers, (c) => c.Id);
    this.index.reset(this.containers.values());
    this.times.clear();
    replace(this.images, images, (i) => i.Id);
    replace(this.volumes, volumes, (v) => v.Name);
    replace(this.networks, networks, (n) => n.Id);
    this.replacePods(pods);
    for (const kind of ['container', 'image', 'volume', 'network', 'pod'] as const) this.changes.fire({ kind });
  }

  /** Lists one collection again (for kinds the engine sends no events about). */
  private async relist(kind: ResourceKind): Promise<void> {
    const generation = this.generation;
    try {
      if (kind === 'network') {
        const networks = await this.engine.listNetworks();
        if (generation === this.generation) replace(this.networks, networks, (n) => n.Id);
      } else if (kind === 'pod') {
        const pods = await this.engine.listPods();
        if (generation === this.generation) this.replacePods(pods);
      }
    } catch {
      return;
    }
    if (generation === this.generation) this.changes.fire({ kind });
  }

  /** Which engine this is decides what else to list (pods) and which lists are live; read once. */
  private async readFlavor(): Promise<void> {
    if (this.flavorValue) return;
    const generation = this.generation;
    const flavor = await Promise.resolve().then(() => this.engine.flavor()).catch(() => 'docker' as const);
    // The answer of an engine switched away from says nothing about this one.
    if (generation === this.generation) this.flavorValue ??= flavor;
  }

  /**
   * Connecting with nothing known yet: a first page of containers before the full lists. The
   * engine's time goes by the containers it returns, so a page answers long before the full list
   * (1,000 containers: ~25 ms against ~200 ms) and the Containers view can draw its first rows;
   * asked before the full lists, it does not share the engine and this process with them.
   *
   * The first page of the Containers view's order (running first, then the newest): the newest
   * PREVIEW_SIZE running containers and the newest PREVIEW_SIZE of all hold it.
   */
  private async preview(): Promise<void> {
    const generation = this.generation;
    try {
      const [running, latest] = await Promise.all([
        this.engine.listLatestContainers(PREVIEW_SIZE, true),
        this.engine.listLatestContainers(PREVIEW_SIZE),
      ]);
      if (generation !== this.generation) return;
      for (const c of [...running, ...latest]) this.containers.set(c.Id, c);
      this.previewWhole = latest.length < PREVIEW_SIZE;
      this.index.reset(this.containers.values());
      this.previewValue = true;
      this.firstConnection.previewedAt ??= epochNow();
      this.changes.fire({ kind: 'container' });
    } catch {
      // The full list says what went wrong, if anything did.
    }
  }

  private lost(error: unknown): void {
    if (this.disposed) return;
    this.subscription?.dispose();
    this.subscription = undefined;
    this.generation++;
    const l10n = this.engine.l10n ?? englishEngineMessages;
    const engineError = error === undefined
      ? new EngineError('refused', l10n.t('The event stream from {0} ended (the engine stopped or restarted).', this.endpoint))
      : toEngineError(error, this.endpoint, l10n);
    this.clearAll();
    this.cancelRetry();
    // An unknown or changed ssh host key, a refused key…: trying again cannot help until the
    // user acts (and would ask about the host key again and again), so only Retry reconnects.
    if (engineError.needsUser) {
      this.setState({ status: 'unreachable', error: engineError });
      return;
    }
    const retryInMs = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
    this.attempt++;
    this.setState({ status: 'unreachable', error: engineError, retryInMs });
    this.retryHandle = this.timers.setTimeout(() => {
      this.retryHandle = undefined;
      void this.connect();
    }, retryInMs);
  }

  private cancelRetry(): void {
    if (this.retryHandle !== undefined) this.timers.clearTimeout(this.retryHandle);
    this.retryHandle = undefined;
  }

  private clearAll(): void {
    this.previewValue = false;
    this.containers.clear();
    this.index.reset([]);
    this.times.clear();
    this.timesWanted.clear();
    this.timesQueue.length = 0;
    this.images.clear();
    this.volumes.clear();
    this.networks.clear();
    this.replacePods([]);
    for (const kind of ['container', 'image', 'volume', 'network', 'pod'] as const) this.changes.fire({ kind });
  }

  private replacePods(pods: readonly PodSummary[]): void {
    replace(this.pods, pods, (p) => p.Id);
    this.podIndex.reset(this.pods.values());
  }

  private setState(state: ConnectionState): void {
    this.stateValue = state;
    this.changes.fire({ kind: 'state' });
  }

  private onEvent(event: EngineEvent): void {
    this.counters.events++;
    this.events.fire(event);
    // Podman's volume events name the volume only in the attributes.
    if (!event.Actor.ID && event.Type === 'volume' && event.Actor.Attributes?.name) event = { ...event, Actor: { ...event.Actor, ID: event.Actor.Attributes.name } };
    // Prune events have no actor (each removed object gets its own event); an empty id would
    // also make dockerode build a malformed request.
    if (!event.Actor.ID || event.Action === 'prune') return;
    switch (event.Type) {
      case 'container':
        // exec_* and attach events do not change what a container looks like in a list; nor does a
        // signal (kill): if it ends the container, the die event that follows says so. A stop sends
        // one or two first, and their re-reads only delayed the die event's update.
        if (event.Action.startsWith('exec_') || event.Action === 'attach' || event.Action === 'top' || event.Action === 'kill') return;
        // A commit makes an image; the event names the container, and the image in its attributes.
        if (event.Action === 'commit') {
          const imageId = event.Actor.Attributes?.imageID;
          if (imageId) this.refreshOne('image', imageId);
          return;
        }
        this.recordTimes(event);
        this.applyContainerEvent(event);
        this.refreshOne('container', event.Actor.ID);
        // A container joining or leaving a pod changes the pod's member list.
        if (this.flavorValue === 'podman' && event.Actor.Attributes?.podId && (event.Action === 'create' || event.Action === 'remove')) void this.relist('pod');
        return;
      case 'image':
        this.refreshOne('image', event.Actor.ID);
        return;
      case 'volume':
        // mount/unmount name the volume but change nothing a list shows about it.
        if (event.Action === 'mount' || event.Action === 'unmount') return;
        this.refreshOne('volume', event.Actor.ID);
        return;
      case 'network': {
        this.refreshOne('network', event.Actor.ID);
        // connect/disconnect also change the container's own list entry (its networks).
        const container = event.Actor.Attributes?.container;
        if (container && (event.Action === 'connect' || event.Action === 'disconnect')) this.refreshOne('container', container);
        return;
      }
      case 'pod':
        void this.relist('pod');
        return;
      default:
        return;
    }
  }

  /**
   * A container's start and finish times, or undefined while unknown: then one inspect is queued
   * (TIME_READERS at a time) and a change for the container fires when it answers. Only rows that
   * are drawn ask, and the views draw a page of rows at a time.
   */
  containerTimes(id: string): ContainerTimes | undefined {
    const known = this.times.get(id);
    if (known) return known;
    if (this.stateValue.status === 'connected' && this.containers.has(id) && !this.timesWanted.has(id)) {
      this.timesWanted.add(id);
      this.timesQueue.push(id);
      if (this.timeReaders < TIME_READERS) void this.readTimes();
    }
    return undefined;
  }

  private async readTimes(): Promise<void> {
    this.timeReaders++;
    const generation = this.generation;
    try {
      for (let id = this.timesQueue.shift(); id !== undefined && generation === this.generation; id = this.timesQueue.shift()) {
        if (!this.containers.has(id)) {
          this.timesWanted.delete(id);
          continue;
        }
        this.counters.timeReads++;
        try {
          const state = (await this.engine.inspectContainer(id)).State;
          if (generation !== this.generation) break;
          // An event may have said more exactly meanwhile; keep what it said.
          this.times.set(id, { startedAt: parseDockerTime(state?.StartedAt), finishedAt: parseDockerTime(state?.FinishedAt), ...this.times.get(id) });
          this.changes.fire({ kind: 'container', id });
        } catch {
          // Gone meanwhile (its destroy event follows), or the engine went away (the stream's end handles it).
        } finally {
          this.timesWanted.delete(id);
        }
      }
    } finally {
      this.timeReaders--;
    }
  }

  /** start and die events say exactly when; no read needed. */
  private recordTimes(event: EngineEvent): void {
    const id = event.Actor.ID;
    if (event.Action === 'destroy') {
      this.times.delete(id);
      return;
    }
    if (event.Action !== 'start' && event.Action !== 'die') return;
    const at = event.timeNano ? Math.floor(event.timeNano / 1e6) : event.time ? event.time * 1000 : undefined;
    if (at === undefined) return;
    const previous = this.times.get(id) ?? {};
    this.times.set(id, event.Action === 'start' ? { ...previous, startedAt: at } : { ...previous, finishedAt: at });
  }

  /** Applies what the event itself says, so the node changes before the re-read answers. */
  private applyContainerEvent(event: EngineEvent): void {
    const current = this.containers.get(event.Actor.ID);
    if (!current) return;
    const patched = patchContainer(current, event);
    if (patched === undefined) return;
    if (patched === null) this.containers.delete(event.Actor.ID);
    else this.containers.set(event.Actor.ID, patched);
    this.index.update(event.Actor.ID, patched ?? undefined);
    this.changes.fire({ kind: 'container', id: event.Actor.ID });
  }

  /**
   * Re-reads one object, coalescing events that arrive while a read is in flight. Commands call it
   * for changes the engine reports no event for (connecting a stopped container to a network).
   */
  refreshOne(kind: ResourceKind, id: string): void {
    const generation = this.generation;
    this.reads.request(`${kind}:${id}`, async () => {
      let whole = false;
      try {
        whole = await this.readOne(kind, id, generation);
      } catch {
        // The object may be gone mid-read, or the engine with it; the stream's end handles the latter.
      }
      if (generation !== this.generation) return false;
      this.changes.fire(whole ? { kind } : { kind, id });
      return true;
    });
  }

  /** Re-reads one object; answers true when it had to re-read the whole collection instead. */
  /**
   * Reads one object into the model, unless the model reconnected or switched engines meanwhile
   * (`generation`): an answer from before belongs to another list, perhaps another engine.
   */
  private async readOne(kind: ResourceKind, id: string, generation: number): Promise<boolean> {
    this.counters.objectReads++;
    const current = () => generation === this.generation;
    switch (kind) {
      case 'pod':
        await this.relist('pod');
        return true;
      case 'container': {
        const [found] = await this.engine.listContainers(id);
        if (!current()) return false;
        setOrDelete(this.containers, id, found);
        this.index.update(id, found);
        return false;
      }
      case 'volume': {
        const [found] = await this.engine.listVolumes(id);
        if (!current()) return false;
        setOrDelete(this.volumes, id, found);
        return false;
      }
      case 'network': {
        const [found] = await this.engine.listNetworks(id);
        if (!current()) return false;
        setOrDelete(this.networks, id, found);
        return false;
      }
      case 'image': {
        // Image events name the image by id (tag, untag, delete) or by reference (pull, load):
        // inspect that one image; a 404 means it is gone.
        try {
          const details = await this.engine.inspectImage(id);
          if (!current()) return false;
          // An untag of one name leaves the image; re-reading it by id updates its tags.
          this.images.set(details.Id, imageSummaryOf(details, this.images.get(details.Id)));
        } catch (error) {
          if (!(error instanceof EngineError) || error.kind !== 'notFound') throw error;
          if (current()) this.images.delete(id);
        }
        return false;
      }
    }
  }
}

/** The list shape of an image, from its inspect data (the fields the views use). */
export function imageSummaryOf(details: ImageDetails, previous?: ImageSummary): ImageSummary {
  return {
    Id: details.Id,
    ParentId: details.Parent ?? '',
    RepoTags: details.RepoTags?.length ? details.RepoTags : ['<none>:<none>'],
    RepoDigests: details.RepoDigests ?? [],
    Created: Math.floor(Date.parse(details.Created) / 1000) || previous?.Created || 0,
    Size: details.Size,
    VirtualSize: details.VirtualSize ?? details.Size,
    SharedSize: previous?.SharedSize ?? -1,
    Labels: details.Config?.Labels ?? {},
    Containers: previous?.Containers ?? -1,
  };
}

function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

function replace<T>(map: Map<string, T>, items: readonly T[], key: (item: T) => string): void {
  map.clear();
  for (const item of items) map.set(key(item), item);
}

function setOrDelete<T>(map: Map<string, T>, id: string, value: T | undefined): void {
  if (value) map.set(id, value);
  else map.delete(id);
}
