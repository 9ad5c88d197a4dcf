import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSecretTokens } from '../../../server/src/core/secretTokens';

// Made up here, in the forms the issuers use (built from parts, so that no scanner takes them for leaks).
const GOOGLE = 'GOCSPX' + '-' + 'Px7xR9DyVY_Hv3ZgvC0DV8qfFGq1';
const GITHUB = 'ghp' + '_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const HEX_KEY = 'sk' + '-' + '6923dd2c9f674a10b78665f3e01f9193';
const TELEGRAM = '7123456789' + ':AA' + 'Hk3x9Lm2Qw8Er5Ty1Ui7Op4As6Df0Gh2J';
const SENDGRID = 'SG' + '.' + 'H_py26mNTs26-Xg2hN-47g' + '.' + 'ClhVvJbwNzERGZP8EjaCj0FIce0OvcP8f9dQnCD5owM';

test('credentials of known forms are found with their kinds, in order', () => {
  const text = `A=${GOOGLE}\nB: "${GITHUB}"\nC=${HEX_KEY}\nD=${TELEGRAM}\nE=${SENDGRID}\n-----BEGIN OPENSSH PRIVATE KEY-----\n`;
  assert.deepEqual(findSecretTokens(text).map((s) => [s.kind, text.slice(s.start, s.end)]), [
    ['Google OAuth client secret', GOOGLE], ['GitHub token', GITHUB], ['API key', HEX_KEY], ['Telegram bot token', TELEGRAM], ['SendGrid API key', SENDGRID],
    ['private key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
  ]);
  assert.equal(findSecretTokens(text, 2).length, 2);
});

test('not placeholders, the end of a longer word, keys public by design, or nothing like one', () => {
  for (const text of [
    'OPENAI_API_KEY=sk-your-openai-api-key-goes-here-1234567890',
    'API_TOKEN=${API_TOKEN:-s3desk-demo-local-only-token-0123456789abcdef012345}',
    'label: task-2026-07-19-compose-runtime-readiness-remediation-0001',
    'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'GOOGLE_MAPS_KEY=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
    'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
    'POSTGRES_PASSWORD=hunter2',
    '',
  ]) assert.deepEqual(findSecretTokens(text), [], text);
});

test('an AWS secret access key beside its key id, under a name with SECRET in it (round 83)', () => {
  const id = 'AKIA' + 'IT4XQ7Z2M3N5P6R8';
  const secret = 't2Oh' + 'gaW9xK3m/P7qR+s1Tu5Vw8Yz0Ab4Cd6Ef2Gh';
  const text = `      - AWS_UPLOAD_ACCESS_KEY_ID = "${id}"\n      - AWS_UPLOAD_SECRET_KEY = "${secret}"\n`;
  assert.deepEqual(findSecretTokens(text).map((s) => [s.kind, text.slice(s.start, s.end)]), [['AWS secret access key', secret]]);
  // Without the key id, under another name, or a placeholder: nothing.
  assert.deepEqual(findSecretTokens(`AWS_SECRET_ACCESS_KEY=${secret}\n`), []);
  assert.deepEqual(findSecretTokens(`AWS_ACCESS_KEY_ID=${id}\nAWS_REGION=${secret}\n`), []);
  assert.deepEqual(findSecretTokens(`AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`), []);
});
