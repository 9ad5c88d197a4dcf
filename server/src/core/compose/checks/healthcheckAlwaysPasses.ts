// `test: "curl -f http://localhost/ || exit 0"`, `test: [CMD-SHELL, "... && echo 0 || echo 1"]`: a
// healthcheck whose script ends in a command that cannot fail passes whatever its probe found, so
// the service never turns unhealthy and condition: service_healthy waits for nothing (round 12: a
// mongo probe ending in `|| echo 1`). The script's reading is shared with the Dockerfile rule.
import { t } from '../../l10n';
import { alwaysPasses, shellScriptIndex } from '../../healthcheckScript';
import { resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { CNode } from '../model/nodes';
import { isHeld } from '../model/brokenBlocks';
import { ownHealthcheckTest, servicesOf, type CheckContext } from './checkContext';

/** The shell script a test runs, and its node: a string, CMD-SHELL's item, or CMD sh -c's. */
function testScript(file: ComposeFile, test: CNode | null): { script: string; node: CNode } | undefined {
  const node = resolve(file, test);
  if (node?.kind === 'scalar' && typeof node.value === 'string') return { script: node.value, node };
  if (node?.kind !== 'seq') return undefined;
  const items = node.items.map((i) => resolve(file, i));
  const text = items.map((i) => (i?.kind === 'scalar' ? String(i.value) : ''));
  if (text[0] === 'CMD-SHELL' && items[1]?.kind === 'scalar') return { script: text[1]!, node: items[1] };
  const script = text[0] === 'CMD' ? shellScriptIndex(text.slice(1)) + 1 : 0;
  if (script > 0 && items[script]?.kind === 'scalar') return { script: text[script]!, node: items[script] };
  return undefined;
}

export function checkHealthcheckAlwaysPasses({ file, out }: CheckContext): void {
  if (!file.text.includes('healthcheck')) return;
  for (const { name, map } of servicesOf(file)) {
    if (!map) continue;
    const test = ownHealthcheckTest(file, map);
    const found = test ? testScript(file, test.value) : undefined;
    const passes = found && alwaysPasses(found.script);
    if (!found || !passes || isHeld(file, found.node.start)) continue;
    out.push({
      rule: 'compose-healthcheck-always-passes',
      start: found.node.start,
      end: found.node.end,
      message: t('The healthcheck of "{0}" always passes: its script ends with {1}, which exits 0 even when the probe before it fails, so the service never turns unhealthy. End it with || exit 1.', name, passes.tail),
    });
  }
}
