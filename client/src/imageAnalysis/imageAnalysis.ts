// One image analysed: its export streamed through the archive reader (bounded memory: file
// metadata and package lists are kept, file contents never), the layers stacked, the packages
// followed through them, and each layer matched with the history entry (instruction) that made
// it. Pure apart from reading the stream it is given.
import { ImageArchiveReader, type HistoryEntry } from './imageArchive';
import { stackLayersAsync, type FsNode, type LayerSummary, type WastedPath } from './layerFilesystem';
import { PackageTracker, type ImagePackage, type LayerPackages, type OsRelease } from './imagePackages';

export interface AnalyzedLayer extends LayerSummary {
  /** Position among the image's layers, bottom first. */
  index: number;
  /** Its entry in the image's history (the configuration's `history`), when there is one. */
  historyIndex?: number;
  createdBy: string;
  created?: string;
  diffId?: string;
  packages: LayerPackages;
}

export interface HistoryStep {
  createdBy: string;
  created?: string;
  comment?: string;
  /** True for instructions that changed only metadata (ENV, CMD, LABEL…). */
  emptyLayer: boolean;
  /** The layer it made (index into `layers`). */
  layer?: number;
}

export interface ImageAnalysis {
  reference: string;
  imageId: string;
  format: 'docker-archive' | 'oci-layout';
  os?: OsRelease;
  architecture?: string;
  history: HistoryStep[];
  layers: AnalyzedLayer[];
  root: FsNode;
  totalBytes: number;
  visibleBytes: number;
  wastedBytes: number;
  efficiency: number;
  wastedPaths: WastedPath[];
  packages: ImagePackage[];
  warnings: string[];
  skippedEntries: number;
  /** Bytes of the export read. */
  archiveBytes: number;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AnalysisCancelled';
  }
}

export interface AnalyzeOptions {
  reference: string;
  imageId: string;
  /** Called with the bytes read so far (for progress). */
  onProgress?(bytes: number): void;
  signal?: AbortSignal;
}

export async function analyzeImageStream(chunks: AsyncIterable<Buffer | Uint8Array>, options: AnalyzeOptions): Promise<ImageAnalysis> {
  const reader = new ImageArchiveReader();
  let bytes = 0;
  for await (const raw of chunks) {
    if (options.signal?.aborted) throw new AnalysisCancelled();
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    bytes += chunk.length;
    const waiting = reader.push(chunk);
    if (waiting) await waiting;
    options.onProgress?.(bytes);
  }
  if (options.signal?.aborted) throw new AnalysisCancelled();
  const archive = await reader.end(options.reference);
  const tracker = new PackageTracker(archive.layers);
  const stacked = await stackLayersAsync(archive.layers, { afterLayer: (index, root) => tracker.afterLayer(index, root) });

  const history: HistoryStep[] = (archive.config.history ?? []).map((h: HistoryEntry) => ({
    createdBy: typeof h.created_by === 'string' ? h.created_by : '',
    ...(typeof h.created === 'string' ? { created: h.created } : {}),
    ...(typeof h.comment === 'string' && h.comment ? { comment: h.comment } : {}),
    emptyLayer: h.empty_layer === true,
  }));
  // Each history entry that is not empty made the next layer, in order.
  const withLayer = history.filter((h) => !h.emptyLayer);
  const aligned = withLayer.length === stacked.layers.length;
  if (aligned) withLayer.forEach((h, i) => (h.layer = i));
  const diffIds = archive.config.rootfs?.diff_ids ?? [];
  const layers: AnalyzedLayer[] = stacked.layers.map((summary, index) => {
    const step = aligned ? withLayer[index] : undefined;
    return {
      ...summary,
      index,
      ...(step ? { historyIndex: history.indexOf(step), createdBy: step.createdBy } : { createdBy: '' }),
      ...(step?.created ? { created: step.created } : {}),
      ...(typeof diffIds[index] === 'string' ? { diffId: diffIds[index] } : {}),
      packages: tracker.perLayer[index] ?? { added: [], removed: [] },
    };
  });
  const warnings = [...archive.warnings];
  if (!aligned && history.length > 0) warnings.push(`the image history has ${withLayer.length} entries with a layer but the archive has ${stacked.layers.length} layers: instructions are not matched to layers`);
  return {
    reference: options.reference,
    imageId: options.imageId,
    format: archive.format,
    ...(tracker.osRelease(stacked.root) ? { os: tracker.osRelease(stacked.root) } : {}),
    ...(archive.config.architecture ? { architecture: archive.config.architecture } : {}),
    history,
    layers,
    root: stacked.root,
    totalBytes: stacked.totalBytes,
    visibleBytes: stacked.visibleBytes,
    wastedBytes: stacked.wastedBytes,
    efficiency: stacked.efficiency,
    wastedPaths: stacked.wastedPaths,
    packages: tracker.packages(),
    warnings,
    skippedEntries: archive.skippedEntries,
    archiveBytes: bytes,
  };
}
