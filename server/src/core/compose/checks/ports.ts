// Port mappings: each must parse (short and long form, see portSpec), `expose` lists container
// ports only, a host port may be published only once among services that can run together, and
// unquoted mappings that YAML 1.1 would read as base-60 numbers are pointed out.
import { t } from '../../l10n';
import { entries, isInterpolated, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { NodeMemo } from '../model/nodeMemo';
import type { CNode, MapNode } from '../model/nodes';
import type { Problem } from './problems';
import type { ComposeCode } from '../../diagnosticCodes';
import { hostIpsOverlap, isIp, parsePortSpec, parseRange, PROTOCOLS, type PortRange } from '../model/portSpec';
import { canRunTogether, profilesOf, servicesOf, valueAt, type CheckContext } from './checkContext';
import { isHeld } from '../model/brokenBlocks';
import { usedForStack } from './swarmKeys';
import { projectEnv } from '../model/envFile';
import { readText } from '../model/project';
import { scanInterpolation, substitute } from '../model/interpolation';

interface Published {
  service: string;
  profiles: string[];
  hostIp: string | undefined;
  host: PortRange;
  protocol: string;
  /** How compose identifies the mapping when it drops repeats within the service (see mergeKey). */
  key?: string;
  /** Written with variables, whose values here come from the project's .env or their defaults. */
  viaVariables?: boolean;
  start: number;
  end: number;
}

/** What one port item says on its own: a problem, or a host port it publishes. Offsets are the item's. */
interface PortItem {
  start: number;
  end: number;
  problem?: Problem;
  published?: { hostIp: string | undefined; host: PortRange; protocol: string; key?: string; hostMode?: boolean };
  /** A short-form mapping written with variables (`${HTTP_PORT:-80}:80`): read with the project's values in checkPorts. */
  interpolated?: string;
}

/** Ranges wider than this are not expanded when looking for collisions. */
const MAX_EXPANDED = 1024;

const memo = new NodeMemo<PortItem>((item, delta) => {
  const moved: PortItem = { ...item, start: item.start + delta, end: item.end + delta };
  if (item.problem) moved.problem = { ...item.problem, start: item.problem.start + delta, end: item.problem.end + delta };
  return moved;
});

export function checkPorts(ctx: CheckContext): void {
  const { file, context, out } = ctx;
  const published: Published[] = [];
  let stack: boolean | undefined;
  let values: ReadonlyMap<string, string> | null | undefined;
  for (const { name, map } of servicesOf(file)) {
    const items = memo.get(map, () => portItems(file, map));
    if (items.length === 0) continue;
    const profiles = profilesOf(file, map);
    // With the host's network the engine discards published ports ("Published ports are discarded when using host network mode").
    const hostNetwork = valueAt(file, map, 'network_mode');
    const discarded = hostNetwork?.kind === 'scalar' && hostNetwork.value === 'host';
    for (const item of items) {
      if (item.problem) out.push(item.problem);
      if (item.interpolated && !discarded && !isHeld(file, item.start)) {
        if (values === undefined) values = portVariables(ctx);
        const mapping = values && withValues(item.interpolated, values);
        if (mapping) published.push({ service: name, profiles, hostIp: mapping.hostIp, host: mapping.host, protocol: mapping.protocol, viaVariables: true, start: item.start, end: item.end });
        continue;
      }
      // Ports read from an unreadable part are not compared: they may not be what is written.
      if (!item.published || discarded || isHeld(file, item.start)) continue;
      // In a stack, a host-mode port binds only on the node that runs the task, and placement
      // decides the nodes: two services may well publish it on different ones.
      if (item.published.hostMode && (stack ??= usedForStack(file, context))) continue;
      const { hostIp, host, protocol, key } = item.published;
      published.push({ service: name, profiles, hostIp, host, protocol, ...(key ? { key } : {}), start: item.start, end: item.end });
    }
  }
  reportCollisions(published, out);
}

/**
 * The values compose gives port variables here: the project's .env (empty when there is none).
 * Null where there is no .env but an example of one beside it, which the user is meant to copy
 * and fill in: then the values are not known.
 */
function portVariables(ctx: CheckContext): ReadonlyMap<string, string> | null {
  const folder = ctx.project().directory;
  const env = projectEnv(ctx.file.uri, ctx.context, folder);
  if (env.values.size === 0 && ['.env.example', '.env.sample', '.env.dist', '.env.template'].some((name) => readText(`${folder}/${name}`, ctx.context) !== undefined)) return null;
  return env.values;
}

/**
 * A short-form mapping written with variables, read as compose reads it with these values: only
 * where each variable is set or has a default (`${HTTP_PORT:-80}`), and the result has one fixed
 * host port. The shell may still set another value; collisions found so are warnings.
 */
function withValues(text: string, values: ReadonlyMap<string, string>): { hostIp: string | undefined; host: PortRange; protocol: string } | undefined {
  const { uses, errors } = scanInterpolation(text);
  if (errors.length > 0 || uses.length === 0 || uses.some((use) => !values.has(use.name) && use.operator !== ':-' && use.operator !== '-')) return undefined;
  const value = substitute(text, values);
  const parsed = value === undefined || isInterpolated(value) ? undefined : parsePortSpec(value);
  if (!parsed?.ok) return undefined;
  const { host, hostIp, protocol, container } = parsed.mapping;
  const fixed = host && (host.start === host.end || host.end - host.start === container.end - container.start);
  return host && fixed && host.start > 0 ? { hostIp, host, protocol } : undefined;
}

function portItems(file: ComposeFile, map: MapNode): PortItem[] {
  const items: PortItem[] = [];
  const expose = entries(file, map).find((e) => e.key === 'expose')?.value;
  if (expose?.kind === 'seq') {
    for (const raw of expose.items) {
      const node = resolve(file, raw);
      if (!raw || node?.kind !== 'scalar' || node.value === null || isInterpolated(String(node.value))) continue;
      const message = exposeProblem(String(node.value));
      if (message) items.push({ start: raw.start, end: raw.end, problem: { rule: 'compose-invalid-port', start: raw.start, end: raw.end, message: t('Invalid port "{0}": {1}', String(node.value), message) } });
    }
  }
  const ports = entries(file, map).find((e) => e.key === 'ports')?.value;
  if (ports?.kind !== 'seq') return items;
  for (const raw of ports.items) {
    const node = resolve(file, raw);
    if (!raw || !node) continue;
    const item: PortItem = { start: raw.start, end: raw.end };
    const problem = (rule: ComposeCode, message: string, at: CNode = raw) => {
      item.problem = { rule, start: at.start, end: at.end, message };
    };
    if (node.kind === 'scalar' && typeof node.value === 'number') {
      if (!Number.isInteger(node.value) || node.value < 1 || node.value > 65535) problem('compose-invalid-port', t('{0} is not a port: ports go from 1 to 65535.', node.value));
    } else if (node.kind === 'scalar' && typeof node.value === 'string' && isInterpolated(node.value)) {
      if (node.value.length <= 200) item.interpolated = node.value;
    } else if (node.kind === 'scalar' && typeof node.value === 'string') {
      const parsed = parsePortSpec(node.value);
      if (!parsed.ok) {
        problem('compose-invalid-port', t('Invalid port mapping "{0}": {1}', node.value, parsed.message));
      } else {
        if (node.style === 'plain' && isSexagesimal(node.value)) {
          problem('compose-port-quoting', t('Quote this port mapping ("{0}"): YAML 1.1 parsers read {0} as a base-60 number.', node.value));
        }
        const { host, hostIp, protocol, container } = parsed.mapping;
        const fixed = host && (host.start === host.end || host.end - host.start === container.end - container.start);
        if (host && fixed && host.start > 0) {
          item.published = { hostIp, host, protocol };
          // One port: compose's canonical form (types.ParsePortConfig) has host_ip only when written, published as a decimal string.
          if (host.start === host.end && container.start === container.end) item.published.key = mergeKey(hostIp, `"${host.start}"`, container.start, protocol);
        }
      }
    } else if (node.kind === 'map') {
      const long = longForm(file, node);
      if ('message' in long) problem('compose-invalid-port', long.message, long.at);
      else if (long.host) item.published = { hostIp: long.hostIp, host: long.host, protocol: long.protocol, ...(long.key ? { key: long.key } : {}), ...(long.hostMode ? { hostMode: true } : {}) };
    }
    if (item.problem || item.published || item.interpolated) items.push(item);
  }
  return items;
}

/** A string such as 22:22 or 1:30:45, which YAML 1.1 reads as a base-60 integer. */
function isSexagesimal(text: string): boolean {
  return /^[0-9]+(:[0-5]?[0-9])+$/.test(text);
}

type LongForm = { host?: PortRange; hostIp?: string; protocol: string; key?: string; hostMode?: boolean } | { message: string; at: CNode };

/**
 * The key compose drops repeated ports of a service by, once the short forms are made long
 * (compose-go override/uncity.go portIndexer, run again after transform.Canonical): host_ip
 * ("0.0.0.0" when absent), published as Go prints it (a string as written, a number as
 * "%!s(int=N)"), target and protocol as written ("tcp" when absent).
 */
function mergeKey(hostIp: string | undefined, published: string, target: number, protocol: string): string {
  return `${hostIp ?? '0.0.0.0'}:${published}:${target}/${protocol}`;
}

/**
 * The long form as compose-go reads it: `mode` is not checked (docker compose up ignores it; a
 * stack's host-mode ports are not compared, see checkPorts),
 * `target` is cast to a whole number (so a range is refused), host_ip must parse as an IP, and
 * an empty `published` leaves the host port to the engine, as an absent one does.
 */
function longForm(file: Parameters<typeof entries>[0], node: Parameters<typeof entries>[1]): LongForm {
  const fields = new Map(entries(file, node).map((e) => [e.key, e]));
  const text = (key: string) => {
    const value = fields.get(key)?.value;
    return value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined;
  };
  const at = (key: string) => fields.get(key)?.raw ?? node;
  const known = (value: string | undefined): value is string => value !== undefined && !isInterpolated(value);
  const protocol = (text('protocol') ?? 'tcp').toLowerCase();
  if (!isInterpolated(protocol) && !PROTOCOLS.includes(protocol)) {
    return { message: t('"{0}" is not a protocol: use tcp, udp or sctp.', protocol), at: at('protocol') };
  }
  const target = text('target');
  if (target === undefined) return { message: t('A long-form port needs a "target": the port inside the container.'), at: node };
  if (known(target)) {
    const container = parseRange(target.trim(), false);
    if (!container.ok) return { message: t('"target" must be a container port number, not "{0}".', target), at: at('target') };
    if (container.range.end !== container.range.start) {
      return { message: t('"target" is one container port: compose does not take a range ("{0}") in the long form. Write one entry per port, or use the short form "{0}:{0}".', target), at: at('target') };
    }
  }
  const hostIp = text('host_ip');
  if (known(hostIp) && !isIp(hostIp)) return { message: t('"host_ip" must be an IP address such as 127.0.0.1 or ::1, not "{0}".', hostIp), at: at('host_ip') };
  const published = text('published')?.trim();
  if (!known(published) || published === '') return { protocol };
  const parsed = parseRange(published, true);
  if (!parsed.ok) return { message: t('"published" must be a host port number (or range), not "{0}".', published), at: at('published') };
  const host = parsed.range;
  // With one target, a host range is where the engine picks a free port, and 0 lets it pick any:
  // neither holds a port another mapping could collide with.
  if (host.start === 0 || host.end !== host.start) return { protocol };
  // An address known only when compose runs may be any one: not compared, as in the short form.
  if (hostIp !== undefined && isInterpolated(hostIp)) return { protocol };
  const publishedValue = fields.get('published')?.value;
  const targetNumber = Number(target);
  const written = fields.get('protocol') ? text('protocol') : 'tcp';
  const key = known(target) && written !== undefined && publishedValue?.kind === 'scalar'
    ? mergeKey(hostIp, typeof publishedValue.value === 'number' ? `%!s(int=${publishedValue.value})` : `"${String(publishedValue.value)}"`, targetNumber, written)
    : undefined;
  const hostMode = text('mode')?.trim() === 'host';
  return { host, protocol, ...(hostIp === undefined ? {} : { hostIp }), ...(key ? { key } : {}), ...(hostMode ? { hostMode } : {}) };
}

/** `expose` lists container ports (or ranges), optionally with a protocol; nothing is published. */
function exposeProblem(text: string): string | undefined {
  if (text.includes(':')) return t('"expose" takes container ports only: to publish "{0}" on the host, list it under "ports".', text);
  const [port, protocol, extra] = text.trim().split('/');
  if (extra !== undefined) return t('Only one "/" may follow the ports, with the protocol: tcp, udp or sctp.');
  if (protocol && !PROTOCOLS.includes(protocol.toLowerCase())) return t('"{0}" is not a protocol: use tcp, udp or sctp.', protocol);
  const range = parseRange(port ?? '', false);
  return range.ok ? undefined : range.message;
}

function reportCollisions(published: Published[], out: CheckContext['out']): void {
  const byPort = new Map<string, Published[]>();
  for (const p of published) {
    if (p.host.end - p.host.start > MAX_EXPANDED) continue;
    for (let port = p.host.start; port <= p.host.end; port++) {
      const key = `${port}/${p.protocol}`;
      const list = byPort.get(key) ?? [];
      list.push(p);
      byPort.set(key, list);
    }
  }
  const flagged = new Set<Published>();
  const sharedSpots = new Map<string, { start: number; end: number; key: string; services: Set<string>; profiles: boolean; viaVariables: boolean }>();
  for (const [key, list] of byPort) {
    if (list.length < 2) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a === b || !hostIpsOverlap(a.hostIp, b.hostIp) || !canRunTogether(a.profiles, b.profiles)) continue;
        // Compose keeps one of two mappings of a service it reads as the same.
        if (a.service === b.service && a.key !== undefined && a.key === b.key) continue;
        // One mapping that services take from the same anchor: one finding there, naming them all.
        if (a.start === b.start && a.end === b.end) {
          const spot = `${a.start}:${a.end}:${key}`;
          const shared = sharedSpots.get(spot) ?? { start: a.start, end: a.end, key, services: new Set<string>(), profiles: false, viaVariables: Boolean(a.viaVariables) };
          shared.services.add(a.service).add(b.service);
          shared.profiles ||= a.profiles.length > 0 || b.profiles.length > 0;
          sharedSpots.set(spot, shared);
          continue;
        }
        for (const [self, other] of [[a, b], [b, a]] as const) {
          if (flagged.has(self)) continue;
          flagged.add(self);
          const viaVariables = self.viaVariables || other.viaVariables;
          const message = other.service === self.service
            ? t('Host port {0} is published twice by service "{1}".', key, self.service)
            : t('Host port {0} is also published by service "{1}".', key, other.service);
          out.push({
            rule: 'compose-duplicate-host-port',
            start: self.start,
            end: self.end,
            message: viaVariables ? `${message} ${t('(With the values the project\'s .env and the variables\' defaults give; the shell may set others.)')}` : message,
            // A plain `up` starts both only when neither has a profile; else only some profiles clash.
            // Ports read through variables clash only with these values: a warning.
            // Two variants of one service (web and web_debug) are often started one at a time, by name: a warning.
            ...(self.profiles.length > 0 || other.profiles.length > 0 || viaVariables || variants(self.service, other.service) ? { severity: 'warning' as const } : {}),
          });
        }
      }
    }
  }
  for (const shared of sharedSpots.values()) {
    const names = [...shared.services].map((n) => `"${n}"`);
    out.push({
      rule: 'compose-duplicate-host-port',
      start: shared.start,
      end: shared.end,
      message: t('Host port {0} is published by services {1} and {2}, which take this mapping from here.', shared.key, names.slice(0, -1).join(', '), names[names.length - 1]!),
      ...(shared.profiles || shared.viaVariables ? { severity: 'warning' as const } : {}),
    });
  }
}

/** Words that name a variant of a service, as a suffix of its name (web_debug, api-dev, app-v2). */
const VARIANT = /^(debug|dbg|dev|devel|development|test|testing|local|prod|production|staging|alt|old|new|legacy|next|v\d+|\d+|gpu|cpu|profile|profiling|inspect|slim)$/;

/**
 * Whether two services are variants of one (rails_app_1 and rails_app_1_debug): projects start one
 * or the other by name (round 35: a README's `docker-compose up rails_app_1_debug`).
 */
export function variants(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (!long.startsWith(short) || long.length === short.length) return false;
  const rest = long.slice(short.length);
  return /^[-_.]/.test(rest) && VARIANT.test(rest.slice(1).toLowerCase());
}
