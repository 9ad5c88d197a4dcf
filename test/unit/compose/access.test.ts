import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeFile } from '../../../server/src/core/compose/model/composeFile';
import { entries, resolve, rootMaps } from '../../../server/src/core/compose/model/access';
import type { MapNode } from '../../../server/src/core/compose/model/nodes';

function serviceMap(text: string, name: string) {
  const file = buildComposeFile('file:///p/compose.yaml', 1, text);
  const services = entries(file, rootMaps(file)[0]!).find((e) => e.key === 'services')!.value as MapNode;
  return { file, map: entries(file, services).find((e) => e.key === name)!.value as MapNode };
}

test('merge keys add entries; own keys and earlier merges win', () => {
  const text = 'x-a: &a\n  image: a\n  restart: always\nx-b: &b\n  image: b\n  user: b\nservices:\n  web:\n    <<: [*a, *b]\n    restart: "no"\n';
  const { file, map } = serviceMap(text, 'web');
  const result = entries(file, map).map((e) => [e.key, (e.value as { value: unknown }).value, Boolean(e.mergedFrom)]);
  assert.deepEqual(result, [['restart', 'no', false], ['image', 'a', true], ['user', 'b', true]]);
});

test('aliases resolve to the latest anchor of that name before them', () => {
  const text = 'x-1: &v one\nx-2: *v\nx-3: &v two\nx-4: *v\n';
  const file = buildComposeFile('file:///p/compose.yaml', 1, text);
  const values = entries(file, rootMaps(file)[0]!).map((e) => (resolve(file, e.raw) as { value: unknown }).value);
  assert.deepEqual(values, ['one', 'one', 'two', 'two']);
});

test('!reset removes a key; an unknown alias resolves to nothing', () => {
  const { file, map } = serviceMap('services:\n  web:\n    image: x\n    ports: !reset []\n    env: *missing\n', 'web');
  assert.deepEqual(entries(file, map).map((e) => [e.key, e.value]), [['image', entries(file, map)[0]!.value], ['env', null]]);
});
