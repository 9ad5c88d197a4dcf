// Re-parses only what an edit touched. Parsing resumes at the line of the last instruction that
// starts at or before the edit (nothing before it can change, since the parser reads forward and
// carries no state between instructions) and stops at the first instruction after the edit that
// also started an instruction in the old parse: from there on the old nodes are reused, moved by
// the edit's length. A one-character edit re-parses one instruction. The old Dockerfile's nodes
// are moved in place, so it must not be used afterwards.
// A file past the item budget (MAX_PARSED_ITEMS) is parsed this way too when the edit lies before
// where the parse stopped and leaves the number of items the same: a fresh parse then counts the
// same items up to the reused ones and stops on the same one, moved by the edit. Otherwise, or
// past the length budget, it is parsed afresh (the cut may move).
import type { Comment, Dockerfile, Instruction } from './ast';
import { LineIndex } from '../../text';
import { buildStages, looksBinary, MAX_PARSED_ITEMS, MAX_PARSED_LENGTH, parseBody, parseDockerfile } from './parser';
import { shiftComment, shiftInstruction } from './shiftNodes';
import { lastStartingBefore } from './spanSearch';
import type { TextChange } from './textChange';

/** Offset of the line break ending the first line after the directives (the last line they read). */
function directiveZoneEnd(old: Dockerfile): number {
  const text = old.text;
  let at = 0;
  const last = old.directives[old.directives.length - 1];
  if (last) {
    at = last.span.end;
    if (at >= text.length) return text.length;
    at += text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1;
  }
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  return at;
}

export function reparseDockerfile(old: Dockerfile, text: string, index: LineIndex, change: TextChange): Dockerfile {
  // An edit on the directive lines (or the line that ends them) can change the escape character.
  // A file past the parse budget (or binary) is parsed afresh: where the budget ends may move.
  if (change.start <= directiveZoneEnd(old) || text.length >= MAX_PARSED_LENGTH || looksBinary(text)) return parseDockerfile(text, index);
  const cut = old.unparsed;
  if (cut && (cut.reason !== 'size' || old.text.length >= MAX_PARSED_LENGTH || change.oldEnd >= cut.at)) return parseDockerfile(text, index);
  const olds = old.instructions;
  const k = lastStartingBefore(olds, change.start);
  const line = k >= 0 ? index.positionAt(olds[k]!.span.start).line : old.directives.length;
  const resumeOffset = index.lineStart(line);
  const instructions: Instruction[] = olds.slice(0, Math.max(k, 0));
  const comments: Comment[] = old.comments.slice(0, lastStartingBefore(old.comments, resumeOffset - 1) + 1);

  let reuseFrom = -1;
  const { stoppedAt } = parseBody(text, index, line, old.escape, instructions, comments, (offset) => {
    if (offset < change.newEnd) return false;
    const j = lastStartingBefore(olds, offset - change.delta);
    if (j < Math.max(k, 0) || olds[j]!.span.start !== offset - change.delta) return false;
    reuseFrom = j;
    return true;
  });

  if (stoppedAt !== undefined) {
    for (let j = reuseFrom; j < olds.length; j++) {
      const reused = olds[j]!;
      shiftInstruction(reused, change.delta);
      reused.index = instructions.length;
      if (reused.trigger) reused.trigger.index = reused.index;
      instructions.push(reused);
    }
    const oldStart = stoppedAt - change.delta;
    for (let c = lastStartingBefore(old.comments, oldStart - 1) + 1; c < old.comments.length; c++) {
      const comment = old.comments[c]!;
      shiftComment(comment, change.delta);
      comments.push(comment);
    }
  }
  const items = instructions.length + comments.length;
  if (cut) {
    // Past the item budget: the same items after the edit's reparse, so the same cut, moved.
    if (stoppedAt === undefined || items !== old.instructions.length + old.comments.length) return parseDockerfile(text, index);
  } else if (items >= MAX_PARSED_ITEMS) {
    // The edit added enough to reach the budget: parse afresh so the cut is where a fresh parse makes it.
    return parseDockerfile(text, index);
  }
  const { stages, globalArgs } = buildStages(instructions);
  const doc: Dockerfile = { text, directives: old.directives, escape: old.escape, comments, instructions, stages, globalArgs };
  if (cut) doc.unparsed = { at: cut.at + change.delta, reason: 'size' };
  return doc;
}
