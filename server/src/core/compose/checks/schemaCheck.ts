// Runs the schema validator on every document. Each service is validated on its own against
// the service schema, so its findings can be kept while other services are edited.
import { entries, rootMaps } from '../model/access';
import { NodeMemo } from '../model/nodeMemo';
import { patternRegex, rootSchema, type JsonSchema } from '../schema/composeSchema';
import { validateSchema, validateValue } from '../schema/validateSchema';
import type { Problem } from './problems';
import type { CheckContext } from './checkContext';

const SERVICE_NAME = '^[a-zA-Z0-9._-]+$';
const memo = new NodeMemo<Problem>();

/** The root schema with services accepted as anything: they are validated one by one. */
const rootWithoutServices: JsonSchema = (() => {
  const services = rootSchema.properties!.services!;
  return { ...rootSchema, properties: { ...rootSchema.properties, services: { ...services, patternProperties: { [SERVICE_NAME]: {} } } } };
})();

export function checkSchema({ file, out }: CheckContext): void {
  const serviceSchema = rootSchema.$defs.service!;
  for (const doc of file.documents) {
    if (!doc.root) continue;
    validateSchema(file, doc.root, rootWithoutServices, out);
  }
  for (const root of rootMaps(file)) {
    const services = entries(file, root).find((e) => e.key === 'services')?.value;
    if (services?.kind !== 'map') continue;
    for (const service of entries(file, services)) {
      if (!patternRegex(SERVICE_NAME).test(service.key) || !service.raw) continue;
      const raw = service.raw;
      out.push(...memo.get(raw, () => {
        const found: Problem[] = [];
        validateValue(file, raw, serviceSchema, ['services', service.key], { key: service.key, anchor: service.keyNode }, found);
        return found;
      }));
    }
  }
}
