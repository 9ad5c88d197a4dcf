import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeFileOf, composeFileOfText, forgetComposeFile, latestComposeFile } from '../../../server/src/core/compose/model/documentStore';

test('the parse is cached per uri and version and dropped by forget', () => {
  const uri = 'file:///store/compose.yaml';
  const first = composeFileOf({ uri, version: 1, getText: () => 'services: {}\n' });
  assert.equal(composeFileOf({ uri, version: 1, getText: () => 'ignored' }), first);
  const second = composeFileOf({ uri, version: 2, getText: () => 'services:\n  a:\n    image: x\n' });
  assert.notEqual(second, first);
  assert.equal(latestComposeFile(uri), second);
  forgetComposeFile(uri);
  assert.equal(latestComposeFile(uri), undefined);
});

test('files read from disk are cached by text', () => {
  const a = composeFileOfText('file:///store/other.yaml', 'a: 1\n');
  assert.equal(composeFileOfText('file:///store/other.yaml', 'a: 1\n'), a);
  assert.notEqual(composeFileOfText('file:///store/other.yaml', 'a: 2\n'), a);
});
