// Binary search over nodes in document order (instructions, comments, stages), shared by the
// incremental parse and the validation's unit lookup.

/** Index of the last item whose start is at or before `offset`, or -1. */
export function lastStartingBefore(items: readonly { span: { start: number } }[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
