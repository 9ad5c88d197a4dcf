// References to services, volumes, networks, secrets, configs and models that nothing in the
// project declares. In a file that is not loaded on its own by default (it is combined with
// others through -f), or whose `include:` could not be read, they are warnings: the name may
// be declared in a file we cannot see; when that file is one the user creates from a shipped
// example, the warning says so. A name a part the parser could not read may declare is not
// reported at all (see brokenBlocks), nor, in such a -f file, a name another compose file of its
// folder declares: projects split into docker-compose.common.yml, .dev.yml, .db.yml... combine
// them in ways no file records (a script, a README). Nor a name the project of a file that
// includes this one, or extends services from it, declares (see referrers): compose checks such a
// file only as part of that project. In a default-named file in a subfolder, a name the base file
// above declares is a warning: such add-ons are combined with their base through -f.
import { t } from '../../l10n';
import type { ComposeCode } from '../../diagnosticCodes';
import { entries, isInterpolated } from '../model/access';
import { closest } from '../model/closest';
import { isOverrideFile, projectFiles, projectOf, readText, type AbsentFile } from '../model/project';
import { parentDeclarations, siblingDeclarations } from '../model/referrers';
import { relativeUri } from '../model/uris';
import { composeFileOfText } from '../model/documentStore';
import type { ComposeFile } from '../model/composeFile';
import { scalarSpan, SECTION_OF, symbolsOf, type EmptyReference, type Reference, type SymbolKindName } from '../model/symbols';
import { basenameUri, resolvePath } from '../model/uris';
import { mayDeclare } from '../model/brokenBlocks';
import { filesCombinedWith } from './deployScripts';
import type { Problem, ProblemData } from './problems';
import { servicesOf, type CheckContext } from './checkContext';

const RULE: Record<SymbolKindName, ComposeCode> = {
  service: 'compose-undefined-service',
  volume: 'compose-undefined-volume',
  network: 'compose-undefined-network',
  secret: 'compose-undefined-secret',
  config: 'compose-undefined-config',
  model: 'compose-undefined-model',
};

function message(kind: SymbolKindName, name: string): string {
  switch (kind) {
    case 'service': return t('Service "{0}" is not defined.', name);
    case 'volume': return t('Volume "{0}" is not declared under the top-level "volumes" key.', name);
    case 'network': return t('Network "{0}" is not declared under the top-level "networks" key.', name);
    case 'secret': return t('Secret "{0}" is not declared under the top-level "secrets" key.', name);
    case 'config': return t('Config "{0}" is not declared under the top-level "configs" key.', name);
    case 'model': return t('Model "{0}" is not declared under the top-level "models" key.', name);
  }
}

/** An empty name: compose refuses it like any undefined one, and no file can declare it (names need a character). */
function emptyMessage(kind: EmptyReference['kind']): string {
  switch (kind) {
    case 'service': return t('The service name is empty: compose refuses an empty reference to a service.');
    case 'network': return t('The network name is empty: compose refuses it as an undefined network.');
    case 'secret': return t('The secret name is empty: compose refuses it as an undefined secret.');
    case 'config': return t('The config name is empty: compose refuses it as an undefined config.');
    case 'model': return t('The model name is empty: compose refuses it as an undefined model.');
  }
}

export function checkUndefinedReferences(ctx: CheckContext): void {
  const { file, out } = ctx;
  const symbols = symbolsOf(file);
  checkExtendsFiles(ctx);
  for (const ref of symbols.emptyReferences) {
    out.push({ rule: RULE[ref.kind], start: ref.written.start, end: ref.written.end, message: emptyMessage(ref.kind) });
  }
  if (symbols.references.length === 0) return;
  const project = ctx.project();
  const declared = new Map<SymbolKindName, Set<string>>();
  for (const other of projectFiles(project)) {
    for (const d of symbolsOf(other).declarations) {
      const set = declared.get(d.kind) ?? new Set<string>();
      set.add(d.name);
      declared.set(d.kind, set);
    }
  }
  const files = projectFiles(project);
  let siblings: Set<string> | undefined;
  const inSibling = (kind: SymbolKindName, name: string) => {
    siblings ??= siblingDeclarations(file.uri, new Set(files.map((f) => f.uri)), ctx.context);
    return siblings.has(`${kind}:${name}`);
  };
  let fromParent: Map<string, string> | undefined;
  /** The base file above (or beside the folders above) that declares the name, if one does. */
  const inParent = (kind: SymbolKindName, name: string) => (fromParent ??= parentDeclarations(file.uri, ctx.context)).get(`${kind}:${name}`);
  // Names of the projects that include this file or extend its services: compose resolves them there.
  let fromReferrers: Set<string> | undefined;
  // A referrer that includes a file it cannot read may have the name there (round 16: a root
  // including eight files, two of them at hand): then nothing is said.
  let referrerIncomplete = false;
  const inReferrers = (kind: SymbolKindName, name: string) => {
    if (!fromReferrers) {
      fromReferrers = new Set();
      const { includedBy, extendedBy } = ctx.referrers();
      for (const referrer of [...includedBy, ...extendedBy.map((e) => e.file)]) {
        const referrerProject = projectOf(referrer, ctx.context);
        referrerIncomplete ||= referrerProject.incomplete;
        for (const f of projectFiles(referrerProject)) for (const d of symbolsOf(f).declarations) fromReferrers.add(`${d.kind}:${d.name}`);
      }
    }
    return referrerIncomplete || fromReferrers.has(`${kind}:${name}`);
  };
  // Files a script or note near this one combines with it (compose -f a -f b, stack deploy -c a -c b).
  let fromCombined: Set<string> | undefined;
  const inCombined = (kind: SymbolKindName, name: string) => {
    if (!fromCombined) {
      fromCombined = new Set();
      for (const uri of filesCombinedWith(file.uri, ctx.context).slice(0, 16)) {
        const text = readText(uri, ctx.context);
        if (text !== undefined) for (const d of symbolsOf(composeFileOfText(uri, text)).declarations) fromCombined.add(`${d.kind}:${d.name}`);
      }
    }
    return fromCombined.has(`${kind}:${name}`);
  };
  // "Did you mean" compares a name with every declared one: bounded, for files with thousands of both.
  let comparisons = 200_000;
  let own: OwnServices | undefined;
  for (const ref of symbols.references) {
    const names = declared.get(ref.kind);
    if (ref.kind === 'service' && ref.via === 'extends' && !isInterpolated(ref.name)) {
      own ??= ownServices(ctx);
      if (own.names.has(ref.name) || own.files.some((f) => mayDeclare(f, 'services', ref.name))) continue;
      // Compose reads such a file only for the services others extend from it; an include it cannot read may define the name.
      if (!own.incomplete && ctx.referrers().extendedBy.length === 0) {
        out.push(extendsElsewhere(ctx, ref, own));
        continue;
      }
    }
    if (names?.has(ref.name)) continue;
    if (ref.kind === 'network' && ref.name === 'default') continue;
    // ${NETWORK_TYPE:-ipv4}: the name is known only once compose interpolates it.
    if (isInterpolated(ref.name)) continue;
    // A part the parser could not read may be where it is declared.
    if (files.some((f) => mayDeclare(f, SECTION_OF[ref.kind], ref.name))) continue;
    if (!project.standalone && inSibling(ref.kind, ref.name)) continue;
    if (inReferrers(ref.kind, ref.name)) continue;
    if (inCombined(ref.kind, ref.name)) continue;
    // Pulled in by another file (include, extends), this one is never checked on its own.
    const { includedBy, extendedBy } = ctx.referrers();
    // Nor is an add-on in a subfolder when the base file above declares the name: -f combines them.
    const base = project.standalone && !project.incomplete && includedBy.length === 0 && extendedBy.length === 0 ? inParent(ref.kind, ref.name) : undefined;
    const certain = project.standalone && !project.incomplete && includedBy.length === 0 && extendedBy.length === 0 && base === undefined;
    comparisons -= names?.size ?? 0;
    const suggestion = comparisons > 0 ? closest(ref.name, names ?? []) : undefined;
    const data: ProblemData = {};
    if (suggestion) data.replacement = suggestion;
    if (ref.kind !== 'service') data.declare = { section: SECTION_OF[ref.kind] as NonNullable<ProblemData['declare']>['section'], name: ref.name };
    const absent = project.absent.length > 0 ? absentMessage(project.absent, ref.kind, ref.name) : undefined;
    // An override file whose base is not beside it (generated elsewhere, as Astro's CLI does): the base most likely declares it.
    const baseless = isOverrideFile(file.uri) && project.partners.length === 0;
    out.push({
      rule: RULE[ref.kind],
      start: ref.start,
      end: ref.end,
      message: absent ?? (baseless ? `${message(ref.kind, ref.name)} ${t('This override file\'s base is not in its folder: compose finds the name if that file declares it.')}`
        : base ? `${message(ref.kind, ref.name)} ${t('{0} declares it: it is found when -f combines that file with this one.', relativeUri(file.uri, base))}`
        : suggestion ? `${message(ref.kind, ref.name)} ${t('Did you mean "{0}"?', suggestion)}` : message(ref.kind, ref.name)),
      // Declared by a base this add-on is combined with: a note, not a problem.
      ...(certain && !absent ? {} : { severity: (base || baseless) && !absent ? 'information' as const : 'warning' as const }),
      ...(Object.keys(data).length > 0 ? { data } : {}),
    });
  }
}

interface OwnServices {
  /** The services of this file and of the files it includes (and they include). */
  names: Set<string>;
  files: ComposeFile[];
  /** Some include could not be read. */
  incomplete: boolean;
}

/**
 * The services an `extends` without `file` can name. Compose resolves extends file by file, on
 * the file's own services once its includes are imported, before it merges the files of the
 * project (compose-go loader/loader.go loadYamlFile: ApplyInclude, ApplyExtends, then
 * override.Merge; loader/extends.go applyServiceExtends: 'service %q not found').
 */
function ownServices(ctx: CheckContext): OwnServices {
  const project = ctx.project();
  const files: ComposeFile[] = [ctx.file];
  const seen = new Set([ctx.file.uri]);
  let incomplete = project.incomplete;
  const queue = [...project.includes];
  while (queue.length > 0 && files.length < 64) {
    const next = queue.shift()!;
    if (seen.has(next.uri)) continue;
    seen.add(next.uri);
    files.push(next);
    const nested = projectOf(next, ctx.context);
    incomplete ||= nested.incomplete;
    queue.push(...nested.includes);
  }
  const names = new Set<string>();
  for (const f of files) for (const name of symbolsOf(f).services.keys()) names.add(name);
  return { names, files, incomplete };
}

/** An `extends` naming a service its own file (with its includes) does not define: compose refuses the file. */
function extendsElsewhere(ctx: CheckContext, ref: Reference, own: OwnServices): Problem {
  const project = ctx.project();
  const holder = projectFiles(project).find((f) => !own.files.includes(f) && symbolsOf(f).services.has(ref.name));
  const base = { rule: 'compose-undefined-service' as const, start: ref.start, end: ref.end };
  if (holder) {
    // extends.file is read from the project's folder (a -f overlay's base folder).
    const path = relativeUri(`${project.directory}/-`, holder.uri);
    return { ...base, message: t('Service "{0}" is defined in {1}, not in this file: an extends without "file" only looks in its own file and the files it includes, since compose resolves extends before it merges files. Name the file: extends with "file: {1}" and "service: {0}".', ref.name, path) };
  }
  const suggestion = closest(ref.name, own.names);
  if (suggestion) return { ...base, message: `${message('service', ref.name)} ${t('Did you mean "{0}"?', suggestion)}`, data: { replacement: suggestion } };
  return { ...base, message: t('Service "{0}" is not defined in this file: an extends without "file" only looks in its own file and the files it includes.', ref.name) };
}

/**
 * For a project with a file the user creates from a shipped example (compose.override.yaml from
 * compose.override.yaml.example): the name may well be declared there, so the finding says so.
 */
function absentMessage(absent: AbsentFile[], kind: SymbolKindName, name: string): string {
  const inExample = absent.find((a) => symbolsOf(a.example).declarations.some((d) => d.kind === kind && d.name === name));
  const chosen = inExample ?? absent[0]!;
  const file = basenameUri(chosen.uri);
  const example = basenameUri(chosen.example.uri);
  return inExample
    ? t('{0} Only {1} declares it, and compose does not read that file: create {2} from it.', message(kind, name), example, file)
    : t('{0} It may be declared in {1}, which does not exist here: create it from {2}.', message(kind, name), file, example);
}

/** `extends: { file, service }`: the service must exist in that file (when it can be read). */
function checkExtendsFiles(ctx: CheckContext): void {
  const { file, out, context } = ctx;
  for (const { map } of servicesOf(file)) {
    const ext = entries(file, map).find((e) => e.key === 'extends')?.value;
    if (ext?.kind !== 'map') continue;
    const fields = entries(file, ext);
    const path = scalarSpan(file, fields.find((e) => e.key === 'file')?.raw ?? null);
    const service = scalarSpan(file, fields.find((e) => e.key === 'service')?.raw ?? null);
    if (!path || !service || service.text.includes('$')) continue;
    const uri = resolvePath(ctx.project().directory, path.text);
    const text = uri && readText(uri, context);
    if (!uri || text === undefined) continue;
    const other = symbolsOf(composeFileOfText(uri, text));
    if (other.services.has(service.text)) continue;
    const suggestion = closest(service.text, other.services.keys());
    out.push({
      rule: 'compose-undefined-service',
      start: service.start,
      end: service.end,
      message: suggestion
        ? t('Service "{0}" is not defined in {1}. Did you mean "{2}"?', service.text, path.text, suggestion)
        : t('Service "{0}" is not defined in {1}.', service.text, path.text),
      ...(suggestion ? { data: { replacement: suggestion } } : {}),
    });
  }
}
