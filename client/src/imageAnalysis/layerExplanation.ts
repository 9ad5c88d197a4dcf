// For learners: what a layer is, why deleting a file in a later layer does not make the image
// smaller, and what the efficiency figure means. Shown as the "Explain" hover of the Image
// Contents view and as a document.
import * as vscode from 'vscode';

/** The short version, for hovers on a layer. */
export function layerHoverExplanation(): string {
  return vscode.l10n.t('A layer is the set of file changes one instruction made (added, changed or deleted files), stored as its own archive. The image is all its layers stacked: an upper layer can hide a file of a lower one, but never remove its bytes. Deleting in a later layer does not make the image smaller.');
}

/** The whole explanation, in Markdown. */
export function layerExplanationMarkdown(): string {
  return [
    `# ${vscode.l10n.t('Layers, explained')}`,
    vscode.l10n.t('An image is a stack of read-only **layers**. Each `RUN`, `COPY` and `ADD` of a Dockerfile makes one layer: an archive of the files that instruction added, changed or deleted. Instructions such as `ENV`, `CMD` or `LABEL` only change the image\'s settings and make no layer.'),
    `## ${vscode.l10n.t('How a container sees them')}`,
    vscode.l10n.t('The engine lays the layers on top of each other (copy-on-write). Where two layers have the same path, the upper one wins. A container adds one more, writable, layer on top; the image\'s layers are never changed, which is why many containers can share them and why they are pulled and cached one by one.'),
    `## ${vscode.l10n.t('Why deleting a file does not shrink the image')}`,
    vscode.l10n.t('A layer cannot change the layers below it. `RUN rm /big` records a *whiteout*: a marker that hides `/big` from everything above. The bytes of `/big` are still in the lower layer, pulled and stored with the image. The same holds when a later layer overwrites a file: both copies are in the image.'),
    vscode.l10n.t('Such bytes are **wasted**: the image carries them but no container can see them. The Image Contents view shows them on the layer that stored them, and on the layer that hid them as "hides".'),
    `## ${vscode.l10n.t('How to avoid it')}`,
    vscode.l10n.t('- Create and delete temporary files in the **same** `RUN` (download, install and clean up in one instruction).'),
    vscode.l10n.t('- Use a **multi-stage build**: build in one stage, then `COPY --from` only the results into a clean final stage.'),
    vscode.l10n.t('- Keep files out of the build with `.dockerignore`, so `COPY . .` does not add what a later step deletes.'),
    `## ${vscode.l10n.t('Efficiency')}`,
    vscode.l10n.t('Efficiency is the share of the bytes stored in the layers that the final filesystem still shows: 100% means nothing is wasted. Like dive\'s score it counts deleted and overwritten files; unlike dive\'s it is simply visible bytes divided by stored bytes, so it reads as a percentage of the image.'),
  ].join('\n\n');
}
