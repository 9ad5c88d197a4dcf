// The part of OpenSSH's ~/.ssh/config an ssh engine needs: `Host` blocks (patterns with `*`, `?`
// and `!`), and within them HostName, Port, User, IdentityFile, IdentitiesOnly,
// UserKnownHostsFile, GlobalKnownHostsFile, HostKeyAlias and ConnectTimeout, the first value
// winning as in ssh. ProxyJump and ProxyCommand are noticed (so the error can say they are not
// followed); `Match` blocks and `Include` are not evaluated. Pure: unit-tested.
import { matchesPattern } from './knownHosts';

export interface SshHostSettings {
  hostName?: string;
  port?: number;
  user?: string;
  identityFiles: string[];
  identitiesOnly?: boolean;
  userKnownHostsFiles?: string[];
  globalKnownHostsFiles?: string[];
  hostKeyAlias?: string;
  connectTimeoutSeconds?: number;
  /** A ProxyJump or ProxyCommand the user configured for this host (not followed). */
  proxy?: string;
}

const MAX_LINES = 20_000;

/** Splits a config line into its keyword and arguments (`Key value`, `Key=value`, quoted arguments). */
function tokens(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      quoted = !quoted;
      started = true;
      continue;
    }
    const separator = !quoted && (c === ' ' || c === '\t' || (c === '=' && out.length === 0));
    if (separator) {
      if (started) out.push(current);
      current = '';
      started = false;
      continue;
    }
    current += c;
    started = true;
  }
  if (started) out.push(current);
  return out;
}

function hostLineMatches(patterns: string[], alias: string): boolean {
  let matched = false;
  for (const raw of patterns.flatMap((p) => p.split(','))) {
    if (!raw) continue;
    const negated = raw.startsWith('!');
    if (!matchesPattern(alias, negated ? raw.slice(1) : raw)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

export interface ExpandContext {
  home: string;
  localUser: string;
  /** The host as the user wrote it (the alias), before HostName. */
  alias: string;
}

/** The settings ssh would use for `alias`, from the text of an ssh config file. */
export function sshSettingsFor(text: string, alias: string): SshHostSettings {
  const settings: SshHostSettings = { identityFiles: [] };
  let applies = true;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length && index < MAX_LINES; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [rawKeyword, ...args] = tokens(line);
    if (!rawKeyword) continue;
    const keyword = rawKeyword.toLowerCase();
    if (keyword === 'host') {
      applies = hostLineMatches(args, alias);
      continue;
    }
    if (keyword === 'match') {
      // Only the unconditional form is understood; other criteria need ssh itself.
      applies = args.length === 1 && args[0]!.toLowerCase() === 'all';
      continue;
    }
    if (!applies || args.length === 0) continue;
    const value = args[0]!;
    switch (keyword) {
      case 'hostname':
        settings.hostName ??= value;
        break;
      case 'port': {
        const port = Number(value);
        if (settings.port === undefined && Number.isInteger(port) && port > 0 && port < 65536) settings.port = port;
        break;
      }
      case 'user':
        settings.user ??= value;
        break;
      case 'identityfile':
        if (value.toLowerCase() !== 'none') settings.identityFiles.push(value);
        break;
      case 'identitiesonly':
        settings.identitiesOnly ??= value.toLowerCase() === 'yes';
        break;
      case 'userknownhostsfile':
        settings.userKnownHostsFiles ??= args.filter((a) => a.toLowerCase() !== 'none');
        break;
      case 'globalknownhostsfile':
        settings.globalKnownHostsFiles ??= args.filter((a) => a.toLowerCase() !== 'none');
        break;
      case 'hostkeyalias':
        settings.hostKeyAlias ??= value;
        break;
      case 'connecttimeout': {
        const seconds = Number(value);
        if (settings.connectTimeoutSeconds === undefined && Number.isFinite(seconds) && seconds > 0) settings.connectTimeoutSeconds = seconds;
        break;
      }
      case 'proxyjump':
      case 'proxycommand':
        if (value.toLowerCase() !== 'none') settings.proxy ??= `${rawKeyword} ${args.join(' ')}`;
        break;
      default:
        break;
    }
  }
  return settings;
}

/** Expands `~` and the tokens ssh allows in file names (%d %u %h %r %%). */
export function expandPath(value: string, context: ExpandContext & { hostName: string; remoteUser: string }): string {
  let out = value.startsWith('~/') ? `${context.home}${value.slice(1)}` : value === '~' ? context.home : value;
  out = out.replace(/%([%dhur])/g, (_whole, code: string) => {
    switch (code) {
      case 'd': return context.home;
      case 'u': return context.localUser;
      case 'h': return context.hostName;
      case 'r': return context.remoteUser;
      default: return '%';
    }
  });
  return out;
}
