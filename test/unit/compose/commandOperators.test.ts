import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, ROOT, validate } from './helpers';
import { commandWords } from '../../../server/src/core/compose/checks/commandOperators';

const code = 'compose-command-operators';

test('a command string with shell operators, which compose runs without a shell (round 40: a migration that never ran)', () => {
  const text = 'services:\n  server:\n    build: ./server\n    command: "flask --app Posts db upgrade && flask --app Posts run --debug"\n';
  const [found, ...rest] = findings(validate(text), code);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, found!), '"flask --app Posts db upgrade && flask --app Posts run --debug"');
  assert.equal(found!.message, 'Compose runs the command of "server" without a shell, so && reaches flask as an argument instead of joining commands: flask rejects it or ignores what follows. Run it through a shell: ["sh", "-c", "..."].');
  assert.deepEqual(found!.data, { replacement: '["sh", "-c", "flask --app Posts db upgrade && flask --app Posts run --debug"]' });
  // A word that ends in ;, a pipe, a redirection, an entrypoint written as a string.
  for (const command of ['command: npm install; npm start', 'command: cat /etc/hosts | grep db', 'command: node server.js > /var/log/app.log', 'entrypoint: npm ci && npm start']) {
    assert.equal(findings(validate(`services:\n  app:\n    image: node:22\n    ${command}\n`), code).length, 1, command);
  }
});

test('not where a shell runs the line, the operator is quoted, or the entrypoint joins the arguments in a shell', () => {
  for (const command of [
    'command: sh -c "npm install && npm start"',
    'command: /bin/bash -lc \'a && b\'',
    'command: ["sh", "-c", "npm install && npm start"]',
    'command: >\n      bash -c "a && b"',
    'command: echo "a && b"',
    'command: grep -e "x|y" file',
    'command: find /tmp -name "*.tmp" -exec rm {} ;',
    'command: npm start',
    'entrypoint: ["/bin/sh", "-c"]\n    command: npm install && npm start',
  ]) assert.deepEqual(findings(validate(`services:\n  app:\n    image: node:22\n    ${command}\n`), code), [], command);
  const built = 'services:\n  app:\n    build: .\n    command: npm install && npm start\n';
  assert.deepEqual(findings(validate(built, { files: { [`${ROOT}/Dockerfile`]: 'FROM node:22\nENTRYPOINT ["/bin/sh", "-c"]\n' } }), code), []);
  assert.equal(findings(validate(built, { files: { [`${ROOT}/Dockerfile`]: 'FROM node:22\nENTRYPOINT ["docker-entrypoint.sh"]\n' } }), code).length, 1);
});

test('commandWords splits as compose does: quotes and backslashes keep words together, nothing is expanded', () => {
  assert.deepEqual(commandWords('a "b c" \'d && e\' f\\ g &&'), [{ text: 'a', quoted: false }, { text: 'b c', quoted: true }, { text: 'd && e', quoted: true }, { text: 'f g', quoted: true }, { text: '&&', quoted: false }]);
  assert.equal(commandWords('echo "unclosed'), undefined);
});
