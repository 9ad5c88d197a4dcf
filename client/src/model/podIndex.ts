// Podman's pods by member container and by name, rebuilt whenever the pods are listed (a pod
// change), so placing a container in the Containers view is one lookup instead of a walk through
// every pod's member list per container (quadratic over a full list).
// Pure (no vscode import): unit-tested.
import type { PodSummary } from '../engine/dockerEngine';

/** A pod lists at most this many members here (a bound on input from the engine). */
const MAX_MEMBERS = 10_000;

export class PodIndex {
  private readonly byContainer = new Map<string, PodSummary>();
  private readonly byName = new Map<string, PodSummary>();

  /** Indexes these pods afresh. */
  reset(pods: Iterable<PodSummary>): void {
    this.byContainer.clear();
    this.byName.clear();
    for (const pod of pods) {
      // The first pod listed keeps a name or a member (the engine gives each to one pod).
      if (!this.byName.has(pod.Name)) this.byName.set(pod.Name, pod);
      for (const member of (pod.Containers ?? []).slice(0, MAX_MEMBERS)) {
        if (member?.Id && !this.byContainer.has(member.Id)) this.byContainer.set(member.Id, pod);
      }
    }
  }

  /** The pod a container belongs to, if any. */
  podOf(containerId: string): PodSummary | undefined {
    return this.byContainer.get(containerId);
  }

  /** The pod of this name, if any. */
  named(name: string): PodSummary | undefined {
    return this.byName.get(name);
  }
}
