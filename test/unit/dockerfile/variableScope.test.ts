import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { runRule } from './helpers';

test('definitions, values and keys follow BuildKit scoping', () => {
  const a = Analysis.of('ARG V=1\nFROM a:$V\nARG V\nENV P=/x/$V Q=$P\nFROM scratch\nARG V=2\n');
  const defs = a.variables.defs.map((d) => [d.name, d.kind, d.scope, d.value, d.key]);
  assert.deepEqual(defs, [
    ['V', 'ARG', -1, '1', '-1:V'],
    ['V', 'ARG', 0, '1', '-1:V'],
    ['P', 'ENV', 0, '/x/1', '0:P'],
    ['Q', 'ENV', 0, undefined, '0:Q'],
    ['V', 'ARG', 1, '2', '1:V'],
  ]);
});

test('uses resolve to the definition visible at that point', () => {
  const a = Analysis.of('FROM a\nWORKDIR $A\nENV A=1\nWORKDIR $A\nRUN echo $A \'$B\'\n');
  assert.deepEqual(a.variables.uses.map((u) => [u.ref.name, u.def?.value ?? null, u.inShell]), [['A', null, false], ['A', '1', false], ['A', '1', true]]);
  const workdir = a.doc.instructions[3]!;
  assert.deepEqual([...a.variables.visibleAt(workdir).keys()], ['A']);
  assert.equal(a.variables.usesIn(workdir).length, 1);
});

test('heredoc bodies with unquoted delimiters are scanned; quoted ones are not', () => {
  const a = Analysis.of('FROM a\nENV X=1\nRUN <<EOF\necho $X\nEOF\nCOPY <<"EOT" /f\n$X\nEOT\n');
  assert.deepEqual(a.variables.uses.map((u) => u.ref.name), ['X']);
});

test('a stage built FROM another inherits the ARGs that stage declared, as BuildKit passes them on (round 21: ARG PROJECT_PATH in base, used FROM base)', () => {
  const text = 'ARG PROJECT_PATH="./client/"\nFROM node:22 AS base\nARG PROJECT_PATH\nFROM base AS build\nCOPY ${PROJECT_PATH} .\nFROM node:22 AS other\nCOPY ${PROJECT_PATH} .\n';
  const a = Analysis.of(text);
  const uses = a.variables.uses.filter((u) => u.ref.name === 'PROJECT_PATH');
  assert.deepEqual(uses.map((u) => [u.instruction.stage, u.def?.value ?? null]), [[1, './client/'], [2, null]]);
  assert.deepEqual(runRule('undefined-variable', text).map((d) => d.range.start.line), [6], 'only the stage not built FROM base');
});
