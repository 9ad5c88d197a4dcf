// Cleaning up what the walkthrough made: every container, volume, network, image and workspace
// file a step creates is listed here by its exact name (all start with "learn-"). Nothing goes
// without a confirmation that names each item; then containers go first (they hold volumes and
// networks), files go to the trash.
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import type { DockerEngine } from '../engine/dockerEngine';
import { EngineError } from '../engine/engineError';

export type LearnItem =
  | { kind: 'container'; name: string }
  | { kind: 'volume'; name: string }
  | { kind: 'network'; name: string }
  | { kind: 'image'; name: string }
  /** Every container of a compose project (by its label). */
  | { kind: 'composeProject'; name: string }
  | { kind: 'file'; name: string; uri: vscode.Uri };

/** An item as it exists on the engine now (a compose project expands to its containers). */
export type FoundItem = LearnItem & { id: string };

const ORDER: Record<LearnItem['kind'], number> = { container: 0, composeProject: 0, network: 1, volume: 2, image: 3, file: 4 };

async function exists<T>(probe: () => Promise<T>): Promise<T | undefined> {
  try {
    return await probe();
  } catch (error) {
    if (error instanceof EngineError && error.kind === 'notFound') return undefined;
    throw error;
  }
}

/** The items that exist now, with their ids. */
export async function existingItems(engine: DockerEngine, items: readonly LearnItem[]): Promise<FoundItem[]> {
  const found: FoundItem[] = [];
  const containers = items.some((i) => i.kind === 'container' || i.kind === 'composeProject') ? await engine.listContainers() : [];
  for (const item of items) {
    switch (item.kind) {
      case 'container': {
        const c = containers.find((x) => x.Names.some((n) => n.replace(/^\//, '') === item.name));
        if (c) found.push({ ...item, id: c.Id });
        break;
      }
      case 'composeProject':
        for (const c of containers.filter((x) => x.Labels?.['com.docker.compose.project'] === item.name)) {
          found.push({ kind: 'container', name: c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12), id: c.Id });
        }
        break;
      case 'volume':
        if ((await engine.listVolumes(item.name)).length) found.push({ ...item, id: item.name });
        break;
      case 'network': {
        const network = (await engine.listNetworks()).find((n) => n.Name === item.name);
        if (network) found.push({ ...item, id: network.Id });
        break;
      }
      case 'image': {
        const image = await exists(() => engine.inspectImage(item.name));
        if (image) found.push({ ...item, id: image.Id });
        break;
      }
      case 'file':
        try {
          await vscode.workspace.fs.stat(item.uri);
          found.push({ ...item, id: item.uri.toString() });
        } catch {
          // not there
        }
        break;
    }
  }
  const unique = new Map(found.map((f) => [`${f.kind}:${f.id}`, f]));
  return [...unique.values()].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
}

/** The confirmation's list: one line per kind, naming each item. */
export function describeItems(items: readonly FoundItem[]): string {
  const names = (kind: LearnItem['kind']) => items.filter((i) => i.kind === kind).map((i) => i.name);
  const lines: string[] = [];
  const containers = names('container');
  if (containers.length) lines.push(vscode.l10n.t('Containers (stopped first if running): {0}', containers.join(', ')));
  const networks = names('network');
  if (networks.length) lines.push(vscode.l10n.t('Networks: {0}', networks.join(', ')));
  const volumes = names('volume');
  if (volumes.length) lines.push(vscode.l10n.t('Volumes, with all their data: {0}', volumes.join(', ')));
  const images = names('image');
  if (images.length) lines.push(vscode.l10n.t('Images: {0}', images.join(', ')));
  const files = items.filter((i): i is FoundItem & { kind: 'file' } => i.kind === 'file').map((i) => vscode.workspace.asRelativePath(i.uri));
  if (files.length) lines.push(vscode.l10n.t('Workspace files (moved to the trash): {0}', files.join(', ')));
  return lines.join('\n');
}

/**
 * Asks (naming everything), then removes. Resolves to true when everything listed is gone, false
 * when the user said no. Items that fail are reported and kept.
 */
export async function cleanUpItems(ctx: CommandContext, items: readonly FoundItem[], options: { message?: string; action?: string } = {}): Promise<boolean> {
  if (items.length === 0) return true;
  const action = options.action ?? vscode.l10n.t('Remove');
  const message = options.message ?? vscode.l10n.t('Remove what this walkthrough step made?');
  if ((await ctx.prompts.current.confirm(message, describeItems(items), action)) !== action) return false;
  const engine = ctx.active.engine;
  const failed: string[] = [];
  for (const item of items) {
    try {
      switch (item.kind) {
        case 'container': await engine.removeContainer(item.id, { force: true }); break;
        case 'network': await engine.removeNetwork(item.id); break;
        case 'volume': await engine.removeVolume(item.name); break;
        case 'image': await engine.removeImage(item.id, { force: false }); break;
        case 'file': await vscode.workspace.fs.delete(item.uri, { recursive: true, useTrash: true }).then(undefined, () => vscode.workspace.fs.delete(item.uri, { recursive: true, useTrash: false })); break;
        default: break;
      }
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'notFound') continue;
      failed.push(`${item.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Some items were kept: {0}', failed.join('; ')));
    return false;
  }
  ctx.log.info(`learn: removed ${items.map((i) => i.name).join(', ')}`);
  return true;
}
