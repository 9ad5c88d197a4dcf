import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTag, formatCommandLine, parseBuildArgs, toDockerBuildArgs } from '../../../client/src/build/buildSpec';
import { BuildOutputReader } from '../../../client/src/build/buildOutput';
import { dockerfileFacts } from '../../../client/src/build/dockerfileFacts';

const DOCKERFILE = 'ARG BASE=busybox\nFROM ${BASE} AS base\nRUN echo one > /one\n\nFROM base\nENV A=1\nCOPY hello.txt /hello.txt\nRUN \\\n  cat /hello.txt && exit 3\n';

test('build arguments are an argument array in a fixed order', () => {
  const args = toDockerBuildArgs({ dockerfile: '/w/app/Dockerfile', context: '/w/app', tag: 'app:dev', buildArgs: { A: '1', B: 'two words' }, target: 'base', platform: 'linux/arm64', noCache: true });
  assert.deepEqual(args, ['build', '-f', '/w/app/Dockerfile', '-t', 'app:dev', '--build-arg', 'A=1', '--build-arg', 'B=two words', '--target', 'base', '--platform', 'linux/arm64', '--no-cache', '--', '/w/app']);
  assert.equal(formatCommandLine('docker', ['build', '-t', "it's; rm", '/my dir']), `docker build -t 'it'\\''s; rm' '/my dir'`);
});

test('build args typed as text: quotes, bare names from the environment', () => {
  assert.deepEqual(parseBuildArgs('A=1 B="x y" C=\'z\' HOME', { HOME: '/root' }), { A: '1', B: 'x y', C: 'z', HOME: '/root' });
  assert.equal(defaultTag('My App'), 'my-app:latest');
});

test('classic builder output: steps, cache, failure', () => {
  const reader = new BuildOutputReader();
  reader.push('Step 1/7 : ARG BASE=busybox\nStep 2/7 : FROM ${BASE} AS base\n ---> b4a84ea711da\nStep 3/7 : RUN echo one > /one\n ---> Using cache\n ---> d83db0bca4f2\n');
  reader.push('Step 7/7 : RUN   cat /hello.txt && exit 3\n ---> Running in 62152a28c5e8\nhi\nThe command \'/bin/sh -c cat /hello.txt && exit 3\' returned a non-zero code: 3\n');
  reader.end();
  assert.deepEqual(reader.cached.map((s) => s.classicStep), [3]);
  assert.equal(reader.failure?.step?.classicStep, 7);
  assert.match(reader.failure.message, /returned a non-zero code: 3/);
  const facts = dockerfileFacts(DOCKERFILE);
  assert.equal(facts.lineOf(reader.failure.step), 7, 'the RUN on line 8 (0-based 7)');
});

test('BuildKit plain output: vertices, CACHED, ERROR, image id', () => {
  const reader = new BuildOutputReader();
  reader.push('#4 [base 1/2] FROM docker.io/library/busybox\n#4 DONE 0.0s\n#5 [base 2/2] RUN echo one > /one\n#5 CACHED\n\n#7 [stage-1 1/2] COPY hello.txt /hello.txt\n#7 DONE 0.0s\n#8 [stage-1 2/2] RUN   cat /hello.txt && exit 3\n#8 0.217 hi\n#8 ERROR: executor failed running [/bin/sh -c cat /hello.txt && exit 3]: exit code: 3\n');
  reader.end();
  const facts = dockerfileFacts(DOCKERFILE);
  assert.deepEqual(reader.cached.map((s) => facts.lineOf(s)), [2]);
  assert.equal(reader.failure?.step?.stage, 'stage-1');
  assert.equal(facts.lineOf(reader.failure.step), 7, 'ENV does not count as a BuildKit step; FROM base (a stage) neither');
  const ok = new BuildOutputReader();
  ok.push('#9 writing image sha256:0123abcd done\n');
  ok.end();
  assert.equal(ok.imageId, 'sha256:0123abcd');
});

test('stages for --target, labelled as BuildKit prints them', () => {
  const facts = dockerfileFacts(DOCKERFILE);
  assert.deepEqual(facts.stages.map((s) => [s.name, s.label, s.line]), [['base', 'base', 1], [undefined, 'stage-1', 4]]);
  assert.deepEqual(facts.stageBody(undefined).length, 3, 'ENV, COPY and RUN of the last stage');
});
