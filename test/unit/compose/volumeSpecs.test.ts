import { test } from 'node:test';
import assert from 'node:assert/strict';
import { volumeProblem } from '../../../server/src/core/compose/checks/volumeSpecs';

test('short volume specs: empty parts, a fourth part and a relative container path are refused', () => {
  assert.match(volumeProblem(':/data')!, /empty part between colons/);
  assert.match(volumeProblem('./x:')!, /empty part between colons/);
  assert.match(volumeProblem('data:/data:')!, /empty part between colons/);
  assert.match(volumeProblem('src:/b:ro:z')!, /too many colons/);
  assert.match(volumeProblem('data')!, /container path data is not absolute/);
  assert.match(volumeProblem('./src:app')!, /container path app is not absolute/);
});

test('short volume specs compose accepts are left alone, Windows paths and pipes included', () => {
  for (const spec of ['/data', 'data:/data', './src:/app:ro', '~/cache:/root/.cache:rw,z', '/var/run/docker.sock:/var/run/docker.sock', 'C:\\data:C:\\data', 'c:/host:/container', 'data:C:\\app', '\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine', 'logs:/var/log:nocopy']) {
    assert.equal(volumeProblem(spec), undefined, spec);
  }
});
