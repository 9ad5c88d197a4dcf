// Where a Dockerfile ran into a budget of the analysis: the part past the parse budget (or a
// binary file), a variable whose value is too large to expand, a script too long or too deeply
// nested to parse. Each becomes one note at the place, so findings missing there are explained.
// The notes depend only on the text, so incremental and fresh validation give the same ones.
import { t } from '../../l10n';
import { formatCount } from '../../formatCount';
import { LIMIT_CODE, timeNote } from '../../limits';
import { DiagnosticSeverity, type Diagnostic } from '../../types';
import type { Instruction, Span } from '../syntax/ast';
import { MAX_SHELL_TOTAL, type Analysis } from '../analysis/analysis';
import { MAX_PARSED_ITEMS, MAX_PARSED_LENGTH, MAX_PARSED_STAGES } from '../syntax/parser';
import { MAX_EXPANDED_LENGTH } from '../analysis/expand';
import { MAX_SHELL_DEPTH, MAX_SHELL_LENGTH, shellLimit, type ShellLimit } from '../syntax/shell/parseShell';
import { shellSource } from '../syntax/shell/shellSource';

export interface LimitNote {
  span: Span;
  message: string;
}

/** Scripts noted at most (a file of thousands of long RUNs gets notes on the first ones). */
const MAX_SHELL_NOTES = 20;
const SHELL_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** Per instruction node (nodes an edit did not touch are reused by the next version). */
const shellLimits = new WeakMap<Instruction, ShellLimit | null>();

export function limitNotes(a: Analysis): LimitNote[] {
  const notes: LimitNote[] = [];
  const unparsed = a.doc.unparsed;
  if (unparsed?.reason === 'binary') {
    notes.push({ span: { start: 0, end: Math.min(1, a.text.length) }, message: t('This file looks binary (it holds NUL characters), so it was not checked.') });
    return notes;
  }
  if (unparsed) {
    const lineEnd = a.lines.lineEnd(a.lines.positionAt(unparsed.at).line);
    notes.push({
      span: { start: unparsed.at, end: Math.max(unparsed.at, lineEnd) },
      message: t('This file is too large to check past this line (more than {0} instructions and comments, {1} stages, or {2} MB); checks stopped here.', formatCount(MAX_PARSED_ITEMS), formatCount(MAX_PARSED_STAGES), String(MAX_PARSED_LENGTH / 1024 / 1024)),
    });
  }
  // Finding it needs every stage's scope: only when some value could be that large.
  const tooLarge = a.mayExpandTooLarge() ? a.variables.defs.find((d) => d.tooLarge) : undefined;
  if (tooLarge) {
    notes.push({
      span: tooLarge.nameSpan,
      message: t('The value of {0} is too large to expand (over {1} characters), so it is left unknown from here on; checks that need it stopped here.', tooLarge.name, formatCount(MAX_EXPANDED_LENGTH)),
    });
  }
  const cut = a.doc.instructions[a.shellCut()];
  if (cut) {
    notes.push({
      span: (cut.trigger ?? cut).keywordSpan,
      message: t('The scripts in this file are longer than {0} characters in all, so the shell of this one and the ones after it is not checked.', formatCount(MAX_SHELL_TOTAL)),
    });
  }
  let shellNotes = 0;
  // Scripts past a limit are few, and kept from one version to the next.
  for (const instruction of a.instructionsWhere('scriptsPastLimits', (i) => ownScriptLimit(a, i) !== null)) {
    if (cut && instruction.index >= cut.index) break;
    if (shellNotes >= MAX_SHELL_NOTES) break;
    const limit = scriptLimit(a, instruction);
    if (!limit) continue;
    shellNotes++;
    notes.push({
      span: (instruction.trigger ?? instruction).keywordSpan,
      message: limit === 'length'
        ? t('This script is longer than {0} characters, so its shell is not checked.', formatCount(MAX_SHELL_LENGTH))
        : t('This script nests brackets more than {0} levels deep, so its shell is not checked.', MAX_SHELL_DEPTH),
    });
  }
  return notes;
}

/** The limit the instruction's script is past, whatever shell runs it (its own text decides). */
function ownScriptLimit(a: Analysis, instruction: Instruction): ShellLimit | null {
  const target = instruction.trigger ?? instruction;
  if (!SHELL_FORM.has(target.upper) || target.exec) return null;
  let limit = shellLimits.get(instruction);
  if (limit === undefined) {
    const length = target.argText.length + instruction.heredocs.reduce((n, h) => n + h.content.length, 0);
    // Too short to hold that many brackets: no need to build the script.
    const source = length > MAX_SHELL_DEPTH ? shellSource(a.doc, instruction) : undefined;
    limit = (source && shellLimit(source.text)) ?? null;
    shellLimits.set(instruction, limit);
  }
  return limit;
}

function scriptLimit(a: Analysis, instruction: Instruction): ShellLimit | undefined {
  const limit = ownScriptLimit(a, instruction);
  return limit && a.shellKind(instruction) !== 'other' ? limit : undefined;
}

/** The notes as diagnostics; `timedOut`: the validation's deadline passed before every check ran. */
export function limitDiagnostics(a: Analysis, source: string, timedOut = false): Diagnostic[] {
  const notes = limitNotes(a);
  if (timedOut) notes.push({ span: { start: 0, end: Math.min(1, a.text.length) }, message: timeNote() });
  return notes.map((note) => ({ range: a.range(note.span), severity: DiagnosticSeverity.Warning, code: LIMIT_CODE, source, message: note.message }));
}
