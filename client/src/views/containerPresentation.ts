// How a container is named, grouped, described and drawn. Pure (no vscode import): unit-tested.
import type { ContainerSummary } from '../engine/dockerEngine';
import { escapeMarkdown, formatAge, shortId } from './format';
import { english, type Translator } from './containerStatus';

export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
export const COMPOSE_WORKING_DIR = 'com.docker.compose.project.working_dir';

export function containerName(container: Pick<ContainerSummary, 'Names' | 'Id'>): string {
  const name = container.Names?.[0];
  return name ? name.replace(/^\//, '') : shortId(container.Id);
}

export function composeProject(container: Pick<ContainerSummary, 'Labels'>): string | undefined {
  return container.Labels?.[COMPOSE_PROJECT] || undefined;
}

/** In a compose group the service name says more than the generated container name. */
export function containerLabel(container: Pick<ContainerSummary, 'Names' | 'Id' | 'Labels'>): string {
  return composeProject(container) && container.Labels[COMPOSE_SERVICE] ? container.Labels[COMPOSE_SERVICE] : containerName(container);
}

/** `127.0.0.1:8080→80/tcp` for each published port, once even when bound on IPv4 and IPv6. */
export function publishedPorts(container: Pick<ContainerSummary, 'Ports'>): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const port of [...(container.Ports ?? [])].sort((a, b) => a.PrivatePort - b.PrivatePort)) {
    if (!port.PublicPort) continue;
    const ip = port.IP === '0.0.0.0' || port.IP === '::' || !port.IP ? '' : port.IP.includes(':') ? `[${port.IP}]:` : `${port.IP}:`;
    const text = `${ip}${port.PublicPort}→${port.PrivatePort}/${port.Type}`;
    const key = `${port.PublicPort}/${port.PrivatePort}/${port.Type}/${ip || '*'}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push(text);
    }
  }
  return result;
}

export type ContainerStateKind = 'running' | 'unhealthy' | 'paused' | 'restarting' | 'exitedOk' | 'exitedError' | 'created' | 'dead' | 'other';

export function containerStateKind(container: Pick<ContainerSummary, 'State' | 'Status'>): ContainerStateKind {
  switch (container.State) {
    case 'running':
      return /\(unhealthy\)/.test(container.Status) ? 'unhealthy' : 'running';
    case 'paused':
      return 'paused';
    case 'restarting':
      return 'restarting';
    case 'exited':
      return /Exited \((?!0\))/.test(container.Status) ? 'exitedError' : 'exitedOk';
    case 'created':
      return 'created';
    case 'dead':
      return 'dead';
    default:
      return 'other';
  }
}

export interface IconSpec {
  name: string;
  color?: string;
}

export function containerIcon(container: Pick<ContainerSummary, 'State' | 'Status'>): IconSpec {
  switch (containerStateKind(container)) {
    case 'running': return { name: 'vm-running', color: 'testing.iconPassed' };
    case 'unhealthy': return { name: 'warning', color: 'problemsWarningIcon.foreground' };
    case 'paused': return { name: 'debug-pause', color: 'problemsWarningIcon.foreground' };
    case 'restarting': return { name: 'sync~spin', color: 'problemsWarningIcon.foreground' };
    case 'exitedError': return { name: 'vm-outline', color: 'problemsErrorIcon.foreground' };
    case 'dead': return { name: 'error', color: 'problemsErrorIcon.foreground' };
    default: return { name: 'vm-outline' };
  }
}

/**
 * The context value menus key on: `container:<state>` plus flags, e.g.
 * `container:running:ports:compose`. Menus match with `viewItem =~ /^container:running/`.
 */
export function containerContextValue(container: Pick<ContainerSummary, 'State' | 'Ports' | 'Labels'>): string {
  let value = `container:${container.State}`;
  if ((container.Ports ?? []).some((p) => p.PublicPort)) value += ':ports';
  if (composeProject(container)) value += ':compose';
  return value;
}

export interface TooltipText {
  /** Each entry is a ready-escaped markdown line. */
  lines: string[];
}

/** The rich tooltip: what a user would otherwise look up with `docker inspect`. */
export function containerTooltip(container: ContainerSummary, nowMs = Date.now(), l10n: Translator = english): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(containerName(container))}** · \`${shortId(container.Id)}\``);
  lines.push('');
  lines.push(l10n.t('Image: {0}', escapeMarkdown(container.Image)));
  lines.push(l10n.t('Status: {0}', escapeMarkdown(container.Status)));
  lines.push(l10n.t('Command: {0}', `\`${container.Command.replace(/`/g, "'")}\``));
  lines.push(l10n.t('Created: {0}', formatAge(container.Created, nowMs, l10n)));
  const project = composeProject(container);
  if (project) lines.push(l10n.t('Compose: {0} / {1}', escapeMarkdown(project), escapeMarkdown(container.Labels[COMPOSE_SERVICE] ?? '?')));
  const ports = publishedPorts(container);
  if (ports.length) lines.push(l10n.t('Ports: {0}', ports.map(escapeMarkdown).join(', ')));
  for (const mount of container.Mounts ?? []) {
    const source = mount.Type === 'volume' ? mount.Name ?? mount.Source : mount.Source;
    const line = mount.RW
      ? l10n.t('Mount ({0}): {1} → {2}', mount.Type, escapeMarkdown(source), escapeMarkdown(mount.Destination))
      : l10n.t('Mount ({0}): {1} → {2} (read-only)', mount.Type, escapeMarkdown(source), escapeMarkdown(mount.Destination));
    lines.push(line);
  }
  for (const [name, network] of Object.entries(container.NetworkSettings?.Networks ?? {})) {
    lines.push(network.IPAddress ? l10n.t('Network: {0} · {1}', escapeMarkdown(name), network.IPAddress) : l10n.t('Network: {0}', escapeMarkdown(name)));
  }
  return lines.join('  \n');
}

/** True when the container belongs to the workspace: its compose project or a bind mount is inside a folder. */
export function belongsToWorkspace(container: Pick<ContainerSummary, 'Labels' | 'Mounts'>, folders: readonly string[]): boolean {
  const inside = (p: string | undefined) => p !== undefined && folders.some((f) => p === f || p.startsWith(f.endsWith('/') ? f : `${f}/`));
  if (inside(container.Labels?.[COMPOSE_WORKING_DIR])) return true;
  return (container.Mounts ?? []).some((m) => m.Type === 'bind' && inside(m.Source));
}
