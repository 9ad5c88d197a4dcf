// Notes for a compose file used as a Swarm stack (`docker stack deploy`): the keys Swarm ignores,
// the keys the stack loader refuses (it reads compose file format 3, not the Compose
// Specification), services without an image, and the `deploy` keys only Swarm honours. Only for
// files used for a stack: the client says which files it deployed, and files named like a stack
// file (docker-stack.yml, stack.yml, app.stack.yaml) count. Information and hints only: the same
// file may well be used with `docker compose up` too. The key lists are the docker CLI's own (its
// "Ignoring unsupported options" and "Additional property … is not allowed" answers).
import { t } from '../../l10n';
import { entries, rootMaps } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { ServiceContext } from '../../languageService';
import { symbolsOf } from '../model/symbols';
import { siblingDeclarations } from '../model/referrers';
import { projectFiles } from '../model/project';
import { entryAt, valueAt, type CheckContext } from './checkContext';
import { deployedAsStackByScript } from './deployScripts';
import type { MapNode } from '../model/nodes';

/** Service keys `docker stack deploy` accepts but does not apply, with what to do instead. */
const IGNORED: Record<string, () => string> = {
  build: () => t('Swarm does not build: build and push the image first, and deploy with "image".'),
  container_name: () => t('Swarm names each task\'s container itself.'),
  depends_on: () => t('Swarm starts services in any order; make services wait for what they need (a healthcheck, a retry).'),
  restart: () => t('Use deploy.restart_policy.'),
  links: () => t('Services on the same network reach each other by service name.'),
  external_links: () => t('Services on the same network reach each other by service name.'),
  network_mode: () => t('Use "networks".'),
  expose: () => t('Services on the same network can reach any port of each other.'),
  cgroup_parent: () => t('Swarm services have no such setting.'),
  devices: () => t('Swarm services have no such setting.'),
  domainname: () => t('Swarm services have no such setting.'),
  ipc: () => t('Swarm services have no such setting.'),
  mac_address: () => t('Swarm services have no such setting.'),
  pid: () => t('Swarm services have no such setting.'),
  privileged: () => t('Swarm services cannot run privileged; grant only the capabilities needed with cap_add.'),
  security_opt: () => t('Swarm services have no such setting.'),
  shm_size: () => t('Swarm services have no such setting.'),
  userns_mode: () => t('Swarm services have no such setting.'),
};

/** Service keys of compose file format 3.9, which `docker stack deploy` reads. */
const STACK_SERVICE_KEYS = new Set([
  'build', 'cap_add', 'cap_drop', 'cgroup_parent', 'command', 'configs', 'container_name', 'credential_spec', 'depends_on', 'deploy',
  'devices', 'dns', 'dns_search', 'domainname', 'entrypoint', 'env_file', 'environment', 'expose', 'external_links', 'extra_hosts',
  'healthcheck', 'hostname', 'image', 'init', 'ipc', 'isolation', 'labels', 'links', 'logging', 'mac_address', 'network_mode', 'networks',
  'pid', 'ports', 'privileged', 'read_only', 'restart', 'secrets', 'security_opt', 'shm_size', 'stdin_open', 'stop_grace_period',
  'stop_signal', 'sysctls', 'tmpfs', 'tty', 'ulimits', 'user', 'userns_mode', 'volumes', 'working_dir',
]);
const STACK_TOP_LEVEL_KEYS = new Set(['version', 'services', 'networks', 'volumes', 'secrets', 'configs']);

/** `deploy` keys that `docker compose up` does not apply (it applies replicas, resources and restart_policy). */
const SWARM_ONLY_DEPLOY_KEYS = ['mode', 'placement', 'update_config', 'rollback_config', 'endpoint_mode', 'labels'];

/** A file name with "stack" or "swarm" as a word of its own (app.stack.yml, docker-compose.swarm.yml; not haystack.yml). */
const STACK_NAME = /(^|[-_.])(stack|swarm)($|[-_.])/;

/**
 * True when the file is used for a stack: deployed as one from the client, named docker-stack.yml
 * or stack.yml, or named with "stack" or "swarm" and using what only Swarm reads (deploy's mode,
 * placement, update_config...). "Stack" alone is also the everyday word for any set of services (an *arr
 * stack, kafka-stack, full-stack.yml), which people run with docker compose.
 */
export function usedForStack(file: ComposeFile, context: ServiceContext): boolean {
  if (context.facts.stackFiles?.includes(file.uri)) return true;
  if (versionBelowThree(file)) return false;
  const name = decodeURIComponent(file.uri.slice(file.uri.lastIndexOf('/') + 1)).toLowerCase().replace(/\.ya?ml$/, '');
  // docker-stack-db.yml beside docker-stack-web.yml (round 10), and a file whose own comment says
  // how it is deployed (`# docker stack deploy --compose-file docker-swarm.yaml demo`).
  if (name === 'docker-stack' || name === 'stack' || /^docker-stack[-_.]/.test(name) || STACK_COMMENT.test(file.text.slice(0, 4096))) return true;
  return STACK_NAME.test(name) && usesSwarmDeploy(file);
}

/**
 * A file that declares version 1 or 2 (version: '2.0'): docker stack deploy refuses it
 * ("unsupported Compose file version"), so whatever its name it is run with docker compose
 * (round 13: a stack.yml of version 2.0 with container_name and restart, which compose honours).
 */
function versionBelowThree(file: ComposeFile): boolean {
  return rootMaps(file).some((root) => {
    const version = valueAt(file, root, 'version');
    return version?.kind === 'scalar' && /^[12](\.\d+)?$/.test(String(version.value).trim());
  });
}

/** A comment that deploys the file as a stack. */
const STACK_COMMENT = /^[ \t]*#[^\n]*\bdocker\s+stack\s+deploy\b/m;

/** A folder named for Swarm (swarm/, docker-swarm/, my-swarm-setup/) or for a stack repository (docker-stack-python-app/). */
const SWARM_FOLDER = /\/([^/]*[-_.])?swarm([-_.][^/]*)?\/|\/docker-stack([-_.][^/]*)?\//i;

/**
 * True when the file may be deployed as a stack, for what must not be said of a stack file (that
 * "version" is obsolete): a file used for a stack, or one written for Swarm whatever its name
 * (deploy keys only Swarm reads, overlay or attachable networks, Traefik's Swarm provider named in
 * a label), or named with "stack" or "swarm" and holding any deploy section (deploy.labels are
 * what Traefik reads from Swarm services).
 */
export function mayBeStack(file: ComposeFile, context: ServiceContext): boolean {
  if (versionBelowThree(file) && !context.facts.stackFiles?.includes(file.uri)) return false;
  if (usedForStack(file, context) || usesSwarmDeploy(file, ['labels']) || hasOverlayNetwork(file) || TRAEFIK_SWARM.test(file.text) || traefikServiceLabels(file)) return true;
  const name = decodeURIComponent(file.uri.slice(file.uri.lastIndexOf('/') + 1)).toLowerCase();
  if (STACK_NAME.test(name.replace(/\.ya?ml$/, '')) && usesSwarmDeploy(file, [], true)) return true;
  // In a folder named for Swarm, or deployed as a stack by a script or README near it (round 10:
  // 9 wrong version warnings on such files). Asked last: it lists folders and reads scripts.
  return SWARM_FOLDER.test(file.uri.slice(file.uri.indexOf('://') + 3, file.uri.lastIndexOf('/') + 1)) || deployedAsStackByScript(file.uri, context);
}

/** Whether a service's deploy section uses a key only docker stack deploy reads (`any`: any key at all). */
function usesSwarmDeploy(file: ComposeFile, except: readonly string[] = ['labels'], any = false): boolean {
  for (const { map } of symbolsOf(file).services.values()) {
    const deploy = map ? entries(file, map).find((e) => e.key === 'deploy')?.value : undefined;
    if (deploy?.kind === 'map' && entries(file, deploy).some((e) => any || (SWARM_ONLY_DEPLOY_KEYS.includes(e.key) && !except.includes(e.key)))) return true;
  }
  return false;
}

/**
 * Traefik labels under deploy.labels: Traefik reads a Swarm service's labels there, and a
 * container's labels (the service's own `labels`) otherwise, so they are written for a stack
 * (round 9: chutch3's apps, deployed with docker stack deploy by its docs).
 */
function traefikServiceLabels(file: ComposeFile): boolean {
  if (!file.text.includes('traefik.')) return false;
  for (const { map } of symbolsOf(file).services.values()) {
    const labels = map ? valueAt(file, map, 'deploy', 'labels') : null;
    if (labels?.kind === 'map' && entries(file, labels).some((e) => e.key.startsWith('traefik.'))) return true;
    if (labels?.kind === 'seq' && labels.items.some((item) => item?.kind === 'scalar' && String(item.value).startsWith('traefik.'))) return true;
  }
  return false;
}

/** Traefik's Swarm provider in labels: its options (traefik.swarm.network, traefik.docker.swarmmode) or a middleware of it (auth@swarm). */
const TRAEFIK_SWARM = /traefik\.swarm\.|traefik\.docker\.swarmmode|@swarm\b/;

/** Whether a top-level network uses the overlay driver, which only a swarm provides, or is attachable, which only an overlay network is. */
function hasOverlayNetwork(file: ComposeFile): boolean {
  for (const root of rootMaps(file)) {
    const networks = entries(file, root).find((e) => e.key === 'networks')?.value;
    if (networks?.kind !== 'map') continue;
    for (const network of entries(file, networks)) {
      if (network.value?.kind !== 'map') continue;
      const fields = entries(file, network.value);
      const driver = fields.find((e) => e.key === 'driver')?.value;
      const attachable = fields.find((e) => e.key === 'attachable')?.value;
      if ((driver?.kind === 'scalar' && driver.value === 'overlay') || (attachable?.kind === 'scalar' && attachable.value === true)) return true;
    }
  }
  return false;
}

export interface StackProblem {
  rule: 'compose-swarm-ignored' | 'compose-swarm-unsupported' | 'compose-swarm-no-image' | 'compose-swarm-only';
  start: number;
  end: number;
  message: string;
  severity?: 'hint';
  /** The service a compose-swarm-no-image note is about. */
  service?: string;
}

/**
 * Whether Swarm restarts the service's tasks when they fail: its restart_policy's condition is
 * `any` unless set otherwise, so a task started before what it needs fails and starts again.
 */
function restartsOnFailure(file: ComposeFile, map: MapNode): boolean {
  const condition = valueAt(file, map, 'deploy', 'restart_policy', 'condition');
  return !(condition?.kind === 'scalar' && String(condition.value).trim() === 'none');
}

/** `restart: always` or `unless-stopped`: what Swarm's default restart policy (condition any) does too. */
function restartsAlways(file: ComposeFile, map: MapNode): boolean {
  const restart = valueAt(file, map, 'restart');
  return restart?.kind === 'scalar' && ['always', 'unless-stopped'].includes(String(restart.value).trim());
}

/** What `docker stack deploy` would make of the file: the reasons it could not deploy it, and the notes. */
export function stackProblems(file: ComposeFile): StackProblem[] {
  const out: StackProblem[] = [];
  for (const root of rootMaps(file)) {
    for (const entry of entries(file, root)) {
      if (entry.mergedFrom || entry.key.startsWith('x-') || STACK_TOP_LEVEL_KEYS.has(entry.key)) continue;
      out.push({ rule: 'compose-swarm-unsupported', start: entry.keyNode.start, end: entry.keyNode.end, message: t('docker stack deploy refuses the top-level key "{0}": it reads compose file format 3.', entry.key) });
    }
  }
  for (const [name, { declaration, map }] of symbolsOf(file).services) {
    if (!map) continue;
    let hasImage = false;
    for (const entry of entries(file, map)) {
      if (entry.key === 'image') hasImage = true;
      if (entry.mergedFrom || entry.key.startsWith('x-')) continue;
      const at = { start: entry.keyNode.start, end: entry.keyNode.end };
      const advice = IGNORED[entry.key];
      // Start order rarely matters to Swarm's services, which start again until what they need is up.
      // And a restart beside deploy.restart_policy is the same file's setting for docker compose
      // (round 11), as is `restart: always`, which Swarm's default policy does anyway; a build
      // beside an image is how the file builds and pushes that image with compose (round 14).
      const faded = (entry.key === 'depends_on' && restartsOnFailure(file, map)) || (entry.key === 'restart' && (valueAt(file, map, 'deploy', 'restart_policy') || restartsAlways(file, map)))
        || (entry.key === 'build' && valueAt(file, map, 'image')) ? { severity: 'hint' as const } : {};
      if (advice) out.push({ rule: 'compose-swarm-ignored', ...at, message: t('docker stack deploy ignores "{0}". {1}', entry.key, advice()), ...faded });
      else if (!STACK_SERVICE_KEYS.has(entry.key)) out.push({ rule: 'compose-swarm-unsupported', ...at, message: t('docker stack deploy refuses "{0}": it reads compose file format 3, which has no such key.', entry.key) });
    }
    if (!hasImage) {
      out.push({ rule: 'compose-swarm-no-image', start: declaration.start, end: declaration.end, message: t('Service "{0}" has no "image": docker stack deploy cannot build, so every service of a stack needs one.', name), service: name });
    }
    const deploy = entryAt(file, map, 'deploy');
    if (deploy?.value?.kind === 'map' && !deploy.mergedFrom) {
      for (const entry of entries(file, deploy.value)) {
        if (entry.mergedFrom || !SWARM_ONLY_DEPLOY_KEYS.includes(entry.key)) continue;
        out.push({ rule: 'compose-swarm-only', start: entry.keyNode.start, end: entry.keyNode.end, message: t('Only Swarm honours deploy.{0} (docker stack deploy); docker compose up ignores it.', entry.key) });
      }
    }
  }
  return out;
}

/** True when `docker stack deploy` would accept the file (nothing refused, every service has an image). */
export function deployableAsStack(file: ComposeFile): boolean {
  return symbolsOf(file).services.size > 0 && !stackProblems(file).some((p) => p.rule === 'compose-swarm-unsupported' || p.rule === 'compose-swarm-no-image');
}

/** Whether a file gives the service an image. */
function hasImage(file: ComposeFile, service: string): boolean {
  const map = symbolsOf(file).services.get(service)?.map;
  return map ? entries(file, map).some((e) => e.key === 'image') : false;
}

export function checkSwarmKeys(ctx: CheckContext): void {
  const { file, context, out } = ctx;
  if (!usedForStack(file, context)) return;
  // docker stack deploy -c docker-compose.yml -c docker-compose.swarm.yml: a service the other
  // compose files beside (or above) this one give an image may get it from them; one they declare
  // without an image (built there too) still has none (round 9: sistemaapi's docker-stack.yml).
  let elsewhere: Set<string> | undefined;
  for (const { service, ...problem } of stackProblems(file)) {
    if (service !== undefined) {
      elsewhere ??= siblingDeclarations(file.uri, new Set(projectFiles(ctx.project()).map((f) => f.uri)), context);
      if (elsewhere.has(`image:${service}`) || ctx.project().partners.some((f) => hasImage(f, service))) continue;
    }
    out.push(problem);
  }
}
