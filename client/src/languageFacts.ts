// Keeps the language server told what the engine knows: the local images (for FROM completion
// and hovers) and what was built from which Dockerfile (for per-layer hints); and where each
// Dockerfile is built (its build context, for the .dockerignore checks). Sent when the server
// starts and again when they change; image changes are coalesced to one message per turn.
import type { LanguageClient } from 'vscode-languageclient/node';
import type { BuildContextFact, ImageFact } from '../../server/src/core/languageService';
import { BuildContextsNotification, BuiltImageNotification, LocalImagesNotification, StackFilesNotification, type BuildContextsParams, type LocalImagesParams, type StackFilesParams } from '../../server/src/protocol/messages';
import type { EngineModel } from './model/engineModel';
import type { BuiltImages } from './build/builtImages';

export function localImageFacts(model: EngineModel): ImageFact[] {
  const facts: ImageFact[] = [];
  for (const image of model.images.values()) {
    const digest = image.RepoDigests?.[0]?.split('@')[1];
    for (const name of image.RepoTags ?? []) {
      if (name && name !== '<none>:<none>') facts.push({ name, id: image.Id, size: image.Size, created: image.Created, digest });
    }
  }
  return facts;
}

/** What the server needs to know about stacks: the files deployed as stacks, and whether the engine manages a swarm. */
export interface StackFacts {
  uris(): string[];
  swarmManager(): boolean;
  /** Fires when either may have changed. */
  onDidChange(listener: () => void): { dispose(): void };
}

export function connectLanguageFacts(
  client: () => LanguageClient | undefined,
  model: EngineModel,
  built: BuiltImages,
  buildContexts: () => BuildContextFact[] = () => [],
  stacks?: StackFacts,
): { sendAll(): void; sendBuildContexts(): void; dispose(): void } {
  let scheduled = false;
  const sendImages = () => {
    const c = client();
    if (!c?.isRunning()) return;
    const params: LocalImagesParams = { images: localImageFacts(model) };
    void c.sendNotification(LocalImagesNotification, params);
  };
  const sendBuilt = () => {
    const c = client();
    if (!c?.isRunning()) return;
    for (const fact of built.all()) void c.sendNotification(BuiltImageNotification, fact);
  };
  const sendBuildContexts = () => {
    const c = client();
    if (!c?.isRunning()) return;
    const params: BuildContextsParams = { contexts: buildContexts() };
    void c.sendNotification(BuildContextsNotification, params);
  };
  const onModel = model.onDidChange((change) => {
    if (change.kind !== 'image' && change.kind !== 'state') return;
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      sendImages();
    });
  });
  const onBuilt = built.onDidRecord((fact) => {
    const c = client();
    if (c?.isRunning()) void c.sendNotification(BuiltImageNotification, fact);
  });
  let lastStacks = '';
  const sendStacks = (force = false) => {
    const c = client();
    if (!stacks || !c?.isRunning()) return;
    const params: StackFilesParams = { uris: stacks.uris(), swarmManager: stacks.swarmManager() };
    const text = JSON.stringify(params);
    if (!force && text === lastStacks) return;
    lastStacks = text;
    void c.sendNotification(StackFilesNotification, params);
  };
  const onStacks = stacks?.onDidChange(() => sendStacks());
  return {
    sendAll: () => {
      sendImages();
      sendBuilt();
      sendBuildContexts();
      sendStacks(true);
    },
    sendBuildContexts,
    dispose: () => {
      onModel.dispose();
      onBuilt.dispose();
      onStacks?.dispose();
    },
  };
}
