// Keeps the language server told what the engine knows: the local images (for FROM completion
// and hovers) and what was built from which Dockerfile (for per-layer hints); and where each
// Dockerfile is built (its build context, for the .dockerignore checks). Sent when the server
// starts and again when they change; image changes are coalesced to one message per turn.
import type { LanguageClient } from 'vscode-languageclient/node';
import type { BuildContextFact, ImageFact } from '../../server/src/core/languageService';
import { BuildContextsNotification, BuiltImageNotification, LocalImagesNotification, type BuildContextsParams, type LocalImagesParams } from '../../server/src/protocol/messages';
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

export function connectLanguageFacts(
  client: () => LanguageClient | undefined,
  model: EngineModel,
  built: BuiltImages,
  buildContexts: () => BuildContextFact[] = () => [],
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
  return {
    sendAll: () => {
      sendImages();
      sendBuilt();
      sendBuildContexts();
    },
    sendBuildContexts,
    dispose: () => {
      onModel.dispose();
      onBuilt.dispose();
    },
  };
}
