// Which shell a RUN (or shell-form CMD/ENTRYPOINT) uses, and the exact script text BuildKit hands
// it: the logical line after the flags plus any heredoc bodies, or, for `RUN <<EOF` alone, the
// heredoc body itself. The map turns script offsets back into document offsets.
import type { Dockerfile, Instruction, OffsetMap, Span, Word } from '../ast';
import { docEnd, docStart } from '../offsetMap';
import { ownCopy } from '../ownCopy';

export type ShellKind = 'sh' | 'bash' | 'other';

export interface ShellSource {
  text: string;
  map: OffsetMap;
}

/** The shell named by a SHELL instruction's first array item. */
export function shellKindOf(executable: string): ShellKind {
  const base = executable.replace(/\\/g, '/').split('/').pop()!.toLowerCase().replace(/\.exe$/, '');
  if (base === 'bash') return 'bash';
  if (base === 'sh' || base === 'ash' || base === 'dash' || base === 'busybox') return 'sh';
  return 'other';
}

/** The interpreter a heredoc's shebang names (`#!/bin/bash -ex`, `#!/usr/bin/env python3`), if it starts with one. */
function shebangProgram(content: string): string | undefined {
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(content);
  if (!m) return undefined;
  return m[1]!.endsWith('/env') ? (m[2] ?? '') : m[1]!;
}

/** Heredoc-only RUN whose body starts with a shebang for another interpreter: not shell. */
function foreignShebang(content: string): boolean {
  const exe = shebangProgram(content);
  return exe !== undefined && shellKindOf(exe) === 'other';
}

/**
 * A RUN that is one heredoc and nothing else, whose body starts with a shebang naming a shell:
 * BuildKit runs the body with that interpreter (round 46: `#!/bin/bash -ex` arrays and source
 * read as dash's).
 */
export function heredocShebangShell(instruction: Instruction): ShellKind | undefined {
  const target = instruction.trigger ?? instruction;
  const heredocs = instruction.heredocs;
  if (target.upper !== 'RUN' || target.exec || heredocs.length !== 1 || !target.words.every((w) => w.span.start === heredocs[0]!.marker.start)) return undefined;
  const exe = shebangProgram(heredocs[0]!.content);
  return exe === undefined ? undefined : shellKindOf(exe);
}

/** The options a shell takes on its command line that `set` takes too (-e, -u, -x, -o pipefail...). */
const SET_LETTERS = /^[abefhkmnptuvxBCEHPT]$/;

/**
 * `RUN <<EOF bash -e` or `RUN sh <<EOF`: the RUN's one heredoc is the input of a shell named on the
 * line, so its body is the script that runs, with the shell's options (as `set` statements).
 * Undefined for anything else: `cat <<EOF > f`, `python3 <<EOF`, `bash -c '...' <<EOF`, `3<<EOF`.
 */
export function heredocShell(text: string, instruction: Instruction): { shell: Word; prelude: string } | undefined {
  const target = instruction.trigger ?? instruction;
  const heredoc = instruction.heredocs[0];
  if (target.upper !== 'RUN' || target.exec || instruction.heredocs.length !== 1 || !heredoc) return undefined;
  // A digit before << (part of the marker) feeds another file descriptor than the shell's input.
  if (/\d/.test(text.charAt(heredoc.marker.start))) return undefined;
  const words = target.words.filter((w) => w.span.start !== heredoc.marker.start);
  const shell = words[0];
  if (!shell || shell.value.includes('$') || shellKindOf(shell.value) === 'other') return undefined;
  let letters = '';
  const named: string[] = [];
  for (let k = 1; k < words.length; k++) {
    const w = words[k]!.value;
    if ((w === '-o' || w === '+o') && k + 1 < words.length && /^[a-z]+$/.test(words[k + 1]!.value)) {
      if (w === '-o') named.push(words[k + 1]!.value);
      k++;
      continue;
    }
    // Anything but options (a script file, -c's command, a redirect) means the heredoc is not the script.
    if (!/^[-+][a-zA-Z]+$/.test(w) || w.includes('c')) return undefined;
    if (w.startsWith('-')) letters += [...w.slice(1)].filter((c) => SET_LETTERS.test(c)).join('');
  }
  const prelude = (letters ? `set -${letters}\n` : '') + named.map((n) => `set -o ${n}\n`).join('');
  return { shell, prelude };
}

export function shellSource(doc: Dockerfile, instruction: Instruction): ShellSource | undefined {
  const target = instruction.trigger ?? instruction;
  if (target.exec) return undefined;
  let argText = target.argText;
  let argStart = target.argStart;
  if (target.upper === 'HEALTHCHECK') {
    const cmd = target.words[0];
    if (!cmd || cmd.value.toUpperCase() !== 'CMD') return undefined;
    const rel = argText.indexOf(cmd.raw) + cmd.raw.length;
    argStart += rel;
    argText = argText.slice(rel);
  }
  const heredocs = instruction.heredocs;
  const onlyHeredocs = heredocs.length > 0 && target.words.every((w) => heredocs.some((h) => h.marker.start === w.span.start));
  const fed = onlyHeredocs ? undefined : heredocShell(doc.text, instruction);
  if (onlyHeredocs || fed) {
    const first = heredocs[0]!;
    if (onlyHeredocs && foreignShebang(first.content)) return undefined;
    const pieces = lfPieces(doc.text, first.body.start, first.body.end);
    let text = '';
    const map: OffsetMap = { logical: [], doc: [] };
    if (fed?.prelude) {
      // The shell's options read as `set` lines, placed on the shell's name.
      map.logical.push(0);
      map.doc.push(fed.shell.span.start);
      text = fed.prelude;
    }
    for (const [piece, at] of pieces) {
      map.logical.push(text.length);
      map.doc.push(at);
      text += piece;
    }
    // The text becomes a key of the shell parse cache, which outlives this version of the document.
    return { text: ownCopy(text), map };
  }
  // Copy the instruction's pieces that cover the arguments, shifted so the script starts at 0.
  const logical: number[] = [];
  const docs: number[] = [];
  const src = target.map;
  for (let i = 0; i < src.logical.length; i++) {
    const segStart = src.logical[i]!;
    const segEnd = i + 1 < src.logical.length ? src.logical[i + 1]! : target.logical.length;
    if (segEnd <= argStart || segStart >= argStart + argText.length) continue;
    const from = Math.max(segStart, argStart);
    logical.push(from - argStart);
    docs.push(src.doc[i]! + (from - segStart));
  }
  if (logical.length === 0) {
    logical.push(0);
    docs.push(target.args.start);
  }
  let text = argText;
  for (const heredoc of heredocs) {
    const end = heredoc.terminator?.end ?? heredoc.body.end;
    // The newline that precedes the body belongs to no document piece; map it to the body start.
    text += '\n';
    for (const [piece, at] of lfPieces(doc.text, heredoc.body.start, end)) {
      logical.push(text.length);
      docs.push(at);
      text += piece;
    }
  }
  return { text, map: { logical, doc: docs } };
}

/**
 * The document text [start, end) in pieces that leave out the carriage return of each CRLF, each
 * with its document offset. BuildKit keeps them in a heredoc's lines (heredoc-crlf says so once);
 * the shell rules read the script its author sees, instead of a syntax error at each `then`.
 */
function lfPieces(text: string, start: number, end: number): Array<[piece: string, docStart: number]> {
  const whole = text.slice(start, end);
  if (!whole.includes('\r\n')) return [[whole, start]];
  const pieces: Array<[string, number]> = [];
  let from = 0;
  for (let cr = whole.indexOf('\r\n'); cr >= 0; cr = whole.indexOf('\r\n', from)) {
    if (cr > from) pieces.push([whole.slice(from, cr), start + from]);
    from = cr + 1;
  }
  pieces.push([whole.slice(from), start + from]);
  return pieces;
}

export function toDocSpan(source: ShellSource, start: number, end: number): Span {
  const s = docStart(source.map, start);
  return { start: s, end: end > start ? docEnd(source.map, end) : s };
}
