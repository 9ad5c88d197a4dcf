// What a container event says about the container, applied at once so the view changes within a
// millisecond of the event; the re-read that follows brings the engine's exact status text.
// Pure (no vscode import): unit-tested.
import type { ContainerSummary } from '../engine/dockerEngine';
import type { EngineEvent } from '../engine/engineEvents';

/** The container as the event leaves it, `null` when the event removed it, or undefined when the event says nothing a list shows. */
export function patchContainer(container: ContainerSummary, event: EngineEvent): ContainerSummary | null | undefined {
  const attributes = event.Actor.Attributes ?? {};
  switch (event.Action) {
    case 'start':
    case 'restart':
    case 'unpause':
      return { ...container, State: 'running', Status: 'Up Less than a second' };
    case 'die':
      return { ...container, State: 'exited', Status: `Exited (${attributes.exitCode ?? '0'}) Less than a second ago` };
    case 'pause':
      return { ...container, State: 'paused', Status: `${container.Status.replace(/ \(Paused\)$/, '')} (Paused)` };
    case 'rename':
      return attributes.name ? { ...container, Names: [`/${attributes.name}`] } : undefined;
    case 'destroy':
      return null;
    default: {
      const health = /^health_status: (healthy|unhealthy|starting)$/.exec(event.Action);
      if (!health) return undefined;
      const base = container.Status.replace(/ \((healthy|unhealthy|health: starting)\)$/, '');
      return { ...container, Status: `${base} (${health[1] === 'starting' ? 'health: starting' : health[1]})` };
    }
  }
}
