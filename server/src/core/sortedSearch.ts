// The one binary search over sorted offsets (line starts, segment starts, piece starts).

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
