// The numbers `docker stats` shows, computed from one /containers/{id}/stats sample the same way
// the docker CLI does: CPU % from the delta between cpu_stats and precpu_stats, memory without
// the page cache (cgroup v1 `total_inactive_file`, cgroup v2 `inactive_file`), network and block
// I/O summed over interfaces and devices. Pure; no vscode import.

export interface CpuUsage {
  total_usage?: number;
  percpu_usage?: number[] | null;
  usage_in_kernelmode?: number;
  usage_in_usermode?: number;
}

export interface CpuStats {
  cpu_usage?: CpuUsage;
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface MemoryStats {
  usage?: number;
  limit?: number;
  max_usage?: number;
  stats?: Record<string, number>;
  /** Windows */
  privateworkingset?: number;
  commitbytes?: number;
}

export interface BlkioEntry {
  major?: number;
  minor?: number;
  op?: string;
  value?: number;
}

export interface RawStats {
  read?: string;
  preread?: string;
  os_type?: string;
  num_procs?: number;
  pids_stats?: { current?: number; limit?: number };
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: MemoryStats;
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
  blkio_stats?: { io_service_bytes_recursive?: BlkioEntry[] | null };
  storage_stats?: { read_size_bytes?: number; write_size_bytes?: number };
}

export interface StatsSample {
  /** When the engine took the sample (ISO time from the engine). */
  read: string;
  cpuPercent: number;
  memoryUsage: number;
  memoryLimit: number;
  memoryPercent: number;
  networkRx: number;
  networkTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

/** CPU % on Linux: share of the host's CPU time used since the previous sample, times the CPUs. */
export function cpuPercentUnix(stats: RawStats): number {
  const cpu = stats.cpu_stats ?? {};
  const pre = stats.precpu_stats ?? {};
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  let onlineCpus = cpu.online_cpus ?? 0;
  if (onlineCpus === 0) onlineCpus = cpu.cpu_usage?.percpu_usage?.length ?? 0;
  if (systemDelta > 0 && cpuDelta > 0) return (cpuDelta / systemDelta) * onlineCpus * 100;
  return 0;
}

/** CPU % on Windows: 100 ns intervals used over the intervals available to all processors. */
export function cpuPercentWindows(stats: RawStats): number {
  const read = Date.parse(stats.read ?? '');
  const preread = Date.parse(stats.preread ?? '');
  if (!Number.isFinite(read) || !Number.isFinite(preread)) return 0;
  const elapsed100ns = ((read - preread) * 1e6) / 100; // ms → ns → 100 ns intervals
  const possible = elapsed100ns * (stats.num_procs ?? 0);
  const used = (stats.cpu_stats?.cpu_usage?.total_usage ?? 0) - (stats.precpu_stats?.cpu_usage?.total_usage ?? 0);
  if (possible > 0) return (used / possible) * 100;
  return 0;
}

/**
 * Memory in use without the reclaimable page cache: usage minus `total_inactive_file` when the
 * stats are cgroup v1 (that key is present), otherwise minus `inactive_file` (cgroup v2), each
 * only when smaller than usage.
 */
export function memoryUsageWithoutCache(memory: MemoryStats | undefined): number {
  const usage = memory?.usage ?? 0;
  const stats = memory?.stats ?? {};
  const v1 = stats['total_inactive_file'];
  if (v1 !== undefined) {
    if (v1 < usage) return usage - v1;
  } else {
    const v2 = stats['inactive_file'];
    if (v2 !== undefined && v2 < usage) return usage - v2;
  }
  return usage;
}

export function memoryPercent(used: number, limit: number): number {
  return limit !== 0 ? (used / limit) * 100 : 0;
}

export function networkTotals(networks: RawStats['networks']): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const net of Object.values(networks ?? {})) {
    rx += net?.rx_bytes ?? 0;
    tx += net?.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/** Bytes read and written by block devices, from the `io_service_bytes_recursive` entries. */
export function blockIoTotals(blkio: RawStats['blkio_stats']): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of blkio?.io_service_bytes_recursive ?? []) {
    const op = (entry.op ?? '').toLowerCase();
    if (op === 'read') read += entry.value ?? 0;
    else if (op === 'write') write += entry.value ?? 0;
  }
  return { read, write };
}

/** One row of `docker stats` from one engine sample. */
export function computeSample(stats: RawStats): StatsSample {
  const windows = stats.os_type === 'windows';
  const cpuPercent = windows ? cpuPercentWindows(stats) : cpuPercentUnix(stats);
  const memoryUsage = windows ? stats.memory_stats?.privateworkingset ?? 0 : memoryUsageWithoutCache(stats.memory_stats);
  const memoryLimit = windows ? 0 : stats.memory_stats?.limit ?? 0;
  const net = networkTotals(stats.networks);
  const block = windows
    ? { read: stats.storage_stats?.read_size_bytes ?? 0, write: stats.storage_stats?.write_size_bytes ?? 0 }
    : blockIoTotals(stats.blkio_stats);
  return {
    read: stats.read ?? '',
    cpuPercent,
    memoryUsage,
    memoryLimit,
    memoryPercent: windows ? 0 : memoryPercent(memoryUsage, memoryLimit),
    networkRx: net.rx,
    networkTx: net.tx,
    blockRead: block.read,
    blockWrite: block.write,
    pids: windows ? stats.num_procs ?? 0 : stats.pids_stats?.current ?? 0,
  };
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

function scaled(bytes: number, base: number, units: string[]): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '--';
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  const text = unit === 0 ? String(Math.round(value)) : value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0);
  return `${text}${units[unit]}`;
}

/** Memory sizes, like the CLI: powers of 1024 (`12.5MiB`). */
export function formatBinaryBytes(bytes: number): string {
  return scaled(bytes, 1024, BINARY_UNITS);
}

/** Network and block I/O, like the CLI: powers of 1000 (`1.23kB`). */
export function formatDecimalBytes(bytes: number): string {
  return scaled(bytes, 1000, DECIMAL_UNITS);
}

export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}%` : '--';
}
