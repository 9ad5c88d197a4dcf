// Offsets are what the parsers work in; positions (line, UTF-16 character) only appear at the
// edges. A LineIndex converts between them with a binary search over line starts.
import { countLeading, lastAtOrBefore } from './sortedSearch';
import type { Position, Range } from './types';

/** One edited region of a text (as syntax/textChange's diffTexts finds it). */
export interface EditedRegion {
  /** First offset that differs. */
  start: number;
  /** End of the replaced region in the old text, and of the inserted one in the new text. */
  oldEnd: number;
  newEnd: number;
  delta: number;
}

/**
 * Pushes the starts of the lines that begin in [from, to] (offsets) to `starts`, scanning the line
 * breaks from `from - 1` (a line start depends only on the character before it and, after a
 * carriage return, on itself).
 */
function scanStarts(text: string, from: number, to: number, starts: number[]): void {
  for (let i = Math.max(0, from - 1); i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 /* \n */ && c !== 13 /* \r */) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (i + 1 >= from && i + 1 <= to) starts.push(i + 1);
  }
}

/** The number of entries of a sorted list below `value`. */
const countBelow = (list: readonly number[], value: number) => countLeading(list.length, (k) => list[k]! < value);

export class LineIndex {
  private readonly starts: number[];

  /** `starts`: the line starts when already known (see afterEdit); otherwise read from the text. */
  constructor(readonly text: string, starts?: number[]) {
    if (!starts) {
      starts = [0];
      scanStarts(text, 1, text.length, starts);
    }
    this.starts = starts;
  }

  /**
   * The index of a text that differs from the previous one's only in `region`: the line starts
   * before it are kept, the ones inside it read from the new text, and the ones after it moved,
   * so an edit costs a copy of the line starts rather than a read of every character.
   */
  static afterEdit(previous: LineIndex, text: string, region: EditedRegion): LineIndex {
    const old = previous.starts;
    // Starts before the region depend only on characters before it; the first line starts at 0.
    const kept = Math.max(1, countBelow(old, region.start));
    const inside: number[] = [];
    scanStarts(text, Math.max(1, region.start), region.newEnd, inside);
    // A start past newEnd has its character before it and itself in the unchanged tail.
    const tail = countBelow(old, region.oldEnd + 1);
    let starts: number[];
    if (inside.length === tail - kept) {
      // As many line breaks as before (typing on a line): one copy, changed in place, rather
      // than an array grown push by push (a third of the allocation of such an edit's index).
      starts = old.slice();
      for (let k = 0; k < inside.length; k++) starts[kept + k] = inside[k]!;
    } else {
      starts = old.slice(0, kept);
      for (let k = 0; k < inside.length; k++) starts.push(inside[k]!);
      for (let k = tail; k < old.length; k++) starts.push(old[k]!);
    }
    const delta = region.delta;
    if (delta !== 0) for (let k = kept + inside.length; k < starts.length; k++) starts[k] = starts[k]! + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** Offset just past the line's last character, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1]!;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.starts, o);
    return { line, character: o - this.starts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line]!;
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }
}
