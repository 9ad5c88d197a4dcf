import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskUsageRows, formatDiskUsage, formatEngineFacts } from '../../../client/src/commands/systemReports';
import { escapeMarkdown, formatAge, formatBytes, matchesFilter } from '../../../client/src/views/format';

test('disk usage rows add up like docker system df', () => {
  const rows = diskUsageRows({
    LayersSize: 3000,
    Images: [{ Id: 'a', Size: 2000, SharedSize: 0, Containers: 1 }, { Id: 'b', Size: 1000, SharedSize: 0, Containers: 0 }],
    Containers: [{ Id: 'c', SizeRw: 10, State: 'running', Names: ['/c'] }, { Id: 'd', SizeRw: 5, State: 'exited', Names: ['/d'] }],
    Volumes: [{ Name: 'v', UsageData: { Size: 100, RefCount: 0 } }, { Name: 'w', UsageData: { Size: 50, RefCount: 1 } }],
    BuildCache: [{ Size: 7, InUse: false, Shared: false }],
  });
  assert.deepEqual(rows.map((r) => [r.type, r.total, r.active, r.size, r.reclaimable]), [
    ['Images', 2, 1, 3000, 1000],
    ['Containers', 2, 1, 15, 5],
    ['Local Volumes', 2, 1, 150, 100],
    ['Build Cache', 1, 0, 7, 7],
  ]);
  const text = formatDiskUsage(rows);
  assert.match(text.split('\n')[0]!, /^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE$/);
  assert.match(text, /Local Volumes\s+2\s+1\s+150 B\s+100 B \(67%\)/);
});

test('engine facts list version, storage and cgroups', () => {
  const text = formatEngineFacts({ Version: '20.10.24', ApiVersion: '1.41', MinAPIVersion: '1.12' }, { Driver: 'overlay2', CgroupVersion: '1', NCPU: 2, MemTotal: 2_000_000_000 });
  assert.match(text, /Server version\s+20\.10\.24/);
  assert.match(text, /API version\s+1\.41 \(minimum 1\.12\)/);
  assert.match(text, /CPUs \/ memory\s+2 \/ 2\.0 GB/);
});

test('formatting helpers', () => {
  assert.equal(formatBytes(1_960_000), '2.0 MB');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatAge(100, 100_000 + 3 * 86_400_000), '3 days ago');
  assert.equal(escapeMarkdown('a_b*c'), 'a\\_b\\*c');
  assert.ok(matchesFilter('WEB', 'my-web-1') && !matchesFilter('db', 'web') && matchesFilter('  ', 'x'));
});
