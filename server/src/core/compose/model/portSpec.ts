// Port mappings in compose's short form, `[[HOST_IP:]HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]`,
// with IPv6 host addresses bracketed or bare (the last two colons separate the ports), and the
// long form's fields. Parsing reports what is wrong in words a learner can act on.
import { t } from '../../l10n';

export interface PortRange {
  start: number;
  end: number;
}

export interface PortMapping {
  hostIp?: string;
  /** Undefined when the host port is chosen by the engine. */
  host?: PortRange;
  container: PortRange;
  protocol: string;
}

export type PortParse = { ok: true; mapping: PortMapping } | { ok: false; message: string };

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

export function parsePortSpec(text: string): PortParse {
  let rest = text.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!PROTOCOLS.has(protocol)) return fail(t('"{0}" is not a protocol: use tcp, udp or sctp.', text.slice(slash + 1)));
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') return fail(t('An IPv6 host address must be written in brackets followed by ":", as in [::1]:8080:80.'));
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
    if (!isIp(hostIp)) return fail(t('"{0}" is not an IP address.', hostIp));
  }
  const parts = rest.split(':');
  let hostPart: string | undefined;
  let containerPart: string;
  if (parts.length === 1) {
    containerPart = parts[0]!;
  } else if (parts.length === 2) {
    [hostPart, containerPart] = parts as [string, string];
  } else if (hostIp === undefined) {
    containerPart = parts[parts.length - 1]!;
    hostPart = parts[parts.length - 2]!;
    hostIp = parts.slice(0, -2).join(':');
    if (!isIp(hostIp)) return fail(t('"{0}" is not an IP address.', hostIp));
  } else {
    return fail(t('Too many ":" in the port mapping: the form is [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL].'));
  }
  const container = parseRange(containerPart);
  if (!container.ok) return container;
  const mapping: PortMapping = { container: container.range, protocol };
  if (hostIp !== undefined) mapping.hostIp = hostIp;
  if (hostPart !== undefined && hostPart !== '') {
    const host = parseRange(hostPart);
    if (!host.ok) return host;
    const hostSize = host.range.end - host.range.start;
    const containerSize = container.range.end - container.range.start;
    if (hostSize !== containerSize && containerSize !== 0) {
      return fail(t('The host range {0} and the container range {1} have different lengths.', hostPart, containerPart));
    }
    mapping.host = host.range;
  }
  return { ok: true, mapping };
}

function parseRange(text: string): { ok: true; range: PortRange } | { ok: false; message: string } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return fail(text === '' ? t('A port number is missing.') : t('"{0}" is not a port number or range.', text));
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  for (const port of [start, end]) {
    if (port > 65535) return fail(t('{0} is not a port: ports go from 1 to 65535.', port));
  }
  if (end < start) return fail(t('The range {0} ends before it starts.', text));
  return { ok: true, range: { start, end } };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function isIp(text: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text.split('.').every((n) => Number(n) <= 255);
  return /^[0-9A-Fa-f:.]+$/.test(text) && text.includes(':') && (text.match(/::/g)?.length ?? 0) <= 1;
}

/** Whether two host addresses can collide: the same one, or either meaning "all addresses". */
export function hostIpsOverlap(a: string | undefined, b: string | undefined): boolean {
  const all = (ip: string | undefined) => ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::';
  return all(a) || all(b) || a === b;
}
