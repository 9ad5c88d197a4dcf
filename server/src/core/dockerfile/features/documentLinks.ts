// Links: base images to their registry page, COPY/ADD sources to the files in the context, and
// ADD URLs to themselves.
import type { ServiceContext } from '../../languageService';
import type { DocumentLink } from '../../types';
import type { Analysis } from '../analysis/analysis';
import { copyArgs, isUrl } from '../analysis/copySources';
import { imagePageUrl, parseImageRef } from '../syntax/imageRef';

export function documentLinks(a: Analysis, uri: string, context: ServiceContext): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const stage of a.doc.stages) {
    if (!stage.image || a.parentOf(stage.index) >= 0) continue;
    const image = a.imageOf(stage);
    if (!image || image === 'scratch' || stage.image.raw.includes('$')) continue;
    const ref = parseImageRef(image);
    const target = ref.problem ? undefined : imagePageUrl(ref);
    if (target) out.push({ range: a.range(stage.image.span), target });
  }
  const folder = uri.startsWith('file:') ? uri.slice(0, uri.lastIndexOf('/')) : undefined;
  for (const i of a.doc.instructions) {
    const target = i.trigger ?? i;
    if (target.upper !== 'COPY' && target.upper !== 'ADD') continue;
    const fromStage = target.flags.some((f) => f.name === 'from');
    for (const source of copyArgs(i).sources) {
      const v = source.value;
      if (isUrl(v) && /^https?:/.test(v)) {
        out.push({ range: a.range(source.span), target: v });
        continue;
      }
      if (fromStage || !folder || /[*?[$]/.test(v) || v.startsWith('<<') || v === '.' || v === './' || v.startsWith('/')) continue;
      const fileUri = uriOfPath(folder, v.replace(/^\.\//, ''));
      if (fileUri && context.files.exists(fileUri)) out.push({ range: a.range(source.span), target: fileUri });
    }
  }
  return out;
}

/** The URI of a relative path in a folder; undefined for text that is no path (a lone surrogate cannot be encoded). */
function uriOfPath(folder: string, path: string): string | undefined {
  try {
    return `${folder}/${path.split('/').map(encodeURIComponent).join('/')}`;
  } catch {
    return undefined;
  }
}
