// Quick fixes that replace, insert or delete a piece of text the rule pointed at.
import { t } from '../../l10n';
import { action, edit, fullLines, type QuickFix } from './fixContext';

/** data.replacement (and optional data.span) replaces the diagnostic's text. */
export const replaceText: QuickFix = (fx) => {
  const replacement = fx.data.replacement;
  if (typeof replacement !== 'string') return [];
  const span = (fx.data.span as { start: number; end: number } | undefined) ?? fx.span;
  return [action(fx, t('Change to {0}', replacement), [edit(fx, span, replacement)])];
};

export const deleteLine: QuickFix = (fx) => {
  if (!fx.data.deleteLine) return [];
  return [action(fx, t('Remove this line'), [edit(fx, fullLines(fx, fx.span), '')])];
};

/** misplaced-directive: the comment moved below the directives already at the top, or to the first line. */
export const moveDirectiveToTop: QuickFix = (fx) => {
  if (!fx.data.moveToTop) return [];
  const text = fx.a.text;
  const directives = fx.a.doc.directives;
  const last = directives[directives.length - 1];
  // After the block's last line and its line break, or at the start (after a byte order mark).
  const at = last ? fullLines(fx, last.span).end : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const line = text.slice(fx.span.start, fx.span.end).trim();
  const atEnd = at === text.length && text.length > 0 && !text.endsWith('\n');
  return [action(fx, t('Move it to the top of the file'), [edit(fx, { start: at, end: at }, atEnd ? `\n${line}` : `${line}\n`), edit(fx, fullLines(fx, fx.span), '')])];
};

export const deleteSpan: QuickFix = (fx) => {
  const span = fx.data.deleteSpan as { start: number; end: number } | undefined;
  if (!span) return [];
  let end = span.end;
  while (fx.a.text[end] === ' ' || fx.a.text[end] === '\t') end++;
  return [action(fx, t('Remove {0}', fx.a.text.slice(span.start, span.end)), [edit(fx, { start: span.start, end }, '')])];
};

export const appendText: QuickFix = (fx) => {
  if (typeof fx.data.append !== 'string' || typeof fx.data.appendAt !== 'number') return [];
  const at = fx.data.appendAt;
  return [action(fx, t('Add {0}', fx.data.append.trim()), [edit(fx, { start: at, end: at }, fx.data.append)])];
};

/** misplaced-flag: the flag taken from after the paths and put back among the flags. */
export const moveText: QuickFix = (fx) => {
  const span = fx.data.deleteSpan as { start: number; end: number } | undefined;
  if (!span || typeof fx.data.append !== 'string' || typeof fx.data.appendAt !== 'number') return [];
  const at = fx.data.appendAt;
  return [action(fx, t('Move {0} before the paths', fx.data.append.trim()), [edit(fx, { start: at, end: at }, fx.data.append), edit(fx, span, '')])];
};

export const toExecForm: QuickFix = (fx) => {
  const words = fx.data.exec;
  const i = fx.instruction;
  if (!Array.isArray(words) || !i) return [];
  const json = `[${words.map((w) => JSON.stringify(String(w))).join(', ')}]`;
  return [action(fx, t('Convert to exec form {0}', json), [edit(fx, i.args, json)])];
};

export const doubleQuoteJson: QuickFix = (fx) => {
  const i = fx.instruction?.trigger ?? fx.instruction;
  if (!i?.singleQuotedJson) return [];
  const items = [...i.argText.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => JSON.stringify(m[1]!));
  return [action(fx, t('Use double quotes (exec form)'), [edit(fx, i.args, `[${items.join(', ')}]`)])];
};

export const legacyToEquals: QuickFix = (fx) => {
  const { keyEnd, valueStart, value } = fx.data as { keyEnd?: number; valueStart?: number; value?: string };
  if (keyEnd === undefined || valueStart === undefined || value === undefined) return [];
  const quoted = /\s/.test(value) && !/^(["']).*\1$/.test(value) ? JSON.stringify(value) : value;
  return [action(fx, t('Use key=value'), [edit(fx, { start: keyEnd, end: valueStart }, '='), edit(fx, { start: valueStart, end: valueStart + value.length }, quoted)])];
};

export const maintainerToLabel: QuickFix = (fx) => {
  const i = fx.instruction;
  if (!i || i.upper !== 'MAINTAINER') return [];
  const label = `LABEL org.opencontainers.image.authors=${JSON.stringify(i.argText.trim())}`;
  return [action(fx, t('Replace with LABEL org.opencontainers.image.authors'), [edit(fx, i.span, label)])];
};

export const declareArg: QuickFix = (fx) => {
  const name = fx.data.declareArg;
  const stage = fx.instruction ? fx.a.doc.stages[fx.instruction.stage] : undefined;
  if (typeof name !== 'string' || !stage) return [];
  const at = stage.from.span.end;
  return [action(fx, t('Declare ARG {0} in this stage', name), [edit(fx, { start: at, end: at }, `\nARG ${name}`)])];
};
