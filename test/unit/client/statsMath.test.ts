import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  blockIoTotals,
  computeSample,
  cpuPercentUnix,
  cpuPercentWindows,
  formatBinaryBytes,
  formatDecimalBytes,
  formatPercent,
  memoryPercent,
  memoryUsageWithoutCache,
  networkTotals,
  type RawStats,
} from '../../../client/src/containers/statsMath';

// A cgroup v2 sample shaped like the engine's: 2 online CPUs, 0.5 s of CPU in 2 s of host time
// (host time counts all CPUs, so 2 CPUs × 1 s elapsed ≈ 2e9 ns of system time).
const cgroupV2: RawStats = {
  read: '2024-05-01T10:00:01.000000000Z',
  preread: '2024-05-01T10:00:00.000000000Z',
  pids_stats: { current: 7, limit: 4915 },
  cpu_stats: { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 12_000_000_000, online_cpus: 2 },
  precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 10_000_000_000, online_cpus: 2 },
  memory_stats: { usage: 100 * 1024 * 1024, limit: 1024 * 1024 * 1024, stats: { inactive_file: 20 * 1024 * 1024, active_file: 5 } },
  networks: { eth0: { rx_bytes: 1000, tx_bytes: 200 }, eth1: { rx_bytes: 24, tx_bytes: 6 } },
  blkio_stats: { io_service_bytes_recursive: [
    { major: 8, minor: 0, op: 'read', value: 4096 },
    { major: 8, minor: 0, op: 'write', value: 8192 },
    { major: 8, minor: 16, op: 'read', value: 4 },
  ] },
};

test('CPU % is the container share of host CPU time since the previous sample, times online CPUs', () => {
  // 0.5e9 / 2e9 × 2 × 100 = 50 %
  assert.equal(cpuPercentUnix(cgroupV2), 50);
});

test('CPU % falls back to the per-CPU list when online_cpus is missing, and is 0 without progress', () => {
  const stats: RawStats = {
    cpu_stats: { cpu_usage: { total_usage: 300, percpu_usage: [1, 2, 3, 4] }, system_cpu_usage: 2000 },
    precpu_stats: { cpu_usage: { total_usage: 100 }, system_cpu_usage: 1000 },
  };
  assert.equal(cpuPercentUnix(stats), (200 / 1000) * 4 * 100);
  assert.equal(cpuPercentUnix({ cpu_stats: { cpu_usage: { total_usage: 5 }, system_cpu_usage: 5 }, precpu_stats: { cpu_usage: { total_usage: 5 }, system_cpu_usage: 5 } }), 0);
  assert.equal(cpuPercentUnix({}), 0);
});

test('Windows CPU % uses 100 ns intervals over the elapsed time × processors', () => {
  const stats: RawStats = {
    os_type: 'windows',
    read: '2024-05-01T10:00:01.000Z',
    preread: '2024-05-01T10:00:00.000Z',
    num_procs: 4,
    cpu_stats: { cpu_usage: { total_usage: 30_000_000 } },
    precpu_stats: { cpu_usage: { total_usage: 10_000_000 } },
  };
  // 1 s = 1e7 intervals × 4 = 4e7 possible; 2e7 used → 50 %
  assert.equal(cpuPercentWindows(stats), 50);
});

test('memory without cache: cgroup v1 subtracts total_inactive_file, v2 inactive_file, only when smaller', () => {
  assert.equal(memoryUsageWithoutCache({ usage: 1000, stats: { total_inactive_file: 300, inactive_file: 1 } }), 700, 'v1 key wins when present');
  assert.equal(memoryUsageWithoutCache({ usage: 1000, stats: { total_inactive_file: 5000 } }), 1000, 'v1 larger than usage: usage');
  assert.equal(memoryUsageWithoutCache({ usage: 1000, stats: { inactive_file: 400 } }), 600);
  assert.equal(memoryUsageWithoutCache({ usage: 1000, stats: { inactive_file: 1000 } }), 1000);
  assert.equal(memoryUsageWithoutCache({ usage: 1000 }), 1000);
  assert.equal(memoryUsageWithoutCache(undefined), 0);
  assert.equal(memoryPercent(250, 1000), 25);
  assert.equal(memoryPercent(250, 0), 0);
});

test('network and block I/O are summed over interfaces and devices (op names in any case)', () => {
  assert.deepEqual(networkTotals(cgroupV2.networks), { rx: 1024, tx: 206 });
  assert.deepEqual(networkTotals(null), { rx: 0, tx: 0 });
  assert.deepEqual(blockIoTotals(cgroupV2.blkio_stats), { read: 4100, write: 8192 });
  assert.deepEqual(blockIoTotals({ io_service_bytes_recursive: [{ op: 'Read', value: 1 }, { op: 'Write', value: 2 }, { op: 'Total', value: 3 }] }), { read: 1, write: 2 });
  assert.deepEqual(blockIoTotals({ io_service_bytes_recursive: null }), { read: 0, write: 0 });
});

test('computeSample gives the whole docker stats row', () => {
  const sample = computeSample(cgroupV2);
  assert.equal(sample.cpuPercent, 50);
  assert.equal(sample.memoryUsage, 80 * 1024 * 1024);
  assert.equal(sample.memoryLimit, 1024 * 1024 * 1024);
  assert.equal(sample.memoryPercent, (80 / 1024) * 100);
  assert.deepEqual([sample.networkRx, sample.networkTx, sample.blockRead, sample.blockWrite, sample.pids], [1024, 206, 4100, 8192, 7]);
  assert.equal(sample.read, cgroupV2.read);
});

test('byte and percent formatting: binary for memory, decimal for I/O', () => {
  assert.equal(formatBinaryBytes(0), '0B');
  assert.equal(formatBinaryBytes(1536), '1.50KiB');
  assert.equal(formatBinaryBytes(80 * 1024 * 1024), '80.0MiB');
  assert.equal(formatBinaryBytes(3 * 1024 ** 3), '3.00GiB');
  assert.equal(formatDecimalBytes(999), '999B');
  assert.equal(formatDecimalBytes(1234), '1.23kB');
  assert.equal(formatDecimalBytes(456_000_000), '456MB');
  assert.equal(formatBinaryBytes(-1), '--');
  assert.equal(formatPercent(12.345), '12.35%');
  assert.equal(formatPercent(Number.NaN), '--');
});
