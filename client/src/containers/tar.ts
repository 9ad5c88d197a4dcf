// Just enough tar for the engine's archive endpoints: write ustar entries (PAX records for long
// names or large sizes) and read ustar, PAX and GNU long-name entries incrementally, chunk by
// chunk, so large files stream through. Pure; no vscode import.

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarHeader {
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  linkname: string;
}

const BLOCK = 512;
const enc = new TextEncoder();

const TYPE_FLAGS: Record<TarEntryType, string> = { file: '0', hardlink: '1', symlink: '2', directory: '5', other: '0' };

function typeFromFlag(flag: string): TarEntryType | 'pax' | 'paxGlobal' | 'gnuLongName' | 'gnuLongLink' {
  switch (flag) {
    case '0': case '\0': case '': case '7': return 'file';
    case '1': return 'hardlink';
    case '2': return 'symlink';
    case '5': return 'directory';
    case 'x': return 'pax';
    case 'g': return 'paxGlobal';
    case 'L': return 'gnuLongName';
    case 'K': return 'gnuLongLink';
    default: return 'other';
  }
}

/** Bytes of padding after `size` bytes of data. */
export function paddingFor(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  bytes.copy(block, offset, 0, Math.min(bytes.length, length));
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  // length-1 octal digits then NUL
  const text = Math.max(0, Math.floor(value)).toString(8).padStart(length - 1, '0');
  block.write(text.slice(-(length - 1)), offset, 'ascii');
  block[offset + length - 1] = 0;
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum;
}

/** One PAX record: "<length> key=value\n", where length counts the whole record. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyBytes = enc.encode(body).length;
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length = String(length).length + bodyBytes;
  return `${length}${body}`;
}

/** Splits a name into ustar prefix (≤155 bytes) and name (≤100 bytes) at a slash, if possible. */
function splitUstarName(name: string): { prefix: string; name: string } | undefined {
  const bytes = Buffer.byteLength(name);
  if (bytes <= 100) return { prefix: '', name };
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== '/') continue;
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (rest !== '' && Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  return undefined;
}

const MAX_OCTAL_11 = 0o77777777777;

function ustarBlock(header: TarHeader, typeFlag: string, nameOverride?: { prefix: string; name: string }): Buffer {
  const block = Buffer.alloc(BLOCK);
  const names = nameOverride ?? { prefix: '', name: header.name };
  writeString(block, 0, 100, names.name);
  writeOctal(block, 100, 8, header.mode & 0o7777);
  writeOctal(block, 108, 8, header.uid);
  writeOctal(block, 116, 8, header.gid);
  writeOctal(block, 124, 12, header.size > MAX_OCTAL_11 ? 0 : header.size);
  writeOctal(block, 136, 12, header.mtime);
  block.write(typeFlag, 156, 'ascii');
  writeString(block, 157, 100, header.linkname);
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  writeString(block, 345, 155, names.prefix);
  const sum = checksum(block);
  block.write(sum.toString(8).padStart(6, '0'), 148, 'ascii');
  block[154] = 0;
  block[155] = 0x20;
  return block;
}

export interface TarEntryInput {
  name: string;
  type?: TarEntryType;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  linkname?: string;
  size?: number;
}

function completeHeader(input: TarEntryInput, size: number): TarHeader {
  const type = input.type ?? 'file';
  let name = input.name.replace(/^\/+/, '');
  if (type === 'directory' && !name.endsWith('/')) name += '/';
  return {
    name,
    type,
    size: type === 'file' ? size : 0,
    mode: input.mode ?? (type === 'directory' ? 0o755 : 0o644),
    uid: input.uid ?? 0,
    gid: input.gid ?? 0,
    mtime: input.mtime ?? Math.floor(Date.now() / 1000),
    linkname: input.linkname ?? '',
  };
}

/**
 * The header block(s) for one entry: a PAX extended header first when the name or link does not
 * fit ustar or the size is over 8 GiB. Follow with `size` bytes of data and paddingFor(size).
 */
export function encodeHeader(input: TarEntryInput, size = input.size ?? 0): Buffer {
  const header = completeHeader(input, size);
  const records: string[] = [];
  let names = splitUstarName(header.name);
  if (!names) {
    records.push(paxRecord('path', header.name));
    names = { prefix: '', name: header.name.slice(-100) };
  }
  if (Buffer.byteLength(header.linkname) > 100) records.push(paxRecord('linkpath', header.linkname));
  if (header.size > MAX_OCTAL_11) records.push(paxRecord('size', String(header.size)));
  const main = ustarBlock(header, TYPE_FLAGS[header.type], names);
  if (records.length === 0) return main;
  const data = Buffer.from(records.join(''), 'utf8');
  const paxHeader = ustarBlock(
    { name: 'PaxHeaders/' + names.name.slice(0, 80), type: 'file', size: data.length, mode: 0o644, uid: 0, gid: 0, mtime: header.mtime, linkname: '' },
    'x',
  );
  return Buffer.concat([paxHeader, data, Buffer.alloc(paddingFor(data.length)), main]);
}

/** The two zero blocks that end an archive. */
export function endOfArchive(): Buffer {
  return Buffer.alloc(BLOCK * 2);
}

/** A whole archive in memory (small uploads, tests). */
export function packTar(entries: Array<TarEntryInput & { data?: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.type === undefined || entry.type === 'file' ? entry.data ?? Buffer.alloc(0) : Buffer.alloc(0);
    parts.push(encodeHeader(entry, data.length), data, Buffer.alloc(paddingFor(data.length)));
  }
  parts.push(endOfArchive());
  return Buffer.concat(parts);
}

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

function readString(block: Buffer, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul === -1 ? length : nul).toString('utf8');
}

function readNumber(block: Buffer, offset: number, length: number): number {
  if (block[offset]! & 0x80) {
    // base-256 (GNU) for values that do not fit octal
    let value = block[offset]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + block[offset + i]!;
    return value;
  }
  const text = block.toString('ascii', offset, offset + length).replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function parsePax(data: Buffer): Record<string, string> {
  const result: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(data.toString('ascii', offset, space), 10);
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8'); // without the newline
    const equals = record.indexOf('=');
    if (equals > 0) result[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return result;
}

export interface TarHandlers {
  /** A new entry begins; its data follows through `data`, then `entryEnd`. */
  entry(header: TarHeader): void;
  data?(chunk: Buffer): void;
  entryEnd?(): void;
}

type ReaderState = 'header' | 'data' | 'meta' | 'padding' | 'done';

/** Reads an archive pushed in chunks of any size. */
export class TarReader {
  private state: ReaderState = 'header';
  private headerBuffer = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private remaining = 0;
  private padding = 0;
  private meta: Buffer[] = [];
  private metaKind: 'pax' | 'paxGlobal' | 'gnuLongName' | 'gnuLongLink' = 'pax';
  private pax: Record<string, string> = {};
  private longName: string | undefined;
  private longLink: string | undefined;
  private zeroBlocks = 0;

  constructor(private readonly handlers: TarHandlers) {}

  get finished(): boolean {
    return this.state === 'done';
  }

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && this.state !== 'done') {
      const available = chunk.length - offset;
      switch (this.state) {
        case 'header': {
          const n = Math.min(BLOCK - this.headerFill, available);
          chunk.copy(this.headerBuffer, this.headerFill, offset, offset + n);
          this.headerFill += n;
          offset += n;
          if (this.headerFill === BLOCK) {
            this.headerFill = 0;
            this.readHeader(this.headerBuffer);
          }
          break;
        }
        case 'data': {
          const n = Math.min(this.remaining, available);
          this.handlers.data?.(chunk.subarray(offset, offset + n));
          this.remaining -= n;
          offset += n;
          if (this.remaining === 0) {
            this.handlers.entryEnd?.();
            this.state = this.padding > 0 ? 'padding' : 'header';
          }
          break;
        }
        case 'meta': {
          const n = Math.min(this.remaining, available);
          this.meta.push(Buffer.from(chunk.subarray(offset, offset + n)));
          this.remaining -= n;
          offset += n;
          if (this.remaining === 0) {
            this.finishMeta();
            this.state = this.padding > 0 ? 'padding' : 'header';
          }
          break;
        }
        case 'padding': {
          const n = Math.min(this.padding, available);
          this.padding -= n;
          offset += n;
          if (this.padding === 0) this.state = 'header';
          break;
        }
      }
    }
  }

  /** Call at end of input; throws when the archive stopped in the middle of an entry. */
  end(): void {
    if (this.state === 'data' || this.state === 'meta' || (this.state === 'header' && this.headerFill > 0)) {
      throw new TarFormatError('the archive ended in the middle of an entry');
    }
    this.state = 'done';
  }

  private readHeader(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      if (++this.zeroBlocks >= 2) this.state = 'done';
      return;
    }
    this.zeroBlocks = 0;
    const stored = readNumber(block, 148, 8);
    if (stored !== checksum(block)) throw new TarFormatError('bad tar header checksum');
    const kind = typeFromFlag(String.fromCharCode(block[156]!).replace('\0', ''));
    let size = readNumber(block, 124, 12);
    if (kind === 'pax' || kind === 'paxGlobal' || kind === 'gnuLongName' || kind === 'gnuLongLink') {
      this.metaKind = kind;
      this.meta = [];
      this.remaining = size;
      this.padding = paddingFor(size);
      this.state = size > 0 ? 'meta' : 'header';
      if (size === 0) this.finishMeta();
      return;
    }
    const magic = block.toString('ascii', 257, 262);
    const prefix = magic === 'ustar' ? readString(block, 345, 155) : '';
    let name = readString(block, 0, 100);
    if (prefix) name = `${prefix}/${name}`;
    let linkname = readString(block, 157, 100);
    if (this.longName !== undefined) name = this.longName;
    if (this.longLink !== undefined) linkname = this.longLink;
    if (this.pax.path !== undefined) name = this.pax.path;
    if (this.pax.linkpath !== undefined) linkname = this.pax.linkpath;
    if (this.pax.size !== undefined) size = Number(this.pax.size);
    const mtime = this.pax.mtime !== undefined ? Math.floor(Number(this.pax.mtime)) : readNumber(block, 136, 12);
    const uid = this.pax.uid !== undefined ? Number(this.pax.uid) : readNumber(block, 108, 8);
    const gid = this.pax.gid !== undefined ? Number(this.pax.gid) : readNumber(block, 116, 8);
    this.pax = {};
    this.longName = undefined;
    this.longLink = undefined;
    const type = kind;
    // only regular files carry data (hard links and directories say size 0 or are ignored)
    const dataSize = type === 'file' || type === 'other' ? size : 0;
    this.handlers.entry({ name, type, size: dataSize, mode: readNumber(block, 100, 8), uid, gid, mtime, linkname });
    this.remaining = dataSize;
    this.padding = paddingFor(dataSize);
    if (dataSize > 0) this.state = 'data';
    else {
      this.handlers.entryEnd?.();
      this.state = 'header';
    }
  }

  private finishMeta(): void {
    const data = Buffer.concat(this.meta);
    this.meta = [];
    if (this.metaKind === 'pax') this.pax = { ...this.pax, ...parsePax(data) };
    else if (this.metaKind === 'gnuLongName') this.longName = readString(data, 0, data.length);
    else if (this.metaKind === 'gnuLongLink') this.longLink = readString(data, 0, data.length);
    // global PAX headers ('g') set defaults we do not need
  }
}

/** Parses a whole archive in memory (small archives, tests). */
export function parseTar(archive: Buffer): Array<{ header: TarHeader; data: Buffer }> {
  const entries: Array<{ header: TarHeader; data: Buffer }> = [];
  let parts: Buffer[] = [];
  let current: TarHeader | undefined;
  const reader = new TarReader({
    entry: (header) => {
      current = header;
      parts = [];
    },
    data: (chunk) => parts.push(Buffer.from(chunk)),
    entryEnd: () => {
      if (current) entries.push({ header: current, data: Buffer.concat(parts) });
      current = undefined;
    },
  });
  reader.push(archive);
  reader.end();
  return entries;
}

/**
 * An entry name as a relative path for extraction ('' for the archive's root entry), or undefined
 * when it would climb out of the extraction folder (`..` segments). Leading slashes and `.`
 * segments are dropped, as tar does.
 */
export function safeRelativePath(name: string): string | undefined {
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return undefined;
  return segments.join('/');
}
