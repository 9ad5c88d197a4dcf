// Ways to silence a rule. For one instruction, a comment line just above it:
//   # workbench ignore=rule-id,other-id   (ours; without "=ids" it silences every rule)
//   # hadolint ignore=DL3008,DL3015        (hadolint's, with its ids or ours)
//   # dockerfile-utils: ignore             (rcjsuen's, every rule)
// For the whole file: `# hadolint global ignore=...` and BuildKit's `# check=skip=A,B` directive
// (`skip=all` silences the BuildKit-mapped rules).
import type { Dockerfile } from '../syntax/ast';
import { directivesAfterShebang, frontendDirectives } from '../syntax/parser';

const LINE = /^(?:workbench|hadolint)\s+ignore\s*(?:=\s*(.*))?$|^dockerfile-utils:\s*ignore\s*$/i;
const GLOBAL = /^hadolint\s+global\s+ignore\s*=\s*(.*)$/i;

export interface Suppressions {
  /** Instruction index → ids (lower-cased), or '*' for all. */
  byInstruction: Map<number, Set<string>>;
  global: Set<string>;
  /** `# check=skip=all`. */
  skipAllChecks: boolean;
  /** `# check=error=true`: BuildKit checks become errors. */
  checksAreErrors: boolean;
  /** Every ignore comment (for the rule that bans them). */
  comments: { start: number; end: number }[];
}

function ids(list: string | undefined): string[] {
  if (list === undefined || list.trim() === '') return ['*'];
  return list.split(/[,\s]+/).map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0);
}

export function findSuppressions(doc: Dockerfile): Suppressions {
  const result: Suppressions = { byInstruction: new Map(), global: new Set(), skipAllChecks: false, checksAreErrors: false, comments: [] };
  // Below a #! first line BuildKit still reads # check= (it drops that line first).
  const checks = [...frontendDirectives(doc).map((d) => ({ name: d.name.toLowerCase(), value: d.value })), ...directivesAfterShebang(doc.text).map(([, , name, value]) => ({ name, value }))];
  for (const d of checks) {
    if (d.name !== 'check') continue;
    for (const part of d.value.split(';')) {
      const [key, value = ''] = part.split('=').map((s) => s.trim());
      if (key?.toLowerCase() === 'skip') {
        for (const id of value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
          if (id === 'all') result.skipAllChecks = true;
          else result.global.add(id);
        }
      } else if (key?.toLowerCase() === 'error' && value.toLowerCase() === 'true') result.checksAreErrors = true;
    }
  }
  const instructions = doc.instructions;
  let next = 0;
  for (const comment of doc.comments) {
    const g = GLOBAL.exec(comment.text);
    if (g) {
      for (const id of ids(g[1])) result.global.add(id);
      result.comments.push(comment.span);
      continue;
    }
    const m = LINE.exec(comment.text);
    if (!m) continue;
    result.comments.push(comment.span);
    while (next < instructions.length && instructions[next]!.span.start < comment.span.end) next++;
    const target = instructions[next];
    if (!target) continue;
    // A comment inside a continuation belongs to the instruction it sits in.
    const owner = comment.inContinuation ? instructions[next - 1] ?? target : target;
    const set = result.byInstruction.get(owner.index) ?? new Set<string>();
    for (const id of ids(m[1])) set.add(id);
    result.byInstruction.set(owner.index, set);
  }
  return result;
}
