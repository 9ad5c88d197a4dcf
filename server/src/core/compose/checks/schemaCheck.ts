// Runs the schema validator on every document. Each service is validated on its own against
// the service schema, so its findings can be kept while other services are edited.
import { entries, rootMaps, type Entry } from '../model/access';
import { NodeMemo } from '../model/nodeMemo';
import { patternRegex, rootSchema, type JsonSchema } from '../schema/composeSchema';
import { validateSchema, validateValue } from '../schema/validateSchema';
import type { Problem } from './problems';
import { extendsLibrary, valueAt, type CheckContext } from './checkContext';
import { symbolsOf } from '../model/symbols';
import { walkExtends } from '../model/extendsChain';
import type { ComposeFile } from '../model/composeFile';
import type { MapNode } from '../model/nodes';
import { isOverrideFile } from '../model/project';
import { mayBeStack } from './swarmKeys';

const SERVICE_NAME = '^[a-zA-Z0-9._-]+$';
const memo = new NodeMemo<Problem>();

/** The root schema with services accepted as anything: they are validated one by one. */
const rootWithoutServices: JsonSchema = (() => {
  const services = rootSchema.properties!.services!;
  return { ...rootSchema, properties: { ...rootSchema.properties, services: { ...services, patternProperties: { [SERVICE_NAME]: {} } } } };
})();

const SECTIONS = new Set(['services', 'networks', 'volumes', 'secrets', 'configs', 'models']);

/** Whether an entry's value is empty (`build:` or `build: null`). */
const isNull = (e: Entry): boolean => e.value === null || (e.value.kind === 'scalar' && e.value.value === null);

/**
 * A file layered on a base (an override file, or a -f companion of a base beside it) may leave a
 * section empty (`services:` over a volumes-only overlay): compose merges an empty value as no
 * change (compose-go's MergeYaml keeps the base's), so it is only refused in a file loaded alone.
 */
function withoutEmptySections(ctx: CheckContext, problems: Problem[]): Problem[] {
  if (problems.length === 0) return problems;
  const empty = rootMaps(ctx.file).flatMap((root) => entries(ctx.file, root).filter((e) => SECTIONS.has(e.key) && isNull(e)));
  if (empty.length === 0) return problems;
  const project = ctx.project();
  if (!isOverrideFile(ctx.file.uri) && (project.standalone || project.partners.length === 0)) return problems;
  return withoutTypeErrorsAt(problems, empty);
}

/** The problems without the type errors of these entries (empty values a merge keeps as the base's). */
function withoutTypeErrorsAt(problems: Problem[], at: readonly Entry[]): Problem[] {
  const inside = (p: Problem) => at.some((e) => p.start >= e.keyNode.start && p.start <= Math.max(e.keyNode.end + 1, e.raw?.end ?? 0));
  return problems.filter((p) => p.rule !== 'compose-invalid-type' || !inside(p));
}

/**
 * A key left null in a layer (`build: null` in docker-compose.prod.yml over a base that builds):
 * compose validates each file once it is merged onto the ones before it, and a null there keeps
 * the base's value (compose-go override/merge.go), so it is refused only where no file before it
 * gives the service that key (round 18: 2 wrong errors). The merge itself is empty-override's
 * finding.
 */
function withoutNullOverrides(ctx: CheckContext, service: string, problems: Problem[]): Problem[] {
  const project = ctx.project();
  if (!isOverrideFile(ctx.file.uri) && (project.standalone || project.partners.length === 0)) return problems;
  const map = symbolsOf(ctx.file).services.get(service)?.map;
  if (!map) return problems;
  const nulls = entries(ctx.file, map).filter((e) => !e.mergedFrom && isNull(e) && project.partners.some((f) => {
    const theirs = symbolsOf(f).services.get(service)?.map;
    const entry = theirs ? entries(f, theirs).find((x) => x.key === e.key) : undefined;
    return entry !== undefined && !isNull(entry);
  }));
  return nulls.length === 0 ? problems : withoutTypeErrorsAt(problems, nulls);
}

/** The first version of the stack file format whose resources of a section have a "name" key. */
const NAME_SINCE: Record<string, number> = { volumes: 3.4, networks: 3.5, secrets: 3.5, configs: 3.5 };

/**
 * docker stack deploy validates a stack file against the schema of the version it declares, which
 * has no "name" key for a resource before 3.4 (volumes) or 3.5 (networks, secrets, configs):
 * there external.name is the only way to name it, not a deprecation.
 */
function withoutStackSchemaDeprecations(ctx: CheckContext, root: MapNode, problems: Problem[]): Problem[] {
  if (!problems.some((p) => p.rule === 'compose-deprecated-key')) return problems;
  const version = valueAt(ctx.file, root, 'version');
  const declared = version?.kind === 'scalar' ? Number.parseFloat(String(version.value)) : Number.NaN;
  if (!(declared >= 3 && declared < 3.5) || !mayBeStack(ctx.file, ctx.context)) return problems;
  const older = new Set<number>();
  for (const section of entries(ctx.file, root)) {
    if (!(declared < (NAME_SINCE[section.key] ?? 0)) || section.value?.kind !== 'map') continue;
    for (const resource of entries(ctx.file, section.value)) {
      const external = resource.value?.kind === 'map' ? valueAt(ctx.file, resource.value, 'external') : null;
      const name = external?.kind === 'map' ? entries(ctx.file, external).find((e) => e.key === 'name') : undefined;
      if (name) older.add(name.keyNode.start);
    }
  }
  return problems.filter((p) => p.rule !== 'compose-deprecated-key' || !older.has(p.start));
}

export function checkSchema(ctx: CheckContext): void {
  const { file, out } = ctx;
  const serviceSchema = rootSchema.$defs.service!;
  const found: { service?: string; problems: Problem[] }[] = [];
  for (const doc of file.documents) {
    if (!doc.root) continue;
    const problems: Problem[] = [];
    validateSchema(file, doc.root, rootWithoutServices, problems);
    const kept = withoutEmptySections(ctx, problems);
    found.push({ problems: doc.root.kind === 'map' ? withoutStackSchemaDeprecations(ctx, doc.root, kept) : kept });
  }
  for (const root of rootMaps(file)) {
    const services = entries(file, root).find((e) => e.key === 'services')?.value;
    if (services?.kind !== 'map') continue;
    for (const service of entries(file, services)) {
      if (!patternRegex(SERVICE_NAME).test(service.key) || !service.raw) continue;
      const raw = service.raw;
      found.push({ service: service.key, problems: memo.get(raw, () => {
        const problems: Problem[] = [];
        validateValue(file, raw, serviceSchema, ['services', service.key], { key: service.key, anchor: service.keyNode }, problems);
        return problems;
      }) });
    }
  }
  if (!found.some((f) => f.problems.length > 0)) return;
  for (const entry of found) {
    if (entry.service !== undefined && entry.problems.some((p) => p.rule === 'compose-missing-key')) entry.problems = withInheritedConditions(ctx, entry.service, entry.problems);
    if (entry.service !== undefined && entry.problems.some((p) => p.rule === 'compose-invalid-type')) entry.problems = withoutNullOverrides(ctx, entry.service, entry.problems);
  }
  // A file compose reads only for the services others extend is not validated: those services are,
  // once merged into the services that extend them; the rest may be fragments.
  const extended = extendsLibrary(ctx) ? new Set(ctx.referrers().extendedBy.flatMap((e) => [...e.services])) : undefined;
  if (extended) {
    // An extended service left empty (`client:`) adds nothing: compose-go's extends returns the
    // extending service as it is when its base is null (loader/extends.go), so it is no error there.
    const empty = new Set<string>();
    for (const root of rootMaps(file)) {
      const services = entries(file, root).find((e) => e.key === 'services')?.value;
      if (services?.kind === 'map') for (const service of entries(file, services)) if (extended.has(service.key) && (!service.value || (service.value.kind === 'scalar' && service.value.value === null))) empty.add(service.key);
    }
    for (const entry of found) if (entry.service !== undefined && empty.has(entry.service)) entry.problems = entry.problems.filter((p) => p.rule !== 'compose-invalid-type');
  }
  for (const { service, problems } of found) {
    if (!extended || (service !== undefined && extended.has(service))) out.push(...problems);
  }
}

/**
 * A long-form depends_on entry without "condition" is refused only when nothing gives it one.
 * Compose validates each file once it is merged onto the files before it, whose depends_on have
 * been made canonical (transform/dependson.go: a condition for every entry), and extends merges
 * the base service in first; both merge depends_on by dependency (override/merge.go
 * mergeDependsOn, where a list gets service_started). So an entry that a file read before this one
 * (the base of an override; any companion of a -f file) or the service it extends already lists
 * keeps that condition.
 */
function withInheritedConditions(ctx: CheckContext, service: string, problems: Problem[]): Problem[] {
  const { file } = ctx;
  const map = symbolsOf(file).services.get(service)?.map;
  const dependsOn = map ? valueAt(file, map, 'depends_on') : null;
  if (dependsOn?.kind !== 'map') return problems;
  const entriesByStart = new Map(entries(file, dependsOn).map((e) => [e.keyNode.start, e.key]));
  let inherited: Set<string> | undefined;
  return problems.filter((p) => {
    const dependency = p.rule === 'compose-missing-key' ? entriesByStart.get(p.start) : undefined;
    if (dependency === undefined) return true;
    inherited ??= inheritedDependencies(ctx, service, map!);
    return !inherited.has(dependency) && !inherited.has('*');
  });
}

/** The dependencies a service gets before this file's definition is merged in ("*": cannot tell). */
function inheritedDependencies(ctx: CheckContext, service: string, map: MapNode): Set<string> {
  const names = new Set<string>();
  const add = (other: ComposeFile, otherMap: MapNode | null) => {
    const value = otherMap ? valueAt(other, otherMap, 'depends_on') : null;
    if (value?.kind === 'map') for (const e of entries(other, value)) names.add(e.key);
    if (value?.kind === 'seq') for (const item of value.items) if (item?.kind === 'scalar' && item.value !== null) names.add(String(item.value));
  };
  const project = ctx.project();
  // An override file is read after its base; a -f file after or before its companions.
  const before = isOverrideFile(ctx.file.uri) ? project.partners.filter((f) => !isOverrideFile(f.uri)) : project.standalone ? [] : project.partners;
  for (const other of before) add(other, symbolsOf(other).services.get(service)?.map ?? null);
  if (entries(ctx.file, map).some((e) => e.key === 'extends')) {
    const walk = walkExtends(ctx.file, service, ctx.context, project.directory);
    if (walk.unknown || walk.loopsTo !== undefined) names.add('*');
    for (const link of walk.links.slice(1)) add(link.file, link.map);
  }
  return names;
}
