// The binary searches over sorted lists (line starts, segment starts, text pieces, nodes and
// references in document order), so none is written again.

/** Index of the last element of an ascending list that is ≤ `value` (0 when none is, or the list is empty). */
export function lastAtOrBefore(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The number of leading indexes in [0, length) for which `before` holds; it must hold for a prefix only. */
export function countLeading(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
