// Quick fixes for compose diagnostics (a suggested name or value, a missing declaration, the
// obsolete `version`, an unquoted port) and a refactoring that quotes a port mapping under the
// cursor. Fixes are computed from this version's own findings, matched to the diagnostics the
// client sends back by rule and range.
import { t } from '../../l10n';
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import type { CodeAction, Diagnostic, Range, TextEdit } from '../../types';
import { entries, rootMaps } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { composeFileOf } from '../model/documentStore';
import { locate } from '../model/locate';
import { composeProblems, problemsFoundIn } from '../checks/runChecks';
import type { Problem } from '../checks/problems';
import { toDiagnostics } from '../checks/problems';
import { declareEdit } from './declareEdit';
import { publishedProblems } from './publishedProblems';
import { pathIs } from './pathPattern';

export function codeActionsCompose(document: TextDocumentLike, range: Range, diagnostics: Diagnostic[], context: ServiceContext): CodeAction[] {
  const file = composeFileOf(document);
  if (file.skipped) return [];
  const from = file.lines.offsetAt(range.start);
  const to = file.lines.offsetAt(range.end);
  const found = problemsFoundIn(file) ?? (context.publishedDiagnostics ? publishedProblems(file, context) : composeProblems(file, context));
  const problems = found.filter((p) => p.start <= to && p.end >= from);
  const actions: CodeAction[] = [];
  const fix = (title: string, problem: Problem, edits: TextEdit[], preferred = false) => {
    const action: CodeAction = { title, kind: 'quickfix', diagnostics: [matching(file, problem, diagnostics, context)], edit: { changes: { [file.uri]: edits } } };
    if (preferred) action.isPreferred = true;
    actions.push(action);
  };
  for (const problem of problems) {
    const data = problem.data;
    if (data?.replacement !== undefined) {
      fix(t('Change to "{0}"', data.replacement), problem, [{ range: file.range(problem.start, problem.end), newText: data.replacement }], true);
    }
    if (data?.declare) {
      const edit = declareEdit(file, data.declare.section, data.declare.name);
      if (edit) fix(t('Declare "{0}" under the top-level "{1}"', data.declare.name, data.declare.section), problem, [edit], true);
    }
    if (data?.insertLine && data.insertLine.offset >= 0 && data.insertLine.offset <= file.text.length) {
      fix(t('Add {0}', data.insertLine.text.trim()), problem, [{ range: file.range(data.insertLine.offset, data.insertLine.offset), newText: data.insertLine.text }], true);
    }
    if (problem.rule === 'compose-obsolete-version') {
      const edit = removeVersion(file);
      if (edit) fix(t('Remove the obsolete "version"'), problem, [edit], true);
    }
    if (problem.rule === 'compose-port-quoting') {
      fix(t('Quote the port mapping'), problem, [{ range: file.range(problem.start, problem.end), newText: `"${file.text.slice(problem.start, problem.end)}"` }], true);
    }
  }
  const quote = quotePortRefactor(file, from);
  if (quote && !actions.some((a) => a.title === quote.title)) actions.push(quote);
  return actions;
}

/** The client's diagnostic for a problem when it sent one, else ours. */
function matching(file: ComposeFile, problem: Problem, sent: Diagnostic[], context: ServiceContext): Diagnostic {
  const [ours] = toDiagnostics(file, [problem], context.settings.rules);
  const fallback = ours ?? { range: file.range(problem.start, problem.end), severity: 1, code: problem.rule, source: 'docker-workbench', message: problem.message };
  return sent.find((d) => d.code === problem.rule && sameRange(d.range, fallback.range)) ?? fallback;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Deletes the `version` line(s), including the line break. */
function removeVersion(file: ComposeFile): TextEdit | undefined {
  for (const root of rootMaps(file)) {
    const version = entries(file, root).find((e) => e.key === 'version' && !e.mergedFrom);
    if (!version) continue;
    const first = file.lines.positionAt(version.keyNode.start).line;
    const last = file.lines.positionAt((version.raw ?? version.keyNode).end).line;
    const end = last + 1 < file.lines.lineCount ? file.lines.lineStart(last + 1) : file.lines.lineEnd(last);
    return { range: file.range(file.lines.lineStart(first), end), newText: '' };
  }
  return undefined;
}

/** "Quote the port mapping" for any unquoted port under the cursor, diagnosed or not. */
function quotePortRefactor(file: ComposeFile, offset: number): CodeAction | undefined {
  const located = locate(file, offset);
  const node = located?.node;
  if (!located || !node || node.kind !== 'scalar' || node.style !== 'plain' || node.value === null) return undefined;
  if (!pathIs(located.path, 'services.*.ports.#')) return undefined;
  const text = file.text.slice(node.start, node.end);
  return {
    title: t('Quote the port mapping'),
    kind: 'refactor.rewrite',
    edit: { changes: { [file.uri]: [{ range: file.range(node.start, node.end), newText: `"${text}"` }] } },
  };
}
