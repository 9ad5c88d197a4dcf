// `depends_on: { db: { condition: service_healthy } }` waits for db's health, which only a
// healthcheck gives: without one compose stops the `up` ("container db has no healthcheck
// configured", docker/compose pkg/compose/convergence.go). Reported only when that is sure: the
// healthcheck is disabled, or there is none in the project's files and none can come from the
// image (one of Docker's official images, which define none, or a Dockerfile of the project with
// no HEALTHCHECK that builds only on them). Any other image may define one, so it is left alone.
import { t } from '../../l10n';
import { OFFICIAL_IMAGES, repositoryAndTag } from '../../officialImages';
import { composeBoolean, entries } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { MapNode } from '../model/nodes';
import { buildPaths } from '../model/buildPaths';
import { stageImages } from '../../dockerfile/syntax/namedStages';
import { projectFiles, readText } from '../model/project';
import { symbolsOf } from '../model/symbols';
import { isHeld } from '../model/brokenBlocks';
import { valueAt, type CheckContext } from './checkContext';

/** A Docker Hub official image (`postgres:16`, `docker.io/library/redis`), which has no HEALTHCHECK. */
function officialImage(reference: string): boolean {
  const repository = repositoryAndTag(reference)?.repository;
  return repository !== undefined && OFFICIAL_IMAGES.has(repository);
}

/** Whether a Dockerfile surely gives no HEALTHCHECK: it has none, and builds only FROM official images, scratch or its own stages. */
function dockerfileWithoutHealthcheck(text: string): boolean {
  const { stages, healthcheck } = stageImages(text);
  if (healthcheck || stages.length === 0) return false;
  const names = new Set<string>();
  for (const { image, name } of stages) {
    if (image === undefined || (image !== 'scratch' && !names.has(image) && !officialImage(image))) return false;
    if (name) names.add(name);
  }
  return true;
}

type Health = 'disabled' | 'none' | 'maybe';

/** What the project says about a service's healthcheck: disabled, surely none, or maybe one. */
function healthOf(ctx: CheckContext, files: ComposeFile[], service: string): Health {
  let image: string | undefined;
  let dockerfile: string | undefined;
  let defined = false;
  for (const f of files) {
    const map: MapNode | null = symbolsOf(f).services.get(service)?.map ?? null;
    if (!map) continue;
    defined = true;
    const keys = entries(f, map);
    // A healthcheck may come from the service it extends.
    if (keys.some((e) => e.key === 'extends')) return 'maybe';
    if (keys.some((e) => e.key === 'healthcheck')) {
      const disable = valueAt(f, map, 'healthcheck', 'disable');
      const test = valueAt(f, map, 'healthcheck', 'test');
      const first = test?.kind === 'seq' ? test.items[0] : undefined;
      const off = (disable?.kind === 'scalar' && (disable.value === true || composeBoolean(String(disable.value)) === true))
        || (first?.kind === 'scalar' && String(first.value).toUpperCase() === 'NONE');
      return off ? 'disabled' : 'maybe';
    }
    const written = valueAt(f, map, 'image');
    if (written?.kind === 'scalar' && written.value !== null) image = String(written.value);
    const build = buildPaths(f, map, f === ctx.file ? ctx.project().directory : undefined);
    if (build) dockerfile = build.dockerfileUri ?? (build.inline ? '' : undefined);
  }
  if (!defined) return 'maybe';
  // A service with build: runs what its Dockerfile makes, whatever image: names it.
  if (dockerfile !== undefined) {
    const text = dockerfile === '' ? undefined : readText(dockerfile, ctx.context);
    return text !== undefined && dockerfileWithoutHealthcheck(text) ? 'none' : 'maybe';
  }
  return image !== undefined && officialImage(image) ? 'none' : 'maybe';
}

export function checkHealthDependencies(ctx: CheckContext): void {
  const { file, out } = ctx;
  const own = symbolsOf(file);
  const refs = own.references.filter((r) => r.kind === 'service' && r.via === 'depends_on' && !isHeld(file, r.start));
  if (refs.length === 0) return;
  let files: ComposeFile[] | undefined;
  for (const ref of refs) {
    const map = own.services.get(ref.service)?.map ?? null;
    const condition = valueAt(file, map, 'depends_on', ref.name, 'condition');
    if (condition?.kind !== 'scalar' || condition.value !== 'service_healthy') continue;
    files ??= projectFiles(ctx.project());
    const health = healthOf(ctx, files, ref.name);
    if (health === 'maybe') continue;
    out.push({
      rule: 'compose-healthcheck-missing', start: ref.start, end: ref.end,
      ...(health === 'disabled' ? { severity: 'error' as const } : {}),
      message: health === 'disabled'
        ? t('"{0}" waits for "{1}" to be healthy, but the healthcheck of "{1}" is disabled, so "docker compose up" stops ("has no healthcheck configured"). Enable it, or use condition: service_started.', ref.service, ref.name)
        : t('"{0}" waits for "{1}" to be healthy, but "{1}" has no healthcheck and its image defines none, so "docker compose up" stops ("has no healthcheck configured"). Add a healthcheck to "{1}", or use condition: service_started.', ref.service, ref.name),
    });
  }
}
