// From layers back to the Dockerfile (instructions per history step, the base image's FROM),
// findings placed on those lines, and a layer's changes as a folder tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLayers, layerSteps } from '../../../client/src/imageAnalysis/layerSources';
import { placeFindings } from '../../../client/src/vulnerabilities/findingPlacement';
import { changeTree, largestFirst } from '../../../client/src/imageAnalysis/changeTree';
import type { Finding } from '../../../client/src/vulnerabilities/scanReports';

const TEXT = 'ARG BASE=busybox\nFROM $BASE AS build\nRUN echo one > /one\n\nFROM build AS app\nCOPY x /x\nENV A=1\nRUN echo two\n';
// The engine's history of the `app` stage, oldest first: two base layers, then the file's.
const HISTORY = [
  { createdBy: '/bin/sh -c #(nop) COPY file:abc in /bin/busybox ' },
  { createdBy: '/bin/busybox --install -s /bin' },
  { createdBy: '/bin/sh -c #(nop)  CMD ["/bin/sh"]' },
  { createdBy: '/bin/sh -c echo one > /one' },
  { createdBy: '/bin/sh -c #(nop) COPY file:def in /x ' },
  { createdBy: '/bin/sh -c #(nop)  ENV A=1' },
  { createdBy: '/bin/sh -c echo two' },
];

test('each history step made by the file maps to its instruction; FROM is the root stage\'s, through FROM-a-stage', () => {
  const layers = dockerfileLayers(TEXT, HISTORY, 'app');
  assert.deepEqual([...layers.byHistory].map(([step, r]) => [step, r.line]), [[3, 2], [4, 5], [5, 6], [6, 7]]);
  assert.deepEqual(layers.from, { line: 1, start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
  assert.deepEqual(layers.byHistory.get(4)!.start, { line: 5, character: 0 });
  assert.deepEqual(layers.byHistory.get(4)!.end, { line: 5, character: 4 });
  assert.deepEqual(dockerfileLayers('', HISTORY), { byHistory: new Map() });
});

test('which history steps made layers: configuration-only instructions are left out, unless the count disagrees', () => {
  assert.deepEqual(layerSteps(HISTORY, 5), [0, 1, 3, 4, 6]);
  assert.equal(layerSteps(HISTORY, 4), undefined, 'nothing is guessed when it does not add up');
  assert.deepEqual(layerSteps([{ createdBy: 'ENV A=1' }, { createdBy: 'WORKDIR /app' }, { createdBy: 'RUN /bin/sh -c x # buildkit' }], 2), [1, 2]);
});

test('findings go on the instruction whose layer has the package, the rest on FROM; one per package, most severe first', () => {
  const layers = dockerfileLayers(TEXT, HISTORY, 'app');
  const steps = new Map([['sha256:base', 0], ['sha256:copy', 4]]);
  const f = (id: string, severity: Finding['severity'], packageName: string, layerDiffId?: string, fixedVersion?: string): Finding => ({ id, severity, packageName, installedVersion: '1.0', ...(layerDiffId ? { layerDiffId } : {}), ...(fixedVersion ? { fixedVersion } : {}) });
  const placed = placeFindings([
    f('CVE-1', 'low', 'busybox', 'sha256:base'),
    f('CVE-2', 'critical', 'busybox', 'sha256:base', '1.1'),
    f('CVE-3', 'medium', 'app-lib', 'sha256:copy'),
    f('CVE-4', 'high', 'mystery'),
    f('CVE-5', 'high', 'elsewhere', 'sha256:unknown'),
  ], layers, steps);
  assert.deepEqual(placed.map((p) => [p.range.line, p.packageName, p.severity, p.findings.map((x) => x.id)]), [
    [1, 'busybox', 'critical', ['CVE-2', 'CVE-1']],
    [1, 'elsewhere', 'high', ['CVE-5']],
    [1, 'mystery', 'high', ['CVE-4']],
    [5, 'app-lib', 'medium', ['CVE-3']],
  ]);
  assert.deepEqual(placeFindings([f('CVE-1', 'low', 'x')], { byHistory: new Map() }, steps), [], 'no FROM line: nowhere to put it');
});

test('a layer\'s changes as folders: sizes and counts add up, removed folders marked, largest first and capped', () => {
  const tree = changeTree([
    { path: 'app', status: 'added', kind: 'dir', size: 0 },
    { path: 'app/a.js', status: 'added', kind: 'file', size: 100 },
    { path: 'app/lib/b.js', status: 'modified', kind: 'file', size: 50 },
    { path: 'tmp', status: 'removed', kind: 'dir', size: 3000 },
    { path: 'c', status: 'added', kind: 'file', size: 1 },
  ]);
  assert.deepEqual([tree.size, tree.count], [3151, 4]);
  assert.deepEqual([...tree.dirs.keys()], ['app', 'tmp']);
  assert.deepEqual([tree.dirs.get('app')!.status, tree.dirs.get('app')!.size, tree.dirs.get('app')!.count], ['added', 150, 2]);
  assert.equal(tree.dirs.get('tmp')!.status, 'removed');
  assert.deepEqual(tree.dirs.get('app')!.dirs.get('lib')!.files.map((f) => f.path), ['app/lib/b.js']);
  const capped = largestFirst([{ n: 'a', s: 1 }, { n: 'b', s: 5 }, { n: 'c', s: 5 }, { n: 'd', s: 2 }], (x) => x.s, (x) => x.n, 2);
  assert.deepEqual(capped.shown.map((x) => x.n), ['b', 'c']);
  assert.deepEqual(capped.rest, { count: 2, bytes: 3 });
  assert.equal(largestFirst([1, 2], (x) => x, String, 5).rest, undefined);
});
