// Matching a path of keys and item indexes against a pattern such as `services.*.build.target`
// (`*` = any key, `#` = any item).
import type { PathSegment } from '../schema/schemaMessages';

export function pathIs(path: readonly PathSegment[], pattern: string): boolean {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((p, i) => (p === '#' ? typeof path[i] === 'number' : p === '*' || p === path[i]));
}
