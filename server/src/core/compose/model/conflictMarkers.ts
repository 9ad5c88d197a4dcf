// Git's merge-conflict markers left in a file (`<<<<<<< HEAD`, `=======`, `>>>>>>> branch`): the
// YAML between them holds both sides, so a parse of it reports dozens of errors down the file that
// are only the conflict's echo (round 24: 98 errors after one conflict of two lines). Each conflict
// is told once, and the file is read with our side only: the marker lines and their side blanked
// out, offsets kept, so every other check still reads the file as it will be once resolved that way.

export interface ConflictBlock {
  /** The `<<<<<<<` line's start. */
  start: number;
  /** The end of the `>>>>>>>` line. */
  end: number;
}

const OPEN = /^<{7}(?: |$)/;
const BASE = /^\|{7}(?: |$)/;
const SPLIT = /^={7}\s*$/;
const CLOSE = /^>{7}(?: |$)/;
/** Conflicts read in one file; beyond them the text is read as written. */
const MAX_CONFLICTS = 200;

/** The complete conflicts of a text (an opening, a split and a closing line, in order), at most MAX_CONFLICTS. */
export function conflictBlocks(text: string): ConflictBlock[] {
  if (!text.includes('<<<<<<<')) return [];
  const blocks: ConflictBlock[] = [];
  let open = -1;
  let split = false;
  for (let at = 0; at < text.length && blocks.length < MAX_CONFLICTS;) {
    const lineEnd = text.indexOf('\n', at);
    const end = lineEnd < 0 ? text.length : lineEnd;
    const line = text.slice(at, Math.min(end, at + 80)).replace(/\r$/, '');
    if (OPEN.test(line)) {
      open = at;
      split = false;
    } else if (open >= 0 && SPLIT.test(line)) {
      split = true;
    } else if (open >= 0 && split && CLOSE.test(line)) {
      blocks.push({ start: open, end });
      open = -1;
    }
    at = end + 1;
  }
  return blocks;
}

/**
 * The text with each conflict's marker lines and its other side (the base of a diff3 conflict,
 * and what follows `=======`) replaced by spaces, line breaks kept, so offsets stay the same.
 */
export function oursOnly(text: string, blocks: readonly ConflictBlock[]): string {
  if (blocks.length === 0) return text;
  let out = '';
  let from = 0;
  for (const block of blocks) {
    out += text.slice(from, block.start);
    let keep = true;
    for (let at = block.start; at < block.end;) {
      const lineEnd = text.indexOf('\n', at);
      const end = lineEnd < 0 || lineEnd > block.end ? block.end : lineEnd;
      const line = text.slice(at, end);
      const marker = OPEN.test(line) || BASE.test(line) || SPLIT.test(line.replace(/\r$/, '')) || CLOSE.test(line);
      if (BASE.test(line) || SPLIT.test(line.replace(/\r$/, ''))) keep = false;
      out += marker || !keep ? line.replace(/[^\r]/g, ' ') : line;
      if (end < block.end) out += '\n';
      at = end + 1;
    }
    from = block.end;
  }
  return out + text.slice(from);
}
