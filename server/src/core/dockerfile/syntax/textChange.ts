// The one region where two versions of a document differ, found from the texts alone (the
// service only sees whole texts). Several edits between two validations merge into one region.

export interface TextChange {
  /** First offset that differs (the same in both texts). */
  start: number;
  /** End of the replaced region in the old text. */
  oldEnd: number;
  /** End of the inserted region in the new text. */
  newEnd: number;
  /** newEnd - oldEnd: how far everything after the region moved. */
  delta: number;
}

const NARROW = 64;

/**
 * Length of the common prefix of a and b (at most `limit`): galloping, then halving, over slices
 * (whose equality V8 checks natively), and a character loop for the last few.
 */
function commonPrefix(a: string, b: string, limit: number): number {
  let lo = 0;
  let step = 1024;
  while (lo + step <= limit && a.slice(lo, lo + step) === b.slice(lo, lo + step)) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(limit, lo + step);
  while (hi - lo > NARROW) {
    const mid = (lo + hi) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid;
  }
  while (lo < limit && a.charCodeAt(lo) === b.charCodeAt(lo)) lo++;
  return lo;
}

/** The same from the ends: length of the common suffix, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  const ae = a.length;
  const be = b.length;
  const same = (from: number, to: number) => a.slice(ae - to, ae - from) === b.slice(be - to, be - from);
  let lo = 0;
  let step = 1024;
  while (lo + step <= limit && same(lo, lo + step)) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(limit, lo + step);
  while (hi - lo > NARROW) {
    const mid = (lo + hi) >> 1;
    if (same(lo, mid)) lo = mid;
    else hi = mid;
  }
  while (lo < limit && a.charCodeAt(ae - lo - 1) === b.charCodeAt(be - lo - 1)) lo++;
  return lo;
}

/** The changed region, or undefined when the texts are equal. */
export function diffTexts(oldText: string, newText: string): TextChange | undefined {
  if (oldText === newText) return undefined;
  const start = commonPrefix(oldText, newText, Math.min(oldText.length, newText.length));
  // The suffix may not overlap the prefix in either text.
  const suffix = commonSuffix(oldText, newText, Math.min(oldText.length, newText.length) - start);
  const oldEnd = oldText.length - suffix;
  const newEnd = newText.length - suffix;
  return { start, oldEnd, newEnd, delta: newEnd - oldEnd };
}
