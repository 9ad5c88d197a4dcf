// `POSTGRES_PASSWORD_FILE: db_password`: images read a *_FILE variable as the path of a file to
// read the value from, and compose mounts a service's secret at /run/secrets/<name> (or at its
// target), so the name alone is a relative path the program does not find, and the container
// fails to start or starts without its password. Reported where the value is exactly the name, or
// the target, of a secret the service has. The other way round, `POSTGRES_PASSWORD:
// /run/secrets/db_password` (round 15): the image takes the path itself as the password, where
// its *_FILE variable would read the file.
import { t } from '../../l10n';
import { entries, isInterpolated, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { MapNode } from '../model/nodes';
import { isHeld } from '../model/brokenBlocks';
import { environmentPairs } from '../model/environment';
import { NodeMemo } from '../model/nodeMemo';
import type { Problem } from './problems';
import { readsFileVariant } from './imageEnvironment';
import { servicesOf, type CheckContext } from './checkContext';

/** The service's secrets: the name each is known by (its target, or its source), and where it is mounted. */
function mountedSecrets(file: ComposeFile, map: MapNode): Map<string, string> {
  const mounted = new Map<string, string>();
  const secrets = entries(file, map).find((e) => e.key === 'secrets')?.value;
  if (secrets?.kind !== 'seq') return mounted;
  for (const raw of secrets.items) {
    const item = resolve(file, raw);
    if (item?.kind === 'scalar' && typeof item.value === 'string') mounted.set(item.value, `/run/secrets/${item.value}`);
    if (item?.kind !== 'map') continue;
    const fields = entries(file, item);
    const source = fields.find((e) => e.key === 'source')?.value;
    const target = fields.find((e) => e.key === 'target')?.value;
    const targetText = target?.kind === 'scalar' && typeof target.value === 'string' ? target.value : undefined;
    const sourceText = source?.kind === 'scalar' && typeof source.value === 'string' ? source.value : undefined;
    const path = targetText?.startsWith('/') ? targetText : `/run/secrets/${targetText ?? sourceText}`;
    if (targetText && !targetText.startsWith('/')) mounted.set(targetText, path);
    else if (sourceText && !targetText) mounted.set(sourceText, path);
  }
  return mounted;
}

/** `POSTGRES_PASSWORD: /run/secrets/x` (or file:///run/secrets/x) where the image reads POSTGRES_PASSWORD_FILE as a path. */
function pathsAsValues(file: ComposeFile, map: MapNode): Problem[] {
  const image = resolve(file, entries(file, map).find((e) => e.key === 'image')?.value);
  if (image?.kind !== 'scalar' || typeof image.value !== 'string') return [];
  const out: Problem[] = [];
  for (const pair of environmentPairs(file, map)) {
    const path = /^(?:file:\/\/)?(\/run\/secrets\/\S+)$/.exec(pair.value?.trim() ?? '')?.[1];
    if (!path || pair.key.endsWith('_FILE') || !readsFileVariant(image.value, pair.key)) continue;
    out.push({
      rule: 'compose-secret-file-path',
      start: pair.keyStart,
      end: pair.keyEnd,
      message: t('The image takes {0} as the value itself, so it is the text "{1}", not what that file holds. The image reads the file named by {0}_FILE: write {0}_FILE: {2}.', pair.key, pair.value!.trim(), path),
      // Renaming the key is the whole fix when the value is the bare path.
      ...(pair.value!.trim() === path ? { data: { replacement: `${pair.key}_FILE` } } : {}),
    });
  }
  return out;
}

function serviceProblems(file: ComposeFile, map: MapNode): Problem[] {
  const mounted = mountedSecrets(file, map);
  const out = pathsAsValues(file, map);
  if (mounted.size === 0) return out;
  for (const pair of environmentPairs(file, map)) {
    if (!pair.key.endsWith('_FILE') || pair.value === undefined || isInterpolated(pair.value)) continue;
    const path = mounted.get(pair.value.trim());
    if (!path) continue;
    out.push({
      rule: 'compose-secret-file-path',
      start: pair.start,
      end: pair.end,
      message: t('{0} is read as the path of a file, and "{1}" is the secret\'s name: compose mounts it at {2}. Write {0}: {2}.', pair.key, pair.value, path),
      data: { replacement: pair.list ? `${pair.key}=${path}` : path },
    });
  }
  return out;
}

/** A service's findings are kept while other services are edited. */
const memo = new NodeMemo<Problem>((p, delta) => ({ ...p, start: p.start + delta, end: p.end + delta }));

export function checkSecretFiles({ file, out }: CheckContext): void {
  for (const { map } of servicesOf(file)) {
    // What the parser could not read is judged file by file, not kept with the service.
    for (const problem of memo.get(map, () => serviceProblems(file, map))) if (!isHeld(file, problem.start)) out.push(problem);
  }
}
