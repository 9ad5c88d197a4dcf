// An empty value in a file layered on a base (`ports: []` in compose.override.yaml): compose merges
// the files, appending lists and merging mappings (compose-go override/merge.go), and an empty or
// null value adds nothing, so the base's ports are still published. Only `!reset []` drops them
// (`!override` replaces them). command, entrypoint and healthcheck.test are replaced, not merged,
// so an empty one there does what it says.
import { t } from '../../l10n';
import { entries, type Entry } from '../model/access';
import { isHeld } from '../model/brokenBlocks';
import { isOverrideFile } from '../model/project';
import { symbolsOf } from '../model/symbols';
import type { ComposeFile } from '../model/composeFile';
import { servicesOf, type CheckContext } from './checkContext';
import { runAlone } from './deployScripts';

/** Service keys compose replaces instead of merging. */
const REPLACED = new Set(['command', 'entrypoint']);

export function checkEmptyOverrides(ctx: CheckContext): void {
  const { file, out } = ctx;
  // Only a file read after its base: an override file, or a -f layer (the base's own override
  // files come after the base, where an empty value is as harmless as it looks).
  const project = ctx.project();
  if (project.partners.length === 0 || (project.standalone && !isOverrideFile(file.uri))) return;
  const candidates: { service: string; entry: Entry }[] = [];
  for (const { name, map } of servicesOf(file)) {
    for (const entry of entries(file, map)) {
      if (entry.mergedFrom || REPLACED.has(entry.key) || entry.raw?.tag) continue;
      if (isEmpty(entry)) candidates.push({ service: name, entry });
    }
  }
  if (candidates.length === 0 || restatesBase(file, project.partners) || (!isOverrideFile(file.uri) && runAlone(file.uri, ctx.context))) return;
  for (const { service, entry } of candidates) {
    if (isHeld(file, entry.keyNode.start)) continue;
    const base = project.partners.find((f) => {
      const map = symbolsOf(f).services.get(service)?.map;
      const theirs = map ? entries(f, map).find((e) => e.key === entry.key) : undefined;
      return theirs !== undefined && !isEmpty(theirs) && sameShape(entry, theirs);
    });
    if (!base) continue;
    const value = entry.raw?.kind === 'seq' || entry.raw?.kind === 'map' ? entry.raw : undefined;
    const mapping = value?.kind === 'map';
    out.push({
      rule: 'compose-empty-override',
      start: value ? value.start : entry.keyNode.start,
      end: value ? value.end : entry.keyNode.end,
      message: t('An empty "{0}" does not clear the base file\'s: compose merges the files, so service "{1}" keeps the {0} the base gives it. Write {2} to drop them.', entry.key, service, mapping ? '!reset {}' : '!reset []'),
      ...(value ? { data: { replacement: mapping ? '!reset {}' : '!reset []' } } : {}),
    });
  }
}

/**
 * A file that restates every service of its base with most of its keys is a variant run on its
 * own (docker-compose.ghcr.yml pulling the images docker-compose.yml builds, round 12), not a
 * layer: layers restate a few keys of a few services.
 */
function restatesBase(file: ComposeFile, partners: readonly ComposeFile[]): boolean {
  const mine = symbolsOf(file).services;
  let compared = 0;
  for (const partner of partners) {
    for (const [name, theirs] of symbolsOf(partner).services) {
      const ours = mine.get(name)?.map;
      if (!theirs.map || !ours) return false;
      // A variant may pull the image its base builds: image and build stand for each other.
      const same = (key: string) => (key === 'build' ? 'image' : key);
      const keys = new Set(entries(file, ours).map((e) => same(e.key)));
      const base = entries(partner, theirs.map).map((e) => same(e.key));
      if (base.filter((k) => keys.has(k)).length < Math.max(2, 0.75 * base.length)) return false;
      compared++;
    }
  }
  return compared > 0;
}

/** Keys that take a list or a mapping alike: compose turns either into the same before it merges. */
const LIST_OR_MAP = new Set(['environment', 'labels', 'extra_hosts', 'sysctls', 'depends_on', 'networks', 'annotations', 'links', 'external_links', 'dns', 'dns_search', 'env_file', 'tmpfs']);

/**
 * Whether an empty list can be merged over the base's value at all: `build: []` over a build mapping is
 * not a build, and compose stops ("cannot override services.api.build"; compose-invalid-type says so)
 * rather than keeping the base's (round 50: a production file with build: [] for each service).
 */
function sameShape(mine: Entry, theirs: Entry): boolean {
  const kind = mine.raw?.kind;
  if ((kind !== 'seq' && kind !== 'map') || LIST_OR_MAP.has(mine.key)) return true;
  const other = theirs.raw?.kind;
  return kind === 'seq' ? other === 'seq' : other !== 'seq';
}

/** An empty list or mapping, or no value at all. */
function isEmpty(entry: Entry): boolean {
  const value = entry.value;
  if (value === null) return entry.raw === null || entry.raw.kind === 'scalar';
  if (value.kind === 'seq') return value.items.length === 0;
  if (value.kind === 'map') return value.pairs.length === 0;
  return value.kind === 'scalar' && value.value === null;
}
