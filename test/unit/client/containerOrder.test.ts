// The Containers view's order, kept one container at a time, against a full sort of the same
// containers; and the paging of a level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary } from '../../../client/src/engine/dockerEngine';
import { ContainerOrder, LOOSE } from '../../../client/src/views/containerOrder';
import { PAGE_SIZE, PageLimits, pageOf } from '../../../client/src/views/paging';
import { randomFraction } from '../seededRandom';

type C = Pick<ContainerSummary, 'Id' | 'State' | 'Created' | 'Labels'>;
const container = (Id: string, State: string, Created: number, project?: string): C =>
  ({ Id, State, Created, Labels: project ? { 'com.docker.compose.project': project } : {} });

/** What sorting every container from scratch gives (the order before this was incremental). */
function fullSort(containers: C[], group: string): string[] {
  return containers
    .filter((c) => (c.Labels['com.docker.compose.project'] ?? LOOSE) === group)
    .sort((a, b) => Number(b.State === 'running') - Number(a.State === 'running') || b.Created - a.Created || (a.Id < b.Id ? -1 : 1))
    .map((c) => c.Id);
}

test('a full list sorts compose projects by name, and each group running first, then newest', () => {
  const order = new ContainerOrder();
  order.reset([
    container('a', 'exited', 10), container('b', 'running', 5), container('c', 'created', 20),
    container('w1', 'running', 1, 'web'), container('d1', 'exited', 3, 'db'), container('d2', 'running', 2, 'db'),
  ]);
  assert.deepEqual(order.projects(), ['db', 'web']);
  assert.deepEqual(order.ids(LOOSE), ['b', 'c', 'a']);
  assert.deepEqual(order.ids('db'), ['d2', 'd1']);
  assert.equal(order.runningIn('db'), 1);
  assert.equal(order.size('web'), 1);
  assert.equal(order.count, 6);
});

test('containers added and removed one at a time land where a full sort puts them', () => {
  const next = randomFraction(18);
  const order = new ContainerOrder();
  const present = new Map<string, C>();
  order.reset([]);
  const projects = ['alpha', 'beta', 'gamma', undefined, undefined];
  for (let step = 0; step < 3000; step++) {
    const ids = [...present.keys()];
    if (ids.length > 0 && next() < 0.3) {
      const id = ids[Math.floor(next() * ids.length)]!;
      present.delete(id);
      const change = order.remove(id);
      assert.equal(change.kind, 'removed');
    } else {
      const id = `c${step}`;
      // Ties on Created happen (a compose up creates several in the same second).
      const c = container(id, next() < 0.4 ? 'running' : 'exited', Math.floor(next() * 50), projects[Math.floor(next() * projects.length)]);
      present.set(id, c);
      assert.equal(order.update(c).kind, 'added');
    }
  }
  const all = [...present.values()];
  for (const group of [LOOSE, ...order.projects()]) assert.deepEqual(order.ids(group), fullSort(all, group), `group "${group}"`);
  assert.deepEqual([...order.projects()], [...new Set(all.map((c) => c.Labels['com.docker.compose.project']).filter(Boolean))].sort());
  assert.equal(order.count, present.size);
});

test('a container keeps its place when it starts or stops; the running count follows', () => {
  const order = new ContainerOrder();
  order.reset([container('x', 'exited', 3, 'p'), container('y', 'exited', 2, 'p'), container('z', 'exited', 1, 'p')]);
  assert.deepEqual(order.update(container('z', 'running', 1, 'p')), { kind: 'updated', group: 'p', runningChanged: true });
  assert.deepEqual(order.ids('p'), ['x', 'y', 'z'], 'no row jumps under the pointer');
  assert.equal(order.runningIn('p'), 1);
  assert.deepEqual(order.update(container('z', 'running', 1, 'p')), { kind: 'updated', group: 'p', runningChanged: false });
  order.update(container('z', 'exited', 1, 'p'));
  assert.equal(order.runningIn('p'), 0);
  // Removing a container whose state changed since it was placed still finds it.
  order.update(container('y', 'running', 2, 'p'));
  assert.equal(order.remove('y').kind, 'removed');
  assert.deepEqual(order.ids('p'), ['x', 'z']);
  assert.equal(order.runningIn('p'), 0);
  // A new running container goes first.
  order.update(container('n', 'running', 0, 'p'));
  assert.deepEqual(order.ids('p'), ['n', 'x', 'z']);
});

test('a group appears in its place by name and goes with its last container', () => {
  const order = new ContainerOrder();
  order.reset([container('a', 'running', 1, 'alpha'), container('c', 'running', 1, 'gamma')]);
  assert.deepEqual(order.update(container('b', 'exited', 1, 'beta')), { kind: 'added', group: 'beta' });
  assert.deepEqual(order.projects(), ['alpha', 'beta', 'gamma']);
  assert.deepEqual(order.remove('b'), { kind: 'removed', group: 'beta' });
  assert.deepEqual(order.projects(), ['alpha', 'gamma']);
  assert.deepEqual(order.remove('b'), { kind: 'none' }, 'removing twice changes nothing');
  assert.equal(order.size('beta'), 0);
});

test('a level shows a page of rows; each "Show more" adds as many again', () => {
  assert.deepEqual(pageOf(40), { shown: 40, hidden: 0, more: 0 });
  assert.deepEqual(pageOf(PAGE_SIZE), { shown: PAGE_SIZE, hidden: 0, more: 0 });
  assert.deepEqual(pageOf(10_000), { shown: PAGE_SIZE, hidden: 10_000 - PAGE_SIZE, more: PAGE_SIZE });
  assert.deepEqual(pageOf(150), { shown: 100, hidden: 50, more: 50 }, 'never more than what is left');
  const limits = new PageLimits();
  const clicks: number[] = [];
  let limit = limits.limitOf('');
  while (pageOf(10_000, limit).more > 0) {
    limit = limits.showMore('', pageOf(10_000, limit).more);
    clicks.push(pageOf(10_000, limit).shown);
  }
  assert.deepEqual(clicks, [200, 400, 800, 1600, 3200, 6400, 10_000], '10,000 rows are seven clicks away');
  assert.equal(limits.limitOf('group'), PAGE_SIZE, 'each level has its own page');
  limits.reset();
  assert.equal(limits.limitOf(''), PAGE_SIZE);
  assert.deepEqual(pageOf(-1), { shown: 0, hidden: 0, more: 0 });
});
