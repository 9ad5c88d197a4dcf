// Which instruction nodes an edit replaced. The incremental parse keeps the nodes before the
// edit, parses a few new ones, and reuses (moves) the nodes after it, so the new list is
// `kept` old nodes, the new ones, then old nodes again; the old list had the replaced nodes in
// the middle instead. Found by identity in time proportional to the new nodes, so what an
// analysis works out over every instruction can be carried from the previous version by
// subtracting the replaced nodes and adding the new ones.
import { countLeading } from '../../sortedSearch';
import type { Instruction } from '../syntax/ast';
import type { TextChange } from '../syntax/textChange';

export interface EditFootprint {
  /** Instructions before this index are the previous version's, at the same index. */
  kept: number;
  /** The new nodes, at [kept, kept + fresh.length) of the new list. */
  fresh: readonly Instruction[];
  /** The previous version's nodes they replaced, at [kept, kept + removed.length) of the old list. */
  removed: readonly Instruction[];
  /** Nodes after the new ones moved by this many places in the list, and by `delta` in the text. */
  shift: number;
  delta: number;
}

/** `olds` is the previous version's instruction list as it was (the incremental parse copies it, never changes it). */
export function editFootprint(olds: readonly Instruction[], news: readonly Instruction[], change: TextChange): EditFootprint {
  // The kept nodes start before the edit (the parse resumes at an instruction starting at or before it).
  const lo = countLeading(news.length, (k) => news[k]!.span.start < change.start);
  // Back over new nodes the parse made when it resumed before the edit: below them all are kept.
  let kept = Math.min(lo, olds.length);
  while (kept > 0 && news[kept - 1] !== olds[kept - 1]) kept--;
  const shift = news.length - olds.length;
  // New nodes are in no old list; the first node found in the old list, moved by `shift`, starts the reused tail.
  let end = kept;
  while (end < news.length && news[end] !== olds[end - shift]) end++;
  return { kept, fresh: news.slice(kept, end), removed: olds.slice(kept, end - shift), shift, delta: change.delta };
}
