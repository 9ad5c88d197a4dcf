// The Containers view's order, kept current one container at a time: compose projects as groups
// (by name), other containers at the top level; in each, running containers first, then the newest.
// A full list sorts once; after that an event places, moves or drops one container (a binary search
// and one splice), instead of sorting every container again. A container keeps its place when it
// starts or stops (rows do not jump under the pointer); it is placed by its state when it appears,
// and the next full list (Refresh, reconnect) sorts everything afresh. Pure: unit-tested.
import type { ContainerSummary } from '../engine/dockerEngine';
import { composeProject } from './containerPresentation';

/** The group of containers that are not in a compose project. */
export const LOOSE = '';

interface Placement {
  group: string;
  /** The sort key it was placed with. */
  running: boolean;
  created: number;
  /** Its state now (for the groups' running counts). */
  runningNow: boolean;
}

export type OrderChange =
  | { kind: 'added'; group: string }
  | { kind: 'removed'; group: string }
  | { kind: 'moved'; from: string; to: string }
  | { kind: 'updated'; group: string; runningChanged: boolean }
  | { kind: 'none' };

type Candidate = Pick<ContainerSummary, 'Id' | 'State' | 'Created' | 'Labels'>;

export class ContainerOrder {
  /** `groupOf` names a container's group (LOOSE for none): compose projects unless told otherwise. */
  constructor(private readonly groupOf: (c: Candidate) => string = composeGroup) {}

  private readonly placed = new Map<string, Placement>();
  private readonly lists = new Map<string, string[]>();
  private readonly running = new Map<string, number>();
  private projectNames: string[] = [];

  /** Sorts everything afresh (after a full list). */
  reset(containers: Iterable<Candidate>): void {
    this.placed.clear();
    this.lists.clear();
    this.running.clear();
    for (const c of containers) {
      const group = this.groupOf(c);
      const isRunning = c.State === 'running';
      this.placed.set(c.Id, { group, running: isRunning, created: c.Created, runningNow: isRunning });
      let list = this.lists.get(group);
      if (!list) this.lists.set(group, (list = []));
      list.push(c.Id);
      if (isRunning) this.running.set(group, (this.running.get(group) ?? 0) + 1);
    }
    for (const list of this.lists.values()) list.sort((a, b) => this.compare(this.placed.get(a)!, a, this.placed.get(b)!, b));
    this.projectNames = [...this.lists.keys()].filter((g) => g !== LOOSE).sort();
  }

  /** Places a new container, or notes what changed about a known one. */
  update(c: Candidate): OrderChange {
    const before = this.placed.get(c.Id);
    const group = this.groupOf(c);
    const isRunning = c.State === 'running';
    if (before && before.group === group) {
      const runningChanged = before.runningNow !== isRunning;
      if (runningChanged) {
        this.running.set(group, (this.running.get(group) ?? 0) + (isRunning ? 1 : -1));
        before.runningNow = isRunning;
      }
      return { kind: 'updated', group, runningChanged };
    }
    if (before) this.take(c.Id, before);
    const placement: Placement = { group, running: isRunning, created: c.Created, runningNow: isRunning };
    this.put(c.Id, placement);
    return before ? { kind: 'moved', from: before.group, to: group } : { kind: 'added', group };
  }

  remove(id: string): OrderChange {
    const before = this.placed.get(id);
    if (!before) return { kind: 'none' };
    this.take(id, before);
    return { kind: 'removed', group: before.group };
  }

  /** The ids of a group in order (LOOSE: the containers outside compose projects). */
  ids(group: string): readonly string[] {
    return this.lists.get(group) ?? [];
  }

  /** The groups (compose projects, pods) that have containers, by name. */
  projects(): readonly string[] {
    return this.projectNames;
  }

  groupIdOf(id: string): string | undefined {
    return this.placed.get(id)?.group;
  }

  size(group: string): number {
    return this.lists.get(group)?.length ?? 0;
  }

  runningIn(group: string): number {
    return this.running.get(group) ?? 0;
  }

  get count(): number {
    return this.placed.size;
  }

  private compare(a: Placement, aId: string, b: Placement, bId: string): number {
    if (a.running !== b.running) return a.running ? -1 : 1;
    if (a.created !== b.created) return b.created - a.created;
    return aId < bId ? -1 : aId > bId ? 1 : 0;
  }

  /** First index in `list` whose entry sorts at or after (placement, id). */
  private lowerBound(list: readonly string[], placement: Placement, id: string): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = list[middle]!;
      if (this.compare(this.placed.get(other)!, other, placement, id) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private put(id: string, placement: Placement): void {
    let list = this.lists.get(placement.group);
    if (!list) {
      this.lists.set(placement.group, (list = []));
      if (placement.group !== LOOSE) this.projectNames.splice(lowerBoundOf(this.projectNames, placement.group), 0, placement.group);
    }
    list.splice(this.lowerBound(list, placement, id), 0, id);
    this.placed.set(id, placement);
    if (placement.runningNow) this.running.set(placement.group, (this.running.get(placement.group) ?? 0) + 1);
  }

  private take(id: string, placement: Placement): void {
    const list = this.lists.get(placement.group);
    if (list) {
      let index = this.lowerBound(list, placement, id);
      if (list[index] !== id) index = list.indexOf(id);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0) {
        this.lists.delete(placement.group);
        const at = this.projectNames.indexOf(placement.group);
        if (at >= 0) this.projectNames.splice(at, 1);
      }
    }
    if (placement.runningNow) this.running.set(placement.group, (this.running.get(placement.group) ?? 0) - 1);
    this.placed.delete(id);
  }
}

function composeGroup(c: Pick<ContainerSummary, 'Labels'>): string {
  return composeProject(c) ?? LOOSE;
}

function lowerBoundOf(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
