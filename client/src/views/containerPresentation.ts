// How a container is named, described and drawn. Pure (no vscode import), so it is unit-tested.
import type { ContainerSummary } from '../engine/dockerEngine';

export function containerLabel(container: Pick<ContainerSummary, 'Names' | 'Id'>): string {
  const name = container.Names?.[0];
  return name ? name.replace(/^\//, '') : container.Id.slice(0, 12);
}

export function containerDescription(container: Pick<ContainerSummary, 'Image' | 'Status'>): string {
  return `${container.Image} · ${container.Status}`;
}

export interface IconSpec {
  name: string;
  color?: string;
}

export function containerIcon(container: Pick<ContainerSummary, 'State' | 'Status'>): IconSpec {
  switch (container.State) {
    case 'running':
      return /\(unhealthy\)/.test(container.Status)
        ? { name: 'warning', color: 'problemsWarningIcon.foreground' }
        : { name: 'vm-running', color: 'testing.iconPassed' };
    case 'paused':
      return { name: 'debug-pause', color: 'problemsWarningIcon.foreground' };
    case 'restarting':
      return { name: 'sync~spin', color: 'problemsWarningIcon.foreground' };
    case 'exited':
    case 'dead':
      return /Exited \((?!0\))/.test(container.Status)
        ? { name: 'vm-outline', color: 'problemsErrorIcon.foreground' }
        : { name: 'vm-outline' };
    default:
      return { name: 'vm' };
  }
}
