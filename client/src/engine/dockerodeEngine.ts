// The DockerEngine over dockerode: the only module that talks to the Docker Engine. It turns every
// failure into an EngineError and exposes the engine's event stream as parsed events. Callers pass
// ids and plain options; nothing here builds shell strings.
import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import { EngineError, englishEngineMessages, toEngineError, type EngineMessages } from './engineError';
import type { EngineTarget } from './engineTarget';
import { EventLineSplitter, type EngineEvent } from './engineEvents';
import type { DockerCredentials } from './dockerCredentials';
import type { SshHooks, SshTransport } from './sshTransport';
import type * as LazyEngineParts from './lazyEngineParts';
import type { ContainerCreateOptions } from './createOptions';
import type {
  ApiBuildOptions, ContainerDetails, ContainerPathStat, ContainerSummary, DiskUsage, DockerEngine, EngineFlavor, EngineVersion, EventFilters, EventSubscription, ExecSession,
  ImageDetails, ImageLayer, ImageSummary, LogOptions, NetworkCreateOptions, NetworkSummary, PodSummary, ProgressEvent, RegistryAuth, VolumeSummary,
} from './dockerEngine';
import type { SwarmInfo, SwarmNode, SwarmSecretOrConfig, SwarmService, SwarmServiceSpec, SwarmTask } from './swarmObjects';

type NamedKind = 'container' | 'image' | 'volume' | 'network' | 'service' | 'secret' | 'config';

/** An empty id, caught by DockerEngine.call and turned into a translated EngineError. */
class NothingNamed extends Error {
  constructor(readonly what: NamedKind) {
    super(`No ${what} was named.`);
  }
}

/** dockerode builds a malformed request (whose error escapes as an uncaught exception) for an empty id. */
function nonEmpty(id: string, what: NamedKind): string {
  if (!id) throw new NothingNamed(what);
  return id;
}

/**
 * The ssh transport and the registry credentials, loaded the first time an ssh engine connects or a
 * pull or push starts (dist/engineParts.js): a local engine never needs them.
 */
let lazyParts: typeof LazyEngineParts | undefined;
function loadLazyParts(): typeof LazyEngineParts {
  lazyParts ??= require('./lazyEngineParts') as typeof LazyEngineParts;
  return lazyParts;
}

/** The docker CLI's credentials (its config file and helpers), read when a pull or push starts. */
let cliCredentials: DockerCredentials | undefined;
function defaultCredentials(): DockerCredentials {
  cliCredentials ??= new (loadLazyParts().DockerCredentials)();
  return cliCredentials;
}

/**
 * dockerode, loaded on the first engine call rather than at activation: with its dependencies it
 * is most of the code an engine call runs (dist/vendor/dockerode.js).
 */
let dockerodeClass: typeof Dockerode | undefined;
function loadDockerode(): typeof Dockerode {
  dockerodeClass ??= require('dockerode') as typeof Dockerode;
  return dockerodeClass;
}

function nothingNamedMessage(what: NamedKind, l10n: EngineMessages): string {
  switch (what) {
    case 'container': return l10n.t('No container was named.');
    case 'image': return l10n.t('No image was named.');
    case 'volume': return l10n.t('No volume was named.');
    case 'network': return l10n.t('No network was named.');
    case 'service': return l10n.t('No service was named.');
    case 'secret': return l10n.t('No secret was named.');
    case 'config': return l10n.t('No config was named.');
  }
}

export class DockerodeEngine implements DockerEngine {
  private client: Dockerode | undefined;
  /** An ssh engine's transport, made with the client (nothing connects until a request is sent). */
  private ssh: SshTransport | undefined;
  private disposed = false;

  /** `hooks` matter for ssh engines only (the unknown-host question). */
  constructor(
    readonly target: EngineTarget,
    /** Translates the messages of the errors it raises (vscode.l10n in the extension). */
    readonly l10n: EngineMessages = englishEngineMessages,
    private readonly hooks: SshHooks = {},
    private readonly givenCredentials?: DockerCredentials,
  ) {}

  /** Closes what the engine holds open (the ssh connections of an ssh engine). */
  dispose(): void {
    this.disposed = true;
    this.ssh?.dispose();
  }

  prepare(): void {
    loadDockerode();
  }

  private get credentials(): DockerCredentials {
    return this.givenCredentials ?? defaultCredentials();
  }

  /** The dockerode client, made on first use (nothing connects until a request is sent). */
  private get docker(): Dockerode {
    if (!this.client) {
      if (this.target.ssh) {
        this.ssh ??= new (loadLazyParts().SshTransport)(this.target.ssh, { l10n: this.l10n, ...this.hooks });
        // Asked after dispose (a log terminal left open on a switched-away engine): it refuses, it does not reconnect.
        if (this.disposed) this.ssh.dispose();
      }
      // docker-modem passes `agent` to http.request (its typings omit it).
      this.client = new (loadDockerode())(this.ssh ? ({ ...this.target.options, agent: this.ssh.agent } as Dockerode.DockerOptions) : this.target.options);
    }
    return this.client;
  }

  /** Runs one engine call with its failure turned into an EngineError. */
  private async call<T>(work: (docker: Dockerode) => Promise<T>): Promise<T> {
    try {
      return await work(this.docker);
    } catch (error) {
      if (error instanceof NothingNamed) throw new EngineError('notFound', nothingNamedMessage(error.what, this.l10n));
      throw toEngineError(error, this.target.endpoint, this.l10n);
    }
  }

  ping(): Promise<unknown> {
    return this.call((d) => d.ping());
  }

  version(): Promise<EngineVersion> {
    return this.call((d) => d.version());
  }

  info(): Promise<Record<string, unknown>> {
    return this.call((d) => d.info() as Promise<Record<string, unknown>>);
  }

  /** Docker Engine or Podman, from the components /version lists. */
  async flavor(): Promise<EngineFlavor> {
    const version = (await this.version()) as unknown as { Components?: Array<{ Name?: string }> };
    return (version.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) ? 'podman' : 'docker';
  }

  /** Podman's pods, from its own API (the Docker-compatible one has no pods). */
  listPods(): Promise<PodSummary[]> {
    return this.call((d) => new Promise<PodSummary[]>((resolve, reject) => {
      // libpod routes need a version prefix; 4.0.0 is the oldest with this shape.
      d.modem.dial({ path: '/v4.0.0/libpod/pods/json', method: 'GET', statusCodes: { 200: true, 404: 'not a Podman engine', 500: 'server error' } }, (error: unknown, data: unknown) => {
        if (error) reject(error);
        else resolve(Array.isArray(data) ? (data as PodSummary[]) : []);
      });
    }));
  }

  diskUsage(): Promise<DiskUsage> {
    return this.call((d) => d.df() as Promise<DiskUsage>);
  }

  // ── containers ──────────────────────────────────────────────────────────────────────────

  /** All containers, or only the one with this id (an exact id filter, used after an event). */
  listContainers(id?: string): Promise<ContainerSummary[]> {
    // No `filters` key without a filter: Podman refuses the empty `filters=` it would become.
    return this.call((d) => d.listContainers(id ? { all: true, filters: { id: [id] } } : { all: true }));
  }

  /**
   * The `limit` most recently created containers (any state), or of the running ones only. The
   * engine spends its time per container it returns: 100 of 1,000 take a tenth of the full list.
   */
  listLatestContainers(limit: number, runningOnly = false): Promise<ContainerSummary[]> {
    // No `filters` key without a filter (Podman refuses an empty one).
    return this.call((d) => d.listContainers(runningOnly ? { all: true, limit, filters: { status: ['running'] } } : { all: true, limit }));
  }

  inspectContainer(id: string): Promise<ContainerDetails> {
    return this.call((d) => d.getContainer(nonEmpty(id, 'container')).inspect());
  }

  containerAction(id: string, action: 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill'): Promise<void> {
    return this.call(async (d) => {
      const container = d.getContainer(nonEmpty(id, 'container'));
      switch (action) {
        case 'start': return void (await container.start());
        case 'stop': return void (await container.stop());
        case 'restart': return void (await container.restart());
        case 'pause': return void (await container.pause());
        case 'unpause': return void (await container.unpause());
        case 'kill': return void (await container.kill({}));
      }
    });
  }

  removeContainer(id: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    return this.call((d) => d.getContainer(nonEmpty(id, 'container')).remove({ force: Boolean(options.force), v: Boolean(options.volumes) }));
  }

  renameContainer(id: string, name: string): Promise<void> {
    return this.call((d) => d.getContainer(nonEmpty(id, 'container')).rename({ name }));
  }

  /** The container's log stream: raw bytes for TTY containers, multiplexed frames otherwise. */
  logs(id: string, options: LogOptions): Promise<Readable> {
    return this.call(async (d) => {
      const container = d.getContainer(nonEmpty(id, 'container'));
      const common = { stdout: true, stderr: true, timestamps: Boolean(options.timestamps), tail: options.tail, since: options.since ?? 0 };
      // dockerode's overloads differ by `follow`; follow:false returns a Buffer, so wrap it as a stream.
      if (options.follow) return (await container.logs({ ...common, follow: true })) as unknown as Readable;
      const buffer = await container.logs({ ...common, follow: false });
      const { Readable: ReadableStream } = await import('node:stream');
      return ReadableStream.from([buffer]);
    });
  }

  /** Splits a multiplexed (non-TTY) stream into stdout and stderr. */
  demux(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
    this.docker.modem.demuxStream(stream, stdout, stderr);
  }

  async exec(id: string, options: { cmd: string[]; tty: boolean; user?: string; workingDir?: string; env?: string[]; columns?: number; rows?: number }): Promise<ExecSession> {
    return this.call(async (d) => {
      const exec = await d.getContainer(nonEmpty(id, 'container')).exec({
        Cmd: options.cmd,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: options.tty,
        User: options.user,
        WorkingDir: options.workingDir,
        Env: options.env,
      });
      const stream = (await exec.start({ hijack: true, stdin: true, Tty: options.tty })) as NodeJS.ReadWriteStream;
      const session: ExecSession = {
        stream,
        resize: async (columns, rows) => {
          if (options.tty) await exec.resize({ h: rows, w: columns }).catch(() => undefined);
        },
        exitCode: async () => (await exec.inspect()).ExitCode ?? null,
      };
      if (options.columns && options.rows) await session.resize(options.columns, options.rows);
      return session;
    });
  }

  /**
   * Attaches to the container's main process (its stdin/stdout/stderr) over a hijacked connection.
   * Attaching before start (as docker run does) shows every byte from the first. `detachKeys` are
   * the keys the engine watches for in stdin (a TTY only) to end the attach without stopping it.
   */
  attach(id: string, options: { stdin?: boolean; detachKeys?: string } = {}): Promise<NodeJS.ReadWriteStream> {
    return this.call(async (d) => {
      const stdin = options.stdin ?? true;
      const stream = await d.getContainer(nonEmpty(id, 'container')).attach({
        stream: true, stdin, stdout: true, stderr: true, hijack: true, logs: false, ...(options.detachKeys ? { detachKeys: options.detachKeys } : {}),
      });
      return stream;
    });
  }

  /**
   * Resolves with the exit code when the container next exits (or, with `removed`, once it is gone:
   * what docker run waits for with --rm). Ask before starting it, or a quick exit is missed.
   */
  waitForExit(id: string, condition: 'next-exit' | 'removed', signal?: AbortSignal): Promise<number> {
    return this.call(async (d) => {
      const result = (await d.getContainer(nonEmpty(id, 'container')).wait({ condition, abortSignal: signal } as object)) as { StatusCode?: number };
      return result.StatusCode ?? -1;
    });
  }

  /** Sends a signal to the container's main process (SIGINT: what Ctrl+C in an attached terminal means). */
  signalContainer(id: string, signal: string): Promise<void> {
    return this.call(async (d) => {
      await d.getContainer(nonEmpty(id, 'container')).kill({ signal });
    });
  }

  /** What changed in the container's writable layer (`docker diff`): Kind 0 changed, 1 added, 2 deleted. */
  containerChanges(id: string): Promise<Array<{ Kind: number; Path: string }>> {
    return this.call(async (d) => ((await d.getContainer(nonEmpty(id, 'container')).changes()) ?? []) as Array<{ Kind: number; Path: string }>);
  }

  resizeContainerTty(id: string, columns: number, rows: number): Promise<void> {
    return this.call((d) => d.getContainer(nonEmpty(id, 'container')).resize({ h: rows, w: columns }));
  }

  top(id: string): Promise<{ Titles: string[]; Processes: string[][] }> {
    return this.call((d) => d.getContainer(nonEmpty(id, 'container')).top({ ps_args: '-ef' }).catch(() => d.getContainer(nonEmpty(id, 'container')).top()) as Promise<{ Titles: string[]; Processes: string[][] }>);
  }

  /** A stream of stats objects (one JSON object per line, about once a second). */
  stats(id: string): Promise<Readable> {
    return this.call((d) => d.getContainer(nonEmpty(id, 'container')).stats({ stream: true }) as unknown as Promise<Readable>);
  }

  commit(id: string, options: { repo: string; tag?: string; comment?: string; pause?: boolean }): Promise<{ Id: string }> {
    return this.call((d) => d.getContainer(nonEmpty(id, 'container')).commit({ repo: options.repo, tag: options.tag, comment: options.comment, pause: options.pause ?? true }));
  }

  /** The container's filesystem as a tar stream. */
  exportContainer(id: string): Promise<Readable> {
    return this.call((d) => d.getContainer(nonEmpty(id, 'container')).export() as unknown as Promise<Readable>);
  }

  /** A tar of `path` inside the container. */
  getArchive(id: string, path: string): Promise<Readable> {
    return this.call((d) => d.getContainer(nonEmpty(id, 'container')).getArchive({ path }) as unknown as Promise<Readable>);
  }

  /** Extracts a tar into `path` inside the container. */
  putArchive(id: string, path: string, tar: Buffer | Readable): Promise<void> {
    return this.call(async (d) => {
      await d.getContainer(nonEmpty(id, 'container')).putArchive(tar, { path });
    });
  }

  /**
   * stat of `path` inside the container: the archive endpoint's HEAD answers with it base64-encoded
   * in a header (dockerode hands back the raw response, not the parsed stat).
   */
  statPath(id: string, path: string): Promise<ContainerPathStat> {
    return this.call(async (d) => {
      const response = (await d.getContainer(nonEmpty(id, 'container')).infoArchive({ path })) as { headers?: Record<string, string | string[] | undefined>; resume?: () => void };
      response.resume?.();
      const header = response.headers?.['x-docker-container-path-stat'];
      if (typeof header !== 'string') throw new Error(`the engine sent no stat for ${path}`);
      return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as ContainerPathStat;
    });
  }

  createContainer(options: ContainerCreateOptions): Promise<string> {
    return this.call(async (d) => (await d.createContainer(options as Dockerode.ContainerCreateOptions)).id);
  }

  // ── images ──────────────────────────────────────────────────────────────────────────────

  listImages(): Promise<ImageSummary[]> {
    return this.call((d) => d.listImages({ all: false }));
  }

  inspectImage(idOrName: string): Promise<ImageDetails> {
    return this.call((d) => d.getImage(nonEmpty(idOrName, 'image')).inspect());
  }

  imageHistory(idOrName: string): Promise<ImageLayer[]> {
    return this.call((d) => d.getImage(nonEmpty(idOrName, 'image')).history() as Promise<ImageLayer[]>);
  }

  /** The image as a tar stream (`docker save`): its layers, configuration and manifest. */
  exportImage(idOrName: string): Promise<Readable> {
    return this.call((d) => d.getImage(nonEmpty(idOrName, 'image')).get() as unknown as Promise<Readable>);
  }

  tagImage(idOrName: string, repo: string, tag: string): Promise<void> {
    return this.call(async (d) => {
      await d.getImage(nonEmpty(idOrName, 'image')).tag({ repo, tag });
    });
  }

  removeImage(idOrName: string, options: { force?: boolean } = {}): Promise<Array<{ Untagged?: string; Deleted?: string }>> {
    return this.call((d) => d.getImage(nonEmpty(idOrName, 'image')).remove({ force: Boolean(options.force) }) as Promise<Array<{ Untagged?: string; Deleted?: string }>>);
  }

  pruneImages(onlyDangling = true): Promise<{ ImagesDeleted?: Array<{ Untagged?: string; Deleted?: string }>; SpaceReclaimed: number }> {
    return this.call((d) => d.pruneImages({ filters: { dangling: [String(onlyDangling)] } }) as Promise<{ ImagesDeleted?: Array<{ Untagged?: string; Deleted?: string }>; SpaceReclaimed: number }>);
  }

  /**
   * Starts a classic-builder build (POST /build) of the files `src` (paths relative to `context`);
   * the stream carries JSON progress lines (follow it with followProgress).
   */
  buildImage(context: string, src: string[], options: ApiBuildOptions): Promise<Readable> {
    return this.call(async (d) => (await d.buildImage({ context, src }, { ...options })) as unknown as Readable);
  }

  /**
   * Starts a pull; the stream carries JSON progress lines. Without `auth` it sends the
   * credentials the docker CLI would send for the image's registry (none: an anonymous pull).
   */
  pull(reference: string, auth?: RegistryAuth): Promise<Readable> {
    return this.call(async (d) => {
      const authconfig = auth ?? (await this.credentials.authConfigFor(reference));
      return d.pull(reference, authconfig ? { authconfig } : {}) as Promise<Readable>;
    });
  }

  /** Starts a push of `repo:tag` (with the CLI's credentials for its registry unless `auth` is given); the stream carries JSON progress lines. */
  push(name: string, tag: string, auth?: RegistryAuth): Promise<Readable> {
    return this.call(async (d) => {
      const authconfig = auth ?? (await this.credentials.authConfigFor(name)) ?? {};
      return d.getImage(`${name}:${tag}`).push({ tag, authconfig }) as unknown as Promise<Readable>;
    });
  }

  /** Asks the engine to log in to a registry, as `docker login` does (POST /auth); resolves to the identity token it may hand back. */
  checkRegistryLogin(auth: RegistryAuth): Promise<{ identityToken?: string }> {
    return this.call(async (d) => {
      const answer = (await d.checkAuth(auth)) as { IdentityToken?: string } | undefined;
      return answer?.IdentityToken ? { identityToken: answer.IdentityToken } : {};
    });
  }

  // ── volumes ─────────────────────────────────────────────────────────────────────────────

  async listVolumes(name?: string): Promise<VolumeSummary[]> {
    const result = await this.call((d) => d.listVolumes(name ? { filters: { name: [name] } } : {}));
    const volumes = (result.Volumes ?? []) as VolumeSummary[];
    // The name filter matches substrings; keep the exact one.
    return name ? volumes.filter((v) => v.Name === name) : volumes;
  }

  inspectVolume(name: string): Promise<VolumeSummary> {
    return this.call((d) => d.getVolume(nonEmpty(name, 'volume')).inspect() as Promise<VolumeSummary>);
  }

  createVolume(options: { name?: string; driver?: string; labels?: Record<string, string> }): Promise<string> {
    return this.call(async (d) => {
      const volume = (await d.createVolume({ Name: options.name, Driver: options.driver ?? 'local', Labels: options.labels ?? {} })) as unknown as { name?: string; Name?: string };
      return volume.name ?? volume.Name ?? options.name ?? '';
    });
  }

  removeVolume(name: string): Promise<void> {
    return this.call((d) => d.getVolume(nonEmpty(name, 'volume')).remove());
  }

  pruneVolumes(): Promise<{ VolumesDeleted?: string[]; SpaceReclaimed: number }> {
    return this.call((d) => d.pruneVolumes() as Promise<{ VolumesDeleted?: string[]; SpaceReclaimed: number }>);
  }

  // ── networks ────────────────────────────────────────────────────────────────────────────

  listNetworks(id?: string): Promise<NetworkSummary[]> {
    return this.call((d) => d.listNetworks(id ? { filters: { id: [id] } } : {}));
  }

  inspectNetwork(id: string): Promise<NetworkSummary> {
    return this.call((d) => d.getNetwork(nonEmpty(id, 'network')).inspect());
  }

  createNetwork(options: NetworkCreateOptions): Promise<string> {
    return this.call(async (d) => (await d.createNetwork(options)).id);
  }

  connectNetwork(networkId: string, containerId: string, aliases: string[] = []): Promise<void> {
    return this.call((d) => d.getNetwork(nonEmpty(networkId, 'network')).connect({ Container: containerId, EndpointConfig: aliases.length ? { Aliases: aliases } : undefined }));
  }

  disconnectNetwork(networkId: string, containerId: string, force = false): Promise<void> {
    return this.call((d) => d.getNetwork(nonEmpty(networkId, 'network')).disconnect({ Container: containerId, Force: force }));
  }

  removeNetwork(id: string): Promise<void> {
    return this.call((d) => d.getNetwork(nonEmpty(id, 'network')).remove());
  }

  pruneNetworks(): Promise<{ NetworksDeleted?: string[] }> {
    return this.call((d) => d.pruneNetworks() as Promise<{ NetworksDeleted?: string[] }>);
  }

  /** Removes build cache records (POST /build/prune); `ids` limits it to those records. */
  pruneBuildCache(options: { all?: boolean; ids?: string[] } = {}): Promise<{ CachesDeleted?: string[]; SpaceReclaimed?: number }> {
    const filters = options.ids ? { id: options.ids } : undefined;
    return this.call((d) => d.pruneBuilder({ all: Boolean(options.all), ...(filters ? { filters } : {}) } as object) as Promise<{ CachesDeleted?: string[]; SpaceReclaimed?: number }>);
  }

  pruneContainers(): Promise<{ ContainersDeleted?: string[]; SpaceReclaimed: number }> {
    return this.call((d) => d.pruneContainers() as Promise<{ ContainersDeleted?: string[]; SpaceReclaimed: number }>);
  }

  // ── swarm ───────────────────────────────────────────────────────────────────────────────

  /** The engine's place in a swarm (the `Swarm` part of /info). */
  async swarmInfo(): Promise<SwarmInfo> {
    const info = await this.info();
    return info.Swarm ?? {};
  }

  /** Makes this engine the manager of a new single-node swarm; resolves to the node id. */
  swarmInit(options: { listenAddr: string; advertiseAddr: string }): Promise<string> {
    return this.call(async (d) => String(await d.swarmInit({ ListenAddr: options.listenAddr, AdvertiseAddr: options.advertiseAddr, ForceNewCluster: false })));
  }

  swarmLeave(force: boolean): Promise<void> {
    return this.call(async (d) => {
      await d.swarmLeave({ force });
    });
  }

  listNodes(id?: string): Promise<SwarmNode[]> {
    return this.call((d) => d.listNodes(id ? { filters: { id: [id] } } as never : {}) as Promise<SwarmNode[]>);
  }

  /** Services with their running/desired counts where the engine reports them (API 1.41+). */
  listServices(id?: string): Promise<SwarmService[]> {
    return this.call((d) => d.listServices({ status: true, ...(id ? { filters: { id: [id] } } : {}) } as never) as unknown as Promise<SwarmService[]>);
  }

  inspectService(id: string): Promise<SwarmService> {
    return this.call((d) => d.getService(nonEmpty(id, 'service')).inspect() as Promise<SwarmService>);
  }

  /** Replaces a service's spec (`version` is the one it was read at); `rollback` returns to the previous spec. */
  updateService(id: string, version: number, spec: SwarmServiceSpec, options: { rollback?: boolean } = {}): Promise<{ Warnings?: string[] | null }> {
    const query: Record<string, string | number> = { version };
    if (options.rollback) query.rollback = 'previous';
    return this.call((d) => d.getService(nonEmpty(id, 'service')).update({ _query: query, _body: spec }) as Promise<{ Warnings?: string[] | null }>);
  }

  removeService(id: string): Promise<void> {
    return this.call(async (d) => {
      await d.getService(nonEmpty(id, 'service')).remove();
    });
  }

  /** A service's log stream (multiplexed unless its containers have a TTY), each line prefixed with its task's details. */
  serviceLogs(id: string, options: { follow: boolean; tail?: number; timestamps?: boolean }): Promise<Readable> {
    return this.call(async (d) => {
      const stream = await d.getService(nonEmpty(id, 'service')).logs({
        stdout: true, stderr: true, details: true, follow: options.follow, tail: options.tail ?? 'all', timestamps: Boolean(options.timestamps),
      } as never);
      if (options.follow) return stream as unknown as Readable;
      const { Readable: ReadableStream } = await import('node:stream');
      return ReadableStream.from([stream]);
    });
  }

  /** Tasks, all or of one service. */
  listTasks(serviceId?: string): Promise<SwarmTask[]> {
    return this.call((d) => d.listTasks(serviceId ? { filters: { service: [serviceId] } } : {}) as Promise<SwarmTask[]>);
  }

  listSecrets(id?: string): Promise<SwarmSecretOrConfig[]> {
    return this.call((d) => d.listSecrets(id ? { filters: { id: [id] } } : {}) as unknown as Promise<SwarmSecretOrConfig[]>);
  }

  listConfigs(id?: string): Promise<SwarmSecretOrConfig[]> {
    return this.call((d) => d.listConfigs(id ? { filters: { id: [id] } } : {}) as unknown as Promise<SwarmSecretOrConfig[]>);
  }

  removeSecret(id: string): Promise<void> {
    return this.call(async (d) => {
      await d.getSecret(nonEmpty(id, 'secret')).remove();
    });
  }

  removeConfig(id: string): Promise<void> {
    return this.call(async (d) => {
      await d.getConfig(nonEmpty(id, 'config')).remove();
    });
  }

  /** Follows a JSON-lines progress stream (pull/push/build) to its end. */
  followProgress(stream: Readable, onProgress: (event: ProgressEvent) => void): Promise<ProgressEvent[]> {
    return new Promise((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (error: Error | null, output: ProgressEvent[]) => {
          if (error) return reject(toEngineError(error, this.target.endpoint, this.l10n));
          const failed = output.find((o) => o.error || o.errorDetail);
          if (failed) return reject(toEngineError(new Error(failed.error ?? failed.errorDetail?.message ?? 'failed'), this.target.endpoint, this.l10n));
          resolve(output);
        },
        onProgress,
      );
    });
  }

  // ── events ──────────────────────────────────────────────────────────────────────────────

  /**
   * A raw /events stream limited to these filters (JSON lines; split them with EventLineSplitter),
   * for a watcher of its own; the explorer follows everything through subscribe().
   */
  eventStream(filters: EventFilters): Promise<NodeJS.ReadableStream & { destroy?: () => void }> {
    return this.call(async (d) => (await d.getEvents({ filters: { ...filters } })) as NodeJS.ReadableStream & { destroy?: () => void });
  }

  /**
   * Follows the engine's /events stream. `onEvent` gets each event; `onEnd` is called once when
   * the stream ends or fails (with the reason), after which the subscription is dead.
   */
  async subscribe(onEvent: (event: EngineEvent) => void, onEnd: (error?: Error) => void): Promise<EventSubscription> {
    const stream = (await this.call((d) => d.getEvents({}))) as NodeJS.ReadableStream & { destroy?: () => void };
    const splitter = new EventLineSplitter(onEvent);
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      onEnd(error === undefined ? undefined : toEngineError(error, this.target.endpoint, this.l10n));
    };
    stream.on('data', (chunk: Buffer | string) => splitter.push(chunk.toString()));
    stream.on('error', end);
    stream.on('end', () => end());
    stream.on('close', () => end());
    return {
      dispose: () => {
        ended = true;
        stream.destroy?.();
      },
    };
  }
}

