import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';

test('stages by name, parents, root images and stage references', () => {
  const a = Analysis.of('ARG BASE=alpine:3\nFROM ${BASE} AS base\nFROM base AS build\nRUN --mount=type=bind,from=base,target=/b true\nFROM scratch\nCOPY --from=build /a /a\nCOPY --from=1 /b /b\n');
  assert.equal(a.stageByName.get('build')!.index, 1);
  assert.equal(a.parentOf(1), 0);
  assert.equal(a.rootImage(a.doc.stages[1]!), 'alpine:3');
  assert.equal(a.imageOf(a.doc.stages[0]!), 'alpine:3');
  assert.deepEqual(a.stageRefs.map((r) => [r.kind, r.name, r.target?.index]), [['from', 'base', 0], ['mount', 'base', 0], ['copy', 'build', 1], ['copy', '1', 1]]);
  const mount = a.stageRefs[1]!;
  assert.equal(a.text.slice(mount.span.start, mount.span.end), 'base');
});

test('shell kind follows SHELL and parent stages; Windows stages are not parsed as sh', () => {
  const a = Analysis.of('FROM a AS one\nRUN x\nSHELL ["/bin/bash", "-c"]\nRUN y\nFROM one\nRUN z\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n');
  const runs = a.doc.instructions.filter((i) => i.upper === 'RUN');
  assert.deepEqual(runs.map((r) => a.shellKind(r)), ['sh', 'bash', 'bash', 'other']);
  assert.equal(a.shell(runs[3]!), undefined);
  assert.equal(a.shell(runs[0]!)!.summary.commands[0]!.name, 'x');
});

test('instructionAt and stageAt find what contains an offset', () => {
  const a = Analysis.of('FROM a\nRUN <<EOF\nbody\nEOF\nCMD x\n');
  assert.equal(a.instructionAt(a.text.indexOf('body'))!.upper, 'RUN');
  assert.equal(a.instructionAt(a.text.indexOf('CMD'))!.upper, 'CMD');
  assert.equal(a.stageAt(a.text.length)!.index, 0);
  assert.equal(Analysis.of('\n\n').instructionAt(1), undefined);
});
