// The environment VS Code's client adds when it starts the language server: glibc's allocator
// settings, each only when the user's environment does not set it already.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SERVER_ENVIRONMENT, serverEnvironment } from '../../../server/src/protocol/serverEnvironment';

test('the client adds the allocator settings to an environment without them', () => {
  assert.deepEqual(serverEnvironment({ PATH: '/usr/bin' }), { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });
  assert.deepEqual(Object.keys(SERVER_ENVIRONMENT).sort(), ['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']);
});

test("a setting the user's environment has is left as the user set it", () => {
  assert.deepEqual(serverEnvironment({ MALLOC_ARENA_MAX: '8' }), { MALLOC_MMAP_THRESHOLD_: '131072' });
  assert.deepEqual(serverEnvironment({ MALLOC_ARENA_MAX: '', MALLOC_MMAP_THRESHOLD_: '0' }), {});
});
