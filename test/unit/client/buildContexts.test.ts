import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { contextsFromRemembered, contextsFromTasks, mergeContexts } from '../../../client/src/build/buildContextFacts';

const toUri = (p: string) => pathToFileURL(p).href;

test('docker-build tasks that name a context of their own become build context facts', () => {
  const tasks = [
    { type: 'docker-build', label: 'api', dockerfile: '${workspaceFolder}/docker/api/Dockerfile', context: '${workspaceFolder}' },
    { type: 'docker-build', label: 'web', dockerfile: 'web/Dockerfile', context: 'web' },
    { type: 'docker-build', label: 'worker', dockerfile: 'worker/Dockerfile', context: '.' },
    { type: 'docker-build', label: 'later', dockerfile: 'x/Dockerfile', context: '${input:where}' },
    { type: 'shell', command: 'make', dockerfile: 'y/Dockerfile', context: '.' },
    null,
  ];
  assert.deepEqual(contextsFromTasks(tasks, '/w', toUri), [
    { dockerfileUri: 'file:///w/docker/api/Dockerfile', contextUri: 'file:///w' },
    { dockerfileUri: 'file:///w/worker/Dockerfile', contextUri: 'file:///w' },
  ]);
  assert.deepEqual(contextsFromTasks(undefined, '/w', toUri), []);
});

test('the context Build Image remembers counts, after the one tasks.json gives', () => {
  const remembered = contextsFromRemembered([
    ['dockerWorkbench.build:/w/docker/api/Dockerfile', { tag: 'api:dev', context: '/elsewhere' }],
    ['dockerWorkbench.build:/w/app/Dockerfile', { tag: 'app:dev', context: '/w/app' }],
    ['dockerWorkbench.build:/w/bad/Dockerfile', { context: 'relative' }],
    ['dockerWorkbench.builtImages', [{ context: '/x' }]],
  ], toUri);
  assert.deepEqual(remembered, [{ dockerfileUri: 'file:///w/docker/api/Dockerfile', contextUri: 'file:///elsewhere' }]);
  const merged = mergeContexts(contextsFromTasks([{ type: 'docker-build', dockerfile: 'docker/api/Dockerfile', context: '.' }], '/w', toUri), remembered);
  assert.deepEqual(merged, [{ dockerfileUri: 'file:///w/docker/api/Dockerfile', contextUri: 'file:///w' }]);
});
