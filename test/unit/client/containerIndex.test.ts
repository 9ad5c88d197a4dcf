// Which containers use each image, volume and network, kept current one container at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary } from '../../../client/src/engine/dockerEngine';
import { ContainerIndex } from '../../../client/src/model/containerIndex';
import { randomFraction } from '../seededRandom';

const container = (Id: string, image: string, volumes: string[], networks: string[]) => ({
  Id,
  ImageID: image,
  Mounts: [...volumes.map((Name) => ({ Type: 'volume', Name, Destination: `/${Name}` })), { Type: 'bind', Source: '/tmp', Destination: '/host' }],
  NetworkSettings: { Networks: Object.fromEntries(networks.map((n) => [`name-${n}`, { NetworkID: n }])) },
}) as unknown as ContainerSummary;

const ids = (set: ReadonlySet<string>) => [...set].sort();

test('lists the users of an image, a volume and a network', () => {
  const index = new ContainerIndex();
  index.reset([container('a', 'img1', ['data'], ['net1']), container('b', 'img1', ['data', 'cache'], ['net1', 'net2']), container('c', 'img2', [], [])]);
  assert.deepEqual(ids(index.usersOfImage('img1')), ['a', 'b']);
  assert.deepEqual(ids(index.usersOfVolume('data')), ['a', 'b']);
  assert.deepEqual(ids(index.usersOfVolume('cache')), ['b']);
  assert.deepEqual(ids(index.membersOfNetwork('net2')), ['b']);
  assert.equal(index.usersOfImage('nope').size, 0);
  assert.equal(index.usersOfVolume('/tmp').size, 0, 'bind mounts are not volumes');
});

test('follows one container changing and going', () => {
  const index = new ContainerIndex();
  index.reset([container('a', 'img1', ['data'], ['net1'])]);
  index.update('a', container('a', 'img1', [], ['net2']));
  assert.equal(index.usersOfVolume('data').size, 0);
  assert.equal(index.membersOfNetwork('net1').size, 0);
  assert.deepEqual(ids(index.membersOfNetwork('net2')), ['a']);
  index.update('b', container('b', 'img1', ['data'], []));
  assert.deepEqual(ids(index.usersOfImage('img1')), ['a', 'b']);
  index.update('a', undefined);
  assert.deepEqual(ids(index.usersOfImage('img1')), ['b']);
  index.update('gone', undefined);
  index.reset([]);
  assert.equal(index.usersOfImage('img1').size, 0);
});

test('agrees with a scan of every container after many changes', () => {
  const index = new ContainerIndex();
  const present = new Map<string, ContainerSummary>();
  const next = randomFraction(7);
  for (let step = 0; step < 2000; step++) {
    const id = `c${Math.floor(next() * 300)}`;
    if (next() < 0.25) {
      present.delete(id);
      index.update(id, undefined);
    } else {
      const c = container(id, `img${Math.floor(next() * 20)}`, next() < 0.5 ? [`v${Math.floor(next() * 10)}`] : [], [`n${Math.floor(next() * 5)}`]);
      present.set(id, c);
      index.update(id, c);
    }
  }
  for (let i = 0; i < 20; i++) {
    const scan = [...present.values()].filter((c) => c.ImageID === `img${i}`).map((c) => c.Id).sort();
    assert.deepEqual(ids(index.usersOfImage(`img${i}`)), scan);
  }
  for (let i = 0; i < 10; i++) {
    const scan = [...present.values()].filter((c) => c.Mounts.some((m) => m.Name === `v${i}`)).map((c) => c.Id).sort();
    assert.deepEqual(ids(index.usersOfVolume(`v${i}`)), scan);
  }
});
