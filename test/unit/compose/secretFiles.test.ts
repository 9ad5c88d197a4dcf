import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-secret-file-path';

test('a *_FILE variable set to a secret\'s name, where the image reads a path: compose mounts it at /run/secrets/<name> (round 8)', () => {
  const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: my_password\n      POSTGRES_USER_FILE: /run/secrets/user\n    secrets: [my_password, user]\n  app:\n    image: app\n    environment:\n      - API_KEY_FILE=key\n    secrets:\n      - source: api_key\n        target: key\nsecrets:\n  my_password:\n    file: ./pw.txt\n  user:\n    file: ./user.txt\n  api_key:\n    file: ./key.txt\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => covered(text, d)), ['my_password', 'API_KEY_FILE=key']);
  assert.equal(found[0]!.message, 'POSTGRES_PASSWORD_FILE is read as the path of a file, and "my_password" is the secret\'s name: compose mounts it at /run/secrets/my_password. Write POSTGRES_PASSWORD_FILE: /run/secrets/my_password.');
  assert.deepEqual(found.map((d) => (d.data as { replacement: string }).replacement), ['/run/secrets/my_password', 'API_KEY_FILE=/run/secrets/key']);
});

test('a *_FILE variable that is a path, a variable, or a name the service has no secret of, is left alone', () => {
  const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: ${PW_FILE}\n      OTHER_FILE: settings\n      PASSWORD: my_password\n    secrets:\n      - source: my_password\n        target: /etc/pw\nsecrets:\n  my_password:\n    file: ./pw.txt\n';
  assert.deepEqual(findings(validate(text), code), []);
});

test('a secret\'s path given to the variable without _FILE is the value itself: the password becomes the path (round 15)', () => {
  const text = 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: file:///run/secrets/db_password\n      POSTGRES_USER: /run/secrets/db_user\n    secrets: [db_password, db_user]\n  app:\n    image: ghcr.io/goauthentik/server\n    environment:\n      AUTHENTIK_POSTGRESQL__PASSWORD: file:///run/secrets/db_password\nsecrets:\n  db_password:\n    file: ./pw.txt\n  db_user:\n    file: ./user.txt\n';
  const found = findings(validate(text), 'compose-secret-file-path');
  assert.deepEqual(found.map((d) => covered(text, d)), ['POSTGRES_PASSWORD', 'POSTGRES_USER']);
  assert.equal(found[0]!.message, 'The image takes POSTGRES_PASSWORD as the value itself, so it is the text "file:///run/secrets/db_password", not what that file holds. The image reads the file named by POSTGRES_PASSWORD_FILE: write POSTGRES_PASSWORD_FILE: /run/secrets/db_password.');
  // The key alone is the fix for a bare path; with file:// the value must change too.
  assert.equal(found[0]!.data, undefined);
  assert.deepEqual(found[1]!.data, { replacement: 'POSTGRES_USER_FILE' });
});
