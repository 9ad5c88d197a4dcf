// What compose refuses after the schema has accepted the file: keys that exclude each other,
// values that must agree, and resources without a source. compose-go checks these on the loaded
// project (loader/validate.go checkConsistency) and on the merged model (validation/*.go), so a
// service or resource another file of the project also defines (which may add or reset a key) is
// left alone, and so is a comparison a service it extends could complete.
import { t } from '../../l10n';
import { composeBoolean, entries, isInterpolated, resolve, type Entry, type ValueNode } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { NodeMemo } from '../model/nodeMemo';
import type { CNode, MapNode } from '../model/nodes';
import { isHeld } from '../model/brokenBlocks';
import { projectFiles } from '../model/project';
import { siblingDeclarations } from '../model/referrers';
import { symbolsOf, type SymbolKindName } from '../model/symbols';
import { parseVolumeSpec } from '../model/volumeSpec';
import type { Problem } from './problems';
import { usedForStack } from './swarmKeys';
import { entryAt, extendsLibrary, servicesOf, valueAt, type CheckContext } from './checkContext';

/** The keys of a volume in the long syntax. */
const LONG_VOLUME_KEYS = new Set(['type', 'source', 'target', 'read_only', 'consistency', 'bind', 'volume', 'tmpfs', 'image']);

const memo = new NodeMemo<Problem>();

export function checkConsistency(ctx: CheckContext): void {
  const { file } = ctx;
  let shared: Set<string> | undefined;
  const elsewhere = (kind: SymbolKindName, name: string) => {
    shared ??= declaredElsewhere(ctx);
    return shared.has(`${kind}:${name}`);
  };
  const found: { service?: string; problems: Problem[] }[] = [];
  for (const { name, map } of servicesOf(file)) {
    const problems = memo.get(map, () => serviceProblems(file, map));
    // Two keys of this file that exclude each other stay in any merge (lists and mappings are
    // added to, not cleared): those are kept where another file names the service too (round 19:
    // network_mode and networks in docker-compose-ssl.yml, a variant of docker-compose.yml).
    const kept = problems.length > 0 && elsewhere('service', name)
      ? problems.filter((p) => SELF_CONTAINED.has(p) && !resetElsewhere(ctx, name, SELF_CONTAINED.get(p)!))
      : problems;
    if (kept.length > 0) found.push({ service: name, problems: kept });
  }
  const resources: Problem[] = [];
  resourceProblems(ctx, elsewhere, resources);
  if (resources.length > 0) found.push({ problems: resources });
  if (found.length === 0) return;
  // A file compose reads only for the services others extend: only those are loaded, and checked once merged.
  const extended = extendsLibrary(ctx) ? new Set(ctx.referrers().extendedBy.flatMap((e) => [...e.services])) : undefined;
  for (const { service, problems } of found) {
    if (!extended || (service !== undefined && extended.has(service))) ctx.out.push(...problems);
  }
}

/** "kind:name" of what the project's other files (override, -f companions, includes) declare. */
function declaredElsewhere(ctx: CheckContext): Set<string> {
  const names = new Set<string>();
  const project = ctx.project();
  const files = projectFiles(project);
  for (const other of files) {
    if (other === ctx.file) continue;
    for (const d of symbolsOf(other).declarations) names.add(`${d.kind}:${d.name}`);
  }
  // A file combined through -f may be combined with any compose file of its folder.
  if (!project.standalone) for (const name of siblingDeclarations(ctx.file.uri, new Set(files.map((f) => f.uri)), ctx.context)) names.add(name);
  return names;
}

/**
 * Problems between two keys of one file, with the service keys another file would have to reset
 * (!reset, !override) to take them away: merging only adds to lists and mappings.
 */
const SELF_CONTAINED = new WeakMap<Problem, readonly string[]>();

function selfContained(p: Problem, keys: readonly string[]): Problem {
  SELF_CONTAINED.set(p, keys);
  return p;
}

/** Whether another file of the project resets or replaces one of these keys of the service (`networks: !reset []`). */
function resetElsewhere(ctx: CheckContext, service: string, keys: readonly string[]): boolean {
  const project = ctx.project();
  return [...project.partners, ...project.includes].some((f) => {
    const map = symbolsOf(f).services.get(service)?.map;
    // (entries() leaves !reset pairs out: they are read from the pairs.)
    return map ? map.pairs.some((pair) => pair.key?.kind === 'scalar' && keys.includes(String(pair.key.value)) && (pair.value?.tag === '!reset' || pair.value?.tag === '!override')) : false;
  });
}

function problem(start: number, end: number, message: string, rule: Problem['rule'] = 'compose-invalid-value'): Problem {
  return { rule, start, end, message };
}

/** The range of an entry: its key through its value. */
function span(entry: Entry): [number, number] {
  return [entry.keyNode.start, Math.max(entry.keyNode.end, entry.raw?.end ?? 0)];
}

/** A scalar's text, unless it is missing, null or written with a variable. */
function plain(value: ValueNode | null | undefined): string | undefined {
  if (value?.kind !== 'scalar' || value.value === null) return undefined;
  const text = String(value.value);
  return isInterpolated(text) ? undefined : text;
}

function nonEmpty(value: ValueNode | null | undefined): boolean {
  return (value?.kind === 'seq' && value.items.length > 0) || (value?.kind === 'map' && value.pairs.length > 0);
}

/** A whole number as compose reads one (a YAML integer, or a string Atoi reads). */
function wholeNumber(value: ValueNode | null | undefined): number | undefined {
  const text = plain(value);
  return text !== undefined && /^[-+]?\d+$/.test(text) ? Number(text) : undefined;
}

function serviceProblems(file: ComposeFile, map: MapNode): Problem[] {
  const out: Problem[] = [];
  const fields = new Map(entries(file, map).map((e) => [e.key, e]));
  if ([...fields.values()].some((e) => isHeld(file, e.keyNode.start))) return out;
  const extendsOther = fields.has('extends');

  // validate.go:67: network_mode and networks exclude each other.
  const mode = fields.get('network_mode');
  const networks = fields.get('networks');
  const modeText = plain(mode?.value);
  if (mode && networks && modeText && nonEmpty(networks.value)) {
    out.push(selfContained(problem(...span(mode), t('"network_mode" and "networks" cannot both be set: compose refuses the service. With network_mode: {0} the container joins no compose network; remove one of them.', modeText)), ['network_mode', 'networks']));
  }

  // validate.go:37: dockerfile and dockerfile_inline exclude each other.
  const build = resolve(file, fields.get('build')?.raw ?? null);
  if (build?.kind === 'map') {
    const buildFields = new Map(entries(file, build).map((e) => [e.key, e]));
    const inline = buildFields.get('dockerfile_inline');
    if (inline && plain(buildFields.get('dockerfile')?.value) && plain(inline.value)) {
      out.push(selfContained(problem(...span(inline), t('"dockerfile" and "dockerfile_inline" cannot both be set: compose refuses the service. Keep one of them.')), ['build']));
    }
    // validate.go:52: build.platforms must include the service's platform.
    const platforms = buildFields.get('platforms')?.value;
    const platform = fields.get('platform');
    const platformText = plain(platform?.value);
    if (platform && platformText && platforms?.kind === 'seq' && platforms.items.length > 0) {
      const listed = platforms.items.map((item) => resolve(file, item));
      if (listed.every((item) => plain(item) !== undefined) && !listed.some((item) => plain(item) === platformText)) {
        out.push(problem(...span(platform), t('build.platforms must include the service\'s platform "{0}": compose refuses the service.', platformText)));
      }
    }
  }

  // validate.go:76: a healthcheck test list starts with CMD, CMD-SHELL or NONE.
  const healthcheck = resolve(file, fields.get('healthcheck')?.raw ?? null);
  if (healthcheck?.kind === 'map' && !entries(file, healthcheck).some((e) => e.key === 'disable')) {
    const test = entries(file, healthcheck).find((e) => e.key === 'test')?.value;
    const first = test?.kind === 'seq' ? test.items[0] : undefined;
    const word = first ? resolve(file, first) : undefined;
    if (first && word?.kind === 'scalar' && typeof word.value === 'string' && !isInterpolated(word.value) && !['CMD', 'CMD-SHELL', 'NONE'].includes(word.value)) {
      const upper = word.value.toUpperCase();
      out.push(problem(first.start, first.end, ['CMD', 'CMD-SHELL', 'NONE'].includes(upper)
        ? t('The healthcheck test list starts with "{0}", which compose reads only in capitals: write "{1}".', word.value, upper)
        : t('A healthcheck test list starts with "CMD" (then the command and its arguments), "CMD-SHELL" (then one shell command) or "NONE": compose refuses "{0}". For example: ["CMD", "{0}", …].', word.value)));
    }
  }

  // validate.go:132-144: scale and deploy.replicas agree, and neither is negative.
  const scale = fields.get('scale');
  const replicasEntry = entryAt(file, map, 'deploy', 'replicas');
  const scaleCount = wholeNumber(scale?.value);
  const replicas = wholeNumber(replicasEntry?.value);
  if (scale && scaleCount !== undefined && replicas !== undefined && scaleCount !== replicas) {
    out.push(problem(...span(scale), t('"scale" is {0} but deploy.replicas is {1}: compose refuses distinct values. Keep one of them.', scaleCount, replicas)));
  }
  for (const [entry, count] of [[scale, scaleCount], [replicasEntry, replicas]] as const) {
    if (entry && count !== undefined && count < 0) out.push(problem(...span(entry), t('"{0}" cannot be negative.', entry.key)));
  }

  // validate.go:147-172: cpus, mem_limit, mem_reservation and pids_limit agree with deploy.resources.
  const deployResources = valueAt(file, map, 'deploy', 'resources');
  if (deployResources?.kind === 'map') {
    const limits = resolve(file, entries(file, deployResources).find((e) => e.key === 'limits')?.raw ?? null);
    const reservations = resolve(file, entries(file, deployResources).find((e) => e.key === 'reservations')?.raw ?? null);
    const compare = (key: string, section: ValueNode | null, sectionName: string, deployKey: string, read: (text: string) => number | undefined) => {
      const own = fields.get(key);
      const ownValue = read(plain(own?.value) ?? '');
      if (!own || ownValue === undefined || ownValue === 0 || section?.kind !== 'map') return;
      const other = entries(file, section).find((e) => e.key === deployKey);
      // An extended service may set the deploy value this one leaves out.
      if (!other && extendsOther) return;
      const otherText = other ? plain(other.value) : '0';
      const otherValue = otherText === undefined ? undefined : read(otherText);
      if (otherValue === undefined || otherValue === ownValue) return;
      out.push(problem(...span(own), other
        ? t('"{0}" and deploy.resources.{1}.{2} are set to different values: compose refuses the service. Keep one of them, or make them equal.', key, sectionName, deployKey)
        : t('"{0}" is set while deploy.resources.{1} has no "{2}": compose compares the two, reads the missing one as 0 and refuses the service. Set it there as well, or keep only one of them.', key, sectionName, deployKey)));
    };
    compare('cpus', limits, 'limits', 'cpus', readCpus);
    compare('mem_limit', limits, 'limits', 'memory', ramInBytes);
    compare('mem_reservation', reservations, 'reservations', 'memory', ramInBytes);
    compare('pids_limit', limits, 'limits', 'pids', (text) => (/^[-+]?\d+$/.test(text) ? Number(text) : undefined));
    // validation/validation.go:101: a device request has count or device_ids, not both.
    const devices = reservations?.kind === 'map' ? entries(file, reservations).find((e) => e.key === 'devices')?.value : undefined;
    if (devices?.kind === 'seq') out.push(...deviceProblems(file, devices.items));
  }
  const gpus = fields.get('gpus')?.value;
  if (gpus?.kind === 'seq') out.push(...deviceProblems(file, gpus.items));

  // validate.go:181: a watch rule that syncs needs a target.
  const watch = valueAt(file, map, 'develop', 'watch');
  if (watch?.kind === 'seq') {
    for (const raw of watch.items) {
      const rule = resolve(file, raw);
      if (!raw || rule?.kind !== 'map') continue;
      const ruleFields = entries(file, rule);
      const action = plain(ruleFields.find((e) => e.key === 'action')?.value);
      if (action === undefined || action === 'rebuild' || action === 'restart' || ruleFields.some((e) => e.key === 'target')) continue;
      out.push(problem(raw.start, raw.end, t('A watch rule with action "{0}" needs a "target": the path in the container the files are copied to.', action), 'compose-missing-key'));
    }
  }

  // docker/compose pkg/compose/pre_start.go:68-71: up refuses a pre_start hook with per_replica before it runs any.
  const preStart = fields.get('pre_start')?.value;
  if (preStart?.kind === 'seq') {
    for (const raw of preStart.items) {
      const hook = resolve(file, raw);
      const perReplica = hook?.kind === 'map' ? entries(file, hook).find((e) => e.key === 'per_replica') : undefined;
      const value = perReplica?.value;
      if (!perReplica || value?.kind !== 'scalar' || !(value.value === true || (typeof value.value === 'string' && composeBoolean(value.value) === true))) continue;
      out.push(problem(...span(perReplica), t('docker compose does not support per_replica hooks yet: up refuses the service before it runs any hook. Remove per_replica or set it to false.')));
    }
  }

  // override/uncity.go:125 volumeIndexer: a volume in the long syntax needs a target.
  const volumes = fields.get('volumes')?.value;
  if (volumes?.kind === 'seq') {
    for (const raw of volumes.items) {
      const volume = resolve(file, raw);
      if (!raw || raw.tag === '!reset' || volume?.kind !== 'map') continue;
      // A mapping without any key of a volume is no long-form volume: its unknown keys are reported.
      const keys = entries(file, volume).map((e) => e.key);
      if (keys.includes('target') || !keys.some((k) => LONG_VOLUME_KEYS.has(k))) continue;
      out.push(problem(raw.start, raw.end, t('A volume in the long syntax needs a "target", the path in the container: compose refuses it without one.'), 'compose-missing-key'));
    }
  }

  // validate.go:189-203: a tmpfs path and a volume target may not be the same.
  out.push(...mountProblems(file, fields));
  return out;
}

function deviceProblems(file: ComposeFile, items: (CNode | null)[]): Problem[] {
  const out: Problem[] = [];
  for (const raw of items) {
    const device = resolve(file, raw);
    if (device?.kind !== 'map') continue;
    const fields = entries(file, device);
    const ids = fields.find((e) => e.key === 'device_ids');
    if (ids && fields.some((e) => e.key === 'count')) {
      out.push(problem(...span(ids), t('A device request sets "count" or "device_ids", not both: compose refuses the two together.')));
    }
  }
  return out;
}

function mountProblems(file: ComposeFile, fields: Map<string, Entry>): Problem[] {
  const out: Problem[] = [];
  const tmpfs = fields.get('tmpfs')?.value;
  const tmpfsItems = tmpfs?.kind === 'seq' ? tmpfs.items : tmpfs?.kind === 'scalar' ? [fields.get('tmpfs')!.raw] : [];
  const mounted = new Map<string, string>();
  // Compose first drops a tmpfs entry whose text up to any "=" repeats an earlier one (override/uncity.go keyValueIndexer).
  const kept = new Set<string>();
  for (const raw of tmpfsItems) {
    const text = plain(resolve(file, raw));
    if (!raw || text === undefined) continue;
    const key = text.split('=')[0]!;
    if (kept.has(key)) continue;
    kept.add(key);
    const path = text.split(':')[0]!;
    if (mounted.has(path)) out.push(problem(raw.start, raw.end, t('{0} is already mounted here by tmpfs {1}: compose refuses a second mount at the same path.', path, mounted.get(path)!)));
    else mounted.set(path, text);
  }
  if (mounted.size === 0) return out;
  const volumes = fields.get('volumes')?.value;
  if (volumes?.kind !== 'seq') return out;
  for (const raw of volumes.items) {
    const volume = resolve(file, raw);
    let target: string | undefined;
    if (volume?.kind === 'map') target = plain(entries(file, volume).find((e) => e.key === 'target')?.value);
    else if (volume?.kind === 'scalar' && typeof volume.value === 'string' && !isInterpolated(volume.value)) target = parseVolumeSpec(volume.value)?.target.text;
    if (!raw || !target) continue;
    const clean = cleanPath(target);
    if (mounted.has(clean)) out.push(problem(raw.start, raw.end, t('{0} is already mounted here by tmpfs {1}: compose refuses a second mount at the same path.', clean, mounted.get(clean)!)));
  }
  return out;
}

/** Go's path.Clean for the absolute container paths compose cleans volume targets with. */
function cleanPath(path: string): string {
  if (!path.startsWith('/')) return path;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** cpus as compose reads it (a float32 from a number or a string ParseFloat reads). */
function readCpus(text: string): number | undefined {
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) return undefined;
  return Math.fround(Number(text));
}

/** go-units RAMInBytes, which compose-go's UnitBytes uses after an integer: binary units, b/k/m/g/t/p with an optional b or ib. */
export function ramInBytes(text: string): number | undefined {
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  const match = /^(\d+\.?\d*|\.\d+)(?:[eE]([-+]?\d+))? ?([bB]|[kKmMgGtTpP](?:[bB]|[iI][bB])?)?$/.exec(text);
  if (!match) return undefined;
  const size = Number(`${match[1]}${match[2] !== undefined ? `e${match[2]}` : ''}`);
  const unit = (match[3] ?? '').toLowerCase()[0];
  const power = unit === undefined || unit === 'b' ? 0 : 'kmgtp'.indexOf(unit) + 1;
  return Math.trunc(size * 1024 ** power);
}

/** validation/validation.go:68 (secrets, configs), validate.go:208 (secrets), validation/external.go (volumes). */
function resourceProblems(ctx: CheckContext, elsewhere: (kind: SymbolKindName, name: string) => boolean, out: Problem[]): void {
  const { file } = ctx;
  for (const declaration of symbolsOf(file).declarations) {
    const { kind, name, keyNode } = declaration;
    if (kind !== 'secret' && kind !== 'config' && kind !== 'volume') continue;
    const value = declaration.value;
    if (value?.kind !== 'map' || isHeld(file, keyNode.start) || elsewhere(kind, name)) continue;
    const fields = entries(file, value);
    const has = (key: string) => fields.some((e) => e.key === key);
    const externalEntry = fields.find((e) => e.key === 'external');
    const externalText = externalEntry ? plain(externalEntry.value) : 'false';
    // A variable may make it external: then nothing else is asked of it.
    if (externalText === undefined) continue;
    const external = composeBoolean(externalText) === true;
    if (kind === 'volume') {
      if (!external) continue;
      for (const e of fields) {
        if (e.key === 'name' || e.key === 'external' || e.key.startsWith('x-')) continue;
        out.push(problem(...span(e), t('Volume "{0}" is external, so compose does not create it and refuses "{1}" beside "external": only "name" may go with it.', name, e.key)));
      }
      continue;
    }
    const sources = kind === 'secret' ? ['file', 'environment'] : ['file', 'environment', 'content'];
    const set = sources.filter(has);
    if (set.length > 1) {
      const second = fields.find((e) => e.key === set[1]);
      out.push(problem(...span(second!), kind === 'secret'
        ? t('Secret "{0}" sets both "{1}" and "{2}": compose takes only one source. Keep one of them.', name, set[0]!, set[1]!)
        : t('Config "{0}" sets both "{1}" and "{2}": compose takes only one source. Keep one of them.', name, set[0]!, set[1]!)));
      continue;
    }
    if (set.length === 1) continue;
    // A config with a driver or an external key is left to them; a secret needs a source unless
    // external (a driver is enough only for docker stack deploy, whose loader is another).
    if (kind === 'config' ? has('driver') || externalEntry !== undefined : external || (has('driver') && usedForStack(file, ctx.context))) continue;
    out.push(problem(keyNode.start, keyNode.end, kind === 'secret'
      ? t('Secret "{0}" has no source: give it a "file" or an "environment" variable, or mark it external: true. Compose refuses it even when no service uses it.', name)
      : t('Config "{0}" has no source: give it a "file", "content" or an "environment" variable, or mark it external: true.', name), 'compose-missing-key'));
  }
}
