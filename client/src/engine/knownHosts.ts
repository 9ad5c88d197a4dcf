// OpenSSH's known_hosts, read and checked the way ssh does it: comma-separated host patterns with
// `*`, `?` and `!` negation, `[host]:port` for ports other than 22, hashed entries
// (`|1|salt|HMAC-SHA1`), the `@revoked` marker, one key per type. Pure (no vscode, no network):
// unit-tested. Reading is bounded so a huge or binary file cannot stall the extension host.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface KnownHostLine {
  file: string;
  /** 1-based, for messages that point at the line to fix. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  patterns: string;
  keyType: string;
  key: Buffer;
}

export type HostKeyVerdict =
  | { kind: 'known'; entry: KnownHostLine }
  /** No line has a key of this type for the host; `otherTypes` are the types it does have. */
  | { kind: 'unknown'; otherTypes: string[] }
  /** A line has another key of the same type for this host: the key changed. */
  | { kind: 'changed'; entry: KnownHostLine }
  | { kind: 'revoked'; entry: KnownHostLine };

/** Bigger known_hosts files are read only this far (OpenSSH users rarely pass a few hundred kB). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_PATTERN_STEPS = 10_000;

/** How a host is written in known_hosts: `name` on port 22, `[name]:port` otherwise. */
export function hostToken(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** The key type written inside an SSH public key blob (its first string). */
export function keyTypeOf(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) return undefined;
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** `SHA256:…`, as `ssh` and `ssh-keygen -l` print it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** `ED25519`, `ECDSA`, `RSA`: the short name ssh uses in its prompts. */
export function keyTypeLabel(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ED25519';
  if (keyType.startsWith('ecdsa-')) return 'ECDSA';
  if (keyType === 'ssh-rsa') return 'RSA';
  if (keyType === 'ssh-dss') return 'DSA';
  return keyType;
}

/** Parses the text of one known_hosts file; malformed lines are skipped, as ssh does. */
export function parseKnownHosts(text: string, file: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  const rows = text.split('\n');
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!.trim();
    if (row === '' || row.startsWith('#')) continue;
    const fields = row.split(/[ \t]+/);
    let marker: KnownHostLine['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    } else if (fields[0]!.startsWith('@')) {
      continue;
    }
    const [patterns, keyType, encoded] = fields;
    if (!patterns || !keyType || !encoded || !/^[A-Za-z0-9+/]+=*$/.test(encoded)) continue;
    const key = Buffer.from(encoded, 'base64');
    // The blob names its own type; a line whose type field disagrees is corrupt.
    if (keyTypeOf(key) !== keyType) continue;
    lines.push({ file, line: index + 1, marker, patterns, keyType, key });
  }
  return lines;
}

/** Reads and parses known_hosts files; missing or unreadable ones count as empty. */
export function readKnownHosts(files: readonly string[]): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  for (const file of files) {
    let text: string;
    try {
      const fd = fs.openSync(file, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(fs.fstatSync(fd).size, MAX_FILE_BYTES));
        const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
        text = buffer.subarray(0, read).toString('utf8');
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      continue;
    }
    lines.push(...parseKnownHosts(text, file));
  }
  return lines;
}

/** A glob with `*` and `?` (ssh's match_pattern), case-insensitive, with a bounded amount of work. */
export function matchesPattern(name: string, pattern: string): boolean {
  const s = name.toLowerCase();
  const p = pattern.toLowerCase();
  let steps = 0;
  // Iterative wildcard matching with a single backtrack point: linear in practice.
  let si = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (++steps > MAX_PATTERN_STEPS) return false;
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      si++;
      pi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** Whether a line's host field names this host (`token` as hostToken writes it). */
export function lineMatchesHost(patterns: string, token: string): boolean {
  if (patterns.startsWith('|1|')) return hashedMatches(patterns, token);
  let matched = false;
  for (const raw of patterns.split(',')) {
    if (raw === '') continue;
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (!matchesPattern(token, pattern)) continue;
    // A negated match rules the line out whatever else matches.
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function hashedMatches(field: string, token: string): boolean {
  const parts = field.split('|');
  // ['', '1', salt, hash]
  if (parts.length !== 4) return false;
  const salt = Buffer.from(parts[2]!, 'base64');
  const expected = Buffer.from(parts[3]!, 'base64');
  if (salt.length !== 20 || expected.length !== 20) return false;
  const actual = crypto.createHmac('sha1', salt).update(token).digest();
  return crypto.timingSafeEqual(actual, expected);
}

/** What known_hosts says about the key a server presented, by ssh's rules. */
export function checkHostKey(lines: readonly KnownHostLine[], token: string, key: Buffer): HostKeyVerdict {
  const keyType = keyTypeOf(key) ?? '';
  const forHost = lines.filter((l) => l.marker !== 'cert-authority' && lineMatchesHost(l.patterns, token));
  const revoked = forHost.find((l) => l.marker === 'revoked' && l.key.equals(key));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const plain = forHost.filter((l) => l.marker === undefined);
  const same = plain.find((l) => l.key.equals(key));
  if (same) return { kind: 'known', entry: same };
  const sameType = plain.find((l) => l.keyType === keyType);
  if (sameType) return { kind: 'changed', entry: sameType };
  return { kind: 'unknown', otherTypes: [...new Set(plain.map((l) => l.keyType))] };
}

/** The key types known_hosts has for this host, so the handshake can ask for one of those first. */
export function knownKeyTypes(lines: readonly KnownHostLine[], token: string): string[] {
  return [...new Set(lines.filter((l) => l.marker === undefined && lineMatchesHost(l.patterns, token)).map((l) => l.keyType))];
}

/** The line ssh would add for this host and key. */
export function knownHostsEntry(token: string, key: Buffer): string {
  return `${token} ${keyTypeOf(key) ?? 'unknown'} ${key.toString('base64')}`;
}

/** Appends a host's key to a known_hosts file, creating it (and its folder) private to the user. */
export function appendKnownHost(file: string, token: string, key: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    // Only the last byte matters: a file without a final newline gets one first.
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const last = Buffer.alloc(1);
      if (size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a) prefix = '\n';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // a new file
  }
  fs.appendFileSync(file, `${prefix}${knownHostsEntry(token, key)}\n`, { mode: 0o600 });
}
