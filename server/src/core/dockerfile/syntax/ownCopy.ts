// Strings kept across document versions (in nodes that incremental parsing reuses, in the shell
// parse cache) must not point into the document: V8 keeps a slice of 13 or more characters as a
// view of its parent string, so such a slice would keep a whole old version of the text alive.

/** A copy of `s` that shares no storage with the string it was sliced from. */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
