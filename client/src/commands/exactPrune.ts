// Prunes remove exactly what their confirmation listed, one object at a time by id, never with the
// engine's own prune endpoints: those decide at the moment they run, so whatever stopped (or fell
// out of use) after the list was drawn would go too, unnamed. An object that changed meanwhile (a
// container started again, an image a new container now uses) makes the engine refuse its removal,
// and it is reported as left.
import * as vscode from 'vscode';
import type { ImageSummary } from '../engine/dockerEngine';
import { EngineError } from '../engine/engineError';
import type { EngineModel } from '../model/engineModel';

export interface LeftBehind {
  name: string;
  reason: string;
}

export interface ExactRemoval<T> {
  removed: T[];
  left: LeftBehind[];
}

/** Why the engine kept something, in the user's words (the engine's own text for anything else). */
function reasonOf(error: unknown): string {
  if (error instanceof EngineError) {
    if (error.kind === 'conflict') return vscode.l10n.t('in use or running again since the list was drawn');
    if (error.kind === 'notFound') return vscode.l10n.t('already gone');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Removes each listed object in turn; what the engine refuses is left, with why. */
export async function removeEach<T>(items: readonly T[], nameOf: (item: T) => string, remove: (item: T) => Promise<unknown>): Promise<ExactRemoval<T>> {
  const result: ExactRemoval<T> = { removed: [], left: [] };
  for (const item of items) {
    try {
      await remove(item);
      result.removed.push(item);
    } catch (error) {
      // "already gone" is what was asked for
      if (error instanceof EngineError && error.kind === 'notFound') result.removed.push(item);
      else result.left.push({ name: nameOf(item), reason: reasonOf(error) });
    }
  }
  return result;
}

/** Dangling images (no tag, no digest) that no container uses, as the model knows them now. */
export function unusedDanglingImages(model: EngineModel): ImageSummary[] {
  const dangling = [...model.images.values()].filter((i) => !(i.RepoTags ?? []).some((t) => t !== '<none>:<none>') && !(i.RepoDigests ?? []).some((d) => !d.startsWith('<none>@')));
  return dangling.filter((i) => ![...model.containers.values()].some((c) => c.ImageID === i.Id));
}

/** `a (why), b (why)`: what a prune left, for its closing message. */
export function describeLeft(left: readonly LeftBehind[]): string {
  return left.map((l) => `${l.name} (${l.reason})`).join(', ');
}
