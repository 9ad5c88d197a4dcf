// `image: bitnami/postgresql:15`, `image: openjdk:17`: an image Docker Hub no longer serves under
// that name, so `docker compose up` stops at the pull (round 17's missed nimble-scraper:
// bitnami/postgresql:15, whose versioned tags moved to bitnamilegacy in September 2025). A service
// that also builds names its own image with `image:`, so it is left alone.
import { entries } from '../model/access';
import { isHeld } from '../model/brokenBlocks';
import { deletedImage, deletedImageMessage } from '../../deletedImages';
import { servicesOf, type CheckContext } from './checkContext';

export function checkDeletedImage({ file, out }: CheckContext): void {
  if (!/openjdk|microsoft\/|bitnami\/|consul|vault/.test(file.text)) return;
  for (const { map } of servicesOf(file)) {
    if (!map) continue;
    const fields = entries(file, map);
    if (fields.some((e) => e.key === 'build')) continue;
    const entry = fields.find((e) => e.key === 'image' && !e.mergedFrom);
    const value = entry?.value;
    if (value?.kind !== 'scalar' || typeof value.value !== 'string' || !entry?.raw) continue;
    const image = value.value.trim();
    const deleted = image.includes('$') ? undefined : deletedImage(image);
    if (!deleted || isHeld(file, entry.raw.start)) continue;
    out.push({
      rule: 'compose-deleted-image', start: entry.raw.start, end: entry.raw.end,
      message: deletedImageMessage(image, deleted),
      ...(deleted.replacement ? { data: { replacement: deleted.replacement } } : {}),
    });
  }
}
