// container_name must be unique: two services with the same one cannot both be created.
import { t } from '../../l10n';
import { isInterpolated } from '../model/access';
import type { CNode } from '../model/nodes';
import { entryAt, servicesOf, type CheckContext } from './checkContext';
import { isHeld } from '../model/brokenBlocks';

export function checkDuplicateContainerNames({ file, out }: CheckContext): void {
  const byName = new Map<string, { service: string; node: CNode }[]>();
  for (const { name, map } of servicesOf(file)) {
    const found = entryAt(file, map, 'container_name');
    const value = found?.value;
    if (!found || value?.kind !== 'scalar' || value.value === null) continue;
    const text = String(value.value);
    if (isInterpolated(text) || isHeld(file, (found.raw ?? value).start)) continue;
    const list = byName.get(text) ?? [];
    list.push({ service: name, node: found.raw ?? value });
    byName.set(text, list);
  }
  for (const [container, list] of byName) {
    if (list.length < 2) continue;
    for (const item of list) {
      const others = list.filter((o) => o !== item).map((o) => `"${o.service}"`).join(', ');
      out.push({
        rule: 'compose-duplicate-container-name',
        start: item.node.start,
        end: item.node.end,
        message: t('Container name "{0}" is also used by service {1}.', container, others),
      });
    }
  }
}
