import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeFile } from '../../../server/src/core/compose/model/composeFile';
import { declareEdit } from '../../../server/src/core/compose/features/declareEdit';
import { LineIndex } from '../../../server/src/core/text';

function declare(text: string, section: 'volumes' | 'networks' | 'secrets' | 'configs' | 'models', name: string): string {
  const edit = declareEdit(buildComposeFile('file:///p/compose.yaml', 1, text), section, name)!;
  const index = new LineIndex(text);
  return text.slice(0, index.offsetAt(edit.range.start)) + edit.newText + text.slice(index.offsetAt(edit.range.end));
}

test('adds the section when missing, including a final line break', () => {
  assert.equal(declare('services: {}', 'volumes', 'data'), 'services: {}\nvolumes:\n  data:\n');
});

test('adds under an empty section, after the last entry, or into a flow mapping', () => {
  assert.equal(declare('volumes: # mine\nservices: {}\n', 'volumes', 'data'), 'volumes: # mine\n  data:\nservices: {}\n');
  assert.equal(declare('networks:\n    front:\n      driver: bridge\nservices: {}\n', 'networks', 'back'), 'networks:\n    front:\n      driver: bridge\n    back:\nservices: {}\n');
  assert.equal(declare('volumes: {}\n', 'volumes', 'data'), 'volumes: { data: {} }\n');
  assert.equal(declare('volumes: {a: {}}\n', 'volumes', 'data'), 'volumes: { a: {}, data: {} }\n');
});

test('secrets and configs get a file to fill in; models a model', () => {
  assert.equal(declare('secrets:\n  a:\n    file: a.txt\n', 'secrets', 'pw'), 'secrets:\n  a:\n    file: a.txt\n  pw:\n    file: ./pw.txt\n');
  assert.equal(declare('services: {}\n', 'models', 'llm'), 'services: {}\nmodels:\n  llm:\n    model: llm\n');
});
