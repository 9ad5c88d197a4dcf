// A service whose Dockerfile builds FROM the image another service of the file builds. Compose v2
// builds all services at once and does not read Dockerfiles to order them (Docker's "Build
// dependent images"): on a machine without that image the build looks for it in a registry and
// stops ("pull access denied"), and where an older build of it is in the local store, it builds on
// that one. Compose orders the two only when told: build.additional_contexts mapping the name to
// "service:<base>". Told only where the name cannot be pulled (one path component, not an official
// image), and not where the service depends_on the base (older compose and the classic builder
// order builds by it).
import { t } from '../../l10n';
import { OFFICIAL_IMAGES, repositoryAndTag } from '../../officialImages';
import { stageImages } from '../../dockerfile/syntax/namedStages';
import { entries, entry, resolve, rootMaps, type ValueNode } from '../model/access';
import { buildPaths } from '../model/buildPaths';
import type { ComposeFile } from '../model/composeFile';
import type { MapNode } from '../model/nodes';
import { readText } from '../model/project';
import { basenameUri } from '../model/uris';
import { dockerfileOf } from './buildTarget';
import { servicesOf, valueAt, type CheckContext } from './checkContext';

/** A Dockerfile longer than this is not read for its FROM lines. */
const MAX_DOCKERFILE_CHARS = 512 * 1024;

const key = (reference: string) => {
  const ref = repositoryAndTag(reference);
  return ref && `${ref.repository}:${ref.tag}`;
};

/** The project's name as compose makes it: `name:`, else the folder's name, lower case, other characters dropped. */
function projectName(file: ComposeFile, directory: string): string | undefined {
  for (const root of rootMaps(file)) {
    const name = valueAt(file, root, 'name');
    if (name?.kind === 'scalar' && typeof name.value === 'string') return name.value.includes('$') ? undefined : name.value.toLowerCase();
  }
  const folder = decodeURIComponent(basenameUri(directory)).toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return folder || undefined;
}

/** The services the map's depends_on names (the list or the mapping form). */
function dependsOn(file: ComposeFile, map: MapNode): string[] {
  const value = valueAt(file, map, 'depends_on');
  if (value?.kind === 'seq') return value.items.map((i) => resolve(file, i)).flatMap((i) => (i?.kind === 'scalar' ? [String(i.value)] : []));
  if (value?.kind === 'map') return entries(file, value).map((e) => e.key);
  return [];
}

/** Whether build.additional_contexts names the image or points at the base service. */
function declared(file: ComposeFile, build: ValueNode | null, image: string, base: string): boolean {
  if (build?.kind !== 'map') return false;
  const contexts = valueAt(file, build, 'additional_contexts');
  const pairs: [string, string][] = [];
  if (contexts?.kind === 'map') {
    for (const e of entries(file, contexts)) pairs.push([e.key, e.value?.kind === 'scalar' ? String(e.value.value) : '']);
  } else if (contexts?.kind === 'seq') {
    for (const item of contexts.items) {
      const value = resolve(file, item);
      if (value?.kind !== 'scalar') continue;
      const text = String(value.value);
      const eq = text.indexOf('=');
      if (eq > 0) pairs.push([text.slice(0, eq), text.slice(eq + 1)]);
    }
  }
  return pairs.some(([name, source]) => key(name) === key(image) || source.trim() === `service:${base}`);
}

/** The insertion that adds the context under a block-style build mapping (none for the short form or flow style). */
function fixFor(file: ComposeFile, build: ValueNode | null, buildKeyStart: number, image: string, base: string) {
  if (build?.kind !== 'map' || build.flow) return undefined;
  const item = `${JSON.stringify(image.replace(/:latest$/, ''))}: "service:${base}"`;
  const contexts = entry(file, build, 'additional_contexts');
  const column = (offset: number) => file.lines.positionAt(offset).character;
  const lineEndOf = (offset: number) => file.lines.lineEnd(file.lines.positionAt(offset).line);
  if (contexts) {
    if (contexts.value?.kind !== 'map' || contexts.value.flow || contexts.mergedFrom) return undefined;
    return { offset: lineEndOf(contexts.keyNode.start), text: `\n${' '.repeat(column(contexts.value.start))}${item}` };
  }
  const indent = ' '.repeat(column(build.start));
  return { offset: lineEndOf(buildKeyStart), text: `\n${indent}additional_contexts:\n${indent}  ${item}` };
}

export function checkBaseImageBuildOrder(ctx: CheckContext): void {
  const { file, out, context } = ctx;
  const services = servicesOf(file);
  if (services.length < 2 || !/\bbuild\s*:/.test(file.text)) return;
  // The images the file's services build: image: as written, else compose's <project>-<service>.
  const built = new Map<string, string>();
  let project: string | undefined | null = null;
  for (const { name, map } of services) {
    if (!entry(file, map, 'build')) continue;
    const image = valueAt(file, map, 'image');
    let reference: string | undefined;
    if (image?.kind === 'scalar' && typeof image.value === 'string') reference = image.value;
    else if (!image) reference = (project ??= projectName(file, ctx.project().directory) ?? null) === null ? undefined : `${project}-${name}`;
    const k = reference && key(reference);
    if (k && !built.has(k)) built.set(k, name);
  }
  if (built.size === 0) return;
  for (const { name, map } of services) {
    const buildEntry = entry(file, map, 'build');
    if (!buildEntry || buildEntry.mergedFrom) continue;
    const paths = buildPaths(file, map, ctx.project().directory);
    if (!paths) continue;
    let text: string | undefined;
    if (paths.inline) {
      const inline = valueAt(file, map, 'build', 'dockerfile_inline');
      text = inline?.kind === 'scalar' && typeof inline.value === 'string' ? inline.value : undefined;
    } else {
      const uri = dockerfileOf(ctx, name, paths);
      text = uri === undefined ? undefined : readText(uri, context);
    }
    if (text === undefined || text.length > MAX_DOCKERFILE_CHARS || !/^[ \t]*from\s/im.test(text)) continue;
    const { stages } = stageImages(text);
    const stageNames = new Set(stages.flatMap((s) => (s.name ? [s.name] : [])));
    const depended = dependsOn(file, map);
    for (const stage of stages) {
      const image = stage.image;
      if (!image || image.includes('$') || stageNames.has(image)) continue;
      const k = key(image);
      const base = k && built.get(k);
      if (!base || base === name || depended.includes(base)) continue;
      // A name with a registry or a namespace may be pulled from there (a published base); an official one surely is.
      const repository = repositoryAndTag(image)!.repository;
      if (repository.includes('/') || OFFICIAL_IMAGES.has(repository)) continue;
      if (declared(file, buildEntry.value, image, base)) continue;
      const insertLine = fixFor(file, buildEntry.value, buildEntry.keyNode.start, image, base);
      out.push({
        rule: 'compose-base-image-build-order',
        start: buildEntry.keyNode.start,
        end: buildEntry.keyNode.end,
        message: t('The Dockerfile of "{0}" builds FROM {1}, the image service "{2}" builds. Compose builds the services at once and does not read Dockerfiles to order them: where {1} has never been built the build tries to pull it and stops ("pull access denied"), and elsewhere it builds on whatever {1} was built last. Tell compose with build.additional_contexts: {1}: "service:{2}" (Compose 2.22 or later).', name, image, base),
        ...(insertLine ? { data: { insertLine } } : {}),
      });
      break;
    }
  }
}
