import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, cursor, doc } from './helpers';

function labels(marked: string, ctx = context()): string[] {
  const { text, position } = cursor(marked);
  return service.complete!(doc(text, `file:///c/${Math.random()}`), position, ctx).items.map((i) => i.label);
}

test('instruction keywords with snippets at the start of a line', () => {
  const { text, position } = cursor('FROM a\n|');
  const list = service.complete!(doc(text), position, context());
  const run = list.items.find((i) => i.label === 'RUN')!;
  assert.ok(run.insertText!.startsWith('RUN '));
  assert.equal(run.insertTextFormat, 2);
  assert.ok(list.items.some((i) => i.label === 'HEALTHCHECK'));
  assert.ok(!list.items.some((i) => i.label === 'MAINTAINER'));
});

test('ONBUILD offers triggers but not FROM or ONBUILD', () => {
  const list = labels('FROM a\nONBUILD |');
  assert.ok(list.includes('RUN'));
  assert.ok(!list.includes('FROM') && !list.includes('ONBUILD'));
});

test('flags per instruction, without repeating non-repeatable ones', () => {
  assert.deepEqual(labels('FROM a\nCOPY --|').sort(), ['--chmod', '--chown', '--exclude', '--from', '--link', '--parents']);
  assert.ok(labels('FROM a\nADD --|').includes('--checksum'));
  assert.ok(labels('FROM a\nADD --|').includes('--keep-git-dir'));
  assert.deepEqual(labels('FROM a\nRUN --|').sort(), ['--device', '--mount', '--network', '--security']);
  assert.ok(labels('FROM a\nHEALTHCHECK --|').includes('--start-interval'));
  assert.deepEqual(labels('FROM --|'), ['--platform']);
  assert.ok(!labels('FROM a\nCOPY --from=x --|').includes('--from'));
});

test('flag values: stages for --from, platforms, mount types and keys, enums', () => {
  assert.deepEqual(labels('FROM a AS build\nFROM b AS test\nFROM c\nCOPY --from=|'), ['build', 'test']);
  assert.ok(labels('FROM --platform=| a').includes('$BUILDPLATFORM'));
  assert.deepEqual(labels('FROM a\nRUN --mount=type=|'), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
  const cacheKeys = labels('FROM a\nRUN --mount=type=cache,|');
  assert.ok(cacheKeys.includes('target=') && cacheKeys.includes('sharing=') && !cacheKeys.includes('type='));
  assert.deepEqual(labels('FROM a\nRUN --mount=type=cache,target=/x,sharing=|'), ['shared', 'private', 'locked']);
  assert.deepEqual(labels('FROM a\nRUN --network=|'), ['default', 'none', 'host']);
  assert.ok(labels('FROM a\nHEALTHCHECK --interval=|').includes('30s'));
});

test('variables in scope after $ and ${', () => {
  const stage = labels('ARG GLOBAL=1\nFROM a\nARG LOCAL=2\nENV E=3\nWORKDIR ${|');
  assert.ok(stage.includes('LOCAL') && stage.includes('E'));
  assert.ok(!stage.includes('GLOBAL'));
  const from = labels('ARG GLOBAL=1\nFROM a:$|');
  assert.ok(from.includes('GLOBAL') && from.includes('TARGETPLATFORM'));
  const { text, position } = cursor('FROM a\nENV E=3\nWORKDIR ${|');
  const item = service.complete!(doc(text), position, context()).items.find((i) => i.label === 'E')!;
  assert.equal(item.textEdit!.newText, '${E}');
  assert.equal(item.detail, '= 3');
});

test('FROM offers earlier stages, local images and tags, then AS', () => {
  const ctx = context({ facts: { images: [{ name: 'node:22', id: '1', size: 1, created: 1 }, { name: 'node:20', id: '2', size: 1, created: 1 }] } });
  const images = labels('FROM a AS base\nFROM |', ctx);
  assert.ok(images.includes('base') && images.includes('node:22') && images.includes('scratch'));
  assert.deepEqual(labels('FROM node:|', ctx).sort(), ['20', '22']);
  assert.deepEqual(labels('FROM node:22 |'), ['AS']);
});

test('parser directives at the top of the file', () => {
  assert.deepEqual(labels('# |\nFROM a'), ['syntax=', 'escape=', 'check=']);
  assert.deepEqual(labels('FROM a\n# |'), []);
});

test('HEALTHCHECK type and nothing inside shell text', () => {
  assert.deepEqual(labels('FROM a\nHEALTHCHECK |'), ['CMD', 'NONE']);
  assert.deepEqual(labels('FROM a\nRUN echo hello |'), []);
});

test('completion works on a continuation line and never throws on half-typed text', () => {
  assert.ok(labels('FROM a\nRUN echo \\\n  --|').length >= 0);
  for (const marked of ['|', 'F|', 'FROM|', 'RUN --mount=|', 'COPY --from=|', '# escape=`\nFROM a\nRUN x `\n|', '$|', 'FROM a\nENV ${|']) {
    assert.doesNotThrow(() => labels(marked), marked);
  }
});
