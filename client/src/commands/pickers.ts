// Palette fallbacks: when a command runs without a tree node, ask which objects it is for.
import * as vscode from 'vscode';
import type { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../engine/dockerEngine';
import type { CommandContext } from './commandContext';
import { containerName } from '../views/containerPresentation';
import { shortId } from '../views/format';

/**
 * The palette can run a command before any view connected the model (it is empty until its first
 * lists are in): wait for them, or for the connection to fail, at most this long.
 */
const FIRST_LISTS_WAIT_MS = 5000;

/** Before a command reads the model's lists: they are in (or the engine could not be reached). */
export function modelListed(ctx: CommandContext): Promise<void> {
  return ctx.model.settled(FIRST_LISTS_WAIT_MS);
}

export async function pickContainers(ctx: CommandContext, options: { states?: string[]; many?: boolean; title: string }): Promise<ContainerSummary[]> {
  await modelListed(ctx);
  const candidates = [...ctx.model.containers.values()].filter((c) => !options.states || options.states.includes(c.State));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No container fits "{0}".', options.title));
    return [];
  }
  const items = candidates.map((c) => ({ label: containerName(c), description: `${c.Image} · ${c.Status}`, detail: shortId(c.Id), container: c }));
  if (options.many) return ((await ctx.prompts.current.pickMany(items, { title: options.title })) ?? []).map((i) => i.container);
  const picked = await ctx.prompts.current.pick(items, { title: options.title });
  return picked ? [picked.container] : [];
}

export async function pickImage(ctx: CommandContext, title: string): Promise<{ image: ImageSummary; reference: string } | undefined> {
  await modelListed(ctx);
  const items = [...ctx.model.images.values()].flatMap((image) => {
    const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    return (tags.length ? tags : [shortId(image.Id)]).map((reference) => ({ label: reference, description: shortId(image.Id), image, reference }));
  });
  const picked = await ctx.prompts.current.pick(items, { title });
  return picked ? { image: picked.image, reference: picked.reference } : undefined;
}

export async function pickVolume(ctx: CommandContext, title: string): Promise<VolumeSummary | undefined> {
  await modelListed(ctx);
  const items = [...ctx.model.volumes.values()].map((v) => ({ label: v.Name, description: v.Driver, volume: v }));
  return (await ctx.prompts.current.pick(items, { title }))?.volume;
}

export async function pickNetwork(ctx: CommandContext, title: string, filter: (n: NetworkSummary) => boolean = () => true): Promise<NetworkSummary | undefined> {
  await modelListed(ctx);
  const items = [...ctx.model.networks.values()].filter(filter).map((n) => ({ label: n.Name, description: `${n.Driver} · ${n.Scope}`, network: n }));
  return (await ctx.prompts.current.pick(items, { title }))?.network;
}
