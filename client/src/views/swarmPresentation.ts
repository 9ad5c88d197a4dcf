// How the Swarm view names and describes nodes, services, tasks, stacks, secrets and configs. Pure
// (no vscode import; words go through an injected translator): unit-tested. States, modes and
// roles are Docker's own words and stay as the engine says them.
import { STACK_NAMESPACE, type SwarmNode, type SwarmPort, type SwarmSecretOrConfig, type SwarmService, type SwarmTask } from '../engine/swarmObjects';
import { english, type Translator } from '../translator';
import { formatAge } from './format';

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';

export function serviceName(service: SwarmService): string {
  return service.Spec?.Name ?? service.ID.slice(0, 12);
}

export function stackOf(service: SwarmService): string | undefined {
  return service.Spec?.Labels?.[STACK_NAMESPACE] || undefined;
}

export function serviceMode(service: SwarmService): ServiceMode {
  const mode = service.Spec?.Mode ?? {};
  if (mode.Global) return 'global';
  if (mode.ReplicatedJob) return 'replicated-job';
  if (mode.GlobalJob) return 'global-job';
  return 'replicated';
}

/** The image without the digest the swarm pins (`busybox:1.36@sha256:…` → `busybox:1.36`). */
export function serviceImage(service: SwarmService): string {
  return stripDigest(service.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '');
}

export function stripDigest(image: string): string {
  const at = image.indexOf('@');
  return at > 0 ? image.slice(0, at) : image;
}

/**
 * Tasks whose container on this engine is running. The swarm records a task as running a moment
 * after its container starts, and that change comes with no event of its own; the container's
 * start event does, so a local task's container says first that it runs.
 */
export type LiveTasks = ReadonlySet<string>;
const NONE: LiveTasks = new Set();

/** A task's state, with a running local container counting as running. */
export function taskState(task: SwarmTask, live: LiveTasks = NONE): string {
  if (live.has(task.ID) && task.DesiredState === 'running') return 'running';
  return task.Status?.State ?? '?';
}

/** Running and desired tasks, as `docker service ls` counts them. */
export function replicaCounts(service: SwarmService, tasks: readonly SwarmTask[], live: LiveTasks = NONE): { running: number; desired: number } {
  const own = tasks.filter((t) => t.ServiceID === service.ID);
  const running = own.filter((t) => taskState(t, live) === 'running' && t.DesiredState === 'running').length;
  const mode = serviceMode(service);
  let desired: number;
  if (mode === 'replicated') desired = service.Spec?.Mode?.Replicated?.Replicas ?? service.ServiceStatus?.DesiredTasks ?? 0;
  else if (mode === 'replicated-job') desired = service.Spec?.Mode?.ReplicatedJob?.TotalCompletions ?? 1;
  else desired = service.ServiceStatus?.DesiredTasks ?? new Set(own.filter((t) => t.DesiredState === 'running' || t.DesiredState === 'complete').map((t) => t.NodeID)).size;
  // The task list is read after each event; the engine's own count (when given) is at least as fresh on a fresh list.
  return { running, desired };
}

/** `8080→80/tcp`, `host 9000→9000/udp` for ports published in host mode. */
export function servicePorts(service: SwarmService): string[] {
  const ports: SwarmPort[] = service.Endpoint?.Ports?.length ? service.Endpoint.Ports : service.Spec?.EndpointSpec?.Ports ?? [];
  return ports
    .filter((p) => p.PublishedPort)
    .map((p) => `${p.PublishMode === 'host' ? 'host ' : ''}${p.PublishedPort}→${p.TargetPort}/${p.Protocol ?? 'tcp'}`);
}

/** The update state worth showing: nothing once an update completed long ago. */
export function updateStatusText(service: SwarmService, l10n: Translator = english): string | undefined {
  const status = service.UpdateStatus;
  switch (status?.State) {
    case 'updating': return l10n.t('updating');
    case 'paused': return l10n.t('update paused');
    case 'completed': return l10n.t('updated');
    case 'rollback_started': return l10n.t('rolling back');
    case 'rollback_paused': return l10n.t('rollback paused');
    case 'rollback_completed': return l10n.t('rolled back');
    default: return status?.State;
  }
}

export function serviceDescription(service: SwarmService, tasks: readonly SwarmTask[], l10n: Translator = english, live: LiveTasks = NONE): string {
  const { running, desired } = replicaCounts(service, tasks, live);
  const parts = [`${serviceMode(service)} ${running}/${desired}`, serviceImage(service)];
  const ports = servicePorts(service);
  if (ports.length) parts.push(ports.join(', '));
  const update = updateStatusText(service, l10n);
  if (update && service.UpdateStatus?.State !== 'completed') parts.push(update);
  return parts.join(' · ');
}

export function serviceTooltip(service: SwarmService, tasks: readonly SwarmTask[], l10n: Translator = english, live: LiveTasks = NONE, nowMs = Date.now()): string {
  const { running, desired } = replicaCounts(service, tasks, live);
  const lines = [
    serviceName(service),
    l10n.t('Mode: {0}', serviceMode(service)),
    l10n.t('Replicas: {0} running of {1} desired', running, desired),
    l10n.t('Image: {0}', service.Spec?.TaskTemplate?.ContainerSpec?.Image ?? ''),
  ];
  const ports = servicePorts(service);
  if (ports.length) lines.push(l10n.t('Published ports: {0}', ports.join(', ')));
  const stack = stackOf(service);
  if (stack) lines.push(l10n.t('Stack: {0}', stack));
  if (service.UpdateStatus?.State) {
    lines.push(l10n.t('Update: {0}', updateStatusText(service, l10n) ?? service.UpdateStatus.State) + (service.UpdateStatus.Message ? ` (${service.UpdateStatus.Message})` : ''));
  }
  const updated = Date.parse(service.UpdatedAt ?? '');
  if (updated) lines.push(l10n.t('Changed: {0}', formatAge(updated / 1000, nowMs)));
  return lines.join('\n');
}

/** `web.2` (replicated) or `web` (global; the node says which). */
export function taskLabel(task: SwarmTask, service: SwarmService | undefined): string {
  const name = service ? serviceName(service) : (task.ServiceID ?? '').slice(0, 12);
  return task.Slot ? `${name}.${task.Slot}` : name;
}

export function nodeName(node: SwarmNode | undefined, id?: string): string {
  return node?.Description?.Hostname ?? node?.Spec?.Name ?? (id ?? node?.ID ?? '').slice(0, 12);
}

export function taskDescription(task: SwarmTask, node: SwarmNode | undefined, live: LiveTasks = NONE, nowMs = Date.now()): string {
  const state = taskState(task, live);
  const parts = [state];
  if (task.DesiredState && task.DesiredState !== state && task.DesiredState !== 'running') parts[0] += ` → ${task.DesiredState}`;
  if (task.NodeID) parts.push(nodeName(node, task.NodeID));
  const at = Date.parse(task.Status?.Timestamp ?? task.UpdatedAt ?? '');
  if (at) parts.push(formatAge(at / 1000, nowMs));
  if (task.Status?.Err) parts.push(task.Status.Err);
  return parts.join(' · ');
}

/** Tasks in the order `docker service ps` shows them: by slot, the current one before its history. */
export function sortTasks(tasks: readonly SwarmTask[]): SwarmTask[] {
  const current = (t: SwarmTask) => (t.DesiredState === 'running' || t.DesiredState === 'ready' || t.DesiredState === 'complete' ? 0 : 1);
  return [...tasks].sort((a, b) => (a.Slot ?? 0) - (b.Slot ?? 0) || current(a) - current(b) || Date.parse(b.CreatedAt ?? '') - Date.parse(a.CreatedAt ?? '') || a.ID.localeCompare(b.ID));
}

export function taskIsFailed(task: SwarmTask): boolean {
  return task.Status?.State === 'failed' || task.Status?.State === 'rejected' || Boolean(task.Status?.Err);
}

export function nodeDescription(node: SwarmNode, l10n: Translator = english): string {
  const parts = [node.Spec?.Role ?? '?', node.Spec?.Availability ?? '?', node.Status?.State ?? '?'];
  if (node.ManagerStatus?.Leader) parts.push(l10n.t('leader'));
  const version = node.Description?.Engine?.EngineVersion;
  if (version) parts.push(l10n.t('Engine {0}', version));
  return parts.join(' · ');
}

/** Secrets and configs show their name and dates, never their data. */
export function secretDescription(item: SwarmSecretOrConfig, l10n: Translator = english, nowMs = Date.now()): string {
  const created = Date.parse(item.CreatedAt ?? '');
  const updated = Date.parse(item.UpdatedAt ?? '');
  const parts: string[] = [];
  if (created) parts.push(l10n.t('created {0}', formatAge(created / 1000, nowMs)));
  if (updated && updated - created > 1000) parts.push(l10n.t('updated {0}', formatAge(updated / 1000, nowMs)));
  const stack = item.Spec?.Labels?.[STACK_NAMESPACE];
  if (stack) parts.push(l10n.t('stack {0}', stack));
  return parts.join(' · ');
}

/**
 * One line of `details=true` service logs (`com.docker.swarm.node.id=…,…,com.docker.swarm.task.id=… message`)
 * as `docker service logs` prints it: `web.1@node    | message`.
 */
export function formatServiceLogLine(line: string, names: { task(id: string): string | undefined; node(id: string): string | undefined }): string {
  const space = line.indexOf(' ');
  if (space <= 0 || !line.startsWith('com.docker.swarm.')) return line;
  const details = new Map(line.slice(0, space).split(',').map((pair) => {
    const eq = pair.indexOf('=');
    return [pair.slice(0, eq), pair.slice(eq + 1)] as const;
  }));
  const taskId = details.get('com.docker.swarm.task.id') ?? '';
  const nodeId = details.get('com.docker.swarm.node.id') ?? '';
  const who = `${names.task(taskId) ?? taskId.slice(0, 12)}@${names.node(nodeId) ?? nodeId.slice(0, 12)}`;
  return `${who.padEnd(24)} | ${line.slice(space + 1)}`;
}

/** Services grouped by stack (sorted), then the ones in no stack. */
export function groupByStack(services: readonly SwarmService[]): { stacks: Map<string, SwarmService[]>; loose: SwarmService[] } {
  const stacks = new Map<string, SwarmService[]>();
  const loose: SwarmService[] = [];
  for (const service of [...services].sort((a, b) => serviceName(a).localeCompare(serviceName(b)))) {
    const stack = stackOf(service);
    if (stack) stacks.set(stack, [...(stacks.get(stack) ?? []), service]);
    else loose.push(service);
  }
  return { stacks: new Map([...stacks.entries()].sort(([a], [b]) => a.localeCompare(b))), loose };
}
