// Hover: the schema's description and our explanation on keys; the YAML a reference points at;
// who uses a declaration; the value a variable takes from `.env`; and, where a diagnostic is,
// the longer explanation of its rule.
import { t } from '../../l10n';
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import type { Hover, Position } from '../../types';
import { composeFileOf } from '../model/documentStore';
import type { ComposeFile } from '../model/composeFile';
import { locate } from '../model/locate';
import { scanInterpolation } from '../model/interpolation';
import { projectEnv } from '../model/envFile';
import { symbolsOf } from '../model/symbols';
import { basenameUri } from '../model/uris';
import { schemasAt } from '../schema/composeSchema';
import { composeRule } from '../checks/rules';
import { problemsFoundIn } from '../checks/runChecks';
import { publishedProblems } from './publishedProblems';
import { keyDocumentation } from './keyDocs';
import { occurrences, symbolAt } from './symbolAt';
import { kindLabel } from './kindLabel';
import { codeBlock, escapeMarkdown, inlineCode } from '../../markdown';

const MAX_SNIPPET_LINES = 12;
const MAX_SNIPPET_LINE = 200;
/** Services named in "used by" at most. */
const MAX_USERS = 20;

const shortLine = (line: string) => (line.length > MAX_SNIPPET_LINE ? `${line.slice(0, MAX_SNIPPET_LINE - 1)}…` : line);

export function hoverCompose(document: TextDocumentLike, position: Position, context: ServiceContext): Hover | null {
  const file = composeFileOf(document);
  if (file.skipped) return null;
  const offset = file.lines.offsetAt(position);
  const parts: string[] = [];
  let range: [number, number] | undefined;

  const variable = variableAt(file, offset);
  const symbol = variable ? undefined : symbolAt(file, offset);
  if (variable) {
    parts.push(variableText(variable, file, context));
    range = [variable.start, variable.end];
  } else if (symbol) {
    const found = occurrences(file, context, symbol.kind, symbol.name);
    range = [symbol.start, symbol.end];
    if (symbol.isDeclaration) {
      const users = [...new Set(found.filter((o) => !o.isDeclaration).map((o) => usingService(o.file, o.start)).filter((s): s is string => !!s))];
      const kind = kindLabel(symbol.kind);
      parts.push(users.length > 0
        ? t('**{0}** {1}, used by: {2}', kind, inlineCode(symbol.name), [...users.slice(0, MAX_USERS).map((u) => escapeMarkdown(u)), ...(users.length > MAX_USERS ? ['…'] : [])].join(', '))
        : t('**{0}** {1}, not referenced by any service', kind, inlineCode(symbol.name)));
    } else {
      const declaration = found.find((o) => o.isDeclaration);
      if (declaration) parts.push(declarationSnippet(declaration.file, declaration.start, file));
    }
  }
  const located = locate(file, offset);
  if (located?.onKey && !symbol?.isDeclaration) {
    const key = located.path[located.path.length - 1];
    if (typeof key === 'string') {
      const docs = keyDocumentation(key, located.path, schemasAt(located.path));
      if (docs) parts.push(docs.value);
      range ??= [located.node.start, located.node.end];
    }
  }
  for (const problem of problemsFoundIn(file) ?? publishedProblems(file, context)) {
    if (problem.start > offset || offset > problem.end) continue;
    const rule = composeRule(problem.rule);
    if (rule) parts.push(`**${rule.title()}** (\`${rule.id}\`): ${rule.explanation()}`);
  }
  if (parts.length === 0) return null;
  const hover: Hover = { contents: { kind: 'markdown', value: [...new Set(parts)].join('\n\n---\n\n') } };
  if (range) hover.range = file.range(range[0], range[1]);
  return hover;
}

function variableAt(file: ComposeFile, offset: number) {
  const located = locate(file, offset);
  const node = located?.node;
  if (!node || located.onKey || node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const { uses } = scanInterpolation(file.text.slice(node.start, node.end), node.start);
  // The innermost variable containing the offset (defaults may nest).
  return uses.filter((u) => u.start <= offset && offset <= u.end).sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
}

function variableText(use: NonNullable<ReturnType<typeof variableAt>>, file: ComposeFile, context: ServiceContext): string {
  const env = projectEnv(file.uri, context);
  const value = env.values.get(use.name);
  const lines = [`**\${${use.name}}**`];
  if (value !== undefined) lines.push(t('`.env` sets it to {0}.', inlineCode(value)));
  else lines.push(t('Not set in `.env`; compose takes it from the environment of the shell that runs it.'));
  if (use.operator === ':-' || use.operator === '-') lines.push(t('Default when unset: {0}.', inlineCode(use.argument ?? '')));
  if (use.operator === ':?' || use.operator === '?') lines.push(t('Required: compose stops with {0} when it is unset.', inlineCode(use.argument ?? '')));
  if (use.operator === ':+' || use.operator === '+') lines.push(t('When set, replaced by {0}.', inlineCode(use.argument ?? '')));
  return lines.join('\n\n');
}

/** The service whose definition holds an offset (for "used by"). */
function usingService(file: ComposeFile, offset: number): string | undefined {
  for (const [name, service] of symbolsOf(file).services) {
    const map = service.map;
    if (map && map.start <= offset && offset <= map.end) return name;
  }
  return symbolsOf(file).references.find((r) => r.start === offset)?.service;
}

function declarationSnippet(file: ComposeFile, start: number, from: ComposeFile): string {
  const first = file.lines.positionAt(start).line;
  const indent = file.lines.lineText(first).length - file.lines.lineText(first).trimStart().length;
  const lines = [file.lines.lineText(first)];
  for (let line = first + 1; line < file.lines.lineCount && lines.length < MAX_SNIPPET_LINES; line++) {
    const text = file.lines.lineText(line);
    if (text.trim() !== '' && text.length - text.trimStart().length <= indent) break;
    lines.push(text);
  }
  while (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const body = lines.map((l) => shortLine(l.slice(Math.min(indent, l.length - l.trimStart().length)))).join('\n');
  const where = file.uri === from.uri ? '' : `${t('In {0}', escapeMarkdown(basenameUri(file.uri)))}\n\n`;
  return `${where}${codeBlock(body, 'yaml')}`;
}
