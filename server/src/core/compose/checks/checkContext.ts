// What every check receives: the parsed file, the service context (files, facts), the project
// (computed once, on first use) and the list problems are added to.
import type { ServiceContext } from '../../languageService';
import { entries, resolve, valueAt, type ValueNode } from '../model/access';

export { valueAt };
import type { ComposeFile } from '../model/composeFile';
import type { MapNode } from '../model/nodes';
import { projectOf, type Project } from '../model/project';
import { referrersOf, type Referrers } from '../model/referrers';
import { symbolsOf } from '../model/symbols';
import type { Problem } from './problems';

export interface CheckContext {
  file: ComposeFile;
  context: ServiceContext;
  out: Problem[];
  project(): Project;
  /** The files that include this one or extend its services (looked for on first use). */
  referrers(): Referrers;
}

export function checkContext(file: ComposeFile, context: ServiceContext, out: Problem[]): CheckContext {
  let project: Project | undefined;
  let referrers: Referrers | undefined;
  return { file, context, out, project: () => (project ??= projectOf(file, context)), referrers: () => (referrers ??= referrersOf(file, context)) };
}

/**
 * Whether compose reads the file only as a source of services to extend, never on its own: not
 * named to be loaded by default, and other files extend its services. Compose does not validate
 * such a file, and its services may be fragments.
 */
export function extendsLibrary(ctx: CheckContext): boolean {
  return !ctx.project().standalone && ctx.referrers().extendedBy.length > 0;
}

export interface ServiceView {
  name: string;
  map: MapNode;
}

const serviceLists = new WeakMap<ComposeFile, readonly ServiceView[]>();

/**
 * The services of the file with their merge-resolved mappings: one list per file version, which
 * a dozen checks read on every edit (each made its own before: 1 MB per edit at 1,000 services).
 */
export function servicesOf(file: ComposeFile): readonly ServiceView[] {
  let list = serviceLists.get(file);
  if (!list) {
    const out: ServiceView[] = [];
    for (const [name, service] of symbolsOf(file).services) if (service.map) out.push({ name, map: service.map });
    serviceLists.set(file, (list = out));
  }
  return list;
}


/** Like valueAt, but also returns the node as written (for ranges of aliased values). */
export function entryAt(file: ComposeFile, map: MapNode | null, ...keys: string[]) {
  let current: ValueNode | null = map;
  let found: ReturnType<typeof entries>[number] | undefined;
  for (const key of keys) {
    if (current?.kind !== 'map') return undefined;
    found = entries(file, current).find((e) => e.key === key);
    current = found?.value ?? null;
  }
  return found;
}

/**
 * The `test` entry of a service's own healthcheck: not of one merged in from an anchor (`<<:
 * *health`), which is judged once, in the service that writes it.
 */
export function ownHealthcheckTest(file: ComposeFile, map: MapNode) {
  const health = entries(file, map).find((e) => e.key === 'healthcheck' && !e.mergedFrom);
  return health?.value?.kind === 'map' ? entries(file, health.value).find((e) => e.key === 'test') : undefined;
}

/**
 * Whether two services, by their profiles, can be started by one `up`: a service without profiles
 * always is; two with profiles only when they share one (services kept apart by profiles, such as
 * a cpu and a gpu variant, are never started together unless both profiles are asked for).
 */
export function canRunTogether(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((p) => b.includes(p));
}

/** Profiles of a service (empty: always started). */
export function profilesOf(file: ComposeFile, map: MapNode): string[] {
  const profiles = valueAt(file, map, 'profiles');
  if (profiles?.kind !== 'seq') return [];
  return profiles.items.flatMap((item) => {
    const value = resolve(file, item);
    return value?.kind === 'scalar' && value.value !== null ? [String(value.value)] : [];
  });
}
