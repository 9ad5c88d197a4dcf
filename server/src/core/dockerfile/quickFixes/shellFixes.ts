// Quick fixes inside RUN scripts: package-manager switches, apt-get update merging and list
// cleanup, and replacing a leading `cd` with WORKDIR.
import { t } from '../../l10n';
import type { CodeAction } from '../../types';
import { action, edit, fullLines, indentOf, type FixContext, type QuickFix } from './fixContext';

/** Inserts ` option` after the first `word` inside the diagnostic's command text. */
function insertAfterWord(fx: FixContext, word: RegExp, option: string): CodeAction[] {
  const text = fx.a.text.slice(fx.span.start, fx.span.end);
  const m = word.exec(text);
  if (!m) return [];
  const at = fx.span.start + m.index + m[0].length;
  return [action(fx, t('Add {0}', option.trim()), [edit(fx, { start: at, end: at }, option)])];
}

const OPTIONS: Record<string, [RegExp, string]> = {
  'apt-get-yes': [/\binstall\b/, ' -y'],
  'apt-no-install-recommends': [/\binstall\b/, ' --no-install-recommends'],
  'yum-yes': [/\binstall\b/, ' -y'],
  'dnf-yes': [/\binstall\b/, ' -y'],
  'zypper-yes': [/\bzypper\b/, ' -n'],
  'pip-no-cache-dir': [/\binstall\b/, ' --no-cache-dir'],
  'apk-no-cache': [/\badd\b/, ' --no-cache'],
};

export const addOption: QuickFix = (fx) => {
  const entry = OPTIONS[String(fx.diagnostic.code)];
  return entry ? insertAfterWord(fx, entry[0], entry[1]) : [];
};

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

export const appendAptCleanup: QuickFix = (fx) => {
  const i = fx.instruction;
  if (!i || i.heredocs.length > 0 || i.exec || i.upper !== 'RUN') return [];
  const indent = indentOf(fx, i.span.start);
  const at = i.span.end;
  return [action(fx, t('Add && {0} at the end of this RUN', CLEANUP), [edit(fx, { start: at, end: at }, ` \\\n${indent}    && ${CLEANUP}`)])];
};

export const mergeAptUpdate: QuickFix = (fx) => {
  const i = fx.instruction;
  const stage = i ? fx.a.doc.stages[i.stage] : undefined;
  if (!i || !stage || !fx.data.mergeUpdate) return [];
  const next = stage.instructions.find((n) => n.index > i.index && n.upper === 'RUN' && !n.exec && n.heredocs.length === 0 && /\bapt(-get)?\s+(-\S+\s+)*install\b/.test(n.argText));
  if (!next) return [];
  const cleanup = next.argText.includes('/var/lib/apt/lists') ? '' : ` \\\n${indentOf(fx, next.span.start)}    && ${CLEANUP}`;
  return [action(fx, t('Merge apt-get update into the RUN that installs (line {0})', String(fx.a.lines.positionAt(next.span.start).line + 1)), [
    edit(fx, fullLines(fx, i.fullSpan), ''),
    edit(fx, { start: next.args.start, end: next.args.start }, 'apt-get update && '),
    ...(cleanup ? [edit(fx, { start: next.span.end, end: next.span.end }, cleanup)] : []),
  ])];
};

export const cdToWorkdir: QuickFix = (fx) => {
  const i = fx.instruction;
  const dir = fx.data.workdir;
  if (!i || typeof dir !== 'string' || i.heredocs.length > 0) return [];
  // After `cd dir`, expect `&&`, then the rest of the script (possibly after a continuation).
  const text = fx.a.text;
  const m = /^[ \t]*&&(?:[ \t]|\\\r?\n|`\r?\n|\r?\n)*/.exec(text.slice(fx.span.end, i.span.end));
  if (!m || fx.span.start !== i.args.start) return [];
  const restStart = fx.span.end + m[0].length;
  const indent = indentOf(fx, i.span.start);
  return [action(fx, t('Replace cd with WORKDIR {0}', dir), [
    edit(fx, { start: i.span.start, end: i.span.start }, `WORKDIR ${dir}\n${indent}`),
    edit(fx, { start: i.args.start, end: restStart }, ''),
  ])];
};

/** A RUN that is only `cd dir` becomes `WORKDIR dir`. */
export const runCdToWorkdir: QuickFix = (fx) => {
  const i = fx.instruction;
  const dir = fx.data.workdir;
  if (!i || typeof dir !== 'string' || i.heredocs.length > 0 || i.flags.length > 0 || i.upper !== 'RUN') return [];
  return [action(fx, t('Replace this RUN with WORKDIR {0}', dir), [edit(fx, i.span, `WORKDIR ${dir}`)])];
};
