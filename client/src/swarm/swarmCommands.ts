// Swarm commands: start a single-node swarm and leave it (each after a confirmation that says what
// it does), deploy a compose file as a stack (the docker CLI; Workspace Trust required), scale a
// service, update its image with progress, roll it back, follow its logs, remove a service or a
// whole stack (after a confirmation naming what goes). The view follows through engine events.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { CommandContext, Handler } from '../commands/commandContext';
import { requireTrust } from '../build/buildCommands';
import { COMPOSE_GLOB } from '../compose/composeFiles';
import type { SwarmModel } from '../model/swarmModel';
import type { TreeNode } from '../views/treeNode';
import { STACK_NAMESPACE, type SwarmService } from '../engine/swarmObjects';
import { serviceImage, serviceMode, serviceName, stackOf } from '../views/swarmPresentation';
import { runStackDeploy } from './stackDeploy';
import { defaultStackName, isValidStackName } from './stackArgs';
import { openServiceLogs, type ServiceLogsPseudoterminal } from './serviceLogs';
import { updateProgress, type UpdateProgress, type UpdateWatch } from './serviceUpdate';
import type { StackFiles } from './stackFiles';

/** `ADDRESS[:PORT]`: IPv4, a host name, or [IPv6]. */
const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9][a-zA-Z0-9.-]*)(:\d{1,5})?$/;

export interface DeployRequest {
  composeFileUri: string;
}

const swarmOf = (ctx: CommandContext): SwarmModel => ctx.views.swarm.swarm;

/** The service a command is for: the clicked node, or one picked from the list. */
async function targetService(ctx: CommandContext, node: TreeNode | undefined, title: string, filter: (s: SwarmService) => boolean = () => true): Promise<SwarmService | undefined> {
  const swarm = swarmOf(ctx);
  if (node?.kind === 'service') return swarm.services.get(node.id);
  if (node?.kind === 'task') {
    const serviceId = swarm.tasks.get(node.id)?.ServiceID;
    return serviceId ? swarm.services.get(serviceId) : undefined;
  }
  const candidates = [...swarm.services.values()].filter(filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No service fits "{0}".', title));
    return undefined;
  }
  const picked = await ctx.prompts.current.pick(candidates.map((s) => ({ label: serviceName(s), description: `${serviceMode(s)} · ${serviceImage(s)}`, service: s })), { title });
  return picked?.service;
}

/** True on a swarm manager; otherwise says why not. Reads the role first if nothing has yet (the view never opened). */
async function requireManager(ctx: CommandContext): Promise<boolean> {
  const swarm = swarmOf(ctx);
  swarm.start();
  if (swarm.state.role !== 'manager') await swarm.reload();
  if (swarm.state.role === 'manager') return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('The active engine ({0}) is not a swarm manager. Initialize a swarm from the Swarm view, or switch to a manager in the Engines view.', ctx.active.choice.label));
  return false;
}

const init: Handler = async (ctx) => {
  const swarm = swarmOf(ctx);
  await swarm.reload();
  if (swarm.state.role !== 'none') {
    void vscode.window.showInformationMessage(vscode.l10n.t('This engine is already part of a swarm ({0}).', swarm.state.role));
    return;
  }
  const address = await ctx.prompts.current.input({
    title: vscode.l10n.t('Initialize a single-node swarm'),
    prompt: vscode.l10n.t('The address this manager listens on and gives to nodes that join (ADDRESS or ADDRESS:PORT; the port defaults to 2377). 127.0.0.1 keeps the swarm on this machine.'),
    value: '127.0.0.1',
    validateInput: (v) => (ADDRESS.test(v.trim()) ? undefined : vscode.l10n.t('An IP address or host name, optionally with :PORT.')),
  });
  if (!address) return;
  const withPort = /:\d+$/.test(address.trim()) && !address.trim().endsWith(']') ? address.trim() : `${address.trim()}:2377`;
  const action = vscode.l10n.t('Initialize Swarm');
  const detail = [
    vscode.l10n.t('{0} becomes the only manager of a new swarm, listening on {1} for nodes that join. It creates the ingress and docker_gwbridge networks and can then run services and stacks.', ctx.active.choice.label, withPort),
    vscode.l10n.t('Leave the swarm (from this view) to undo it; leaving removes the services, secrets and configs created in it.'),
  ].join('\n\n');
  if ((await ctx.prompts.current.confirm(vscode.l10n.t('Initialize a swarm on {0}?', ctx.active.choice.label), detail, action)) !== action) return;
  await ctx.active.engine.swarmInit({ listenAddr: withPort, advertiseAddr: withPort });
  await swarm.reload();
};

const leave: Handler = async (ctx) => {
  const swarm = swarmOf(ctx);
  await swarm.reload();
  const state = swarm.state;
  if (state.role === 'none' || state.role === 'unsupported') {
    void vscode.window.showInformationMessage(vscode.l10n.t('This engine is not part of a swarm.'));
    return;
  }
  const lastManager = state.role === 'manager' && (state.info?.Managers ?? 1) <= 1;
  const names = (map: Map<string, { Spec?: { Name?: string } }>) => [...map.values()].map((o) => o.Spec?.Name ?? '?').sort().join(', ') || '-';
  const detail = lastManager
    ? [
      vscode.l10n.t('This engine is the swarm\'s only manager: leaving ends the swarm for good.'),
      vscode.l10n.t('Services (their containers are stopped and removed): {0}', names(swarm.services)),
      vscode.l10n.t('Secrets: {0}', names(swarm.secrets)),
      vscode.l10n.t('Configs: {0}', names(swarm.configs)),
    ].join('\n')
    : vscode.l10n.t('This engine stops taking part in the swarm; its tasks move to other nodes.');
  const action = vscode.l10n.t('Leave Swarm');
  if ((await ctx.prompts.current.confirm(vscode.l10n.t('Leave the swarm on {0}?', ctx.active.choice.label), detail, action)) !== action) return;
  await ctx.active.engine.swarmLeave(state.role === 'manager');
  await swarm.reload();
};

/** The compose file to deploy: the code lens's, the explorer's, the active editor's, or one picked. */
async function composeFileOf(ctx: CommandContext, argument: unknown): Promise<string | undefined> {
  if (argument instanceof vscode.Uri) return argument.fsPath;
  const request = argument as Partial<DeployRequest> | undefined;
  if (request && typeof request.composeFileUri === 'string') return vscode.Uri.parse(request.composeFileUri).fsPath;
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.uri.scheme === 'file' && (active.languageId === 'dockercompose' || /\.ya?ml$/.test(active.uri.fsPath))) return active.uri.fsPath;
  const found = await vscode.workspace.findFiles(`{${COMPOSE_GLOB},**/*stack*.{yaml,yml}}`, '**/node_modules/**', 200);
  if (found.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No compose file in this workspace to deploy.'));
    return undefined;
  }
  const picked = await ctx.prompts.current.pick(found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { title: vscode.l10n.t('Deploy which compose file as a stack?') });
  return picked?.uri.fsPath;
}

function deployStack(stackFiles: StackFiles): Handler {
  return async (ctx, argument) => {
    if (!requireTrust(vscode.l10n.t('Deploying a stack'))) return;
    if (!(await requireManager(ctx))) return;
    const file = await composeFileOf(ctx, argument);
    if (!file) return;
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8').slice(0, 256 * 1024);
    } catch {
      // the CLI will say what is wrong with the file
    }
    const name = await ctx.prompts.current.input({
      title: vscode.l10n.t('Deploy {0} as a stack', vscode.workspace.asRelativePath(file)),
      prompt: vscode.l10n.t('The stack name: services are named STACK_SERVICE, and deploying again under the same name updates them.'),
      value: stackFiles.nameFor(file) ?? defaultStackName(file, text),
      validateInput: (v) => (isValidStackName(v.trim()) ? undefined : vscode.l10n.t('Letters, digits, and _ . - (not first), at most 63 characters.')),
    });
    if (!name) return;
    const code = await runStackDeploy(ctx.active, [file], name.trim());
    if (code !== 0) throw new Error(vscode.l10n.t('docker stack deploy of {0} failed (exit code {1}); the terminal shows why.', name.trim(), code ?? '?'));
    await stackFiles.remember(file, name.trim());
  };
}

const scale: Handler = async (ctx, node) => {
  if (!(await requireManager(ctx))) return;
  const service = await targetService(ctx, node, vscode.l10n.t('Scale service'), (s) => serviceMode(s) === 'replicated');
  if (!service) return;
  if (serviceMode(service) !== 'replicated') {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} runs in {1} mode: it has one task per node, so it cannot be scaled.', serviceName(service), serviceMode(service)));
    return;
  }
  const current = service.Spec?.Mode?.Replicated?.Replicas ?? 0;
  const answer = await ctx.prompts.current.input({
    title: vscode.l10n.t('Scale {0}', serviceName(service)),
    prompt: vscode.l10n.t('How many replicas (tasks) should run? Now: {0}.', current),
    value: String(current),
    validateInput: (v) => (/^\d{1,4}$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number from 0 to 9999.')),
  });
  if (answer === undefined) return;
  const replicas = Number(answer.trim());
  // Re-read: the spec must be sent back whole, at the version it was read at.
  const fresh = await ctx.active.engine.inspectService(service.ID);
  const spec = { ...fresh.Spec, Mode: { Replicated: { Replicas: replicas } } };
  await ctx.active.engine.updateService(service.ID, fresh.Version?.Index ?? 0, spec);
};

/** Follows an update (or rollback) in a notification until the swarm says it is done. */
function followUpdate(ctx: CommandContext, service: SwarmService, watch: UpdateWatch, title: string): Promise<UpdateProgress> {
  const swarm = swarmOf(ctx);
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) =>
    new Promise<UpdateProgress>((resolve) => {
      let last = 0;
      const check = () => {
        const state = updateProgress(swarm.services.get(service.ID), [...swarm.tasks.values()], watch, swarm.liveTasks());
        if (state.total > 0) {
          const fraction = Math.min(state.updated / state.total, 1) * 100;
          progress.report({ message: vscode.l10n.t('{0} of {1} tasks on {2}', state.updated, state.total, watch.image), increment: Math.max(0, fraction - last) });
          last = Math.max(last, fraction);
        }
        if (state.done) finish(state);
      };
      const finish = (state: UpdateProgress) => {
        subscription.dispose();
        containers.dispose();
        cancelled.dispose();
        resolve(state);
      };
      const subscription = swarm.onDidChange((change) => {
        if (change.kind === 'state' && swarm.state.role !== 'manager') return finish({ done: true, updated: 0, total: 0, message: vscode.l10n.t('the engine left the swarm or is unreachable') });
        if (change.kind === 'service' || change.kind === 'task') check();
      });
      // A task container starting here says its task runs before the swarm's task list does.
      const containers = ctx.model.onDidChange((change) => { if (change.kind === 'container') check(); });
      // "Cancel" stops watching; the update itself goes on in the swarm.
      const cancelled = token.onCancellationRequested(() => finish({ done: false, updated: 0, total: 0 }));
      check();
    }),
  ));
}

function reportUpdate(service: string, image: string, state: UpdateProgress): void {
  if (!state.done) return;
  switch (state.outcome) {
    case 'completed':
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} now runs {1} ({2} of {3} tasks).', service, image, state.updated, state.total));
      return;
    case 'paused':
      void vscode.window.showWarningMessage(vscode.l10n.t('The update of {0} paused: {1}. Roll it back, or fix the cause and update again.', service, state.message ?? ''));
      return;
    case 'rolledBack':
      void vscode.window.showWarningMessage(vscode.l10n.t('The update of {0} failed and was rolled back: {1}', service, state.message ?? ''));
      return;
    case 'removed':
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} was removed during the update.', service));
      return;
    default:
      if (state.message) void vscode.window.showWarningMessage(vscode.l10n.t('Stopped following the update of {0}: {1}', service, state.message));
  }
}

const updateImage: Handler = async (ctx, node) => {
  if (!(await requireManager(ctx))) return;
  const service = await targetService(ctx, node, vscode.l10n.t('Update the image of a service'));
  if (!service) return;
  const image = await ctx.prompts.current.input({
    title: vscode.l10n.t('Update {0}', serviceName(service)),
    prompt: vscode.l10n.t('The image its tasks should run. They are replaced one batch at a time (the service\'s update_config), so the service stays up.'),
    value: serviceImage(service),
    validateInput: (v) => (v.trim() && !/\s/.test(v.trim()) && !v.trim().startsWith('-') ? undefined : vscode.l10n.t('An image reference such as name:tag.')),
  });
  if (!image) return;
  const target = image.trim();
  const fresh = await ctx.active.engine.inspectService(service.ID);
  const spec = structuredClone(fresh.Spec ?? {});
  const template = (spec.TaskTemplate ??= {});
  const container = (template.ContainerSpec ??= {});
  const unchanged = container.Image && (container.Image === target || container.Image.startsWith(`${target}@`));
  container.Image = target;
  // The same reference again: force new tasks, as `docker service update --force` does.
  if (unchanged) template.ForceUpdate = (template.ForceUpdate ?? 0) + 1;
  const watch: UpdateWatch = { image: target, previousStartedAt: fresh.UpdateStatus?.StartedAt, rollback: false };
  await ctx.active.engine.updateService(service.ID, fresh.Version?.Index ?? 0, spec);
  const state = await followUpdate(ctx, fresh, watch, vscode.l10n.t('Updating {0} to {1}', serviceName(service), target));
  reportUpdate(serviceName(service), target, state);
  return state;
};

const rollback: Handler = async (ctx, node) => {
  if (!(await requireManager(ctx))) return;
  const service = await targetService(ctx, node, vscode.l10n.t('Roll back a service'), (s) => Boolean(s.PreviousSpec));
  if (!service) return;
  const fresh = await ctx.active.engine.inspectService(service.ID);
  if (!fresh.PreviousSpec) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no previous version to roll back to.', serviceName(service)));
    return;
  }
  const image = fresh.PreviousSpec.TaskTemplate?.ContainerSpec?.Image ?? '';
  const watch: UpdateWatch = { image, previousStartedAt: fresh.UpdateStatus?.StartedAt, rollback: true };
  await ctx.active.engine.updateService(service.ID, fresh.Version?.Index ?? 0, fresh.Spec ?? {}, { rollback: true });
  const state = await followUpdate(ctx, fresh, watch, vscode.l10n.t('Rolling back {0}', serviceName(service)));
  reportUpdate(serviceName(service), image, state);
  return state;
};

const logs: Handler = async (ctx, node): Promise<ServiceLogsPseudoterminal | undefined> => {
  const service = await targetService(ctx, node, vscode.l10n.t('Service logs'));
  if (!service) return undefined;
  const swarm = swarmOf(ctx);
  return openServiceLogs(ctx.active.engine, service.ID, serviceName(service), Boolean(service.Spec?.TaskTemplate?.ContainerSpec?.TTY), {
    task: (id) => {
      const task = swarm.tasks.get(id);
      return task ? `${serviceName(service)}.${task.Slot ?? task.NodeID?.slice(0, 12) ?? ''}` : undefined;
    },
    node: (id) => swarm.nodes.get(id)?.Description?.Hostname,
  });
};

const removeService: Handler = async (ctx, node) => {
  if (!(await requireManager(ctx))) return;
  const service = await targetService(ctx, node, vscode.l10n.t('Remove service'));
  if (!service) return;
  const tasks = swarmOf(ctx).tasksOf(service.ID).filter((t) => t.DesiredState === 'running').length;
  const stack = stackOf(service);
  const detail = [
    vscode.l10n.t('The service {0} and its {1} running tasks (their containers) are removed. Volumes, networks and images stay.', serviceName(service), tasks),
    ...(stack ? [vscode.l10n.t('It belongs to the stack {0}: deploying the stack again brings it back.', stack)] : []),
  ].join('\n\n');
  const action = vscode.l10n.t('Remove Service');
  if ((await ctx.prompts.current.confirm(vscode.l10n.t('Remove service {0}?', serviceName(service)), detail, action)) !== action) return;
  await ctx.active.engine.removeService(service.ID);
};

/** What `docker stack rm` removes: the stack's services, networks, secrets and configs (by label). */
export function stackContents(ctx: CommandContext, stack: string) {
  const swarm = swarmOf(ctx);
  const labelled = (labels: Record<string, string> | undefined) => labels?.[STACK_NAMESPACE] === stack;
  return {
    services: [...swarm.services.values()].filter((s) => stackOf(s) === stack),
    networks: [...ctx.model.networks.values()].filter((n) => labelled(n.Labels)),
    secrets: [...swarm.secrets.values()].filter((s) => labelled(s.Spec?.Labels)),
    configs: [...swarm.configs.values()].filter((c) => labelled(c.Spec?.Labels)),
  };
}

const removeStack: Handler = async (ctx, node) => {
  if (!(await requireManager(ctx))) return;
  let stack = node?.kind === 'group' && node.id.startsWith('stack:') ? node.id.slice('stack:'.length) : undefined;
  if (!stack) {
    const stacks = [...new Set([...swarmOf(ctx).services.values()].map(stackOf).filter((s): s is string => Boolean(s)))].sort();
    if (stacks.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No stacks are deployed on this swarm.'));
      return;
    }
    stack = (await ctx.prompts.current.pick(stacks.map((label) => ({ label })), { title: vscode.l10n.t('Remove which stack?') }))?.label;
    if (!stack) return;
  }
  const contents = stackContents(ctx, stack);
  const list = (items: Array<{ Spec?: { Name?: string }; Name?: string }>) => items.map((i) => i.Spec?.Name ?? i.Name ?? '?').sort().join(', ') || '-';
  const detail = [
    vscode.l10n.t('Everything deployed as the stack {0} is removed:', stack),
    vscode.l10n.t('Services (and their containers): {0}', list(contents.services)),
    vscode.l10n.t('Networks: {0}', list(contents.networks)),
    vscode.l10n.t('Secrets: {0}', list(contents.secrets)),
    vscode.l10n.t('Configs: {0}', list(contents.configs)),
    vscode.l10n.t('Volumes and images stay.'),
  ].join('\n');
  const action = vscode.l10n.t('Remove Stack');
  if ((await ctx.prompts.current.confirm(vscode.l10n.t('Remove stack {0}?', stack), detail, action)) !== action) return;
  // The order `docker stack rm` uses; each by the id listed above, nothing picked engine-side.
  const failed: string[] = [];
  const attempt = (what: string, work: Promise<unknown>) => work.catch((e: Error) => failed.push(`${what}: ${e.message}`));
  for (const s of contents.services) await attempt(serviceName(s), ctx.active.engine.removeService(s.ID));
  for (const n of contents.networks) await attempt(n.Name, ctx.active.engine.removeNetwork(n.Id));
  for (const s of contents.secrets) await attempt(s.Spec?.Name ?? s.ID, ctx.active.engine.removeSecret(s.ID));
  for (const c of contents.configs) await attempt(c.Spec?.Name ?? c.ID, ctx.active.engine.removeConfig(c.ID));
  if (failed.length) void vscode.window.showWarningMessage(vscode.l10n.t('Some parts of the stack {0} were kept: {1}', stack, failed.join('; ')));
};

export function swarmCommands(stackFiles: StackFiles): Record<string, Handler> {
  return {
    'dockerWorkbench.swarm.refresh': (ctx) => swarmOf(ctx).reload(),
    'dockerWorkbench.swarm.init': init,
    'dockerWorkbench.swarm.leave': leave,
    'dockerWorkbench.swarm.deployStack': deployStack(stackFiles),
    'dockerWorkbench.swarm.removeStack': removeStack,
    'dockerWorkbench.swarm.scale': scale,
    'dockerWorkbench.swarm.updateImage': updateImage,
    'dockerWorkbench.swarm.rollback': rollback,
    'dockerWorkbench.swarm.logs': logs,
    'dockerWorkbench.swarm.removeService': removeService,
  };
}
