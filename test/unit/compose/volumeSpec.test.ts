import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isVolumeName, parseVolumeSpec } from '../../../server/src/core/compose/model/volumeSpec';

test('named volumes, bind mounts and anonymous volumes', () => {
  const named = parseVolumeSpec('data:/var/lib/data:ro')!;
  assert.equal(named.named, true);
  assert.deepEqual([named.source?.text, named.target.text, named.mode?.text], ['data', '/var/lib/data', 'ro']);
  assert.equal(parseVolumeSpec('./src:/app')!.named, false);
  assert.equal(parseVolumeSpec('/anonymous')!.source, undefined);
  const windows = parseVolumeSpec('C:\\data:/data')!;
  assert.deepEqual([windows.source?.text, windows.named], ['C:\\data', false]);
});

test('what counts as a volume name', () => {
  for (const name of ['data', 'db-data', 'my_vol.1']) assert.ok(isVolumeName(name), name);
  for (const path of ['./x', '../x', '/x', '~/x', '${DIR}', 'C:/x', '']) assert.ok(!isVolumeName(path), path);
});
