import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-committed-secret';
const GOOGLE = 'GOCSPX' + '-' + 'Px7xR9DyVY_Hv3ZgvC0DV8qfFGq1';
const HEX_KEY = 'sk' + '-' + '6923dd2c9f674a10b78665f3e01f9193';

test('compose-committed-secret: a credential of a known form in an environment value or a default (rounds 73-76)', () => {
  const text = `services:\n  api:\n    image: node:22\n    environment:\n      - GOOGLE_CLIENT_SECRET=${GOOGLE}\n      - DEEPSEEK_API_KEY=\${DEEPSEEK_API_KEY:-${HEX_KEY}}\n`;
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => [covered(text, d), d.severity]), [[GOOGLE, 2], [HEX_KEY, 2]]);
  assert.equal(found[0]!.message, 'This is a Google OAuth client secret, written into the compose file: anyone who can read the file or the repository\'s history can use it. Revoke it, and give the new one from an env file Git ignores (${NAME} here, NAME=... in .env).');
});

test('compose-committed-secret: not names with placeholders or variables', () => {
  const text = 'services:\n  api:\n    image: node:22\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n      GITHUB_TOKEN: your-github-token\n      JWT_SECRET: supersecretvalue123\n';
  assert.deepEqual(findings(validate(text), code), []);
});

test('compose-committed-secret: a private key given inline is information (a demo\'s own, as in the corpus\'s mail server demo)', () => {
  const text = 'services:\n  mail:\n    image: mailserver/docker-mailserver:14\nconfigs:\n  tls-key:\n    content: |\n      -----BEGIN EC PRIVATE KEY-----\n      MHcCAQEEIOc6\n      -----END EC PRIVATE KEY-----\n';
  assert.deepEqual(findings(validate(text), code).map((d) => [covered(text, d), d.severity]), [['-----BEGIN EC PRIVATE KEY-----', 3]]);
});
