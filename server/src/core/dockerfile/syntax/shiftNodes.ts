// Moves parsed nodes that an edit did not touch to their new offsets, in place, so an
// incremental parse can reuse them. Every span object has exactly one owner, except the two
// sharings the parser makes on purpose (an ONBUILD and its trigger share the offset map and the
// heredocs; a key-value pair without `=` is its key); those are moved once. Words and key-value
// pairs are moved only once computed (lazily, by features); until then there is nothing to move.
import type { Comment, ExecForm, Flag, Heredoc, Instruction, KeyValue, Span, Word } from './ast';
import { InstructionNode } from './parseInstruction';

function span(s: Span, delta: number): void {
  s.start += delta;
  s.end += delta;
}

function offsets(list: number[], delta: number): void {
  for (let k = 0; k < list.length; k++) list[k] = list[k]! + delta;
}

function words(list: readonly Word[] | undefined, delta: number): void {
  if (list) for (let k = 0; k < list.length; k++) span(list[k]!.span, delta);
}

function flags(list: readonly Flag[], delta: number): void {
  for (let k = 0; k < list.length; k++) {
    const f = list[k]!;
    span(f.span, delta);
    span(f.nameSpan, delta);
    if (f.valueSpan) span(f.valueSpan, delta);
  }
}

function exec(form: ExecForm | undefined, delta: number): void {
  if (!form) return;
  span(form.span, delta);
  words(form.items, delta);
}

function heredocs(list: readonly Heredoc[], delta: number): void {
  for (let k = 0; k < list.length; k++) {
    const h = list[k]!;
    span(h.marker, delta);
    span(h.nameSpan, delta);
    span(h.body, delta);
    if (h.terminator) span(h.terminator, delta);
  }
}

function pairs(list: readonly KeyValue[] | undefined, delta: number): void {
  if (!list) return;
  for (let k = 0; k < list.length; k++) {
    const pair = list[k]!;
    span(pair.key.span, delta);
    if (pair.value) span(pair.value.span, delta);
    if (pair.span !== pair.key.span) span(pair.span, delta);
  }
}

/** The fields an instruction and its ONBUILD trigger each own. */
function own(i: Instruction, delta: number): void {
  span(i.keywordSpan, delta);
  span(i.span, delta);
  span(i.fullSpan, delta);
  span(i.args, delta);
  flags(i.flags, delta);
  const node = i instanceof InstructionNode ? i : undefined;
  words(node ? node.parsedWords : i.words, delta);
  exec(i.exec, delta);
  for (let k = 0; k < i.emptyContinuations.length; k++) span(i.emptyContinuations[k]!, delta);
  pairs(node?.parsedPairs, delta);
}

export function shiftInstruction(i: Instruction, delta: number): void {
  if (delta === 0) return;
  own(i, delta);
  offsets(i.map.doc, delta);
  const trigger = i.trigger;
  if (trigger) {
    own(trigger, delta);
    if (trigger.map !== i.map) offsets(trigger.map.doc, delta);
    heredocs(trigger.heredocs, delta);
  }
  if (!trigger || trigger.heredocs !== i.heredocs) heredocs(i.heredocs, delta);
}

export function shiftComment(c: Comment, delta: number): void {
  span(c.span, delta);
}
