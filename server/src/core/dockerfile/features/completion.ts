// Completion: instructions (with snippets), flags and their values, stage names, variables in
// scope, local images and tags in FROM, and parser directives.
import type { ServiceContext } from '../../languageService';
import { t } from '../../l10n';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from '../../types';
import type { Analysis } from '../analysis/analysis';
import { completionWhere } from './completionContext';
import { INSTRUCTION_DOCS } from './docs/instructionDocs';
import { DIRECTIVE_DOCS, flagDoc, mountKeyDoc } from './docs/flagDocs';
import { flagsOf, flagSpec, MOUNT_KEYS, MOUNT_VALUES } from '../syntax/flagSpecs';
import { parseImageRef } from '../syntax/imageRef';
import { PREDEFINED_ARGS } from '../analysis/variableScope';

export const COMPLETION_TRIGGERS = ['-', '=', '$', '{', ':', ',', ' ', '#'];

const PLATFORMS = ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'windows/amd64'];
const RETRIGGER = { title: 'suggest', command: 'editor.action.triggerSuggest' };
const NO_ONBUILD = new Set(['FROM', 'ONBUILD', 'MAINTAINER']);

export function complete(a: Analysis, offset: number, context: ServiceContext): CompletionList {
  const where = completionWhere(a, offset);
  const range = (start: number) => a.range({ start, end: offset });
  const item = (label: string, kind: CompletionItemKind, start: number, extra: Partial<CompletionItem> = {}): CompletionItem => ({
    label,
    kind,
    textEdit: { range: range(start), newText: extra.insertText ?? label },
    ...extra,
  });
  const items: CompletionItem[] = [];

  switch (where.kind) {
    case 'directive':
      for (const [name, doc] of Object.entries(DIRECTIVE_DOCS)) {
        const value = name === 'syntax' ? 'docker/dockerfile:1' : name === 'escape' ? '\\' : 'skip=';
        items.push(item(`${name}=`, CompletionItemKind.Keyword, where.start, { insertText: ` ${name}=${value}`, filterText: `${name}`, documentation: { kind: 'markdown', value: doc() } }));
      }
      break;
    case 'keyword': {
      const lower = a.doc.instructions.length > 0 && a.doc.instructions.every((i) => i.keyword === i.keyword.toLowerCase());
      for (const doc of INSTRUCTION_DOCS) {
        if (doc.keyword === 'MAINTAINER' || (where.onbuild && NO_ONBUILD.has(doc.keyword))) continue;
        const keyword = lower ? doc.keyword.toLowerCase() : doc.keyword;
        const snippet = doc.snippet.replace(/^[A-Z]+/, keyword);
        items.push(item(keyword, CompletionItemKind.Keyword, where.start, {
          insertText: snippet,
          insertTextFormat: InsertTextFormat.Snippet,
          detail: doc.signature,
          documentation: { kind: 'markdown', value: `${doc.summary()[0]}\n\n\`\`\`dockerfile\n${doc.example}\n\`\`\`` },
        }));
      }
      break;
    }
    case 'flag': {
      const present = new Set(where.instruction.flags.map((f) => f.name));
      for (const spec of flagsOf(where.instruction.upper)) {
        if (present.has(spec.name) && !spec.repeatable) continue;
        const boolean = spec.kind === 'boolean';
        items.push(item(`--${spec.name}`, CompletionItemKind.Property, where.start, {
          insertText: boolean ? `--${spec.name}` : `--${spec.name}=`,
          documentation: { kind: 'markdown', value: flagDoc(where.instruction.upper, spec.name) ?? '' },
          ...(boolean ? {} : { command: RETRIGGER }),
        }));
      }
      break;
    }
    case 'flagValue':
      items.push(...flagValues(a, where, context).map(({ label, doc, kind, insert, retrigger, start }) =>
        item(label, kind, start ?? where.start, { insertText: insert ?? label, ...(doc ? { documentation: { kind: 'markdown' as const, value: doc } } : {}), ...(retrigger ? { command: RETRIGGER } : {}) })));
      break;
    case 'variable': {
      const visible = where.instruction ? a.variables.visibleAt(where.instruction) : new Map();
      const names = new Map<string, string | undefined>();
      for (const [name, def] of visible) names.set(name, def.value);
      if (!where.instruction || where.instruction.upper === 'FROM') for (const p of PREDEFINED_ARGS) if (/^(TARGET|BUILD)/.test(p) && !names.has(p)) names.set(p, undefined);
      for (const [name, value] of names) {
        const insert = where.braced ? `\${${name}}` : `$${name}`;
        items.push(item(name, CompletionItemKind.Variable, where.start, { insertText: insert, filterText: insert, detail: value !== undefined ? `= ${value}` : t('build argument') }));
      }
      break;
    }
    case 'fromImage': {
      const colon = where.prefix.lastIndexOf(':');
      if (colon > 0 && !where.prefix.includes('$')) {
        const repo = parseImageRef(where.prefix.slice(0, colon)).path;
        for (const image of context.facts.images) {
          const ref = parseImageRef(image.name);
          if (ref.path === repo && ref.tag) items.push(item(ref.tag, CompletionItemKind.Constant, where.start + colon + 1, { detail: t('local image') }));
        }
        break;
      }
      for (const stage of a.doc.stages) {
        if (stage.name && stage.index < where.instruction.stage) items.push(item(stage.name.value, CompletionItemKind.Reference, where.start, { detail: t('build stage'), sortText: `0${stage.name.value}` }));
      }
      for (const image of context.facts.images) {
        if (!image.name.includes('<none>')) items.push(item(image.name, CompletionItemKind.Module, where.start, { detail: t('local image'), sortText: `1${image.name}` }));
      }
      items.push(item('scratch', CompletionItemKind.Keyword, where.start, { detail: t('empty base image'), sortText: '2scratch' }));
      break;
    }
    case 'fromAs':
      items.push(item('AS', CompletionItemKind.Keyword, where.start, { insertText: 'AS ${1:name}', insertTextFormat: InsertTextFormat.Snippet }));
      break;
    case 'healthcheckType':
      items.push(item('CMD', CompletionItemKind.Keyword, where.start, { insertText: 'CMD ' }), item('NONE', CompletionItemKind.Keyword, where.start));
      break;
    default:
      break;
  }
  return { isIncomplete: false, items };
}

interface Value {
  label: string;
  kind: CompletionItemKind;
  doc?: string;
  insert?: string;
  retrigger?: boolean;
  start?: number;
}

function flagValues(a: Analysis, where: Extract<ReturnType<typeof completionWhere>, { kind: 'flagValue' }>, context: ServiceContext): Value[] {
  const spec = flagSpec(where.instruction.upper, where.flag);
  if (!spec) return [];
  const stageNames = (): Value[] => a.doc.stages
    .filter((s) => s.name && s.index < where.instruction.stage)
    .map((s) => ({ label: s.name!.value, kind: CompletionItemKind.Reference }));
  switch (spec.kind) {
    case 'stage':
      return [...stageNames(), ...context.facts.images.filter((i) => !i.name.includes('<none>')).map((i) => ({ label: i.name, kind: CompletionItemKind.Module }))];
    case 'platform':
      return PLATFORMS.map((p) => ({ label: p, kind: CompletionItemKind.Value }));
    case 'enum':
      return (spec.values ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
    case 'boolean':
      return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Value }));
    case 'duration':
      return ['5s', '10s', '30s', '1m', '5m'].map((v) => ({ label: v, kind: CompletionItemKind.Value }));
    case 'integer':
      return ['3'].map((v) => ({ label: v, kind: CompletionItemKind.Value }));
    case 'mount': {
      const comma = where.value.lastIndexOf(',');
      const segment = where.value.slice(comma + 1);
      const segmentStart = where.start + comma + 1;
      const parts = where.value.split(',');
      const type = parts.map((p) => /^type=(\w+)$/.exec(p)?.[1]).find((x) => x) ?? 'bind';
      const eq = segment.indexOf('=');
      if (eq >= 0) {
        const key = segment.slice(0, eq);
        const values = key === 'from' ? stageNames() : (MOUNT_VALUES[key] ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
        return values.map((v) => ({ ...v, start: segmentStart + eq + 1 }));
      }
      const used = new Set(parts.slice(0, -1).map((p) => p.split('=')[0]));
      return (MOUNT_KEYS[type] ?? []).filter((k) => !used.has(k) && !['dst', 'destination', 'src', 'ro', 'rw'].includes(k))
        .map((k) => ({ label: `${k}=`, kind: CompletionItemKind.Property, doc: mountKeyDoc(k), retrigger: true, start: segmentStart }));
    }
    default:
      return [];
  }
}
