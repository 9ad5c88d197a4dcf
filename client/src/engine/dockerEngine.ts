// What the rest of the client sees of a Docker Engine: the DockerEngine interface and the plain
// shapes it speaks. DockerodeEngine (dockerodeEngine.ts) implements it over dockerode; nothing
// outside client/src/engine imports dockerode, docker-modem or ssh2 (eslint.config.mjs enforces it).
import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import type { EngineMessages } from './engineError';
import type { EngineTarget } from './engineTarget';
import type { EngineEvent } from './engineEvents';
import type { ContainerCreateOptions } from './createOptions';
import type { SwarmInfo, SwarmNode, SwarmSecretOrConfig, SwarmService, SwarmServiceSpec, SwarmTask } from './swarmObjects';

export type ContainerSummary = Dockerode.ContainerInfo;
export type ContainerDetails = Dockerode.ContainerInspectInfo;
export type ImageSummary = Dockerode.ImageInfo;
export type ImageDetails = Dockerode.ImageInspectInfo;
export type VolumeSummary = Dockerode.VolumeInspectInfo & { CreatedAt?: string; UsageData?: { Size: number; RefCount: number } | null };
export type NetworkSummary = Dockerode.NetworkInspectInfo;
export type EngineVersion = Dockerode.DockerVersion;
/** Registry credentials as the engine takes them (X-Registry-Auth). */
export type RegistryAuth = Dockerode.AuthConfig;
export type NetworkCreateOptions = Dockerode.NetworkCreateOptions;

/** What kind of engine answers: Docker Engine, or Podman's Docker-compatible service. */
export type EngineFlavor = 'docker' | 'podman';

/** A Podman pod (its libpod API), with the containers in it. */
export interface PodSummary {
  Id: string;
  Name: string;
  Status?: string;
  InfraId?: string;
  Containers?: Array<{ Id: string; Names?: string; Status?: string }>;
  Labels?: Record<string, string>;
}

export interface EventSubscription {
  dispose(): void;
}

export interface ImageLayer {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export interface LogOptions {
  follow: boolean;
  tail?: number;
  timestamps?: boolean;
  since?: number;
}

export interface ExecSession {
  stream: NodeJS.ReadWriteStream;
  resize(columns: number, rows: number): Promise<void>;
  /** Resolves to the command's exit code once it has ended. */
  exitCode(): Promise<number | null>;
}

/** The /events filters a watcher may ask for (each a list of accepted values). */
export interface EventFilters {
  type?: Array<'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'service' | 'node' | 'secret' | 'config'>;
  container?: string[];
  event?: string[];
}

/** The options of an API build (the query of POST /build). */
export interface ApiBuildOptions {
  dockerfile: string;
  t?: string;
  buildargs?: Record<string, string>;
  target?: string;
  platform?: string;
  nocache?: boolean;
  rm?: boolean;
}

export interface ContainerPathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

export interface ProgressEvent {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

export interface DiskUsage {
  LayersSize?: number;
  Images?: Array<{ Id: string; Size: number; SharedSize: number; Containers: number; RepoTags?: string[] | null }>;
  Containers?: Array<{ Id: string; SizeRw?: number; SizeRootFs?: number; State: string; Names: string[] }>;
  Volumes?: Array<{ Name: string; UsageData?: { Size: number; RefCount: number } | null }>;
  BuildCache?: Array<{ Size: number; InUse: boolean; Shared: boolean }>;
}

/** One Docker (or Podman) engine: every request the client makes of it. Failures are EngineErrors. */
export interface DockerEngine {
  readonly target: EngineTarget;
  /** Translates the messages of the errors it raises (vscode.l10n in the extension). */
  readonly l10n: EngineMessages;
  /** Closes what the engine holds open (the ssh connections of an ssh engine). */
  dispose(): void;
  /** Loads the client's code ahead of the first call, connecting to nothing (see extension.ts). */
  prepare?(): void;
  ping(): Promise<unknown>;
  version(): Promise<EngineVersion>;
  info(): Promise<Record<string, unknown>>;
  /** Docker Engine or Podman, from the components /version lists. */
  flavor(): Promise<EngineFlavor>;
  /** Podman's pods, from its own API (the Docker-compatible one has no pods). */
  listPods(): Promise<PodSummary[]>;
  diskUsage(): Promise<DiskUsage>;
  /** All containers, or only the one with this id (an exact id filter, used after an event). */
  listContainers(id?: string): Promise<ContainerSummary[]>;
  /**
   * The `limit` most recently created containers (any state), or of the running ones only. The
   * engine spends its time per container it returns: 100 of 1,000 take a tenth of the full list.
   */
  listLatestContainers(limit: number, runningOnly?: boolean): Promise<ContainerSummary[]>;
  inspectContainer(id: string): Promise<ContainerDetails>;
  containerAction(id: string, action: 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill'): Promise<void>;
  removeContainer(id: string, options?: { force?: boolean; volumes?: boolean }): Promise<void>;
  renameContainer(id: string, name: string): Promise<void>;
  /** The container's log stream: raw bytes for TTY containers, multiplexed frames otherwise. */
  logs(id: string, options: LogOptions): Promise<Readable>;
  /** Splits a multiplexed (non-TTY) stream into stdout and stderr. */
  demux(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void;
  exec(id: string, options: { cmd: string[]; tty: boolean; user?: string; workingDir?: string; env?: string[]; columns?: number; rows?: number }): Promise<ExecSession>;
  /**
   * Attaches to the container's main process (its stdin/stdout/stderr) over a hijacked connection.
   * Attaching before start (as docker run does) shows every byte from the first. `detachKeys` are
   * the keys the engine watches for in stdin (a TTY only) to end the attach without stopping it.
   */
  attach(id: string, options?: { stdin?: boolean; detachKeys?: string }): Promise<NodeJS.ReadWriteStream>;
  /**
   * Resolves with the exit code when the container next exits (or, with `removed`, once it is gone:
   * what docker run waits for with --rm). Ask before starting it, or a quick exit is missed.
   */
  waitForExit(id: string, condition: 'next-exit' | 'removed', signal?: AbortSignal): Promise<number>;
  /** Sends a signal to the container's main process (SIGINT: what Ctrl+C in an attached terminal means). */
  signalContainer(id: string, signal: string): Promise<void>;
  /** What changed in the container's writable layer (`docker diff`): Kind 0 changed, 1 added, 2 deleted. */
  containerChanges(id: string): Promise<Array<{ Kind: number; Path: string }>>;
  resizeContainerTty(id: string, columns: number, rows: number): Promise<void>;
  top(id: string): Promise<{ Titles: string[]; Processes: string[][] }>;
  /** A stream of stats objects (one JSON object per line, about once a second). */
  stats(id: string): Promise<Readable>;
  commit(id: string, options: { repo: string; tag?: string; comment?: string; pause?: boolean }): Promise<{ Id: string }>;
  /** The container's filesystem as a tar stream. */
  exportContainer(id: string): Promise<Readable>;
  /** A tar of `path` inside the container. */
  getArchive(id: string, path: string): Promise<Readable>;
  /** Extracts a tar into `path` inside the container. */
  putArchive(id: string, path: string, tar: Buffer | Readable): Promise<void>;
  /**
   * stat of `path` inside the container: the archive endpoint's HEAD answers with it base64-encoded
   * in a header (dockerode hands back the raw response, not the parsed stat).
   */
  statPath(id: string, path: string): Promise<ContainerPathStat>;
  createContainer(options: ContainerCreateOptions): Promise<string>;
  listImages(): Promise<ImageSummary[]>;
  inspectImage(idOrName: string): Promise<ImageDetails>;
  imageHistory(idOrName: string): Promise<ImageLayer[]>;
  /** The image as a tar stream (`docker save`): its layers, configuration and manifest. */
  exportImage(idOrName: string): Promise<Readable>;
  tagImage(idOrName: string, repo: string, tag: string): Promise<void>;
  removeImage(idOrName: string, options?: { force?: boolean }): Promise<Array<{ Untagged?: string; Deleted?: string }>>;
  pruneImages(onlyDangling?: boolean): Promise<{ ImagesDeleted?: Array<{ Untagged?: string; Deleted?: string }>; SpaceReclaimed: number }>;
  /**
   * Starts a classic-builder build (POST /build) of the files `src` (paths relative to `context`);
   * the stream carries JSON progress lines (follow it with followProgress).
   */
  buildImage(context: string, src: string[], options: ApiBuildOptions): Promise<Readable>;
  /**
   * Starts a pull; the stream carries JSON progress lines. Without `auth` it sends the
   * credentials the docker CLI would send for the image's registry (none: an anonymous pull).
   */
  pull(reference: string, auth?: RegistryAuth): Promise<Readable>;
  /** Starts a push of `repo:tag` (with the CLI's credentials for its registry unless `auth` is given); the stream carries JSON progress lines. */
  push(name: string, tag: string, auth?: RegistryAuth): Promise<Readable>;
  /** Asks the engine to log in to a registry, as `docker login` does (POST /auth); resolves to the identity token it may hand back. */
  checkRegistryLogin(auth: RegistryAuth): Promise<{ identityToken?: string }>;
  listVolumes(name?: string): Promise<VolumeSummary[]>;
  inspectVolume(name: string): Promise<VolumeSummary>;
  createVolume(options: { name?: string; driver?: string; labels?: Record<string, string> }): Promise<string>;
  removeVolume(name: string): Promise<void>;
  pruneVolumes(): Promise<{ VolumesDeleted?: string[]; SpaceReclaimed: number }>;
  listNetworks(id?: string): Promise<NetworkSummary[]>;
  inspectNetwork(id: string): Promise<NetworkSummary>;
  createNetwork(options: NetworkCreateOptions): Promise<string>;
  connectNetwork(networkId: string, containerId: string, aliases?: string[]): Promise<void>;
  disconnectNetwork(networkId: string, containerId: string, force?: boolean): Promise<void>;
  removeNetwork(id: string): Promise<void>;
  pruneNetworks(): Promise<{ NetworksDeleted?: string[] }>;
  /** Removes build cache records (POST /build/prune); `ids` limits it to those records. */
  pruneBuildCache(options?: { all?: boolean; ids?: string[] }): Promise<{ CachesDeleted?: string[]; SpaceReclaimed?: number }>;
  pruneContainers(): Promise<{ ContainersDeleted?: string[]; SpaceReclaimed: number }>;
  /** The engine's place in a swarm (the `Swarm` part of /info). */
  swarmInfo(): Promise<SwarmInfo>;
  /** Makes this engine the manager of a new single-node swarm; resolves to the node id. */
  swarmInit(options: { listenAddr: string; advertiseAddr: string }): Promise<string>;
  swarmLeave(force: boolean): Promise<void>;
  listNodes(id?: string): Promise<SwarmNode[]>;
  /** Services with their running/desired counts where the engine reports them (API 1.41+). */
  listServices(id?: string): Promise<SwarmService[]>;
  inspectService(id: string): Promise<SwarmService>;
  /** Replaces a service's spec (`version` is the one it was read at); `rollback` returns to the previous spec. */
  updateService(id: string, version: number, spec: SwarmServiceSpec, options?: { rollback?: boolean }): Promise<{ Warnings?: string[] | null }>;
  removeService(id: string): Promise<void>;
  /** A service's log stream (multiplexed unless its containers have a TTY), each line prefixed with its task's details. */
  serviceLogs(id: string, options: { follow: boolean; tail?: number; timestamps?: boolean }): Promise<Readable>;
  /** Tasks, all or of one service. */
  listTasks(serviceId?: string): Promise<SwarmTask[]>;
  listSecrets(id?: string): Promise<SwarmSecretOrConfig[]>;
  listConfigs(id?: string): Promise<SwarmSecretOrConfig[]>;
  removeSecret(id: string): Promise<void>;
  removeConfig(id: string): Promise<void>;
  /** Follows a JSON-lines progress stream (pull/push/build) to its end. */
  followProgress(stream: Readable, onProgress: (event: ProgressEvent) => void): Promise<ProgressEvent[]>;
  /**
   * A raw /events stream limited to these filters (JSON lines; split them with EventLineSplitter),
   * for a watcher of its own; the explorer follows everything through subscribe().
   */
  eventStream(filters: EventFilters): Promise<NodeJS.ReadableStream & { destroy?: () => void }>;
  /**
   * Follows the engine's /events stream. `onEvent` gets each event; `onEnd` is called once when
   * the stream ends or fails (with the reason), after which the subscription is dead.
   */
  subscribe(onEvent: (event: EngineEvent) => void, onEnd: (error?: Error) => void): Promise<EventSubscription>;
}
