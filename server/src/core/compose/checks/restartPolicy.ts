// `restart`: the schema takes any string, the engine only four policies. Compose also reads an
// empty value as no policy, and `none` and `any` (deploy.restart_policy's words) as no and always.
import { t } from '../../l10n';
import { isInterpolated } from '../model/access';
import { closest } from '../model/closest';
import type { ComposeFile } from '../model/composeFile';
import { NodeMemo } from '../model/nodeMemo';
import type { MapNode } from '../model/nodes';
import type { Problem } from './problems';
import { entryAt, servicesOf, type CheckContext } from './checkContext';

const POLICIES = ['no', 'always', 'on-failure', 'unless-stopped'];
/** What compose maps onto a policy itself (docker/compose, getRestartPolicy). */
const READ_AS_POLICY = new Set(['', 'none', 'any']);

const memo = new NodeMemo<Problem>();

export function checkRestartPolicy({ file, out }: CheckContext): void {
  for (const { map } of servicesOf(file)) out.push(...memo.get(map, () => servicePolicy(file, map)));
}

function servicePolicy(file: ComposeFile, map: MapNode): Problem[] {
  const out: Problem[] = [];
  const found = entryAt(file, map, 'restart');
  const value = found?.value;
  if (!found || value?.kind !== 'scalar' || typeof value.value !== 'string') return out;
  const text = value.value;
  if (isInterpolated(text) || POLICIES.includes(text) || READ_AS_POLICY.has(text) || /^on-failure:\d+$/.test(text)) return out;
  const suggestion = closest(text, POLICIES);
  const at = found.raw ?? value;
  out.push({
    rule: 'compose-invalid-restart',
    start: at.start,
    end: at.end,
    message: suggestion
      ? t('"{0}" is not a restart policy. Did you mean "{1}"?', text, suggestion)
      : t('"{0}" is not a restart policy: use "no", always, on-failure[:N] or unless-stopped.', text),
    ...(suggestion ? { data: { replacement: suggestion } } : {}),
  });
  return out;
}
