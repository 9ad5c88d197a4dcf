// Podman's pods by member container and by name, rebuilt on each pod change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodSummary } from '../../../client/src/engine/dockerEngine';
import { PodIndex } from '../../../client/src/model/podIndex';

const pod = (Id: string, Name: string, members: string[]): PodSummary => ({ Id, Name, Containers: members.map((m) => ({ Id: m })) });

test('finds a container\'s pod and a pod by name', () => {
  const index = new PodIndex();
  index.reset([pod('p1', 'web', ['a', 'b']), pod('p2', 'db', ['c'])]);
  assert.equal(index.podOf('a')?.Name, 'web');
  assert.equal(index.podOf('b')?.Name, 'web');
  assert.equal(index.podOf('c')?.Name, 'db');
  assert.equal(index.podOf('loose'), undefined);
  assert.equal(index.named('db')?.Id, 'p2');
  assert.equal(index.named('nope'), undefined);
});

test('a reset forgets pods that went and members that left', () => {
  const index = new PodIndex();
  index.reset([pod('p1', 'web', ['a', 'b']), pod('p2', 'db', ['c'])]);
  index.reset([pod('p1', 'web', ['a'])]);
  assert.equal(index.podOf('b'), undefined);
  assert.equal(index.podOf('c'), undefined);
  assert.equal(index.named('db'), undefined);
  assert.equal(index.podOf('a')?.Id, 'p1');
  index.reset([]);
  assert.equal(index.podOf('a'), undefined);
});

test('pods without a member list, or with malformed members, index nothing for them', () => {
  const index = new PodIndex();
  index.reset([{ Id: 'p0', Name: 'empty' }, { Id: 'p1', Name: 'odd', Containers: [null as never, { Id: '' }, { Id: 'x' }] }]);
  assert.equal(index.named('empty')?.Id, 'p0');
  assert.equal(index.podOf('x')?.Id, 'p1');
  assert.equal(index.podOf(''), undefined);
});
