// Port mappings as compose reads them (it hands the short form to the engine's port parser):
// `[[HOST_IP:][HOST_PORT[-END]]:]CONTAINER_PORT[-END][/PROTOCOL]`. Everything before the last two
// ":" is the host address, which must be an IP (IPv6 bare or in brackets); a host range needs a
// container range of the same length or a single container port. Each mistake gets one message
// a learner can act on, naming the part that is wrong.
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

export const PROTOCOLS = ['tcp', 'udp', 'sctp'];
const FORM = '[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]';

export function parsePortSpec(text: string): PortParse {
  const raw = text.trim();
  if (raw === '') return fail(t('The port mapping is empty: write it as {0}.', FORM));
  const slashes = raw.split('/');
  if (slashes.length > 2) return fail(t('Only one "/" may follow the ports, with the protocol: tcp, udp or sctp.'));
  const rest = slashes[0]!;
  // The engine reads a missing protocol after "/" as tcp.
  const protocol = (slashes[1] || 'tcp').toLowerCase();
  if (!PROTOCOLS.includes(protocol)) return fail(t('"{0}" is not a protocol: use tcp, udp or sctp.', slashes[1]!));
  let hostIp: string | undefined;
  let hostPart: string | undefined;
  let containerPart: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return fail(t('The IPv6 address has no closing "]": write it as in [::1]:8080:80.'));
    hostIp = rest.slice(1, close);
    if (!isIp(hostIp)) return fail(t('"{0}" is not an IP address.', hostIp));
    const after = rest.slice(close + 1);
    const ports = after.startsWith(':') ? after.slice(1).split(':') : [];
    if (ports.length !== 2) {
      return fail(t('After the host address come the host port and the container port: [{0}]:8080:80, or [{0}]::80 to let the engine choose the host port.', hostIp));
    }
    [hostPart, containerPart] = ports as [string, string];
  } else {
    const parts = rest.split(':');
    containerPart = parts[parts.length - 1]!;
    if (parts.length >= 2) hostPart = parts[parts.length - 2]!;
    if (parts.length >= 3) {
      hostIp = parts.slice(0, -2).join(':');
      if (hostIp !== '' && !isIp(hostIp)) return fail(addressProblem(hostIp, parts, containerPart));
    }
  }
  if (containerPart === '') return fail(t('The container port is missing after the last ":".'));
  if (hostPart !== undefined && hostIp === undefined && isIp(hostPart)) {
    return fail(t('"{0}" is a host address, so the host port must follow it: {0}:8080:80, or {0}::80 to let the engine choose one.', hostPart));
  }
  const container = parseRange(containerPart, false);
  if (!container.ok) return container;
  const mapping: PortMapping = { container: container.range, protocol };
  if (hostIp !== undefined && hostIp !== '') mapping.hostIp = hostIp;
  if (hostPart !== undefined && hostPart !== '') {
    const host = parseRange(hostPart, true);
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

/** What is wrong with the text before the host port, when it is not an IP address. */
function addressProblem(address: string, parts: string[], containerPart: string): string {
  if (PROTOCOLS.includes(containerPart.toLowerCase())) {
    return t('The protocol follows a "/", not a ":": {0}/{1}.', parts.slice(0, -1).join(':'), containerPart);
  }
  if (parts.slice(0, -2).every((p) => /^\d+(-\d+)?$/.test(p))) {
    return t('Too many ":" in the port mapping: the form is {0}, so "{1}" would be the host address.', FORM, address);
  }
  return t('"{0}" is not an IP address: the host address is written as numbers (127.0.0.1, or an IPv6 address in brackets such as [::1]), not as a name.', address);
}

/** A port or a range; host ports may be 0 (the engine chooses), container ports may not. */
export function parseRange(text: string, host: boolean): { ok: true; range: PortRange } | { ok: false; message: string } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return fail(text === '' ? t('A port number is missing.') : t('"{0}" is not a port number or range.', text));
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  for (const port of [start, end]) {
    if (port > 65535 || (port === 0 && !host)) return fail(t('{0} is not a port: ports go from 1 to 65535.', port));
  }
  if (end < start) return fail(t('The range {0} ends before it starts.', text));
  return { ok: true, range: { start, end } };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

export function isIp(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/** Four numbers up to 255 without leading zeros, which Go's net.ParseIP (used by compose) refuses. */
function isIPv4(text: string): boolean {
  return /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/.test(text) && text.split('.').every((n) => Number(n) <= 255);
}

/** Eight groups of up to four hex digits, one "::" standing for zeros, optionally an IPv4 address last. */
function isIPv6(text: string): boolean {
  if (!text.includes(':') || text.length > 45) return false;
  let body = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    body = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length <= 7 : all.length === 8;
}

/** Whether two host addresses can collide: the same one, or either meaning "all addresses". */
export function hostIpsOverlap(a: string | undefined, b: string | undefined): boolean {
  const all = (ip: string | undefined) => ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::';
  return all(a) || all(b) || a === b;
}
