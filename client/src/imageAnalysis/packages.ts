// Parsers for the files that list an image's packages: Debian's dpkg status, Alpine's apk
// database, node_modules package.json, Python METADATA / PKG-INFO, Go build info embedded in
// executables, jar manifests and pom.properties, and os-release. Each takes the file's bytes or
// text and never throws; a malformed file yields what could be read. Pure.

export type PackageSource = 'dpkg' | 'apk' | 'rpm' | 'npm' | 'pypi' | 'golang' | 'maven';

export interface PackageInfo {
  name: string;
  version: string;
  arch?: string;
  license?: string;
  /** The source package (dpkg Source, apk origin, rpm source rpm). */
  origin?: string;
  /** Maven group id. */
  group?: string;
}

export interface FoundPackages {
  source: PackageSource;
  /** The file the packages were read from. */
  path: string;
  packages: PackageInfo[];
}

/** Records of `Key: value` lines separated by blank lines; continuation lines start with space or tab. */
function stanzas(text: string, separator: RegExp): Array<Map<string, string>> {
  const records: Array<Map<string, string>> = [];
  let current = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.size) records.push(current);
      current = new Map();
      last = undefined;
      continue;
    }
    if ((line[0] === ' ' || line[0] === '\t') && last !== undefined) {
      current.set(last, `${current.get(last)}\n${line.trim()}`);
      continue;
    }
    const match = separator.exec(line);
    if (!match) continue;
    last = match[1]!;
    current.set(last, match[2]!.trim());
  }
  if (current.size) records.push(current);
  return records;
}

/** dpkg's status file (or one file of status.d): installed packages only. */
export function parseDpkgStatus(text: string): PackageInfo[] {
  const packages: PackageInfo[] = [];
  for (const record of stanzas(text, /^([A-Za-z0-9-]+):\s?(.*)$/)) {
    const name = record.get('Package');
    const version = record.get('Version');
    const status = record.get('Status');
    // status.d files (distroless) carry no Status line; a status file marks removed packages.
    if (!name || !version || (status !== undefined && !/\binstalled$/.test(status))) continue;
    const source = record.get('Source')?.split(' ')[0];
    packages.push(withoutEmpty({ name, version, arch: record.get('Architecture'), origin: source && source !== name ? source : undefined }));
  }
  return packages;
}

/** apk's installed database: records of one-letter keys (P name, V version, A arch, L license, o origin). */
export function parseApkInstalled(text: string): PackageInfo[] {
  const packages: PackageInfo[] = [];
  for (const record of stanzas(text, /^([A-Za-z]):(.*)$/)) {
    const name = record.get('P');
    const version = record.get('V');
    if (!name || !version) continue;
    const origin = record.get('o');
    packages.push(withoutEmpty({ name, version, arch: record.get('A'), license: record.get('L'), origin: origin && origin !== name ? origin : undefined }));
  }
  return packages;
}

/** A package.json inside node_modules: its name, version and license. */
export function parsePackageJson(text: string): PackageInfo[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  if (!json || typeof json !== 'object') return [];
  const { name, version, license, licenses } = json as Record<string, unknown>;
  if (typeof name !== 'string' || typeof version !== 'string' || !name || !version) return [];
  const licenseText = typeof license === 'string' ? license
    : license && typeof license === 'object' && typeof (license as { type?: unknown }).type === 'string' ? (license as { type: string }).type
      : Array.isArray(licenses) ? licenses.map((l) => (typeof l === 'string' ? l : (l as { type?: string })?.type)).filter(Boolean).join(' OR ') : undefined;
  return [withoutEmpty({ name, version, license: licenseText || undefined })];
}

/** Python's core metadata (METADATA in a .dist-info, PKG-INFO in an .egg-info): the headers before the body. */
export function parsePythonMetadata(text: string): PackageInfo[] {
  const headerEnd = text.search(/\r?\n\r?\n/);
  const [record] = stanzas(headerEnd >= 0 ? text.slice(0, headerEnd) : text, /^([A-Za-z0-9-]+):\s?(.*)$/);
  const name = record?.get('Name');
  const version = record?.get('Version');
  if (!name || !version) return [];
  const expression = record!.get('License-Expression');
  const license = expression ?? record!.get('License');
  return [withoutEmpty({ name, version, license: license && license !== 'UNKNOWN' && !license.includes('\n') ? license : undefined })];
}

/** `KEY=value` lines of os-release, quotes removed. */
export function parseOsRelease(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    values[match[1]!] = match[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return values;
}

function uvarint(data: Buffer, offset: number): { value: number; next: number } | undefined {
  let value = 0;
  let shift = 0;
  for (let i = offset; i < data.length && i < offset + 5; i++) {
    const byte = data[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
    shift += 7;
  }
  return undefined;
}

/**
 * Go's build info, starting at its marker `\xff Go buildinf:` (as `debug/buildinfo` reads it):
 * since Go 1.18 the header's flags byte has bit 2 set and the Go version and the module list follow
 * the 32-byte header as length-prefixed strings; the module list is framed by 16-byte sentinels.
 * Older binaries store pointers instead, which cannot be followed from a stream: they yield nothing.
 */
export function parseGoBuildInfo(data: Buffer): PackageInfo[] {
  if (data.length < 33 || data.toString('latin1', 0, 14) !== '\xff Go buildinf:' || (data[15]! & 0x2) === 0) return [];
  const versionLength = uvarint(data, 32);
  if (!versionLength || versionLength.next + versionLength.value > data.length) return [];
  const goVersion = data.toString('utf8', versionLength.next, versionLength.next + versionLength.value);
  const modLength = uvarint(data, versionLength.next + versionLength.value);
  let modinfo = '';
  if (modLength && modLength.next + modLength.value <= data.length) {
    const raw = data.subarray(modLength.next, modLength.next + modLength.value);
    if (raw.length >= 33 && raw[raw.length - 17] === 0x0a) modinfo = raw.subarray(16, raw.length - 16).toString('utf8');
  }
  if (!/^go\d/.test(goVersion)) return [];
  const packages: PackageInfo[] = [{ name: 'stdlib', version: goVersion }];
  for (const line of modinfo.split('\n')) {
    const [kind, path, version] = line.split('\t');
    if ((kind === 'mod' || kind === 'dep') && path && version) packages.push({ name: path, version });
    else if (kind === '=>' && path && version && packages.length > 1) packages[packages.length - 1] = { name: path, version };
  }
  return packages;
}

/** `Key: value` lines of a jar manifest's main section (72-byte lines continue with one space). */
function manifestFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break; // the main section ends at the first blank line
    if (line.startsWith(' ') && last) {
      fields.set(last, fields.get(last) + line.slice(1));
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    fields.set(last, line.slice(colon + 1).trim());
  }
  return fields;
}

/**
 * A jar's packages: one per pom.properties found (a shaded jar carries several), else the
 * manifest's title and version, else the file name's `name-1.2.3.jar`.
 */
export function parseJarManifest(path: string, manifest: string | undefined, pomProperties: string[]): PackageInfo[] {
  const fromPoms: PackageInfo[] = [];
  for (const text of pomProperties) {
    const props = javaProperties(text);
    const artifact = props.get('artifactId');
    const version = props.get('version');
    if (artifact && version) fromPoms.push(withoutEmpty({ name: artifact, version, group: props.get('groupId') }));
  }
  if (fromPoms.length) return fromPoms;
  const fields = manifest ? manifestFields(manifest) : new Map<string, string>();
  const file = path.slice(path.lastIndexOf('/') + 1).replace(/\.(jar|war|ear)$/i, '');
  const fileMatch = /^(.+?)-(\d[\w.+-]*)$/.exec(file);
  const name = fields.get('Implementation-Title') ?? fields.get('Bundle-SymbolicName')?.split(';')[0] ?? fields.get('Specification-Title') ?? fileMatch?.[1] ?? file;
  const version = fields.get('Implementation-Version') ?? fields.get('Bundle-Version') ?? fields.get('Specification-Version') ?? fileMatch?.[2];
  if (!name || !version) return [];
  return [withoutEmpty({ name, version, group: fields.get('Implementation-Vendor-Id') })];
}

/** `key=value` (or `key: value`) lines of a .properties file; comments skipped. */
function javaProperties(text: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([^#!\s=:][^=:\s]*)\s*[=:]\s*(.*)$/.exec(line);
    if (match) props.set(match[1]!, match[2]!.trim());
  }
  return props;
}

function withoutEmpty(info: PackageInfo): PackageInfo {
  const result: PackageInfo = { name: info.name, version: info.version };
  if (info.arch) result.arch = info.arch;
  if (info.license) result.license = info.license;
  if (info.origin) result.origin = info.origin;
  if (info.group) result.group = info.group;
  return result;
}
