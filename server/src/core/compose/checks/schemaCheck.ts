// Runs the schema validator on every document. Each service is validated on its own against
// the service schema, so its findings can be kept while other services are edited.
import { entries, rootMaps } from '../model/access';
import { NodeMemo } from '../model/nodeMemo';
import { patternRegex, rootSchema, type JsonSchema } from '../schema/composeSchema';
import { validateSchema, validateValue } from '../schema/validateSchema';
import type { Problem } from './problems';
import { extendsLibrary, type CheckContext } from './checkContext';

const SERVICE_NAME = '^[a-zA-Z0-9._-]+$';
const memo = new NodeMemo<Problem>();

/** The root schema with services accepted as anything: they are validated one by one. */
const rootWithoutServices: JsonSchema = (() => {
  const services = rootSchema.properties!.services!;
  return { ...rootSchema, properties: { ...rootSchema.properties, services: { ...services, patternProperties: { [SERVICE_NAME]: {} } } } };
})();

export function checkSchema(ctx: CheckContext): void {
  const { file, out } = ctx;
  const serviceSchema = rootSchema.$defs.service!;
  const found: { service?: string; problems: Problem[] }[] = [];
  for (const doc of file.documents) {
    if (!doc.root) continue;
    const problems: Problem[] = [];
    validateSchema(file, doc.root, rootWithoutServices, problems);
    found.push({ problems });
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
