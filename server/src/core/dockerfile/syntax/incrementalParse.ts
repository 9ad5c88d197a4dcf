// Re-parses only what an edit touched. Parsing resumes at the line of the last instruction that
// starts at or before the edit (nothing before it can change, since the parser reads forward and
// carries no state between instructions) and stops at the first instruction after the edit that
// also started an instruction in the old parse: from there on the old nodes are reused, moved by
// the edit's length. A one-character edit re-parses one instruction. The old Dockerfile's nodes
// are moved in place, so it must not be used afterwards.
// A file past the item or stage budget (MAX_PARSED_ITEMS, MAX_PARSED_STAGES) is parsed this way
// too when the edit lies before where the parse stopped and leaves the numbers of items and stages
// the same: a fresh parse then counts the same up to the reused nodes and stops on the same one,
// moved by the edit. Otherwise, or past the length budget, it is parsed afresh (the cut may move).
import type { Comment, Dockerfile, Instruction, Stage } from './ast';
import { LineIndex } from '../../text';
import { appendStages, looksBinary, MAX_PARSED_ITEMS, MAX_PARSED_LENGTH, MAX_PARSED_STAGES, parseBody, parseDockerfile, type ParseBudget } from './parser';
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

/**
 * The stages of the re-parsed instructions. An edit replaces a few instructions, but every stage
 * object and its list of instructions was made again per edit (0.2 MB per keystroke for 590
 * stages): the old parse's stages are taken over where the edit leaves them whole. Those before
 * it, up to the last one whose next stage also starts before the re-parsed instructions, are the
 * same; those whose FROM was moved from the old parse hold only moved instructions and get their
 * new index and span. The stages between are made afresh. `old` is consumed (see above).
 */
function stagesAfterEdit(old: Dockerfile, instructions: Instruction[], kept: number, reusedAt: number | undefined, delta: number): { stages: Stage[]; globalArgs: Instruction[] } {
  const olds = old.stages;
  let before = 0;
  while (before + 1 < olds.length && olds[before + 1]!.from.index < kept) before++;
  // Moved stages: their FROM is among the moved instructions, at its new index (the reuse renumbers
  // it; a FROM the edit replaced keeps its old index, where another instruction now is).
  const moved = (stage: Stage) => reusedAt !== undefined && stage.from.index >= reusedAt && instructions[stage.from.index] === stage.from;
  let after = olds.length;
  while (after > before && moved(olds[after - 1]!)) after--;
  const stages = olds.slice(0, before);
  // Before the first kept stage come the global ARGs, which then are the old ones too.
  const globalArgs = before > 0 ? old.globalArgs : [];
  const middleFrom = before > 0 ? olds[before]!.from.index : 0;
  const middleTo = after < olds.length ? olds[after]!.from.index : instructions.length;
  appendStages(instructions, middleFrom, middleTo, stages, globalArgs);
  for (let k = after; k < olds.length; k++) {
    const stage = olds[k]!;
    stage.span.start += delta;
    stage.span.end += delta;
    if (stage.index !== stages.length) {
      stage.index = stages.length;
      for (const i of stage.instructions) i.stage = stage.index;
    }
    stages.push(stage);
  }
  return { stages, globalArgs };
}

export function reparseDockerfile(old: Dockerfile, text: string, index: LineIndex, change: TextChange): Dockerfile {
  // An edit on the directive lines (or the line that ends them) can change the escape character.
  // A file past the parse budget (or binary) is parsed afresh: where the budget ends may move.
  if (change.start <= directiveZoneEnd(old) || text.length >= MAX_PARSED_LENGTH || looksBinary(text)) return parseDockerfile(text, index);
  const cut = old.unparsed;
  if (cut && (cut.reason !== 'size' || old.text.length >= MAX_PARSED_LENGTH || change.oldEnd >= cut.at)) return parseDockerfile(text, index);
  const olds = old.instructions;
  const k = lastStartingBefore(olds, change.start);
  let kept = Math.max(k, 0);
  let line = k >= 0 ? index.positionAt(olds[k]!.span.start).line : old.directives.length;
  // An edit right after a lone \r that now starts with \n makes one line break of the two: the
  // line the parse resumes at then began before the edit, on what an instruction before it ends
  // on. Resume where that instruction starts (it is parsed again, not kept twice).
  while (kept > 0 && olds[kept - 1]!.span.end >= index.lineStart(line)) {
    kept--;
    line = index.positionAt(olds[kept]!.span.start).line;
  }
  const resumeOffset = index.lineStart(line);
  const instructions: Instruction[] = olds.slice(0, kept);
  const comments: Comment[] = old.comments.slice(0, lastStartingBefore(old.comments, resumeOffset - 1) + 1);

  let reuseFrom = -1;
  let froms = 0;
  for (const i of instructions) if (i.upper === 'FROM') froms++;
  const budget: ParseBudget = { items: instructions.length + comments.length, stages: froms };
  const { stoppedAt } = parseBody(text, index, line, old.escape, instructions, comments, (offset) => {
    if (offset < change.newEnd) return false;
    const j = lastStartingBefore(olds, offset - change.delta);
    if (j < kept || olds[j]!.span.start !== offset - change.delta) return false;
    reuseFrom = j;
    return true;
  }, budget);
  // The re-parsed part alone ran into a budget: the cut is where a fresh parse makes it.
  if (budget.stoppedAt !== undefined) return parseDockerfile(text, index);

  // Where the instructions moved from the old parse begin in the new list (none: the end).
  const reusedAt = stoppedAt !== undefined ? instructions.length : undefined;
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
  const { stages, globalArgs } = stagesAfterEdit(old, instructions, kept, reusedAt, change.delta);
  if (cut) {
    // Past a budget: the same items and stages after the edit's reparse, so the same cut, moved.
    if (stoppedAt === undefined || items !== old.instructions.length + old.comments.length || stages.length !== old.stages.length) return parseDockerfile(text, index);
  } else if (items > MAX_PARSED_ITEMS || stages.length > MAX_PARSED_STAGES) {
    // The edit added enough to pass a budget: parse afresh so the cut is where a fresh parse makes it.
    // (Exactly MAX_PARSED_ITEMS items parse whole: a fresh parse cuts only an item after them.)
    return parseDockerfile(text, index);
  }
  const doc: Dockerfile = { text, directives: old.directives, escape: old.escape, comments, instructions, stages, globalArgs };
  if (cut) doc.unparsed = { at: cut.at + change.delta, reason: 'size' };
  return doc;
}
