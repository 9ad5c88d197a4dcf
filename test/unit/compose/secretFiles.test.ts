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
