// Quick fixes that reorganise the file or touch other files: copying the manifest before the
// install, the .dockerignore, renaming a stage with its references, and suppression comments.
import { t } from '../../l10n';
import { LineIndex } from '../../text';
import { copyArgs } from '../analysis/copySources';
import { ruleById } from '../validation/rules/allRules';
import { action, edit, fullLines, indentOf, type QuickFix } from './fixContext';

export const CREATE_DOCKERIGNORE_COMMAND = 'dockerWorkbench.createDockerignore';

/** Entries a new .dockerignore should start with. */
export const DOCKERIGNORE_ENTRIES = ['.git', '.gitignore', 'node_modules', 'npm-debug.log', '.env', '.env.*', '*.log', 'Dockerfile*', '.dockerignore', 'dist', 'build', '__pycache__', '*.pyc', '.venv', 'target', 'bin', 'obj', '.vscode', '.idea'];

export const createDockerignore: QuickFix = (fx) => {
  const folderUri = fx.data.folderUri;
  if (typeof folderUri !== 'string') return [];
  return [{
    title: t('Create a .dockerignore with common entries'),
    kind: 'quickfix',
    diagnostics: [fx.diagnostic],
    isPreferred: true,
    command: { title: t('Create .dockerignore'), command: CREATE_DOCKERIGNORE_COMMAND, arguments: [{ folderUri, entries: DOCKERIGNORE_ENTRIES }] },
  }];
};

export const USE_LF_COMMAND = 'dockerWorkbench.useLfLineEndings';

/**
 * heredoc-crlf: the file to LF line endings. A command, not an edit: VS Code turns the line breaks
 * an edit inserts into the document's own, so only its end-of-line setting can change them.
 */
export const useLfLineEndings: QuickFix = (fx) => [{
  title: t('Change the file\'s line endings to LF'),
  kind: 'quickfix',
  diagnostics: [fx.diagnostic],
  isPreferred: true,
  command: { title: t('Change the line endings to LF'), command: USE_LF_COMMAND, arguments: [fx.uri] },
}];

export const extendDockerignore: QuickFix = (fx) => {
  const { ignoreUri, missing } = fx.data as { ignoreUri?: string; missing?: string[] };
  if (typeof ignoreUri !== 'string' || !Array.isArray(missing)) return [];
  const text = fx.service.files.readText(ignoreUri) ?? '';
  const end = new LineIndex(text).positionAt(text.length);
  const prefix = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  return [{
    title: t('Add {0} to .dockerignore', missing.join(', ')),
    kind: 'quickfix',
    diagnostics: [fx.diagnostic],
    isPreferred: true,
    edit: { changes: { [ignoreUri]: [{ range: { start: end, end }, newText: `${prefix}${missing.join('\n')}\n` }] } },
  }];
};

export const manifestFirst: QuickFix = (fx) => {
  const { manifests, runAt } = fx.data as { manifests?: string[]; runAt?: number };
  const copy = fx.instruction;
  const install = typeof runAt === 'number' ? fx.a.instructionAt(runAt) : undefined;
  if (!Array.isArray(manifests) || !copy || !install) return [];
  const dest = copyArgs(copy).dest?.value ?? '.';
  const target = dest === '.' || dest.endsWith('/') ? dest === '.' ? './' : dest : `${dest}/`;
  const indent = indentOf(fx, copy.span.start);
  const commands = fx.a.shell(install)?.summary.commands.filter((c) => c.words[0]?.text !== 'set') ?? [];
  const movable = commands.length === 1 && install.heredocs.length === 0;
  const copyLine = `COPY ${manifests.join(' ')} ${target}\n${indent}`;
  if (!movable) {
    return [action(fx, t('Copy {0} before everything else', manifests.join(' ')), [edit(fx, { start: copy.span.start, end: copy.span.start }, copyLine)], false)];
  }
  const runText = fx.a.text.slice(install.fullSpan.start, install.fullSpan.end);
  return [action(fx, t('Copy {0} and install before copying the rest', manifests.join(' ')), [
    edit(fx, { start: copy.span.start, end: copy.span.start }, `${copyLine}${runText}\n${indent}`),
    edit(fx, fullLines(fx, install.fullSpan), ''),
  ])];
};

export const suppressRule = (id: string): QuickFix => (fx) => {
  const i = fx.instruction;
  if (!i || !ruleById(id)) return [];
  const indent = indentOf(fx, i.span.start);
  const above = fx.a.lines.lineText(Math.max(0, fx.a.lines.positionAt(i.span.start).line - 1));
  const existing = /^\s*#\s*workbench\s+ignore\s*=\s*(.*)$/.exec(above);
  if (existing) {
    const lineNo = fx.a.lines.positionAt(i.span.start).line - 1;
    const end = fx.a.lines.lineEnd(lineNo);
    return [action(fx, t('Ignore {0} for this instruction', id), [edit(fx, { start: end, end }, `,${id}`)], false)];
  }
  const lineStart = fx.a.lines.lineStart(fx.a.lines.positionAt(i.span.start).line);
  return [action(fx, t('Ignore {0} for this instruction', id), [edit(fx, { start: lineStart, end: lineStart }, `${indent}# workbench ignore=${id}\n`)], false)];
};
