// Compose commands on a file, a project or a service (from the Compose view, the Containers
// view's compose groups, the explorer, a code lens, or the palette). `down` removes volumes only
// when the user picks it, after a warning that names them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext, Handler } from '../commands/commandContext';
import { requireTrust } from '../build/buildCommands';
import { maskText } from '../containers/secretMasking';
import { run } from '../build/dockerCli';
import type { TreeNode } from '../views/treeNode';
import { detectComposeCli, NO_COMPOSE_MESSAGE } from './composeCli';
import { readSmallFile } from './composeFiles';
import { composeArgs, projectsFromFiles, type ComposeCommandOptions, type ComposeProject, type ComposeSubcommand } from './composeProject';
import { createComposeTask, runComposeTask } from './composeTask';
import type { ComposeNode, ComposeView } from './composeView';

interface Target {
  project: ComposeProject;
  services?: string[];
  /** True when the caller already said exactly what to do (a code lens): ask nothing more. */
  direct: boolean;
}

/** What the client commands accept from the language server's code lenses. */
export interface ComposeRequest {
  composeFileUri: string;
  services?: string[];
}

async function resolveTarget(ctx: CommandContext, view: ComposeView, argument: unknown, title: string): Promise<Target | undefined> {
  const env = { ...process.env, ...ctx.active.cliEnv };
  const flavor = (await detectComposeCli(env))?.flavor ?? 'v2';
  const fromFile = async (file: string) => {
    const projects = await view.allProjects();
    return projects.find((p) => p.files.includes(file)) ?? projectsFromFiles([file], flavor, env, readSmallFile)[0]!;
  };
  if (argument instanceof vscode.Uri) return { project: await fromFile(argument.fsPath), direct: false };
  const request = argument as Partial<ComposeRequest> | undefined;
  if (request && typeof request.composeFileUri === 'string') {
    return { project: await fromFile(vscode.Uri.parse(request.composeFileUri).fsPath), services: request.services, direct: true };
  }
  const node = argument as (ComposeNode | TreeNode) | undefined;
  if (node && 'project' in node) return { project: node.project, services: node.kind === 'project' ? undefined : [node.service], direct: false };
  if (node && 'id' in node && node.kind === 'group') {
    const project = (await view.allProjects()).find((p) => p.name === node.id);
    if (project) return { project, direct: false };
  }
  const projects = await view.allProjects();
  if (projects.length === 1) return { project: projects[0]!, direct: false };
  const picked = await ctx.prompts.current.pick(
    projects.map((p) => ({ label: p.name, description: p.files.map((f) => vscode.workspace.asRelativePath(f)).join(' + '), project: p })),
    { title },
  );
  return picked ? { project: picked.project, direct: false } : undefined;
}

/** What `compose … config [extra]` prints (the CLI's own reading of the files). */
async function cliText(ctx: CommandContext, project: ComposeProject, extra: string[]): Promise<string> {
  const env = { ...process.env, ...ctx.active.cliEnv };
  const cli = await detectComposeCli(env);
  if (!cli) throw new Error(NO_COMPOSE_MESSAGE());
  const result = await run(cli.command, [...cli.prefix, ...composeArgs(project, 'config', {}, cli.flavor), ...extra], env, 60_000);
  if (result.code !== 0) throw new Error(result.stderr.trim() || vscode.l10n.t('compose exited with {0}', result.code));
  return result.stdout;
}

async function cliOutput(ctx: CommandContext, project: ComposeProject, extra: string[]): Promise<string[]> {
  return (await cliText(ctx, project, extra)).split('\n').map((l) => l.trim()).filter(Boolean);
}

async function runCompose(ctx: CommandContext, target: Target, subcommand: ComposeSubcommand, options: ComposeCommandOptions, wait = true): Promise<number | undefined> {
  const scope = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target.project.folder));
  const task = await createComposeTask(target.project, subcommand, { services: target.services, ...options }, ctx.active, scope);
  const code = await runComposeTask(task, wait);
  if (code !== undefined && code !== 0) throw new Error(vscode.l10n.t('docker compose {0} for {1} failed (exit code {2}); the terminal shows why.', subcommand, target.project.name, code));
  // The CLI changed things the views learn of through events; its service list may have changed too.
  return code;
}

export function composeCommands(view: ComposeView): Record<string, Handler> {
  const guarded = (what: () => string, work: (ctx: CommandContext, target: Target) => Promise<unknown>): Handler => async (ctx, node) => {
    if (!requireTrust(what())) return;
    const target = await resolveTarget(ctx, view, node, what());
    if (target) await work(ctx, target);
  };
  const simple = (subcommand: ComposeSubcommand, what: () => string, options: ComposeCommandOptions = {}, wait = true) =>
    guarded(what, (ctx, target) => runCompose(ctx, target, subcommand, options, wait));

  const up = guarded(() => vscode.l10n.t('Compose up'), async (ctx, target) => {
    const options: ComposeCommandOptions = {};
    if (!target.direct) {
      const choices = await ctx.prompts.current.pickMany(
        [
          { label: vscode.l10n.t('Build images first'), description: '--build', key: 'build' },
          { label: vscode.l10n.t('Choose services…'), description: target.services?.join(', '), key: 'services' },
          { label: vscode.l10n.t('Choose profiles…'), description: '--profile', key: 'profiles' },
        ],
        { title: vscode.l10n.t('Up {0} (pick none to start everything)', target.project.name) },
      );
      if (!choices) return;
      const keys = new Set(choices.map((c) => c.key));
      options.build = keys.has('build');
      if (keys.has('profiles')) {
        const profiles = await cliOutput(ctx, target.project, ['--profiles']);
        const picked = await ctx.prompts.current.pickMany(profiles.map((label) => ({ label })), { title: vscode.l10n.t('Profiles to enable') });
        if (!picked) return;
        options.profiles = picked.map((p) => p.label);
      }
      if (keys.has('services')) {
        const services = await cliOutput(ctx, { ...target.project }, ['--services']);
        const picked = await ctx.prompts.current.pickMany(services.map((label) => ({ label, picked: target.services?.includes(label) })), { title: vscode.l10n.t('Services to start') });
        if (!picked?.length) return;
        target.services = picked.map((p) => p.label);
      }
    }
    await runCompose(ctx, target, 'up', options);
    view.refresh();
  });

  const down = guarded(() => vscode.l10n.t('Compose down'), async (ctx, target) => {
    const volumes = [...ctx.model.volumes.values()].filter((v) => v.Labels?.['com.docker.compose.project'] === target.project.name).map((v) => v.Name).sort();
    // With no volumes there is nothing to keep or delete: one plain button.
    const keep = volumes.length ? vscode.l10n.t('Down (Keep Volumes)') : vscode.l10n.t('Down');
    const wipe = vscode.l10n.t('Down and Delete Volumes…');
    const detail = [
      vscode.l10n.t('Stops and removes the containers and networks of {0}. Images stay.', target.project.name),
      volumes.length ? vscode.l10n.t('Its volumes keep their data unless you choose to delete them: {0}.', volumes.join(', ')) : '',
    ].filter(Boolean).join('\n\n');
    const choice = await ctx.prompts.current.confirm(vscode.l10n.t('Take down {0}?', target.project.name), detail, ...(volumes.length ? [keep, wipe] : [keep]));
    if (!choice) return;
    let removeVolumes = false;
    if (choice === wipe) {
      const sure = volumes.length === 1 ? vscode.l10n.t('Delete 1 Volume') : vscode.l10n.t('Delete {0} Volumes', volumes.length);
      const again = await ctx.prompts.current.confirm(
        volumes.length === 1 ? vscode.l10n.t('Delete the data in this volume for good?') : vscode.l10n.t('Delete the data in these volumes for good?'),
        volumes.length === 1
          ? vscode.l10n.t('This volume and everything stored in it are deleted: {0}. This cannot be undone.', volumes[0]!)
          : vscode.l10n.t('These volumes and everything stored in them are deleted: {0}. This cannot be undone.', volumes.join(', ')),
        sure,
      );
      if (again !== sure) return;
      removeVolumes = true;
    }
    await runCompose(ctx, { ...target, services: undefined }, 'down', { removeVolumes });
    view.refresh();
  });

  const config = guarded(() => vscode.l10n.t('Show the resolved compose configuration'), async (ctx, target) => {
    // The resolved file has every interpolated value in it, .env secrets included: masked.
    const text = maskText(await cliText(ctx, target.project, []));
    await ctx.reports.show(`${target.project.name}-resolved-${path.basename(target.project.files[0] ?? 'compose')}.yaml`, text, 'yaml');
  });

  return {
    'dockerWorkbench.compose.up': up,
    'dockerWorkbench.compose.down': down,
    'dockerWorkbench.compose.stop': simple('stop', () => vscode.l10n.t('Compose stop')),
    'dockerWorkbench.compose.start': simple('start', () => vscode.l10n.t('Compose start')),
    'dockerWorkbench.compose.restart': simple('restart', () => vscode.l10n.t('Compose restart')),
    'dockerWorkbench.compose.logs': simple('logs', () => vscode.l10n.t('Compose logs'), { follow: true, tail: 500 }, false),
    'dockerWorkbench.compose.ps': simple('ps', () => vscode.l10n.t('Compose ps')),
    'dockerWorkbench.compose.pull': simple('pull', () => vscode.l10n.t('Compose pull')),
    'dockerWorkbench.compose.build': simple('build', () => vscode.l10n.t('Compose build')),
    'dockerWorkbench.compose.config': config,
    'dockerWorkbench.compose.refresh': () => view.refresh(),
  };
}
