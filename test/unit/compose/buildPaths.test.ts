import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeFile } from '../../../server/src/core/compose/model/composeFile';
import { buildPaths } from '../../../server/src/core/compose/model/buildPaths';
import { symbolsOf } from '../../../server/src/core/compose/model/symbols';

function paths(text: string) {
  const file = buildComposeFile('file:///p/compose.yaml', 1, text);
  return buildPaths(file, symbolsOf(file).services.get('web')!.map!);
}

test('short and long forms resolve the context and the Dockerfile in it', () => {
  assert.deepEqual([paths('services:\n  web:\n    build: ./app\n')?.contextUri, paths('services:\n  web:\n    build: ./app\n')?.dockerfileUri], ['file:///p/app', 'file:///p/app/Dockerfile']);
  const long = paths('services:\n  web:\n    build:\n      dockerfile: docker/Dev.dockerfile\n      target: dev\n')!;
  assert.deepEqual([long.contextUri, long.dockerfileUri, long.targetNode?.kind], ['file:///p', 'file:///p/docker/Dev.dockerfile', 'scalar']);
});

test('remote contexts and inline Dockerfiles have no files; no build, no paths', () => {
  assert.equal(paths('services:\n  web:\n    build: https://github.com/a/b.git\n')?.contextUri, undefined);
  assert.equal(paths('services:\n  web:\n    build:\n      dockerfile_inline: FROM x\n')?.dockerfileUri, undefined);
  assert.equal(paths('services:\n  web:\n    image: x\n'), undefined);
});
