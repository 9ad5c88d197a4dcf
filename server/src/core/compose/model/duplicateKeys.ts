// Duplicate mapping keys, found in one pass. The `yaml` package can check this itself
// (`uniqueKeys`), but it compares each key with every key before it, which is quadratic: a flow
// mapping of 60,000 services on one line took over a minute. This reports the same findings (a
// scalar key whose value equals an earlier key's value in the same mapping, at the key's start)
// with one lookup per key.
import { isMap, isPair, isScalar, isSeq, YAMLParseError, type Node as YamlNode } from 'yaml';

export function duplicateKeyErrors(doc: { contents: unknown }): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  // An explicit stack: nesting is bounded before parsing, but a walk need not rely on that.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = item.key as YamlNode | null;
        if (isScalar(key)) {
          // Keys of different types never match (1 and "1" are different keys), as in `yaml`.
          const identity = key.value === null || typeof key.value !== 'object' ? key.value : key;
          if (seen.has(identity)) {
            const start = key.range?.[0] ?? 0;
            errors.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          } else {
            seen.add(identity);
          }
        } else if (key) {
          stack.push(key);
        }
        stack.push(item.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return errors.sort((a, b) => a.pos[0] - b.pos[0]);
}
