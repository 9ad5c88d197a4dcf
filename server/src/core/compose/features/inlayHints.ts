// Inlay hints: what a `${VAR}` resolves to with the project's `.env`, what a service inherits
// through `extends` (and what it overrides), and what a `<<: *anchor` merge brings in (and which
// of the service's own keys override it).
import { t } from '../../l10n';
import { MAX_INLAY_HINTS } from '../../limits';
import { oneLine } from '../../oneLine';
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import type { InlayHint, Range } from '../../types';
import { entries, mergeSources, resolve, type Entry } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { composeFileOf, composeFileOfText } from '../model/documentStore';
import { projectEnv } from '../model/envFile';
import { scanInterpolation, substitute } from '../model/interpolation';
import { walk, type CNode, type MapNode } from '../model/nodes';
import { readText } from '../model/project';
import { scalarSpan, symbolsOf } from '../model/symbols';
import { dirnameUri, resolvePath } from '../model/uris';

const MAX_LABEL = 40;

export function inlayHintsCompose(document: TextDocumentLike, range: Range, context: ServiceContext): InlayHint[] {
  const file = composeFileOf(document);
  if (file.skipped) return [];
  const from = file.lines.offsetAt(range.start);
  const to = file.lines.offsetAt(range.end);
  const hints: InlayHint[] = [];
  variableHints(file, from, to, context, hints);
  for (const [name, service] of symbolsOf(file).services) {
    const map = service.map;
    if (!map || map.end < from || map.start > to) continue;
    extendsHints(file, name, map, context, hints);
    mergeHints(file, map, hints);
  }
  return hints.filter((h) => h.position.line >= range.start.line && h.position.line <= range.end.line);
}

const short = (text: string) => oneLine(text, MAX_LABEL);

function variableHints(file: ComposeFile, from: number, to: number, context: ServiceContext, hints: InlayHint[]): void {
  let env: Map<string, string> | undefined;
  for (const doc of file.documents) {
    walk(doc.root, (node, isKey) => {
      if (node.end < from || node.start > to || hints.length >= MAX_INLAY_HINTS) return false;
      if (isKey || node.kind !== 'scalar' || typeof node.value !== 'string' || !node.value.includes('$')) return true;
      const scan = scanInterpolation(file.text.slice(node.start, node.end), node.start);
      // A value with mistakes, or nested too deep to read, has no value to show.
      if (scan.errors.length > 0 || scan.tooDeep) return true;
      env ??= projectEnv(file.uri, context).values;
      // Only outermost variables: nested ones are part of their parent's value. Uses come in text
      // order, each nested one after the one holding it.
      let outerEnd = -1;
      for (const use of scan.uses) {
        if (hints.length >= MAX_INLAY_HINTS) break;
        if (use.start < outerEnd) continue;
        outerEnd = use.end;
        if (use.start > to) break;
        if (use.end < from) continue;
        const source = file.text.slice(use.start, use.end);
        const value = substitute(source, env);
        const set = env.has(use.name);
        if (value === undefined) {
          hints.push({ position: file.lines.positionAt(use.end), label: t('⚠ {0} unset', use.name), paddingLeft: true, tooltip: t('{0} is not set in .env; compose stops unless the shell sets it.', use.name) });
        } else if (set || use.operator) {
          hints.push({
            position: file.lines.positionAt(use.end),
            label: `= ${short(value === '' ? '""' : value)}`,
            paddingLeft: true,
            tooltip: set ? t('Value of {0} from .env', use.name) : t('{0} is not set in .env: the default applies unless the shell sets it.', use.name),
          });
        }
      }
      return true;
    });
  }
}

/** Compact text of a value for hints. */
function valueText(file: ComposeFile, node: CNode | null): string {
  const value = resolve(file, node);
  if (!value) return '';
  if (value.kind === 'scalar') return short(String(value.value));
  return short(file.text.slice(value.start, value.end).trim());
}

function lineEndHint(file: ComposeFile, offset: number, label: string, tooltip?: string): InlayHint {
  const line = file.lines.positionAt(offset).line;
  const hint: InlayHint = { position: { line, character: file.lines.lineText(line).length }, label, paddingLeft: true };
  if (tooltip) hint.tooltip = tooltip;
  return hint;
}

function extendsHints(file: ComposeFile, name: string, map: MapNode, context: ServiceContext, hints: InlayHint[]): void {
  const ext = entries(file, map).find((e) => e.key === 'extends');
  if (!ext) return;
  const base = extendedService(file, ext, context);
  if (!base || base.name === name) return;
  const own = new Map(entries(file, map).map((e) => [e.key, e]));
  const inherited: string[] = [];
  for (const entry of entries(base.file, base.map)) {
    if (entry.key === 'extends') continue;
    const mine = own.get(entry.key);
    if (!mine) inherited.push(entry.key);
    else if (entry.value?.kind === 'scalar' && mine.value?.kind === 'scalar') {
      hints.push(lineEndHint(file, mine.keyNode.start, t('(overrides {0}: {1})', base.name, valueText(base.file, entry.raw))));
    }
  }
  if (inherited.length > 0) {
    hints.push(lineEndHint(file, ext.keyNode.start, t('inherits {0}', inherited.join(', ')), t('Keys {0} come from service "{1}"', inherited.join(', '), base.name)));
  }
}

function extendedService(file: ComposeFile, ext: Entry, context: ServiceContext): { file: ComposeFile; map: MapNode; name: string } | undefined {
  let name: string | undefined;
  let target = file;
  if (ext.value?.kind === 'scalar') name = scalarSpan(file, ext.raw)?.text;
  else if (ext.value?.kind === 'map') {
    const fields = entries(file, ext.value);
    name = scalarSpan(file, fields.find((e) => e.key === 'service')?.raw ?? null)?.text;
    const path = scalarSpan(file, fields.find((e) => e.key === 'file')?.raw ?? null)?.text;
    if (path) {
      const uri = resolvePath(dirnameUri(file.uri), path);
      const text = uri ? readText(uri, context) : undefined;
      if (!uri || text === undefined) return undefined;
      target = composeFileOfText(uri, text);
    }
  }
  const map = name ? symbolsOf(target).services.get(name)?.map : undefined;
  return name && map ? { file: target, map, name } : undefined;
}

function mergeHints(file: ComposeFile, map: MapNode, hints: InlayHint[]): void {
  const sources = mergeSources(map);
  if (sources.length === 0) return;
  const all = entries(file, map);
  for (const source of sources) {
    const brought = all.filter((e) => e.mergedFrom && (e.mergedFrom === source.value || (source.value?.kind === 'seq' && source.value.items.includes(e.mergedFrom))));
    if (brought.length > 0) hints.push(lineEndHint(file, source.pair.key!.start, t('adds {0}', brought.map((e) => e.key).join(', '))));
  }
  // Own keys that a merge would otherwise have provided.
  const merged = new Map<string, string>();
  for (const source of sources) {
    const items = source.value?.kind === 'seq' ? source.value.items : [source.value];
    for (const item of items) {
      const target = resolve(file, item);
      if (target?.kind !== 'map' || !item) continue;
      for (const entry of entries(file, target)) if (!merged.has(entry.key)) merged.set(entry.key, file.text.slice(item.start, item.end));
    }
  }
  for (const entry of all) {
    if (entry.mergedFrom) continue;
    const anchor = merged.get(entry.key);
    if (anchor) hints.push(lineEndHint(file, entry.keyNode.start, t('(overrides {0})', anchor)));
  }
}
