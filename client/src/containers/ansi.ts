// Terminal control sequences in container output: removed for the logs document (plain, searchable
// text), and newline conversion for pseudoterminals. Pure; no vscode import.

const ESC = 0x1b;
const BEL = 0x07;
/** Past this many characters an unterminated string sequence (OSC, DCS…) is dropped, not held. */
const MAX_PENDING = 4096;

/**
 * Removes ANSI/VT escape sequences (CSI, OSC, DCS/APC/PM/SOS strings, two- and three-byte escapes,
 * 8-bit CSI) and C0 control characters other than tab, newline and carriage return. A sequence
 * split across chunks is held back until the rest arrives, so `push` can be fed a stream.
 */
export class AnsiStripper {
  private pending = '';

  push(text: string): string {
    const input = this.pending + text;
    this.pending = '';
    let out = '';
    let i = 0;
    while (i < input.length) {
      const code = input.charCodeAt(i);
      if (code === ESC || code === 0x9b) {
        const end = sequenceEnd(input, i);
        if (end === -1) {
          // incomplete: keep it for the next chunk, unless it is absurdly long (then drop the ESC)
          if (input.length - i <= MAX_PENDING) {
            this.pending = input.slice(i);
            return out;
          }
          i++;
          continue;
        }
        i = end;
        continue;
      }
      if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
        i++;
        continue;
      }
      if (code === 0x7f) {
        i++;
        continue;
      }
      // copy a run of ordinary characters at once
      let j = i + 1;
      while (j < input.length) {
        const c = input.charCodeAt(j);
        if (c < 0x20 || c === 0x7f || c === 0x9b) break;
        j++;
      }
      out += input.slice(i, j);
      i = j;
    }
    return out;
  }

  /** Drops whatever incomplete sequence is still held (end of stream). */
  flush(): string {
    this.pending = '';
    return '';
  }
}

/** Strips escape sequences from a complete text. */
export function stripAnsi(text: string): string {
  return new AnsiStripper().push(text);
}

/**
 * Where the escape sequence starting at `start` ends (index after its last character), or -1 when
 * the text ends before the sequence does.
 */
function sequenceEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  let i = start + 1;
  if (first === 0x9b) return csiEnd(text, i);
  if (i >= text.length) return -1;
  const kind = text[i];
  if (kind === '[') return csiEnd(text, i + 1);
  if (kind === ']' || kind === 'P' || kind === '_' || kind === '^' || kind === 'X') {
    // string sequences end with BEL or ESC \ (string terminator)
    for (let j = i + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === BEL) return j + 1;
      if (c === ESC) {
        if (j + 1 >= text.length) return -1;
        if (text[j + 1] === '\\') return j + 2;
      }
    }
    return -1;
  }
  // ESC, intermediate bytes (0x20-0x2f), one final byte (0x30-0x7e): ESC ( B, ESC 7, ESC =, …
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
  if (i >= text.length) return -1;
  const final = text.charCodeAt(i);
  if (final >= 0x30 && final <= 0x7e) return i + 1;
  return i; // malformed: drop the ESC and what was read, keep the rest
}

function csiEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x3f) i++; // parameters
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++; // intermediates
  if (i >= text.length) return -1;
  const final = text.charCodeAt(i);
  if (final >= 0x40 && final <= 0x7e) return i + 1;
  return i; // malformed: drop what was read
}

/**
 * Turns CRLF and lone CR into LF for a document. A CR at the very end of a chunk is held back in
 * case the next chunk starts with LF.
 */
export class NewlineNormalizer {
  private heldCr = false;

  push(text: string): string {
    let input = text;
    if (this.heldCr) {
      this.heldCr = false;
      input = '\r' + input;
    }
    if (input.endsWith('\r')) {
      this.heldCr = true;
      input = input.slice(0, -1);
    }
    return input.replace(/\r\n?/g, '\n');
  }

  flush(): string {
    const out = this.heldCr ? '\n' : '';
    this.heldCr = false;
    return out;
  }
}

/** A terminal needs CR LF; bare LF (from non-TTY output) would only move down a line. */
export function toTerminalNewlines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export const style = {
  red: (text: string) => `\x1b[31m${text}\x1b[39m`,
  yellow: (text: string) => `\x1b[33m${text}\x1b[39m`,
  dim: (text: string) => `\x1b[2m${text}\x1b[22m`,
};
