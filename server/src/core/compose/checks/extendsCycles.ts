// `extends` that comes back to where it started (a service extending itself, directly or
// through others, in this file or across files): compose cannot resolve it and refuses the file.
// Reported on each service of this file that is part of the loop, naming the whole chain.
import { t } from '../../l10n';
import { isHeld } from '../model/brokenBlocks';
import { walkExtends, type ExtendsLink } from '../model/extendsChain';
import { basenameUri } from '../model/uris';
import { servicesOf, type CheckContext } from './checkContext';
import { entries } from '../model/access';

export function checkExtendsCycles(ctx: CheckContext): void {
  const { file } = ctx;
  for (const { name, map } of servicesOf(file)) {
    const ext = entries(file, map).find((e) => e.key === 'extends');
    if (!ext?.raw || isHeld(file, ext.raw.start)) continue;
    const walk = walkExtends(file, name, ctx.context, ctx.project().directory);
    if (walk.loopsTo !== 0) continue; // no loop, or a loop this service only leads into
    const loop = walk.links;
    // Every link must be read from readable text.
    if (loop.some((link) => !link.next || isHeld(link.file, link.next.start))) continue;
    const at = loop[0]!.next!;
    ctx.out.push({
      rule: 'compose-extends-cycle',
      start: at.start,
      end: at.end,
      message: loop.length === 1
        ? t('Service "{0}" extends itself, so compose cannot resolve it.', name)
        : t('Service "{0}" extends itself through {1}, so compose cannot resolve it.', name, chain(file.uri, loop)),
    });
  }
}

/** "a → b → a", with the file named for services of other files. */
function chain(uri: string, loop: ExtendsLink[]): string {
  const label = (link: ExtendsLink) => (link.file.uri === uri ? `"${link.service}"` : `"${link.service}" (${basenameUri(link.file.uri)})`);
  return [...loop, loop[0]!].map(label).join(' → ');
}
