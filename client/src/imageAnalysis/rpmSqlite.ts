// The rpm database of current RPM distributions (Fedora 33+, RHEL/UBI/Rocky/Alma 9, Amazon Linux
// 2023): an SQLite file whose `Packages` table holds one rpm header blob per installed package.
// Read with just enough of the SQLite file format (table b-trees, overflow pages, records) and
// of the rpm header format to list name, version, release, epoch, arch and license. Older
// BerkeleyDB (`Packages`) and SUSE's NDB (`Packages.db`) databases are not read. Pure; never throws.
import type { PackageInfo } from './packages';

class Sqlite {
  readonly pageSize: number;
  readonly usable: number;
  readonly pageCount: number;

  constructor(readonly data: Buffer) {
    const raw = data.readUInt16BE(16);
    this.pageSize = raw === 1 ? 65536 : raw;
    this.usable = this.pageSize - data[20]!;
    this.pageCount = Math.floor(data.length / this.pageSize);
  }

  page(n: number): Buffer | undefined {
    if (n < 1 || n > this.pageCount) return undefined;
    return this.data.subarray((n - 1) * this.pageSize, n * this.pageSize);
  }

  /** Every row's record of the table b-tree rooted at `root`, in rowid order. */
  *rows(root: number): Generator<Buffer> {
    const visited = new Set<number>();
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      if (visited.has(n)) continue;
      visited.add(n);
      const page = this.page(n);
      if (!page) continue;
      const base = n === 1 ? 100 : 0;
      const type = page[base];
      const cells = page.readUInt16BE(base + 3);
      if (type === 0x05) {
        // Interior: children left to right, then the right-most pointer; pushed in reverse.
        const children = [];
        for (let i = 0; i < cells; i++) children.push(page.readUInt32BE(page.readUInt16BE(base + 12 + 2 * i)));
        children.push(page.readUInt32BE(base + 8));
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      } else if (type === 0x0d) {
        for (let i = 0; i < cells; i++) {
          const payload = this.leafPayload(page, page.readUInt16BE(base + 8 + 2 * i));
          if (payload) yield payload;
        }
      }
    }
  }

  private leafPayload(page: Buffer, offset: number): Buffer | undefined {
    const length = varint(page, offset);
    const rowid = varint(page, length.next);
    const total = length.value;
    const start = rowid.next;
    const u = this.usable;
    const x = u - 35;
    if (total <= x) return page.subarray(start, start + total);
    const m = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = m + ((total - m) % (u - 4));
    const local = k <= x ? k : m;
    const parts = [page.subarray(start, start + local)];
    let remaining = total - local;
    let next = page.readUInt32BE(start + local);
    const seen = new Set<number>();
    while (remaining > 0 && next !== 0 && !seen.has(next)) {
      seen.add(next);
      const overflow = this.page(next);
      if (!overflow) return undefined;
      const n = Math.min(remaining, u - 4);
      parts.push(overflow.subarray(4, 4 + n));
      remaining -= n;
      next = overflow.readUInt32BE(0);
    }
    return remaining === 0 ? Buffer.concat(parts) : undefined;
  }
}

function varint(data: Buffer, offset: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = data[offset + i] ?? 0;
    if (i === 8) return { value: value * 256 + byte, next: offset + 9 };
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { value, next: offset + i + 1 };
  }
  return { value, next: offset + 9 };
}

type Column = null | number | string | Buffer;

/** The columns of one SQLite record. */
export function decodeRecord(record: Buffer): Column[] {
  const header = varint(record, 0);
  const types: number[] = [];
  let at = header.next;
  while (at < header.value && types.length < 64) {
    const t = varint(record, at);
    types.push(t.value);
    at = t.next;
  }
  let body = header.value;
  const columns: Column[] = [];
  for (const t of types) {
    if (t === 0) columns.push(null);
    else if (t >= 1 && t <= 6) {
      const size = [0, 1, 2, 3, 4, 6, 8][t]!;
      columns.push(size <= 6 ? record.readIntBE(body, size) : Number(record.readBigInt64BE(body)));
      body += size;
    } else if (t === 7) {
      columns.push(record.readDoubleBE(body));
      body += 8;
    } else if (t === 8 || t === 9) columns.push(t - 8);
    else if (t >= 12) {
      const size = Math.floor((t - 12) / 2);
      const bytes = record.subarray(body, body + size);
      columns.push(t % 2 === 0 ? bytes : bytes.toString('utf8'));
      body += size;
    } else columns.push(null);
  }
  return columns;
}

const TAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, license: 1014, arch: 1022, sourceRpm: 1044 };

/** One rpm header blob (index count, data length, 16-byte index entries, data store). */
export function parseRpmHeader(blob: Buffer): PackageInfo | undefined {
  if (blob.length < 8) return undefined;
  const count = blob.readUInt32BE(0);
  const dataLength = blob.readUInt32BE(4);
  const store = 8 + count * 16;
  if (count > 100_000 || store + dataLength > blob.length) return undefined;
  const values = new Map<number, string | number>();
  for (let i = 0; i < count; i++) {
    const entry = 8 + i * 16;
    const tag = blob.readUInt32BE(entry);
    const type = blob.readUInt32BE(entry + 4);
    const offset = store + blob.readUInt32BE(entry + 8);
    if (!Object.values(TAG).includes(tag) || offset >= store + dataLength) continue;
    if (type === 4) values.set(tag, blob.readUInt32BE(offset));
    else if (type === 6 || type === 8 || type === 9) {
      const end = blob.indexOf(0, offset);
      values.set(tag, blob.toString('utf8', offset, end < 0 ? store + dataLength : end));
    }
  }
  const name = values.get(TAG.name);
  const version = values.get(TAG.version);
  if (typeof name !== 'string' || typeof version !== 'string') return undefined;
  const release = values.get(TAG.release);
  const epoch = values.get(TAG.epoch);
  const info: PackageInfo = { name, version: `${typeof epoch === 'number' && epoch > 0 ? `${epoch}:` : ''}${version}${typeof release === 'string' ? `-${release}` : ''}` };
  const arch = values.get(TAG.arch);
  const license = values.get(TAG.license);
  const source = values.get(TAG.sourceRpm);
  if (typeof arch === 'string' && arch) info.arch = arch;
  if (typeof license === 'string' && license) info.license = license;
  const origin = typeof source === 'string' ? source.replace(/-[^-]+-[^-]+\.src\.rpm$/, '') : '';
  if (origin && origin !== name) info.origin = origin;
  return info;
}

/** The packages of an rpmdb.sqlite file; empty when it is not one or cannot be read. */
export function readRpmSqlite(data: Buffer): PackageInfo[] {
  try {
    if (data.length < 512 || data.toString('latin1', 0, 16) !== 'SQLite format 3\0') return [];
    const db = new Sqlite(data);
    if (db.pageSize < 512 || db.usable < 480) return [];
    let root: number | undefined;
    for (const row of db.rows(1)) {
      const [type, name, , rootPage] = decodeRecord(row);
      if (type === 'table' && name === 'Packages' && typeof rootPage === 'number') root = rootPage;
    }
    if (root === undefined) return [];
    const packages: PackageInfo[] = [];
    for (const row of db.rows(root)) {
      const blob = decodeRecord(row).find((c): c is Buffer => Buffer.isBuffer(c));
      const info = blob && parseRpmHeader(blob);
      if (info && info.name !== 'gpg-pubkey') packages.push(info);
    }
    return packages;
  } catch {
    return [];
  }
}
