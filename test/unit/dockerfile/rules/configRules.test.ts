import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';

const folder = 'file:///work/app';
const withConfig = (yaml: string) => () => context({ files: files({ [`${folder}/.hadolint.yaml`]: yaml }, [folder]) });

test('rules driven by .hadolint.yaml and local image platforms', async (t) => {
  await checkRuleCases(t, [
    { rule: 'trusted-registry', bad: 'FROM quay.io/a/b:1\n', good: 'FROM docker.io/library/node:22\nFROM node:22\nFROM my.registry/x:1\n', line: 0, ctx: withConfig('trustedRegistries:\n  - docker.io\n  - my.registry\n') },
    { rule: 'label-schema', bad: 'FROM a:1\nLABEL version=one\n', good: 'FROM a:1\nLABEL version=1.2.3\n', line: 1, ctx: withConfig('label-schema:\n  version: semver\n') },
    {
      rule: 'invalid-base-image-platform',
      bad: 'FROM --platform=linux/arm64 node:22\n',
      good: 'FROM --platform=linux/amd64 node:22\n',
      line: 0,
      ctx: () => context({ facts: { images: [{ name: 'node:22', id: '1', size: 1, created: 1, platform: 'linux/amd64' }] } }),
    },
  ], assert);
});

test('label-schema: missing, empty, strict and typed values name their hadolint id', () => {
  const ctx = withConfig('label-schema:\n  maintainer: email\n  url: url\n  author: text\nstrict-labels: true\n')();
  const messages = runRule('label-schema', 'FROM a:1\nLABEL maintainer=nobody url=https://x.io author="" extra=1\n', ctx).map((d) => d.message);
  assert.equal(messages.length, 3);
  assert.ok(messages.some((m) => /maintainer should be a valid email/.test(m)));
  assert.ok(messages.some((m) => /author is empty/.test(m)));
  assert.ok(messages.some((m) => /extra is not in the label schema/.test(m)));
  assert.match(runRule('label-schema', 'FROM a:1\n', ctx)[0]!.message, /lacks the required label maintainer/);
});

test('without a configuration file nothing is reported', () => {
  assert.equal(runRule('trusted-registry', 'FROM quay.io/a/b:1\n').length, 0);
  assert.equal(runRule('label-schema', 'FROM a:1\n').length, 0);
});

test('label-schema: a label of a stage the final one is built FROM counts as present (round 24)', () => {
  const ctx = withConfig('label-schema:\n  name: text\n')();
  assert.deepEqual(runRule('label-schema', 'FROM python:3.12 AS base\nLABEL name=app\nFROM base\nRUN true\n', ctx), []);
  assert.equal(runRule('label-schema', 'FROM python:3.12 AS base\nLABEL name=app\nFROM python:3.12\nRUN true\n', ctx).length, 1);
});
