// The values offered at a value or list-item site, and the names offered as keys of mappings
// whose keys are references (depends_on and networks in their mapping form, the top-level
// sections). Each is a plain candidate; completion.ts turns them into items.
import { formatBytes } from '../../formatBytes';
import { t } from '../../l10n';
import type { ServiceContext } from '../../languageService';
import { CompletionItemKind, type MarkupContent } from '../../types';
import type { ComposeFile } from '../model/composeFile';
import { buildPaths } from '../model/buildPaths';
import { namedStages } from '../../dockerfile/syntax/namedStages';
import { readText } from '../model/project';
import { symbolsOf } from '../model/symbols';
import { enumValues, itemSchemas, schemasAt, typesOf } from '../schema/composeSchema';
import { pathIs } from './pathPattern';
import { KNOWN_VALUES, RESTART_POLICY_CONDITIONS } from '../schema/valueHints';
import type { CompletionSite } from './completionSite';
import { escapeSnippet } from './completionInsert';
import { pathCandidates } from './completePaths';
import { projectNames, undeclaredUses } from './projectNames';
import { LINUX_CAPABILITIES } from './capabilities';
import { kindLabel } from './kindLabel';

export interface Candidate {
  label: string;
  kind: CompletionItemKind;
  insert: string;
  snippet?: boolean;
  detail?: string;
  documentation?: MarkupContent;
  sortText?: string;
  filterText?: string;
  /** Start of the replaced text when not the site's (paths replace only the last segment). */
  from?: number;
  /** Do not add the space a value needs after a bare `key:`. */
  noSpace?: boolean;
}

const value = (label: string, detail?: string, kind: CompletionItemKind = CompletionItemKind.Value): Candidate =>
  detail ? { label, kind, insert: label, detail } : { label, kind, insert: label };

function names(file: ComposeFile, context: ServiceContext, kind: Parameters<typeof projectNames>[2], except: string[] = []): Candidate[] {
  return projectNames(file, context, kind).filter((n) => !except.includes(n)).map((n) => value(n, kindLabel(kind), CompletionItemKind.Reference));
}

export function valueCandidates(file: ComposeFile, site: CompletionSite, context: ServiceContext): Candidate[] {
  const path = site.path;
  const key = path[path.length - 1];
  const service = typeof path[1] === 'string' && path[0] === 'services' ? path[1] : undefined;
  const out: Candidate[] = [];
  if (pathIs(path, 'services.*.network_mode') || pathIs(path, 'services.*.ipc') || pathIs(path, 'services.*.pid')) {
    for (const n of projectNames(file, context, 'service')) if (n !== service) out.push(value(`service:${n}`, t('service'), CompletionItemKind.Reference));
  }
  if (pathIs(path, 'services.*.extends') || pathIs(path, 'services.*.extends.service')) out.push(...names(file, context, 'service', service ? [service] : []));
  if (pathIs(path, 'services.*.image')) out.push(...imageCandidates(context));
  if (pathIs(path, 'services.*.build.target')) out.push(...stageCandidates(file, context, service));
  if (pathIs(path, 'services.*.volumes.#.source')) out.push(...names(file, context, 'volume'));
  if (pathIs(path, 'services.*.secrets.#.source') || pathIs(path, 'services.*.build.secrets.#.source')) out.push(...names(file, context, 'secret'));
  if (pathIs(path, 'services.*.configs.#.source')) out.push(...names(file, context, 'config'));
  out.push(...pathCandidates(file, site, context));
  const schemas = schemasAt(path);
  const enums = [...new Set(schemas.flatMap(enumValues).map(String))];
  let known = typeof key === 'string' ? KNOWN_VALUES[key] ?? [] : [];
  if (key === 'condition' && pathIs(path, 'services.*.deploy.restart_policy.condition')) known = RESTART_POLICY_CONDITIONS;
  for (const v of [...enums, ...known.filter((k) => !enums.includes(k) && !k.endsWith(':'))]) out.push(value(v, undefined, CompletionItemKind.EnumMember));
  if (enums.length === 0 && schemas.some((s) => typesOf(s).includes('boolean'))) out.push(value('true'), value('false'));
  return out;
}

export function itemCandidates(file: ComposeFile, site: CompletionSite, context: ServiceContext): Candidate[] {
  const path = site.path;
  const service = path[0] === 'services' && typeof path[1] === 'string' ? path[1] : undefined;
  const out: Candidate[] = [];
  const self = service ? [service] : [];
  if (pathIs(path, 'services.*.depends_on') || pathIs(path, 'services.*.links') || pathIs(path, 'services.*.volumes_from')) out.push(...names(file, context, 'service', self));
  if (pathIs(path, 'services.*.networks')) out.push(...names(file, context, 'network'));
  if (pathIs(path, 'services.*.secrets') || pathIs(path, 'services.*.build.secrets')) out.push(...names(file, context, 'secret'));
  if (pathIs(path, 'services.*.configs')) out.push(...names(file, context, 'config'));
  if (pathIs(path, 'services.*.models')) out.push(...names(file, context, 'model'));
  if (pathIs(path, 'services.*.profiles')) out.push(...profileCandidates(file));
  if (pathIs(path, 'services.*.cap_add') || pathIs(path, 'services.*.cap_drop')) out.push(...LINUX_CAPABILITIES.map((c) => value(c, undefined, CompletionItemKind.EnumMember)));
  if (pathIs(path, 'services.*.volumes')) {
    for (const n of projectNames(file, context, 'volume')) {
      out.push({ label: `${n}:`, kind: CompletionItemKind.Reference, insert: `${escapeSnippet(n)}:\${1:/data}`, snippet: true, detail: t('named volume') });
    }
    out.push({ label: './host/path:/container/path', kind: CompletionItemKind.Snippet, insert: '${1:./}:${2:/app}', snippet: true, detail: t('bind mount of a host folder') });
  }
  if (pathIs(path, 'services.*.ports')) {
    out.push(
      { label: '"HOST:CONTAINER"', kind: CompletionItemKind.Snippet, insert: '"${1:8080}:${2:80}"', snippet: true, detail: t('publish a container port on a host port') },
      { label: '"127.0.0.1:HOST:CONTAINER"', kind: CompletionItemKind.Snippet, insert: '"127.0.0.1:${1:8080}:${2:80}"', snippet: true, detail: t('publish on this machine only') },
      { label: '"HOST:CONTAINER/udp"', kind: CompletionItemKind.Snippet, insert: '"${1:53}:${2:53}/udp"', snippet: true, detail: t('publish a UDP port') },
    );
  }
  out.push(...pathCandidates(file, site, context));
  for (const schema of schemasAt(path).flatMap(itemSchemas)) {
    for (const v of enumValues(schema)) out.push(value(String(v), undefined, CompletionItemKind.EnumMember));
  }
  return out;
}

/** Names offered as keys: referenced names in the mapping forms, undeclared names in the top-level sections. */
export function mapKeyCandidates(file: ComposeFile, site: CompletionSite, context: ServiceContext): Candidate[] {
  const path = site.path;
  const service = path[0] === 'services' && typeof path[1] === 'string' ? path[1] : undefined;
  const fresh = (n: string) => !site.siblings.has(n);
  if (pathIs(path, 'services.*.depends_on')) {
    return projectNames(file, context, 'service').filter((n) => n !== service && fresh(n)).map((n) => ({
      label: n,
      kind: CompletionItemKind.Reference,
      insert: `${escapeSnippet(n)}:\n\tcondition: \${1|service_started,service_healthy,service_completed_successfully|}`,
      snippet: true,
      detail: t('service'),
    }));
  }
  if (pathIs(path, 'services.*.networks')) {
    return projectNames(file, context, 'network').filter(fresh).map((n) => ({ label: n, kind: CompletionItemKind.Reference, insert: `${escapeSnippet(n)}:`, snippet: true, detail: t('network') }));
  }
  const section = path.length === 1 ? path[0] : undefined;
  const kind = section === 'volumes' ? 'volume' : section === 'networks' ? 'network' : section === 'secrets' ? 'secret' : section === 'configs' ? 'config' : undefined;
  if (!kind) return [];
  return undeclaredUses(file, context, kind).filter(fresh).map((n) => ({
    label: n,
    kind: CompletionItemKind.Reference,
    insert: kind === 'secret' || kind === 'config' ? `${escapeSnippet(n)}:\n\tfile: \${1:./${escapeSnippet(n)}.txt}` : `${escapeSnippet(n)}:`,
    snippet: true,
    detail: t('used by a service, not declared yet'),
    sortText: `0${n}`,
  }));
}

function imageCandidates(context: ServiceContext): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const image of context.facts.images) {
    if (!image.name || image.name.includes('<none>') || seen.has(image.name)) continue;
    seen.add(image.name);
    out.push(value(image.name, t('local image ({0})', formatBytes(image.size)), CompletionItemKind.Reference));
  }
  return out;
}

function stageCandidates(file: ComposeFile, context: ServiceContext, service: string | undefined): Candidate[] {
  const map = service ? symbolsOf(file).services.get(service)?.map : undefined;
  const build = map ? buildPaths(file, map) : undefined;
  const text = build?.dockerfileUri ? readText(build.dockerfileUri, context) : undefined;
  if (text === undefined) return [];
  return namedStages(text).map((s) => value(s.name, t('Dockerfile stage'), CompletionItemKind.Reference));
}

function profileCandidates(file: ComposeFile): Candidate[] {
  const profiles = new Set<string>();
  for (const { map } of symbolsOf(file).services.values()) {
    const entry = map?.pairs.find((p) => p.key?.kind === 'scalar' && p.key.value === 'profiles');
    if (entry?.value?.kind === 'seq') for (const item of entry.value.items) if (item?.kind === 'scalar' && item.value !== null) profiles.add(String(item.value));
  }
  return [...profiles].map((p) => value(p, t('profile')));
}
