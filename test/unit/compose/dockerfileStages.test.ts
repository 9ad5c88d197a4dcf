import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileStages } from '../../../server/src/core/compose/model/dockerfileStages';

test('stage names, case-insensitive, with flags, continuations and their offsets', () => {
  const text = 'FROM golang:1.22 AS Build\nRUN go build\nfrom --platform=$BUILDPLATFORM alpine as tools\nFROM \\\n  scratch \\\n  AS final\nFROM nginx\n';
  const stages = dockerfileStages(text);
  assert.deepEqual(stages.map((s) => s.name), ['build', 'tools', 'final']);
  assert.equal(text.slice(stages[2]!.start, stages[2]!.end), 'final');
  assert.equal(text.slice(stages[0]!.start, stages[0]!.end), 'Build');
});

test('the escape directive changes the continuation character', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows `\n  AS win\n';
  assert.deepEqual(dockerfileStages(text).map((s) => s.name), ['win']);
});

test('no stages in a single unnamed FROM or comments', () => {
  assert.deepEqual(dockerfileStages('# FROM x AS y\nFROM alpine\nRUN echo "FROM a AS b"\n'), []);
});
