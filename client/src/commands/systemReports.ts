// Text reports for the system commands, like `docker system df` and `docker version`/`info`.
// Pure (no vscode import): unit-tested.
import type { DiskUsage } from '../engine/dockerEngine';
import { formatBytes } from '../views/format';

export interface DiskUsageRow {
  type: string;
  total: number;
  active: number;
  size: number;
  reclaimable: number;
}

/** The same four rows `docker system df` prints, computed from the engine's /system/df. */
export function diskUsageRows(df: DiskUsage): DiskUsageRow[] {
  const images = df.Images ?? [];
  const activeImages = images.filter((i) => i.Containers > 0);
  const imagesSize = df.LayersSize ?? images.reduce((n, i) => n + i.Size - Math.max(0, i.SharedSize), 0);
  const usedImagesSize = activeImages.reduce((n, i) => n + i.Size - Math.max(0, i.SharedSize), 0);
  const containers = df.Containers ?? [];
  const containersSize = containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const stoppedSize = containers.filter((c) => c.State !== 'running').reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const volumes = df.Volumes ?? [];
  const volumesSize = volumes.reduce((n, v) => n + Math.max(0, v.UsageData?.Size ?? 0), 0);
  const unusedVolumesSize = volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((n, v) => n + Math.max(0, v.UsageData?.Size ?? 0), 0);
  const cache = df.BuildCache ?? [];
  const cacheSize = cache.filter((c) => !c.Shared).reduce((n, c) => n + c.Size, 0);
  const cacheReclaimable = cache.filter((c) => !c.InUse && !c.Shared).reduce((n, c) => n + c.Size, 0);
  return [
    { type: 'Images', total: images.length, active: activeImages.length, size: imagesSize, reclaimable: Math.max(0, imagesSize - usedImagesSize) },
    { type: 'Containers', total: containers.length, active: containers.filter((c) => c.State === 'running').length, size: containersSize, reclaimable: stoppedSize },
    { type: 'Local Volumes', total: volumes.length, active: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length, size: volumesSize, reclaimable: unusedVolumesSize },
    { type: 'Build Cache', total: cache.length, active: cache.filter((c) => c.InUse).length, size: cacheSize, reclaimable: cacheReclaimable },
  ];
}

export function formatDiskUsage(rows: DiskUsageRow[], headers = ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE']): string {
  const table = [headers, ...rows.map((r) => [
    r.type, String(r.total), String(r.active), formatBytes(r.size),
    `${formatBytes(r.reclaimable)}${r.size > 0 ? ` (${Math.round((r.reclaimable / r.size) * 100)}%)` : ''}`,
  ])];
  const widths = headers.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('   ').trimEnd()).join('\n');
}

/** `key: value` lines for the engine facts people ask about first. */
export function formatEngineFacts(version: Record<string, unknown>, info: Record<string, unknown>): string {
  const pick = (o: Record<string, unknown>, k: string) => (o[k] === undefined || o[k] === '' ? undefined : String(o[k]));
  const rows: Array<[string, string | undefined]> = [
    ['Server version', pick(version, 'Version')],
    ['API version', `${pick(version, 'ApiVersion') ?? '?'} (minimum ${pick(version, 'MinAPIVersion') ?? '?'})`],
    ['Go / Git commit', `${pick(version, 'GoVersion') ?? '?'} / ${pick(version, 'GitCommit') ?? '?'}`],
    ['OS / architecture', `${pick(info, 'OperatingSystem') ?? pick(version, 'Os') ?? '?'} / ${pick(info, 'Architecture') ?? pick(version, 'Arch') ?? '?'}`],
    ['Kernel', pick(info, 'KernelVersion') ?? pick(version, 'KernelVersion')],
    ['CPUs / memory', `${pick(info, 'NCPU') ?? '?'} / ${typeof info.MemTotal === 'number' ? formatBytes(info.MemTotal) : '?'}`],
    ['Containers', `${pick(info, 'Containers') ?? '?'} (running ${pick(info, 'ContainersRunning') ?? '?'}, paused ${pick(info, 'ContainersPaused') ?? '?'}, stopped ${pick(info, 'ContainersStopped') ?? '?'})`],
    ['Images', pick(info, 'Images')],
    ['Storage driver', pick(info, 'Driver')],
    ['Cgroup driver / version', `${pick(info, 'CgroupDriver') ?? '?'} / ${pick(info, 'CgroupVersion') ?? '?'}`],
    ['Docker root dir', pick(info, 'DockerRootDir')],
    ['Name', pick(info, 'Name')],
  ];
  return rows.filter(([, v]) => v !== undefined).map(([k, v]) => `${k.padEnd(24)} ${v}`).join('\n');
}
