// `MONGO_URL: mongodb://mongodb:27017/app` where the service is called `mongo`, `DB_HOST: postgres`
// beside a service `db`: inside a compose network a container reaches another by its service
// name (or container_name, hostname, a network alias, a link's alias), and a name none of the
// project's files gives resolves to nothing: the app fails with "getaddrinfo ENOTFOUND mongodb"
// (round 23). Told only for a one-label host (no dots: a dotted name is a real domain), in a URL
// of a network scheme or in a *_HOST variable, where the project is known whole: no include
// that cannot be read, no external network (containers of other projects answer there) and no
// network_mode of its own. A warning with the fix where a service has a name close to it, else
// information: the name may come from outside the files (a DNS search domain, a proxy's alias).
import { t } from '../../l10n';
import { entries, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { MapNode } from '../model/nodes';
import { isHeld } from '../model/brokenBlocks';
import { closest } from '../model/closest';
import { environmentPairs } from '../model/environment';
import { projectFiles, readText } from '../model/project';
import { composeFileOfText } from '../model/documentStore';
import { dirnameUri, encodeName } from '../model/uris';
import type { Problem } from './problems';
import { extendsLibrary, servicesOf, valueAt, type CheckContext } from './checkContext';

/** Schemes whose authority is a host on the network (not s3's bucket, not file's path, not mongodb+srv's DNS record). */
const NETWORK_SCHEMES = /^(?:jdbc:)?(https?|wss?|postgres(?:ql)?|mysql|mariadb|mongodb|redis|rediss|amqps?|nats|mqtts?|tcp|grpc|sqlserver|clickhouse|memcached?|elasticsearch|influxdb|kafka)$/i;
/** `scheme://[user[:password]@]host[:port]` at the start of a value (a list of URLs: the first). */
const URL_HOST = /^([a-z][a-z0-9+.:-]*):\/\/(?:[^@/\s]*@)?([^:/?#\s,]+)/i;
/** Variables that name another service's host (DB_HOST, REDIS_HOSTNAME), not a name the container answers to or a public domain. */
const HOST_VARIABLE = /_(HOST|HOSTNAME)$/;
// (CLUSTER_HOSTNAME, NODE_HOSTNAME, *_ADVERTISED_HOST: the container's own name in a cluster, round 31's weaviate.)
const NOT_A_PEER = /^(VIRTUAL|LETSENCRYPT|PUBLIC|EXTERNAL|LISTEN|BIND|SERVER|APP|WEB|SITE|DOMAIN|BASE|ALLOWED|TRUSTED|CORS|PROXY|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|SMTP|MAIL|EMAIL|LDAP|S3|AWS|SENTRY|CLUSTER|NODE|SELF|OWN|MY)(_|$)|(^|_)(BIND|LISTEN|PUBLIC|EXTERNAL|ADVERTISED|ADVERTISE|ANNOUNCE|CLUSTER|NODE)_/;
/** A name a container reaches without any service: itself, the host, a placeholder. */
const ALWAYS_KNOWN = new Set(['localhost', 'host-gateway', 'example', 'changeme', 'your-host', 'hostname', 'host']);
/** A one-label host name as Docker's DNS answers it. */
const ONE_LABEL = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Every name a container of the project can be reached by. */
function reachableNames(files: readonly ComposeFile[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const { name, map } of servicesOf(file)) {
      names.add(name);
      for (const key of ['container_name', 'hostname']) {
        const value = resolve(file, valueAt(file, map, key));
        if (value?.kind === 'scalar' && value.value !== null) names.add(String(value.value));
      }
      const networks = resolve(file, valueAt(file, map, 'networks'));
      if (networks?.kind === 'map') {
        for (const e of entries(file, networks)) {
          const aliases = resolve(file, e.value?.kind === 'map' ? valueAt(file, e.value, 'aliases') : null);
          if (aliases?.kind === 'seq') for (const a of aliases.items) { const v = resolve(file, a); if (v?.kind === 'scalar' && v.value !== null) names.add(String(v.value)); }
        }
      }
      for (const key of ['links', 'external_links']) {
        const links = resolve(file, valueAt(file, map, key));
        if (links?.kind === 'seq') for (const l of links.items) { const v = resolve(file, l); if (v?.kind === 'scalar' && v.value !== null) names.add(String(v.value).split(':').pop()!); }
      }
      const hosts = resolve(file, valueAt(file, map, 'extra_hosts'));
      if (hosts?.kind === 'map') for (const e of entries(file, hosts)) names.add(e.key);
      else if (hosts?.kind === 'seq') for (const h of hosts.items) { const v = resolve(file, h); if (v?.kind === 'scalar' && v.value !== null) names.add(String(v.value).split(/[:=]/)[0]!.trim()); }
    }
  }
  return names;
}

/**
 * Whether some file joins a network compose did not create (or mounts an outside volume: such
 * projects are run beside others), so containers of other projects may answer to any name.
 */
function runsBesideOthers(files: readonly ComposeFile[]): boolean {
  return files.some((file) => /^[ \t]*external[ \t]*:[ \t]*(true|yes|\r?$)/im.test(file.text));
}

/** Most compose files of a folder read beside this one (docker-compose.db.yml run with -f). */
const MAX_SIBLINGS = 12;
const MAX_SIBLING_BYTES = 512 * 1024;

/** The other compose files of the file's folder: `-f` companions the project cannot know of. */
function siblingFiles(ctx: CheckContext, known: readonly ComposeFile[]): ComposeFile[] {
  const folder = dirnameUri(ctx.file.uri);
  const out: ComposeFile[] = [];
  let entries: { name: string; isDirectory: boolean }[];
  try {
    entries = ctx.context.files.list(folder);
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (out.length >= MAX_SIBLINGS) break;
    if (entry.isDirectory || !/\.ya?ml$/i.test(entry.name)) continue;
    const uri = `${folder}/${encodeName(entry.name)}`;
    if (known.some((f) => f.uri === uri)) continue;
    const text = readText(uri, ctx.context);
    if (text === undefined || text.length > MAX_SIBLING_BYTES || !/^services\s*:/m.test(text)) continue;
    out.push(composeFileOfText(uri, text));
  }
  return out;
}

/** The host a value names, with its offset in the value: a URL's host, or the whole value of a *_HOST variable. */
function hostIn(key: string, value: string): { host: string; at: number } | undefined {
  const trimmed = value.trim();
  const lead = value.indexOf(trimmed);
  const url = URL_HOST.exec(trimmed);
  if (url) {
    if (!NETWORK_SCHEMES.test(url[1]!)) return undefined;
    return { host: url[2]!, at: lead + url[0].length - url[2]!.length };
  }
  if (!HOST_VARIABLE.test(key) || NOT_A_PEER.test(key)) return undefined;
  const bare = /^([^:\s]+)(?::\d+)?$/.exec(trimmed);
  // A switch, not a host (round 47: Auth.js's AUTH_TRUST_HOST: "true").
  if (!bare || /^(true|false|yes|no|on|off|[01])$/i.test(bare[1]!)) return undefined;
  return { host: bare[1]!, at: lead };
}

/** `known`: the project's names, or null where the project is not known whole (then nothing is told). */
function serviceProblems(file: ComposeFile, map: MapNode, known: () => Set<string> | null, apart: (host: string) => { service: string; theirs: string[]; ours: string[] } | undefined): Problem[] {
  if (valueAt(file, map, 'network_mode')) return [];
  const out: Problem[] = [];
  for (const pair of environmentPairs(file, map)) {
    if (pair.value === undefined || pair.value.includes('$') || pair.value.includes('{{')) continue;
    const found = hostIn(pair.key, pair.value);
    if (!found || !ONE_LABEL.test(found.host) || /^\d+$/.test(found.host) || ALWAYS_KNOWN.has(found.host.toLowerCase())) continue;
    // The project's names are gathered only for a host to look up (most values name none).
    const names = known();
    // DNS names are told apart without case (Backend reaches the service backend).
    const lower = found.host.toLowerCase();
    if (!names) continue;
    const isKnown = names.has(found.host) || [...names].some((n) => n.toLowerCase() === lower);
    // A service of the project, but on no network this one is on (round 37: wiki on "wiki", postgres on the default).
    const separate = isKnown ? apart(found.host) : undefined;
    if (isKnown && !separate) continue;
    // Where the host is in the file: the value as written holds it (quoted or plain).
    const raw = file.text.slice(pair.start, pair.end);
    const inRaw = raw.indexOf(pair.value) >= 0 ? raw.indexOf(pair.value) + found.at : raw.indexOf(found.host);
    if (inRaw < 0 || file.text.slice(pair.start + inRaw, pair.start + inRaw + found.host.length) !== found.host) continue;
    const start = pair.start + inRaw;
    if (isHeld(file, start)) continue;
    if (separate) {
      out.push({
        rule: 'compose-unknown-host',
        start,
        end: start + found.host.length,
        message: t('The service "{0}" is on the networks {1} and this service on {2}: they share none, so from here "{3}" resolves to nothing and the connection fails ("getaddrinfo ENOTFOUND {3}"). Put both on one network.', separate.service, separate.theirs.join(', '), separate.ours.join(', '), found.host),
      });
      continue;
    }
    const suggestion = closeService(found.host, names);
    out.push({
      rule: 'compose-unknown-host',
      start,
      end: start + found.host.length,
      message: suggestion
        ? t('No service, container name, hostname or network alias of this project is "{0}", so inside the network the name resolves to nothing and the connection fails ("getaddrinfo ENOTFOUND {0}"). Did you mean the service "{1}"?', found.host, suggestion)
        : t('No service, container name, hostname or network alias of this project is "{0}", so inside the network the name resolves to nothing and the connection fails ("getaddrinfo ENOTFOUND {0}"), unless the name comes from outside these files. Use the service\'s name, or give it this one as a network alias.', found.host),
      ...(suggestion ? { data: { replacement: suggestion } } : { severity: 'information' as const }),
    });
  }
  return out;
}

/** What a name and its product's other name differ by: mongo and mongodb, postgres and postgresql, rabbit and rabbitmq, redis and redis-server. */
const PRODUCT_SUFFIX = /^[-_]?(db|ql|sql|mq|server|service|svc|search)$/;

/** A name of the project close to the host: a typo, or the product's other name. */
function closeService(host: string, names: Set<string>): string | undefined {
  const lower = host.toLowerCase();
  for (const name of names) {
    const other = name.toLowerCase();
    const [short, long] = other.length < lower.length ? [other, lower] : [lower, other];
    if (short.length >= 4 && long.startsWith(short) && PRODUCT_SUFFIX.test(long.slice(short.length))) return name;
  }
  return closest(host, names);
}

export function checkUnknownHosts(ctx: CheckContext): void {
  const { file, out } = ctx;
  if (!file.text.includes('environment')) return;
  let names: Set<string> | undefined | null;
  /** The names the project's containers answer to; null where the project is not known whole. */
  const known = () => {
    if (names === undefined) {
      const project = ctx.project();
      const files = projectFiles(project);
      names = project.incomplete || project.absent.length > 0 || extendsLibrary(ctx) || runsBesideOthers(files) ? null : reachableNames([...files, ...siblingFiles(ctx, files)]);
    }
    return names;
  };
  let byName: Map<string, MapNode> | undefined | null;
  /** The file's services by name, where nothing else of the project can join them to networks; null otherwise. */
  const services = () => {
    if (byName === undefined) {
      const project = ctx.project();
      byName = projectFiles(project).length === 1 && known() !== null && siblingFiles(ctx, [file]).length === 0 ? new Map(servicesOf(file).map((s) => [s.name, s.map])) : null;
    }
    return byName;
  };
  for (const { map } of servicesOf(file)) {
    if (!valueAt(file, map, 'environment')) continue;
    const apart = (host: string) => {
      const all = services();
      const peer = all?.get(host);
      if (!all || !peer || peer === map) return undefined;
      const ours = networksOf(file, map);
      const theirs = networksOf(file, peer);
      return ours && theirs && !ours.some((n) => theirs.includes(n)) ? { service: host, theirs, ours } : undefined;
    };
    out.push(...serviceProblems(file, map, known, apart));
  }
}

/** The networks a service joins (default where it names none); undefined where that cannot be told (network_mode, a variable, an unreadable list). */
function networksOf(file: ComposeFile, map: MapNode): string[] | undefined {
  if (valueAt(file, map, 'network_mode')) return undefined;
  const node = valueAt(file, map, 'networks');
  if (!node) return ['default'];
  const value = resolve(file, node);
  const names = value?.kind === 'map' ? entries(file, value).map((e) => e.key) : value?.kind === 'seq' ? value.items.map((i) => resolve(file, i)).map((i) => (i?.kind === 'scalar' && i.value !== null ? String(i.value) : '$')) : undefined;
  return names && names.length > 0 && !names.some((n) => n.includes('$')) ? names : undefined;
}
