// build.args that the Dockerfile never declares with ARG: the build does not use them (BuildKit
// drops a build argument no ARG asks for, without a word), so a typo in the name or a missing ARG
// goes unnoticed until the image lacks the value. Only where this file says which Dockerfile is
// built (a context or dockerfile of its own): an override's args may be for a base's Dockerfile.
import { t } from '../../l10n';
import { parseDockerfile } from '../../dockerfile/syntax/parser';
import { keyValuesOf } from '../../dockerfile/syntax/words';
import { PREDEFINED_ARGS } from '../../dockerfile/syntax/predefinedArgs';
import { entries, isInterpolated, resolve } from '../model/access';
import { buildPaths } from '../model/buildPaths';
import { closest, editDistance } from '../model/closest';
import { readText } from '../model/project';
import { relativeUri } from '../model/uris';
import { servicesOf, type CheckContext } from './checkContext';

/** What a Dockerfile declares: its ARG names, and the values its ENVs set, by name. */
interface Declared { names: Set<string>; env: Map<string, Set<string>> }

/** What the last few Dockerfiles read declare, by URI, while their text stays the same. */
const declared = new Map<string, { text: string; found: Declared }>();
const MAX_REMEMBERED = 16;

function declaredIn(uri: string, text: string): Declared {
  const hit = declared.get(uri);
  if (hit && hit.text === text) return hit.found;
  const doc = parseDockerfile(text);
  const found: Declared = { names: new Set(), env: new Map() };
  for (const i of doc.instructions) {
    const target = i.trigger ?? i;
    if (target.upper === 'ARG') for (const pair of keyValuesOf(target, doc.escape)) found.names.add(pair.key.value);
    if (target.upper === 'ENV') {
      for (const pair of keyValuesOf(target, doc.escape)) {
        if (pair.value) (found.env.get(pair.key.value) ?? found.env.set(pair.key.value, new Set()).get(pair.key.value)!).add(pair.value.value);
      }
    }
  }
  if (declared.size >= MAX_REMEMBERED) declared.delete(declared.keys().next().value!);
  declared.set(uri, { text, found });
  return found;
}

export function checkBuildArgs(ctx: CheckContext): void {
  const { file } = ctx;
  for (const { map } of servicesOf(file)) {
    const build = entries(file, map).find((e) => e.key === 'build' && !e.mergedFrom);
    if (build?.value?.kind !== 'map') continue;
    const own = entries(file, build.value);
    const args = own.find((e) => e.key === 'args')?.value;
    if (!args || !own.some((e) => e.key === 'context' || e.key === 'dockerfile')) continue;
    const paths = buildPaths(file, map, ctx.project().directory);
    if (!paths?.dockerfileUri || paths.inline) continue;
    const text = readText(paths.dockerfileUri, ctx.context);
    if (text === undefined) continue;
    const { names, env } = declaredIn(paths.dockerfileUri, text);
    const keys: { name: string; value?: string; start: number; end: number }[] = [];
    if (args.kind === 'map') {
      for (const e of entries(file, args)) {
        const value = resolve(file, e.value);
        keys.push({ name: e.key, value: value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined, start: e.keyNode.start, end: e.keyNode.end });
      }
    } else if (args.kind === 'seq') {
      for (const raw of args.items) {
        const item = resolve(file, raw);
        if (!raw || item?.kind !== 'scalar' || typeof item.value !== 'string') continue;
        const [name, ...value] = item.value.split('=');
        keys.push({ name: name!, value: value.length > 0 ? value.join('=') : undefined, start: raw.start, end: raw.end });
      }
    }
    for (const key of keys) {
      if (!key.name || names.has(key.name) || PREDEFINED_ARGS.has(key.name) || isInterpolated(key.name) || /\s/.test(key.name)) continue;
      const suggestion = typoOf(key.name, names);
      const where = relativeUri(file.uri, paths.dockerfileUri);
      // The Dockerfile sets the same value with ENV itself: the argument is dead but changes nothing (round 22: NODE_ENV).
      if (!suggestion && key.value !== undefined && env.get(key.name)?.has(key.value)) {
        ctx.out.push({ rule: 'compose-unused-build-arg', start: key.start, end: key.end, severity: 'hint', message: t('{0} declares no ARG {1}, so the build ignores this value; its ENV {1} sets the same value, so nothing is lost. Remove it here, or declare ARG {1} for the ENV to use.', where, key.name) });
        continue;
      }
      ctx.out.push({
        rule: 'compose-unused-build-arg',
        start: key.start,
        end: key.end,
        message: suggestion
          ? t('{0} declares no ARG {1}, so the build ignores this value. Did you mean {2}?', where, key.name, suggestion)
          : t('{0} declares no ARG {1}, so the build ignores this value. Declare ARG {1} in the stage that uses it, or remove it here.', where, key.name),
      });
    }
  }
}

/**
 * The declared name this one is a typo of: the nearest one, when the two differ inside one word
 * of theirs (NEXT_PUBLIC_API_ULR, not NEXT_PUBLIC_WS_URL for NEXT_PUBLIC_API_URL: another variable).
 */
function typoOf(name: string, declaredNames: Set<string>): string | undefined {
  const near = closest(name, declaredNames);
  if (!near) return undefined;
  const a = name.toLowerCase().split(/[-_.]/);
  const b = near.toLowerCase().split(/[-_.]/);
  if (a.length !== b.length) return a.join('') === b.join('') ? near : undefined;
  const differing = a.map((w, k) => [w, b[k]!] as const).filter(([x, y]) => x !== y);
  if (differing.length !== 1) return undefined;
  const [x, y] = differing[0]!;
  return editDistance(x, y, 3) <= Math.max(1, Math.floor(Math.max(x.length, y.length) / 3)) ? near : undefined;
}
