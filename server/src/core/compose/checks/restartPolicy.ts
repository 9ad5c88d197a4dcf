// `restart`: the schema takes any string, the engine only four policies. Compose also reads an
// empty value as no policy, and `none` and `any` (deploy.restart_policy's words) as no and always.
// It cuts the value at its first ":" and reads what follows as a retry count, a count it cannot
// read being 0; the engine takes a count only with on-failure, and never a negative one. When
// deploy.restart_policy is set, compose uses that and does not read `restart` at all.
import { t } from '../../l10n';
import { isInterpolated } from '../model/access';
import { closest } from '../model/closest';
import type { ComposeFile } from '../model/composeFile';
import { NodeMemo } from '../model/nodeMemo';
import type { MapNode } from '../model/nodes';
import type { Problem } from './problems';
import { entryAt, servicesOf, valueAt, type CheckContext } from './checkContext';

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
  if (valueAt(file, map, 'deploy', 'restart_policy')?.kind === 'map') return out;
  const text = value.value;
  if (isInterpolated(text)) return out;
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const written = colon < 0 ? '' : text.slice(colon + 1);
  const at = found.raw ?? value;
  if (POLICIES.includes(name) || READ_AS_POLICY.has(name)) {
    const message = countProblem(name, written);
    if (message) out.push({ rule: 'compose-invalid-restart', start: at.start, end: at.end, message });
    return out;
  }
  const suggestion = closest(text, POLICIES);
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

/** The count after the ":" as compose reads it: a whole number with an optional sign, else 0. */
function retryCount(text: string): number {
  return /^[-+]?\d+$/.test(text) ? Number(text) : 0;
}

/** The engine refuses a count with any policy but on-failure, and a negative one with on-failure. */
function countProblem(name: string, written: string): string | undefined {
  const count = retryCount(written);
  if (name === '' || count === 0) return undefined;
  if (name !== 'on-failure') return t('Only on-failure takes a retry count: the engine refuses "{0}" with one. Remove the ":{1}".', name, written);
  return count < 0 ? t('The retry count of on-failure cannot be negative.') : undefined;
}
