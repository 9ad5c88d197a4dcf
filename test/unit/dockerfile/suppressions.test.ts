import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSuppressions } from '../../../server/src/core/dockerfile/validation/suppressions';
import { parseDockerfile } from '../../../server/src/core/dockerfile/syntax/parser';

test('comments above an instruction, global ignores and the check directive', () => {
  const s = findSuppressions(parseDockerfile('# check=skip=StageNameCasing,FromAsCasing;error=true\nFROM a\n# hadolint global ignore=DL3008\n# workbench ignore=sudo, run-cd\n\nRUN sudo cd x\n# workbench ignore\nRUN y\n'));
  assert.deepEqual([...s.global].sort(), ['dl3008', 'fromascasing', 'stagenamecasing']);
  assert.equal(s.checksAreErrors, true);
  assert.deepEqual([...s.byInstruction.get(1)!].sort(), ['run-cd', 'sudo']);
  assert.deepEqual([...s.byInstruction.get(2)!], ['*']);
  assert.equal(s.comments.length, 3);
  assert.equal(findSuppressions(parseDockerfile('# check=skip=all\nFROM a\n')).skipAllChecks, true);
});

test('a check directive below a #! first line still counts: BuildKit drops the shebang before it reads it', () => {
  const s = findSuppressions(parseDockerfile('#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended;error=true\nFROM a\n'));
  assert.deepEqual([...s.global], ['jsonargsrecommended']);
  assert.equal(s.checksAreErrors, true);
  // Only in the directive lines right below it: after a plain comment it is a comment.
  assert.deepEqual([...findSuppressions(parseDockerfile('#!/bin/sh\n# note\n# check=skip=all\nFROM a\n')).global], []);
  assert.equal(findSuppressions(parseDockerfile('#!/bin/sh\n# note\n# check=skip=all\nFROM a\n')).skipAllChecks, false);
});
