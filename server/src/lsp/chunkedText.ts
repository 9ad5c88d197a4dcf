// The main thread's copy of an open document's text, kept in pieces of a few kilobytes. The main
// thread only needs the text to bring a fresh worker up to date, but a text document applies each
// edit by concatenating slices and then reading a character of the result, which makes V8 copy
// the whole text into one new string per edit: 300 kB for a 10,000-line Dockerfile, left in the
// large-object space until a full collection, which the main thread rarely runs. Here an edit
// copies only the pieces it touches. Positions are read as vscode-languageserver-textdocument
// reads them (lines end at \r\n, \r or \n; a character past the end of its line stops before the
// line break), so the text stays the one the workers' text documents hold.
import type { Position, Range } from '../core/types';
import { lastAtOrBefore } from '../core/sortedSearch';

/** Longest piece (UTF-16 code units): an edit copies at most two of them (and its own text). */
export const CHUNK_LENGTH = 4096;

/** A change as LSP sends it: a replaced range, or the whole text. */
export interface TextChangeEvent {
  range?: Range;
  rangeLength?: number;
  text: string;
}

const CR = 13;
const LF = 10;
const isLineBreak = (c: number) => c === CR || c === LF;
/** Lines and characters as whole numbers (a broken client's NaN or 1.5 must not make the offsets NaN). */
const whole = (n: unknown) => (typeof n === 'number' && !Number.isNaN(n) ? Math.trunc(n) : 0);

/** A copy of `s` that keeps no view into the string it was sliced from (see syntax/ownCopy.ts). */
const own = (s: string) => (s.length < 13 ? s : (' ' + s).slice(1));

export class ChunkedText {
  /** The pieces, none empty (an empty text has none). */
  private chunks: string[] = [];
  /** Offset where each piece starts. */
  private starts: number[] = [];
  private total = 0;
  /** Offset where each line starts (the first is 0); undefined until needed again. */
  private lineStarts: number[] | undefined;

  constructor(text: string) {
    this.replaceChunks(0, 0, text);
  }

  get length(): number {
    return this.total;
  }

  get lineCount(): number {
    return this.lines().length;
  }

  getText(): string {
    return this.chunks.join('');
  }

  /** The pieces (for tests: their number and sizes). */
  pieces(): readonly string[] {
    return this.chunks;
  }

  /**
   * Applies the changes in order, as TextDocument.update does: a change with a range replaces it
   * (its ends may be in either order), one without replaces the whole text. A change of neither
   * kind throws, with the changes before it applied.
   */
  update(changes: readonly TextChangeEvent[]): void {
    for (const change of changes) {
      if (isRangeChange(change)) {
        let { start, end } = change.range;
        if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
        this.replace(this.offsetAt(start), this.offsetAt(end), change.text);
      } else if (isWholeChange(change)) {
        this.chunks = [];
        this.starts = [];
        this.total = 0;
        this.replaceChunks(0, 0, change.text);
        this.lineStarts = undefined;
      } else {
        throw new Error('Unknown change event received');
      }
    }
  }

  /** The offset of a position, clamped into the text and before its line's line break. */
  offsetAt(position: Position): number {
    const lines = this.lines();
    const line = whole(position?.line);
    const character = whole(position?.character);
    if (line >= lines.length) return this.total;
    if (line < 0) return 0;
    const lineStart = lines[line]!;
    if (character <= 0) return lineStart;
    const next = line + 1 < lines.length ? lines[line + 1]! : this.total;
    let offset = Math.min(lineStart + character, next);
    while (offset > lineStart && isLineBreak(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** The UTF-16 code unit at `offset` (NaN outside the text, like String.charCodeAt). */
  charCodeAt(offset: number): number {
    if (!(offset >= 0 && offset < this.total)) return NaN;
    const k = this.chunkAt(offset);
    return this.chunks[k]!.charCodeAt(offset - this.starts[k]!);
  }

  /** Index of the piece holding `offset` (the last piece for the end of the text). */
  private chunkAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  private lines(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      this.chunks.forEach((chunk, k) => lineStartsIn(chunk, this.starts[k]!, starts, this.chunks[k + 1]?.charCodeAt(0)));
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** Replaces [start, end) by `text` (offsets as offsetAt gives them: never inside a \r\n). */
  private replace(start: number, end: number, text: string): void {
    const lines = this.lineStarts;
    const startLine = lines ? lastAtOrBefore(lines, start) : 0;
    const endLine = lines ? lastAtOrBefore(lines, end) : 0;
    this.replaceChunks(start, end, text);
    if (!lines) return;
    const insertedEnd = start + text.length;
    // A \r now right before a \n is one line break where there were two ends of lines: count afresh.
    if ((this.charCodeAt(start - 1) === CR && this.charCodeAt(start) === LF) || (this.charCodeAt(insertedEnd - 1) === CR && this.charCodeAt(insertedEnd) === LF)) {
      this.lineStarts = undefined;
      return;
    }
    const added: number[] = [];
    lineStartsIn(text, start, added, undefined);
    // (A long list through splice's arguments would overflow the stack.)
    if (added.length < 1000) lines.splice(startLine + 1, endLine - startLine, ...added);
    else this.lineStarts = lines.slice(0, startLine + 1).concat(added, lines.slice(endLine + 1));
    const delta = text.length - (end - start);
    const list = this.lineStarts!;
    if (delta !== 0) for (let i = startLine + 1 + added.length; i < list.length; i++) list[i]! += delta;
  }

  /** Replaces [start, end) in the pieces: the pieces it touches are rebuilt, the others kept. */
  private replaceChunks(start: number, end: number, text: string): void {
    let first = this.chunks.length;
    let last = first - 1;
    let before = '';
    let after = '';
    if (this.chunks.length > 0) {
      first = this.chunkAt(start);
      last = this.chunkAt(end);
      before = this.chunks[first]!.slice(0, start - this.starts[first]!);
      after = this.chunks[last]!.slice(end - this.starts[last]!);
    }
    const joined = before + text + after;
    // Pieces of at most CHUNK_LENGTH. A piece cut from a longer string is an own copy (a slice
    // would keep the whole string alive); a piece made of one edit keeps the two it was cut from.
    const count = Math.ceil(joined.length / CHUNK_LENGTH);
    const pieces: string[] = count === 1 ? [joined] : [];
    for (let at = 0, size = Math.ceil(joined.length / count); count > 1 && at < joined.length; at += size) pieces.push(own(joined.slice(at, at + size)));
    this.chunks = first === 0 && last === this.chunks.length - 1 ? pieces : this.chunks.slice(0, first).concat(pieces, this.chunks.slice(last + 1));
    this.total += text.length - (end - start);
    const starts = this.starts;
    starts.length = this.chunks.length;
    let at = first > 0 ? starts[first - 1]! + this.chunks[first - 1]!.length : 0;
    for (let k = first; k < this.chunks.length; k++) {
      starts[k] = at;
      at += this.chunks[k]!.length;
    }
  }
}

function isRangeChange(change: TextChangeEvent): change is TextChangeEvent & { range: Range } {
  return change !== undefined && change !== null && typeof change.text === 'string' && change.range !== undefined
    && (change.rangeLength === undefined || typeof change.rangeLength === 'number');
}

function isWholeChange(change: TextChangeEvent): boolean {
  return change !== undefined && change !== null && typeof change.text === 'string' && change.range === undefined && change.rangeLength === undefined;
}

/**
 * Pushes the offset after each line break in `text` (placed at `offset`). `next` is the character
 * after it: a \r at its end followed by a \n is one line break, which ends after the \n.
 */
function lineStartsIn(text: string, offset: number, out: number[], next: number | undefined): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      const following = i + 1 < text.length ? text.charCodeAt(i + 1) : next;
      if (following === LF) {
        if (i + 1 === text.length) return;
        i++;
      }
      out.push(offset + i + 1);
    } else if (c === LF) out.push(offset + i + 1);
  }
}
