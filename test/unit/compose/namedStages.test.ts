import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namedStages } from '../../../server/src/core/dockerfile/syntax/namedStages';

const names = (text: string) => namedStages(text).map((s) => s.name);

test('stage names, case-insensitive, with flags, continuations and their offsets', () => {
  const text = 'FROM golang:1.22 AS Build\nRUN go build\nfrom --platform=$BUILDPLATFORM alpine as tools\nFROM \\\n  scratch \\\n  AS final\nFROM nginx\n';
  const stages = namedStages(text);
  assert.deepEqual(stages.map((s) => s.name), ['build', 'tools', 'final']);
  assert.equal(text.slice(stages[2]!.start, stages[2]!.end), 'final');
  assert.equal(text.slice(stages[0]!.start, stages[0]!.end), 'Build');
});

test('the escape directive changes the continuation character', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows `\n  AS win\n';
  assert.deepEqual(names(text), ['win']);
});

test('no stages in a single unnamed FROM or comments', () => {
  assert.deepEqual(namedStages('# FROM x AS y\nFROM alpine\nRUN echo "FROM a AS b"\n'), []);
});

// Cases the compose side's own line reader (removed) got wrong.

test('FROM lines inside a heredoc body are script, not stages', () => {
  const text = 'FROM alpine AS base\nRUN <<EOF\nFROM x AS y\necho done\nEOF\nCOPY <<-"CONF" /etc/app.conf\n\tfrom z as w\n\tCONF\nFROM base AS final\n';
  const stages = namedStages(text);
  assert.deepEqual(stages.map((s) => s.name), ['base', 'final']);
  assert.equal(text.slice(stages[1]!.start, stages[1]!.end), 'final');
});

test('an escape line after an ordinary comment is a comment, so the backslash still continues lines', () => {
  // Directives end at the first line that is not one: this `# escape=` is a plain comment.
  const text = '# a comment\n# escape=`\nFROM alpine \\\n  AS late\nFROM alpine `\n  AS no\n';
  assert.deepEqual(names(text), ['late']);
  // After other directives it counts.
  assert.deepEqual(names('# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine `\n  AS win\n'), ['win']);
});

test('continuations across blank and comment lines, CRLF line ends and an escaped escape', () => {
  const text = 'FROM alpine \\\r\n\r\n# between\r\n  AS Joined\r\nFROM busybox\r\nRUN echo C:\\\\\r\nFROM scratch AS tail\r\n';
  const stages = namedStages(text);
  assert.deepEqual(stages.map((s) => s.name), ['joined', 'tail']);
  assert.equal(text.slice(stages[0]!.start, stages[0]!.end), 'Joined');
});

test('lowercase keywords and --platform flags', () => {
  assert.deepEqual(names('from --platform=linux/amd64 golang As builder\nfrom --platform=$BUILDPLATFORM node:20 aS web\n'), ['builder', 'web']);
});
