import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeMemo, isSelfContained } from '../../../server/src/core/compose/model/nodeMemo';
import { shiftNode } from '../../../server/src/core/compose/model/nodes';
import { fromYaml } from '../../../server/src/core/compose/model/yamlPackage';
import { parseDocument } from 'yaml';

const node = (text: string) => fromYaml(parseDocument(text).contents)!;

test('results are computed once and moved with their subtree', () => {
  const tree = node('a: 1\nb: 2\n');
  const memo = new NodeMemo<{ start: number; end: number }>();
  let computed = 0;
  const compute = () => {
    computed++;
    return [{ start: 3, end: 4 }];
  };
  assert.deepEqual(memo.get(tree, compute), [{ start: 3, end: 4 }]);
  shiftNode(tree, 10);
  assert.deepEqual(memo.get(tree, compute), [{ start: 13, end: 14 }]);
  assert.equal(computed, 1);
});

test('subtrees with aliases or merges are never kept', () => {
  assert.equal(isSelfContained(node('a: 1\n')), true);
  assert.equal(isSelfContained(node('a: *x\n')), false);
  assert.equal(isSelfContained(node('<<: *x\nb: 1\n')), false);
  const memo = new NodeMemo<{ start: number; end: number }>();
  const tree = node('a: *x\n');
  let computed = 0;
  memo.get(tree, () => (computed++, []));
  memo.get(tree, () => (computed++, []));
  assert.equal(computed, 2);
});
