// A service needs an image to run: `image`, or `build` to make one (or a `provider` that runs
// it). It may get either from the files combined with this one (a base file defines the image,
// an override file adds to it) or from the service it extends. Compose refuses a service with
// neither. When files that may complete it are missing or unknown, this is a warning, or nothing.
import { t } from '../../l10n';
import type { ComposeFile } from '../model/composeFile';
import { entries, type ValueNode } from '../model/access';
import { isHeld, mayHoldKey } from '../model/brokenBlocks';
import { walkExtends } from '../model/extendsChain';
import type { CNode, MapNode } from '../model/nodes';
import { isOverrideFile, projectFiles, readText } from '../model/project';
import { composeFileOfText } from '../model/documentStore';
import { filesCombinedWith } from './deployScripts';
import { symbolsOf } from '../model/symbols';
import { extendsLibrary, servicesOf, type CheckContext } from './checkContext';
import { siblingDeclarations } from '../model/referrers';
import { closest } from '../model/closest';
import { rootSchema } from '../schema/composeSchema';

const PROVIDES_IMAGE = new Set(['image', 'build', 'provider']);
const SERVICE_KEYS = new Set(Object.keys(rootSchema.$defs.service?.properties ?? {}));

export function checkServiceImage(ctx: CheckContext): void {
  const { file } = ctx;
  const lacking = servicesOf(file).filter(({ map }) => !providesImage(file, map));
  if (lacking.length === 0) return;
  const project = ctx.project();
  const others = projectFiles(project).slice(1);
  // A -f or override file whose base was not found adds to services we cannot see.
  if ((!project.standalone || isOverrideFile(file.uri)) && project.partners.length === 0) return;
  // Services other files extend from here are fragments: compose reads them only into those.
  if (extendsLibrary(ctx)) return;
  // A -f file may be stacked on any compose file of its folder (compose.voip.external.yml on
  // compose.voip.yml): a service one of them declares may get its image there.
  let siblings: Set<string> | undefined;
  const declaredBeside = (kind: string, name: string) => (siblings ??= siblingDeclarations(file.uri, new Set(projectFiles(project).map((f) => f.uri)), ctx.context)).has(`${kind}:${name}`);
  const inSibling = (name: string) => declaredBeside('service', name);
  const certain = project.standalone && !project.incomplete && project.absent.length === 0;
  for (const { name, map } of lacking) {
    const declaration = symbolsOf(file).services.get(name)?.declaration;
    if (!declaration || isHeld(file, declaration.start) || mayHoldKey(file, map, [...PROVIDES_IMAGE])) continue;
    if (!project.standalone && inSibling(name)) continue;
    let unknown = false;
    let found = false;
    for (const [index, source] of [file, ...others].entries()) {
      const own = symbolsOf(source).services.get(name);
      if (!own?.map) continue;
      if (mayHoldKey(source, own.map, [...PROVIDES_IMAGE])) unknown = true;
      const walk = walkExtends(source, name, ctx.context, index === 0 ? project.directory : undefined);
      if (walk.links.some((link) => link.map && providesImage(link.file, link.map))) found = true;
      if (walk.unknown || walk.links.some((link) => link.map && mayHoldKey(link.file, link.map, [...PROVIDES_IMAGE]))) unknown = true;
    }
    if (found || unknown) continue;
    // A script near it runs it with other files (docker compose -f base.yml -f this.yml): one of them may give the image.
    if (combinedImage(file.uri, name, ctx)) continue;
    const empty = emptyImage(file, map);
    // A base whose services the -f files beside it complete (compose.dev.yaml, compose.prod.yaml
    // giving each its build): run alone compose refuses it, but it is not meant to run alone.
    // Not an override file: a plain up loads it with the base, so there the refusal is everyone's.
    // Only where a file beside it may give the service an image (round 20: the traefik file
    // beside it declares "app" with labels only, so neither file can run it).
    const layered = project.standalone && !isOverrideFile(file.uri) && !empty && declaredBeside('runnable', name);
    ctx.out.push({
      rule: 'compose-missing-image',
      start: empty?.start ?? declaration.start,
      end: empty?.end ?? declaration.end,
      message: empty
        ? t('Service "{0}" has an empty "image" and no "build", so compose has nothing to run. Name the image to run, or add a build for one.', name)
        : layered
          ? t('Service "{0}" has neither "image" nor "build" in this file: docker compose up with it alone refuses the service. Another compose file beside it declares "{0}", so it presumably gets one when that file is given with -f.', name)
          : t('Service "{0}" has neither "image" nor "build", so compose has nothing to run. Add the image to run, or a build for one.', name),
      // Layered: a hint (rounds 25-35: 8 of 8 at information judged noise: a shared base README runs with -f, a devcontainer's override).
      ...(layered ? { severity: 'hint' as const } : certain ? {} : { severity: 'warning' as const }),
    });
  }
}

/**
 * Whether a file a script or note near this one combines it with gives the service an image or a
 * build, or may (round 82: an environment's docker-compose.yml adding Kerberos to the services its
 * start.sh takes, with their images, from the base file it names first).
 */
function combinedImage(uri: string, name: string, ctx: CheckContext): boolean {
  for (const other of filesCombinedWith(uri, ctx.context).slice(0, 16)) {
    const text = readText(other, ctx.context);
    if (text === undefined) continue;
    const source = composeFileOfText(other, text);
    const map = symbolsOf(source).services.get(name)?.map;
    if (map && (providesImage(source, map) || mayHoldKey(source, map, [...PROVIDES_IMAGE]))) return true;
  }
  return false;
}

/** Whether the service has an image, or a misspelt key for one (reported as unknown, once is enough). */
function providesImage(file: ComposeFile, map: MapNode): boolean {
  return entries(file, map).some((e) => (PROVIDES_IMAGE.has(e.key) && !(e.key === 'image' && isEmptyString(e.value))) || (!SERVICE_KEYS.has(e.key) && closest(e.key, [...PROVIDES_IMAGE]) !== undefined));
}

/** `image: ""` names no image: compose treats the service as one without (an unset ${VAR} is left alone). */
function isEmptyString(value: ValueNode | null): boolean {
  return value?.kind === 'scalar' && value.value === '';
}

/** The empty `image` value as written, when the service has one. */
function emptyImage(file: ComposeFile, map: MapNode): CNode | undefined {
  const image = entries(file, map).find((e) => e.key === 'image');
  return image && isEmptyString(image.value) ? image.raw ?? undefined : undefined;
}
