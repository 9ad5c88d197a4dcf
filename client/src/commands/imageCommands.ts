// Image commands: tag, pull and push with progress (cancellable), remove (naming the containers
// that use the image), history as a document, and prune of dangling images (exactly the ones it lists).
import * as vscode from 'vscode';
import type { ImageSummary, ProgressEvent } from '../engine/dockerEngine';
import { selection, type CommandContext, type Handler } from './commandContext';
import { modelListed, pickImage } from './pickers';
import { describeLeft, removeEach, unusedDanglingImages } from './exactPrune';
import { containerName } from '../views/containerPresentation';
import { formatAge, formatBytes, shortId } from '../views/format';
import { layerInstruction } from '../views/imagePresentation';
import type { TreeNode } from '../views/treeNode';

export interface ImageTarget {
  image: ImageSummary;
  /** `repo:tag`, or the short id for a dangling image. */
  reference: string;
}

/** The image a node stands for, with the reference the user clicked (one image can have many). */
export function imageTargetOf(ctx: CommandContext, node: TreeNode): ImageTarget | undefined {
  const imageId = String(node.data?.imageId ?? node.id);
  const image = ctx.model.images.get(imageId);
  if (!image) return undefined;
  const tag = String(node.data?.tag ?? '');
  const repository = node.parent?.kind === 'group' ? node.parent.id : undefined;
  const reference = tag && repository ? (tag.startsWith('@') ? `${repository}${tag}` : `${repository}:${tag}`) : shortId(image.Id);
  return { image, reference };
}

async function targets(ctx: CommandContext, node: TreeNode | undefined, nodes: TreeNode[] | undefined, title: string): Promise<ImageTarget[]> {
  const selected = selection(node, nodes, 'image').map((n) => imageTargetOf(ctx, n)).filter((t): t is ImageTarget => Boolean(t));
  if (selected.length) return selected;
  const picked = await pickImage(ctx, title);
  return picked ? [picked] : [];
}

/** An image reference: [registry/]repository[:tag]. */
export const REFERENCE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/;

export function splitRepoTag(reference: string): { repo: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') ? { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) } : { repo: reference, tag: 'latest' };
}

const tag: Handler = async (ctx, node, nodes) => {
  const [target] = await targets(ctx, node, nodes, vscode.l10n.t('Tag image'));
  if (!target) return;
  const reference = await ctx.prompts.current.input({
    title: vscode.l10n.t('Tag {0}', target.reference),
    prompt: vscode.l10n.t('New name as [registry/]repository[:tag]. A tag is just another name for the same image.'),
    value: target.reference.includes(':') ? target.reference : '',
    validateInput: (v) => (REFERENCE.test(v) ? undefined : vscode.l10n.t('Not a valid image reference (lower-case repository, optional :tag).')),
  });
  if (!reference) return;
  const { repo, tag: newTag } = splitRepoTag(reference);
  await ctx.active.engine.tagImage(target.image.Id, repo, newTag);
};

/** Shows a pull/push progress stream in a cancellable notification; returns the final events. */
export async function withTransferProgress(ctx: CommandContext, title: string, start: () => Promise<import('node:stream').Readable>): Promise<ProgressEvent[] | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const stream = await start();
    let cancelled = false;
    token.onCancellationRequested(() => {
      cancelled = true;
      stream.destroy();
    });
    const layers = new Map<string, { current: number; total: number }>();
    let reported = 0;
    try {
      return await ctx.active.engine.followProgress(stream, (event) => {
        if (event.id && event.progressDetail?.total) layers.set(event.id, { current: event.progressDetail.current ?? 0, total: event.progressDetail.total });
        const total = [...layers.values()].reduce((n, l) => n + l.total, 0);
        const done = [...layers.values()].reduce((n, l) => n + l.current, 0);
        const percent = total ? Math.floor((done / total) * 100) : 0;
        progress.report({ message: event.status ? `${event.status}${event.id ? ` ${event.id}` : ''}` : undefined, increment: percent > reported ? percent - reported : undefined });
        reported = Math.max(reported, percent);
      });
    } catch (error) {
      if (cancelled) return undefined;
      throw error;
    }
  });
}

const pull: Handler = async (ctx, node, nodes) => {
  const selected = selection(node, nodes, 'image').map((n) => imageTargetOf(ctx, n)).filter((t): t is ImageTarget => Boolean(t));
  const reference = selected[0]?.reference.includes(':') ? selected[0].reference : await ctx.prompts.current.input({
    title: vscode.l10n.t('Pull an image'),
    prompt: vscode.l10n.t('Image to download from its registry, e.g. nginx:1.27 or ghcr.io/org/app:tag'),
    validateInput: (v) => (REFERENCE.test(v) || /@sha256:[a-f0-9]{64}$/.test(v) ? undefined : vscode.l10n.t('Not a valid image reference.')),
  });
  if (!reference) return;
  const result = await withTransferProgress(ctx, vscode.l10n.t('Pulling {0}', reference), () => ctx.active.engine.pull(reference));
  if (result) void vscode.window.showInformationMessage(vscode.l10n.t('Pulled {0}.', reference));
};

const push: Handler = async (ctx, node, nodes) => {
  const [target] = await targets(ctx, node, nodes, vscode.l10n.t('Push image'));
  if (!target || !target.reference.includes(':')) return;
  const { repo, tag: imageTag } = splitRepoTag(target.reference);
  const result = await withTransferProgress(ctx, vscode.l10n.t('Pushing {0}', target.reference), () => ctx.active.engine.push(repo, imageTag));
  if (result) void vscode.window.showInformationMessage(vscode.l10n.t('Pushed {0}.', target.reference));
};

const remove: Handler = async (ctx, node, nodes) => {
  const list = await targets(ctx, node, nodes, vscode.l10n.t('Remove images'));
  if (list.length === 0) return;
  const users = new Map(list.map((t) => [t.reference, [...ctx.model.containers.values()].filter((c) => c.ImageID === t.image.Id)]));
  const lines = list.map((t) => {
    const otherTags = (t.image.RepoTags ?? []).filter((r) => r !== t.reference && r !== '<none>:<none>');
    const using = users.get(t.reference)!;
    const what = otherTags.length
      ? vscode.l10n.t('{0}: only this name is removed; the image keeps {1}', t.reference, otherTags.join(', '))
      : vscode.l10n.t('{0}: the image ({1}) is deleted', t.reference, formatBytes(t.image.Size));
    return using.length ? `${what}\n  ${vscode.l10n.t('used by: {0}', using.map(containerName).join(', '))}` : what;
  });
  const inUse = [...users.values()].some((u) => u.length > 0);
  const detail = [lines.join('\n'), inUse ? vscode.l10n.t('Images used by containers can only be removed by force; the containers keep running from the untagged image. Remove the containers first to free the space.') : ''].filter(Boolean).join('\n\n');
  const action = inUse ? vscode.l10n.t('Force Remove') : vscode.l10n.t('Remove');
  const message = list.length === 1 ? vscode.l10n.t('Remove image {0}?', list[0]!.reference) : vscode.l10n.t('Remove {0} images?', list.length);
  if ((await ctx.prompts.current.confirm(message, detail, action)) !== action) return;
  for (const t of list) {
    const otherTags = (t.image.RepoTags ?? []).filter((r) => r !== t.reference && r !== '<none>:<none>');
    // A name that is one of several only untags; otherwise remove by id so every name goes with it.
    await ctx.active.engine.removeImage(otherTags.length || t.reference.includes(':') ? t.reference : t.image.Id, { force: inUse });
  }
};

const history: Handler = async (ctx, node, nodes) => {
  const [target] = await targets(ctx, node, nodes, vscode.l10n.t('Image history'));
  if (!target) return;
  const layers = await ctx.active.engine.imageHistory(target.image.Id);
  const rows = [...layers].reverse().map((l, i) => `${String(i + 1).padStart(3)}  ${formatBytes(l.Size).padStart(8)}  ${formatAge(l.Created, Date.now(), vscode.l10n).padEnd(16)}  ${layerInstruction(l.CreatedBy)}`);
  const text = [
    vscode.l10n.t('History of {0} ({1}), oldest layer first.', target.reference, shortId(target.image.Id)),
    vscode.l10n.t('Each line is one instruction of the Dockerfile that built it; 0 B lines only set metadata.'),
    '',
    ...rows,
  ].join('\n');
  await ctx.reports.show(`history-${shortId(target.image.Id)}.txt`, text);
};

const pruneDangling: Handler = async (ctx) => {
  await modelListed(ctx);
  const unused = unusedDanglingImages(ctx.model);
  if (unused.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no unused dangling images.'));
    return;
  }
  const total = unused.reduce((n, i) => n + i.Size, 0);
  const one = unused.length === 1;
  const detail = (one
    ? vscode.l10n.t('Dangling images have no name; they are usually left behind when a rebuild moves a tag. This one goes (up to {0}):', formatBytes(total))
    : vscode.l10n.t('Dangling images have no name; they are usually left behind when a rebuild moves a tag. These go (up to {0}):', formatBytes(total))) +
    '\n' + unused.map((i) => `${shortId(i.Id)}  ${formatBytes(i.Size)}  ${formatAge(i.Created, Date.now(), vscode.l10n)}`).join('\n');
  const action = vscode.l10n.t('Remove Dangling Images');
  const message = one ? vscode.l10n.t('Remove 1 dangling image?') : vscode.l10n.t('Remove {0} dangling images?', unused.length);
  if ((await ctx.prompts.current.confirm(message, detail, action)) !== action) return;
  // Exactly the listed ones, by id (an engine-side prune would also take images that became dangling since).
  const outcome = await removeEach(unused, (i) => shortId(i.Id), (i) => ctx.active.engine.removeImage(i.Id));
  const reclaimed = formatBytes(outcome.removed.reduce((n, i) => n + i.Size, 0));
  void vscode.window.showInformationMessage(outcome.left.length
    ? vscode.l10n.t('Removed {0} images, reclaimed up to {1}. Left: {2}.', outcome.removed.length, reclaimed, describeLeft(outcome.left))
    : vscode.l10n.t('Removed {0} images, reclaimed up to {1}.', outcome.removed.length, reclaimed));
  return outcome;
};

export const imageCommands: Record<string, Handler> = {
  'dockerWorkbench.images.tag': tag,
  'dockerWorkbench.images.pull': pull,
  'dockerWorkbench.images.push': push,
  'dockerWorkbench.images.remove': remove,
  'dockerWorkbench.images.history': history,
  'dockerWorkbench.images.pruneDangling': pruneDangling,
};
