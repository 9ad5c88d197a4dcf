// "What is inside an image": analyse an image (streamed export, progress, cancel) into the Image
// Contents view, tell the language server each layer's wasted and hidden bytes when the image was
// built from a workspace Dockerfile, go from a layer to its instruction, export the packages as
// an SBOM, and explain layers to learners. The handlers join the command table.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { CommandContext, Handler } from '../commands/commandContext';
import { imageTargetOf } from '../commands/imageCommands';
import { pickImage } from '../commands/pickers';
import type { BuiltImages } from '../build/builtImages';
import type { ReportDocuments } from '../ui/reportDocuments';
import { formatBytes } from '../views/format';
import { AnalysisCancelled, analyzeImageStream, type ImageAnalysis } from './imageAnalysis';
import { ImageContentsView, type ContentsNode } from './imageContentsView';
import { dockerfileLayers, type SourceRange } from './layerSources';
import { layerExplanationMarkdown } from './layerExplanation';
import { cycloneDx, spdx } from './sbom';

export const IMAGE_CONTENTS_COMMANDS = {
  analyze: 'dockerWorkbench.images.analyze',
  exportSbom: 'dockerWorkbench.imageContents.exportSbom',
  revealInstruction: 'dockerWorkbench.imageContents.revealInstruction',
  explain: 'dockerWorkbench.imageContents.explain',
  clear: 'dockerWorkbench.imageContents.clear',
} as const;

export interface AnalyzeRequest {
  reference: string;
  imageId: string;
  /** Bytes the export is expected to have (the image's size), for progress. */
  size?: number;
  token?: vscode.CancellationToken;
  onProgress?(bytes: number): void;
}

export interface ImageContents {
  readonly view: ImageContentsView;
  /** Analyses an image and shows it; undefined when cancelled. */
  analyze(ctx: CommandContext, request: AnalyzeRequest): Promise<ImageAnalysis | undefined>;
  /** The analysis of this image, when it is the one shown. */
  analysisOf(imageId: string): ImageAnalysis | undefined;
  commands: Record<string, Handler>;
}

interface Deps {
  builtImages: BuiltImages;
  reports: ReportDocuments;
}

/** A Dockerfile's text: the open editor's when it is open (it may be unsaved), else the file's. */
export function dockerfileText(uri: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (open) return open.getText();
  try {
    return fs.readFileSync(vscode.Uri.parse(uri).fsPath, 'utf8');
  } catch {
    return undefined;
  }
}

export function registerImageContents(context: vscode.ExtensionContext, deps: Deps): ImageContents {
  const view = new ImageContentsView();
  context.subscriptions.push(view, view.register());

  /** For each history step of the analysed image that a workspace Dockerfile made: where. */
  const sourcesOf = (analysis: ImageAnalysis): Map<number, { uri: string; range: SourceRange }> => {
    const sources = new Map<number, { uri: string; range: SourceRange }>();
    for (const fact of deps.builtImages.forImage(analysis.imageId)) {
      if (fact.layers.length !== analysis.history.length) continue;
      const text = dockerfileText(fact.dockerfileUri);
      if (text === undefined) continue;
      for (const [step, range] of dockerfileLayers(text, fact.layers, fact.target).byHistory) if (!sources.has(step)) sources.set(step, { uri: fact.dockerfileUri, range });
    }
    return sources;
  };

  const analyze = async (ctx: CommandContext, request: AnalyzeRequest): Promise<ImageAnalysis | undefined> => {
    const controller = new AbortController();
    const stream = await ctx.active.engine.exportImage(request.imageId);
    const cancel = request.token?.onCancellationRequested(() => {
      controller.abort();
      stream.destroy();
    });
    const started = Date.now();
    let analysis: ImageAnalysis;
    try {
      analysis = await analyzeImageStream(stream, { reference: request.reference, imageId: request.imageId, signal: controller.signal, onProgress: request.onProgress });
    } catch (error) {
      if (controller.signal.aborted || error instanceof AnalysisCancelled) return undefined;
      throw error;
    } finally {
      cancel?.dispose();
      stream.destroy();
    }
    ctx.log.info(`analysed ${request.reference}: ${analysis.layers.length} layers, ${formatBytes(analysis.archiveBytes)} read in ${Date.now() - started} ms`);
    for (const warning of analysis.warnings) ctx.log.warn(`${request.reference}: ${warning}`);
    view.show(analysis, new Set(sourcesOf(analysis).keys()));
    // The server's hints and hovers on the Dockerfile that built it.
    await deps.builtImages.recordAnalysis(analysis.imageId, analysis.history.map((h) => {
      const layer = h.layer === undefined ? undefined : analysis.layers[h.layer];
      return layer && { wasted: layer.wastedBytes, hides: layer.hiddenBytes };
    }));
    return analysis;
  };

  const analyzeCommand: Handler = async (ctx, node) => {
    const target = node?.kind === 'image' ? imageTargetOf(ctx, node) : await pickImage(ctx, vscode.l10n.t('Analyze which image?'));
    if (!target) return undefined;
    const size = target.image.Size;
    const analysis = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Analyzing {0}', target.reference), cancellable: true },
      (progress, token) => {
        let reported = 0;
        return analyze(ctx, {
          reference: target.reference, imageId: target.image.Id, size, token,
          onProgress: (bytes) => {
            // The export is about as large as the image: one update per percent.
            const percentage = size ? Math.min(99, Math.floor((bytes / size) * 100)) : 0;
            if (percentage <= reported) return;
            progress.report({ increment: percentage - reported, message: vscode.l10n.t('{0} of about {1} read', formatBytes(bytes), formatBytes(size)) });
            reported = percentage;
          },
        });
      },
    );
    if (analysis) await vscode.commands.executeCommand('dockerWorkbench.imageContents.focus');
    return analysis;
  };

  const exportSbom: Handler = async (ctx) => {
    const analysis = view.analysis;
    if (!analysis) {
      void ctx.prompts.current.info(vscode.l10n.t('Analyze an image first (Images view: Analyze Layers and Packages).'));
      return undefined;
    }
    const formats = [
      { label: 'CycloneDX 1.5 (JSON)', id: 'cyclonedx' as const, suffix: 'cdx.json' },
      { label: 'SPDX 2.3 (JSON)', id: 'spdx' as const, suffix: 'spdx.json' },
    ];
    const format = await ctx.prompts.current.pick(formats, { title: vscode.l10n.t('Export the packages of {0} as', analysis.reference) });
    if (!format) return undefined;
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? process.cwd();
    const fileName = `${analysis.reference.replace(/[^A-Za-z0-9._-]+/g, '-')}.${format.suffix}`;
    const target = await ctx.prompts.current.saveFile({ defaultUri: vscode.Uri.file(path.join(folder, fileName)), filters: { JSON: ['json'] }, title: vscode.l10n.t('Save the SBOM') });
    if (!target) return undefined;
    const options = { now: new Date(), uuid: randomUUID() };
    const document = format.id === 'cyclonedx' ? cycloneDx(analysis, options) : spdx(analysis, options);
    await vscode.workspace.fs.writeFile(target, Buffer.from(`${JSON.stringify(document, null, 2)}\n`));
    void ctx.prompts.current.info(vscode.l10n.t('Saved the {0} packages of {1} to {2}.', analysis.packages.length, analysis.reference, path.basename(target.fsPath)));
    return target;
  };

  const revealInstruction: Handler = async (ctx, node) => {
    const analysis = view.analysis;
    const step = (node as unknown as ContentsNode | undefined)?.kind === 'step' ? (node as unknown as { step: number }).step : undefined;
    if (!analysis || step === undefined) return undefined;
    const source = sourcesOf(analysis).get(step);
    if (!source) {
      void ctx.prompts.current.info(vscode.l10n.t('No Dockerfile in this workspace is known to have made this layer (build the image from its Dockerfile with Docker Workbench first).'));
      return undefined;
    }
    const range = new vscode.Range(source.range.start.line, source.range.start.character, source.range.end.line, source.range.end.character);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(source.uri), { selection: range, preview: true });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { uri: source.uri, line: source.range.line };
  };

  const explain: Handler = async () => deps.reports.show('layers-explained.md', layerExplanationMarkdown(), 'markdown');

  return {
    view,
    analyze,
    analysisOf: (imageId) => (view.analysis?.imageId === imageId ? view.analysis : undefined),
    commands: {
      [IMAGE_CONTENTS_COMMANDS.analyze]: analyzeCommand,
      [IMAGE_CONTENTS_COMMANDS.exportSbom]: exportSbom,
      [IMAGE_CONTENTS_COMMANDS.revealInstruction]: revealInstruction,
      [IMAGE_CONTENTS_COMMANDS.explain]: explain,
      [IMAGE_CONTENTS_COMMANDS.clear]: () => view.clear(),
    },
  };
}

