// The only module that talks to the Docker Engine. It wraps dockerode, turns every failure into
// an EngineError, and exposes the engine's event stream as parsed events.
import Dockerode from 'dockerode';
import { toEngineError } from './engineError';
import type { EngineTarget } from './engineTarget';
import { EventLineSplitter, type EngineEvent } from './engineEvents';

export type ContainerSummary = Dockerode.ContainerInfo;
export type ImageSummary = Dockerode.ImageInfo;
export type VolumeSummary = Dockerode.VolumeInspectInfo;
export type NetworkSummary = Dockerode.NetworkInspectInfo;

export interface EventSubscription {
  dispose(): void;
}

export class DockerEngine {
  private readonly docker: Dockerode;

  constructor(readonly target: EngineTarget) {
    this.docker = new Dockerode(target.options);
  }

  private async call<T>(work: (docker: Dockerode) => Promise<T>): Promise<T> {
    try {
      return await work(this.docker);
    } catch (error) {
      throw toEngineError(error, this.target.endpoint);
    }
  }

  ping(): Promise<unknown> {
    return this.call((d) => d.ping());
  }

  version(): Promise<Dockerode.DockerVersion> {
    return this.call((d) => d.version());
  }

  /** All containers, or only the one with this id (an exact id filter, used after an event). */
  listContainers(id?: string): Promise<ContainerSummary[]> {
    return this.call((d) => d.listContainers({ all: true, filters: id ? { id: [id] } : undefined }));
  }

  listImages(): Promise<ImageSummary[]> {
    return this.call((d) => d.listImages({ all: false }));
  }

  async listVolumes(name?: string): Promise<VolumeSummary[]> {
    const result = await this.call((d) => d.listVolumes(name ? { filters: { name: [name] } } : {}));
    const volumes = result.Volumes ?? [];
    // The name filter matches substrings; keep the exact one.
    return name ? volumes.filter((v) => v.Name === name) : volumes;
  }

  listNetworks(id?: string): Promise<NetworkSummary[]> {
    return this.call((d) => d.listNetworks(id ? { filters: { id: [id] } } : {}));
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
      onEnd(error === undefined ? undefined : toEngineError(error, this.target.endpoint));
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
