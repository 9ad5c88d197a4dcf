import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basenameUri, dirnameUri, resolvePath } from '../../../server/src/core/compose/model/uris';

test('paths resolve against the compose folder', () => {
  assert.equal(resolvePath('file:///p', './a/b.env'), 'file:///p/a/b.env');
  assert.equal(resolvePath('file:///p/sub', '../x'), 'file:///p/x');
  assert.equal(resolvePath('file:///p', '/abs/file'), 'file:///abs/file');
  assert.equal(resolvePath('file:///p', 'with space.env'), 'file:///p/with%20space.env');
  assert.equal(resolvePath('file:///p', 'app/'), 'file:///p/app');
  assert.equal(resolvePath('file:///p', '.'), 'file:///p');
});

test('URLs, home paths and variables do not resolve', () => {
  for (const path of ['https://github.com/a/b.git', 'git@github.com:a/b.git', '~/x', '${DIR}/x', '']) assert.equal(resolvePath('file:///p', path), undefined, path);
});

test('dirname and basename of URIs', () => {
  assert.equal(dirnameUri('file:///p/compose.yaml'), 'file:///p');
  assert.equal(basenameUri('file:///p/my%20compose.yaml'), 'my compose.yaml');
});

test('network paths in every spelling do not resolve', () => {
  for (const path of ['\\\\host\\share\\x.env', '//host/share/x.env', '/\\host\\share', '\\/host/share', '\\\\?\\C:\\x', '//./pipe/x']) {
    assert.equal(resolvePath('file:///p', path), undefined, path);
  }
  // A folder URI with a host (from an editor) resolves nothing either.
  assert.equal(resolvePath('file://host/share', 'x.env'), undefined);
});
