// `image: YourUserName/flask-app`, `image: <ecr-link>/shop:latest`: an image reference compose
// refuses ("invalid reference format: repository name must be lowercase"), whether it pulls the
// image or tags a build with it (round 14's miss: a Swarm stack's image written with capitals; round
// 12's: a registry placeholder left in). Interpolated names are judged only once compose has them.
import { t } from '../../l10n';
import { parseImageRef } from '../../dockerfile/syntax/imageRef';
import { entries } from '../model/access';
import { isHeld } from '../model/brokenBlocks';
import { servicesOf, type CheckContext } from './checkContext';

export function checkImageReference({ file, out }: CheckContext): void {
  if (!file.text.includes('image')) return;
  for (const { map } of servicesOf(file)) {
    if (!map) continue;
    const entry = entries(file, map).find((e) => e.key === 'image' && !e.mergedFrom);
    const value = entry?.value;
    if (value?.kind !== 'scalar' || typeof value.value !== 'string' || !entry?.raw) continue;
    const image = value.value.trim();
    if (image === '' || image.includes('$') || isHeld(file, entry.raw.start)) continue;
    const ref = parseImageRef(image);
    if (!ref.problem || ref.problem === 'empty') continue;
    const placeholder = /[<>{}]|\byour/i.test(image);
    if (ref.problem === 'uppercase' && !placeholder) {
      const lower = `${ref.registry ? `${ref.registry}/` : ''}${ref.path.toLowerCase()}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
      out.push({
        rule: 'compose-invalid-image', start: entry.raw.start, end: entry.raw.end,
        message: t('Image names are lower case: compose refuses "{0}" ("invalid reference format: repository name must be lowercase"). Write {1}.', image, lower),
        data: { replacement: lower },
      });
      continue;
    }
    out.push({
      rule: 'compose-invalid-image', start: entry.raw.start, end: entry.raw.end,
      message: placeholder
        ? t('"{0}" is a placeholder, not an image reference: compose refuses it ("invalid reference format"). Put in the registry and name it stands for.', image)
        : t('"{0}" is not a valid image reference ([registry/]name[:tag][@digest], names in lower case): compose refuses it ("invalid reference format").', image),
    });
  }
}
