import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImageSummary } from '../../../client/src/engine/dockerEngine';
import { groupImages, layerInstruction, splitReference } from '../../../client/src/views/imagePresentation';

const image = (Id: string, RepoTags: string[] | null, Created = 1, RepoDigests: string[] = []) =>
  ({ Id, RepoTags, RepoDigests, Created, Size: 1, ParentId: '', SharedSize: 0, VirtualSize: 1, Labels: {}, Containers: 0 }) as unknown as ImageSummary;

test('references split at the tag colon, not a registry port', () => {
  assert.deepEqual(splitReference('localhost:5000/team/app:1.2'), { repository: 'localhost:5000/team/app', tag: '1.2' });
  assert.deepEqual(splitReference('localhost:5000/team/app'), { repository: 'localhost:5000/team/app', tag: 'latest' });
  assert.deepEqual(splitReference('app@sha256:abc'), { repository: 'app', tag: '@sha256:abc' });
});

test('images group by repository, one entry per tag, dangling ones apart', () => {
  const groups = groupImages([
    image('sha256:1', ['nginx:1.27', 'nginx:latest'], 2),
    image('sha256:2', ['nginx:1.25'], 1),
    image('sha256:3', ['<none>:<none>']),
    image('sha256:4', null, 1, ['redis@sha256:0123456789abcdef0123456789abcdef']),
  ]);
  assert.deepEqual([...groups.repositories.keys()].sort(), ['nginx', 'redis']);
  assert.deepEqual(groups.repositories.get('nginx')!.map((t) => t.tag), ['1.27', 'latest', '1.25']);
  assert.match(groups.repositories.get('redis')![0]!.tag, /^@sha256:/);
  assert.deepEqual(groups.dangling.map((i) => i.Id), ['sha256:3']);
});

test('a layer\'s created-by becomes the instruction that made it', () => {
  assert.equal(layerInstruction('/bin/sh -c #(nop)  CMD ["/bin/sh"]'), 'CMD ["/bin/sh"]');
  assert.equal(layerInstruction('/bin/sh -c apk add --no-cache curl'), 'RUN apk add --no-cache curl');
  assert.equal(layerInstruction('|1 VERSION=2 /bin/sh -c make'), 'RUN make');
  assert.equal(layerInstruction('RUN /bin/sh -c npm ci # buildkit'), 'RUN /bin/sh -c npm ci');
  assert.equal(layerInstruction('COPY . /app # buildkit'), 'COPY . /app');
  assert.equal(layerInstruction('/bin/busybox --install -s /bin'), 'RUN /bin/busybox --install -s /bin');
});
