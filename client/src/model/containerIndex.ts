// Which containers use each image, volume and network, kept current from the model's changes (one
// container per event), so drawing an image, a volume or a network row does not go through every
// container: with 10,000 containers that scan, once per row, was most of the cost of a render.
// Pure (no vscode import): unit-tested.
import type { ContainerSummary } from '../engine/dockerEngine';

interface Uses {
  image: string;
  volumes: string[];
  networks: string[];
}

const NONE: ReadonlySet<string> = new Set();

export class ContainerIndex {
  private readonly uses = new Map<string, Uses>();
  private readonly byImage = new Map<string, Set<string>>();
  private readonly byVolume = new Map<string, Set<string>>();
  private readonly byNetwork = new Map<string, Set<string>>();

  /** Indexes every container afresh (after a full list, or when the model was cleared). */
  reset(containers: Iterable<ContainerSummary>): void {
    this.uses.clear();
    this.byImage.clear();
    this.byVolume.clear();
    this.byNetwork.clear();
    for (const c of containers) this.add(c.Id, usesOf(c));
  }

  /** Re-indexes one container (`undefined`: it is gone). */
  update(id: string, container: ContainerSummary | undefined): void {
    const before = this.uses.get(id);
    if (before) this.drop(id, before);
    if (container) this.add(id, usesOf(container));
  }

  /** Ids of the containers (any state) made from this image id. */
  usersOfImage(imageId: string): ReadonlySet<string> {
    return this.byImage.get(imageId) ?? NONE;
  }

  /** Ids of the containers (any state) that mount this named volume. */
  usersOfVolume(name: string): ReadonlySet<string> {
    return this.byVolume.get(name) ?? NONE;
  }

  /** Ids of the containers attached to this network id. */
  membersOfNetwork(networkId: string): ReadonlySet<string> {
    return this.byNetwork.get(networkId) ?? NONE;
  }

  private add(id: string, uses: Uses): void {
    this.uses.set(id, uses);
    if (uses.image) addTo(this.byImage, uses.image, id);
    for (const volume of uses.volumes) addTo(this.byVolume, volume, id);
    for (const network of uses.networks) addTo(this.byNetwork, network, id);
  }

  private drop(id: string, uses: Uses): void {
    this.uses.delete(id);
    removeFrom(this.byImage, uses.image, id);
    for (const volume of uses.volumes) removeFrom(this.byVolume, volume, id);
    for (const network of uses.networks) removeFrom(this.byNetwork, network, id);
  }
}

function usesOf(c: ContainerSummary): Uses {
  return {
    image: c.ImageID ?? '',
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!),
    networks: Object.values(c.NetworkSettings?.Networks ?? {}).map((e) => e.NetworkID).filter(Boolean),
  };
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
