// How far a rolling update (or a rollback) has got, read from the service's UpdateStatus and its
// tasks as the SwarmModel re-reads them after each event. Pure: unit-tested.
import type { SwarmService, SwarmTask } from '../engine/swarmObjects';
import { replicaCounts, stripDigest, taskState, type LiveTasks } from '../views/swarmPresentation';

export interface UpdateWatch {
  /** The image the tasks should end up on. */
  image: string;
  /** UpdateStatus.StartedAt before the update was asked for: a different one belongs to this update. */
  previousStartedAt?: string;
  rollback: boolean;
}

export type UpdateOutcome = 'completed' | 'paused' | 'rolledBack' | 'removed';

export interface UpdateProgress {
  done: boolean;
  outcome?: UpdateOutcome;
  /** Tasks running the new image, out of the desired count. */
  updated: number;
  total: number;
  message?: string;
}

export function updateProgress(service: SwarmService | undefined, tasks: readonly SwarmTask[], watch: UpdateWatch, live: LiveTasks = new Set()): UpdateProgress {
  if (!service) return { done: true, outcome: 'removed', updated: 0, total: 0 };
  const own = tasks.filter((t) => t.ServiceID === service.ID && t.DesiredState === 'running');
  const target = stripDigest(watch.image);
  const updated = own.filter((t) => taskState(t, live) === 'running' && stripDigest(t.Spec?.ContainerSpec?.Image ?? '') === target).length;
  const { desired } = replicaCounts(service, tasks, live);
  const status = service.UpdateStatus;
  const ours = status?.State !== undefined && status.StartedAt !== watch.previousStartedAt;
  const base = { updated, total: desired, message: status?.Message };
  if (ours) {
    switch (status.State) {
      case 'completed': return { ...base, done: true, outcome: 'completed' };
      case 'rollback_completed': return { ...base, done: true, outcome: watch.rollback ? 'completed' : 'rolledBack' };
      case 'paused':
      case 'rollback_paused': return { ...base, done: true, outcome: 'paused' };
      default: return { ...base, done: false };
    }
  }
  // Some changes finish without an UpdateStatus of their own (a single task replaced at once).
  const converged = desired > 0 && updated >= desired && own.every((t) => stripDigest(t.Spec?.ContainerSpec?.Image ?? '') === target);
  return { ...base, done: converged, outcome: converged ? 'completed' : undefined };
}
