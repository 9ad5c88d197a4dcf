import { test } from 'node:test';
import assert from 'node:assert/strict';
import { volumeProblem } from '../../../server/src/core/compose/checks/volumeSpecs';
import { findings, validate } from './helpers';

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

test('a quote left at one end of a part is part of the path: a warning (round 34: postgres_data:/var/lib/postgresql/data\')', () => {
  const text = "services:\n  db:\n    image: postgres:16\n    volumes:\n      - postgres_data:/var/lib/postgresql/data'\n      - \"./conf:/etc/conf:ro\"\n      - './init.sql:/docker-entrypoint-initdb.d/init.sql'\n      - ./x\":/x\nvolumes:\n  postgres_data:\n";
  const found = findings(validate(text), 'compose-invalid-volume').map((d) => [d.range.start.line + 1, d.severity, d.message]);
  assert.deepEqual(found.map(([line, severity]) => [line, severity]), [[5, 2], [8, 2]]);
  assert.equal(found[0]![2], 'postgres_data:/var/lib/postgresql/data\' has a quote the YAML did not take as quoting, so it is part of the path: "/var/lib/postgresql/data\'". Remove it, or quote the whole entry.');
});
