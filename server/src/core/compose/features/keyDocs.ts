// The documentation of a key, shared by hover and completion: a type summary, the schema's
// description and our own explanation where we have one.
import { t } from '../../l10n';
import type { MarkupContent } from '../../types';
import { descriptionOf, enumValues, typesOf, type JsonSchema } from '../schema/composeSchema';
import type { PathSegment } from '../schema/schemaMessages';
import { explanationFor } from './explanations';

export function typeSummary(schemas: readonly JsonSchema[]): string {
  const names = new Set<string>();
  for (const schema of schemas) {
    for (const type of typesOf(schema)) {
      switch (type) {
        case 'object': names.add(t('mapping')); break;
        case 'array': names.add(t('list')); break;
        case 'boolean': names.add(t('boolean')); break;
        case 'integer':
        case 'number': names.add(t('number')); break;
        case 'null': break;
        default: names.add(t('string'));
      }
    }
  }
  return [...names].join(' | ');
}

export function keyDocumentation(key: string, path: readonly PathSegment[], schemas: readonly JsonSchema[]): MarkupContent | undefined {
  const parts: string[] = [];
  const description = schemas.map(descriptionOf).find((d) => d);
  if (description) parts.push(description);
  const values = [...new Set(schemas.flatMap(enumValues).map(String))];
  if (values.length > 0) parts.push(t('Allowed values: {0}', values.map((v) => `\`${v}\``).join(', ')));
  if (schemas.some((s) => s.deprecated)) parts.push(t('**Deprecated.**'));
  const explanation = explanationFor(path);
  if (explanation) parts.push(explanation);
  if (parts.length === 0) return undefined;
  const summary = typeSummary(schemas);
  return { kind: 'markdown', value: [`**${key}**${summary ? ` (${summary})` : ''}`, ...parts].join('\n\n') };
}
