// Runs the schema validator on every document. Each service is validated on its own against
// the service schema, so its findings can be kept while other services are edited.
import { entries, rootMaps } from '../model/access';
import { NodeMemo } from '../model/nodeMemo';
import { patternRegex, rootSchema, type JsonSchema } from '../schema/composeSchema';
import { validateSchema, validateValue } from '../schema/validateSchema';
import type { Problem } from './problems';
import { extendsLibrary, type CheckContext } from './checkContext';
import { isOverrideFile } from '../model/project';

const SERVICE_NAME = '^[a-zA-Z0-9._-]+$';
const memo = new NodeMemo<Problem>();

/** The root schema with services accepted as anything: they are validated one by one. */
const rootWithoutServices: JsonSchema = (() => {
  const services = rootSchema.properties!.services!;
  return { ...rootSchema, properties: { ...rootSchema.properties, services: { ...services, patternProperties: { [SERVICE_NAME]: {} } } } };
})();

const SECTIONS = new Set(['services', 'networks', 'volumes', 'secrets', 'configs', 'models']);

/**
 * A file layered on a base (an override file, or a -f companion of a base beside it) may leave a
 * section empty (`services:` over a volumes-only overlay): compose merges an empty value as no
 * change (compose-go's MergeYaml keeps the base's), so it is only refused in a file loaded alone.
 */
function withoutEmptySections(ctx: CheckContext, problems: Problem[]): Problem[] {
  if (problems.length === 0) return problems;
  const empty = rootMaps(ctx.file).flatMap((root) => entries(ctx.file, root).filter((e) => SECTIONS.has(e.key) && (e.value === null || (e.value.kind === 'scalar' && e.value.value === null))));
  if (empty.length === 0) return problems;
  const project = ctx.project();
  if (!isOverrideFile(ctx.file.uri) && (project.standalone || project.partners.length === 0)) return problems;
  const inEmpty = (p: Problem) => empty.some((e) => p.start >= e.keyNode.start && p.start <= Math.max(e.keyNode.end + 1, e.raw?.end ?? 0));
  return problems.filter((p) => p.rule !== 'compose-invalid-type' || !inEmpty(p));
}

export function checkSchema(ctx: CheckContext): void {
  const { file, out } = ctx;
  const serviceSchema = rootSchema.$defs.service!;
  const found: { service?: string; problems: Problem[] }[] = [];
  for (const doc of file.documents) {
    if (!doc.root) continue;
    const problems: Problem[] = [];
    validateSchema(file, doc.root, rootWithoutServices, problems);
    found.push({ problems: withoutEmptySections(ctx, problems) });
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
  // A file compose reads only for the services others extend is not validated: those services are,
  // once merged into the services that extend them; the rest may be fragments.
  const extended = extendsLibrary(ctx) ? new Set(ctx.referrers().extendedBy.flatMap((e) => [...e.services])) : undefined;
  for (const { service, problems } of found) {
    if (!extended || (service !== undefined && extended.has(service))) out.push(...problems);
  }
}
