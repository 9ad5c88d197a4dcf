import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { DiagnosticSeverity } from '../../../../server/src/core/types';

const folder = 'file:///work/app';
const withIgnore = (ignore?: string, extra: Record<string, string> = {}) => () =>
  context({ files: files({ ...(ignore === undefined ? {} : { [`${folder}/.dockerignore`]: ignore }), [`${folder}/package.json`]: '{}', ...extra }, [folder]) });

test('build context rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'dockerignore-missing', bad: 'FROM a\nCOPY . .\n', good: 'FROM a\nCOPY app.py .\n', line: 1, ctx: withIgnore() },
    { rule: 'dockerignore-incomplete', bad: 'FROM a\nCOPY . /app\n', good: 'FROM a\nCOPY src /app\n', line: 1, ctx: withIgnore('.git\n') },
    { rule: 'copy-ignored-file', bad: 'FROM a\nCOPY secrets/key.pem /x\n', good: 'FROM a\nCOPY secrets/public.pem /x\n', line: 1, ctx: withIgnore('secrets\n!secrets/public.pem\n') },
    { rule: 'key-file-in-image', bad: 'FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\n', good: 'FROM alpine:3.20\nRUN --mount=type=ssh git clone git@github.com:acme/app.git\n', line: 1 },
    { rule: 'env-file-in-image', bad: 'FROM a\nCOPY .env /app/.env\n', good: 'FROM a\nCOPY .env.example /app/.env\n', line: 1, ctx: withIgnore(undefined, { [`${folder}/.gitignore`]: '# local\n.env\n.env.*\n!.env.example\n' }) },
  ], assert);
});

test('dockerignore rules pass when the ignore file is complete, and skip non-file documents', () => {
  assert.equal(runRule('dockerignore-incomplete', 'FROM a\nCOPY . .\n', withIgnore('.git\nnode_modules\n')()).length, 0);
  assert.equal(runRule('dockerignore-missing', 'FROM a\nCOPY . .\n', withIgnore()(), 'untitled:Untitled-1').length, 0);
  const [d] = runRule('dockerignore-missing', 'FROM a\nCOPY . .\n', withIgnore()());
  assert.deepEqual(d!.data, { folderUri: folder });
});

test('a Dockerfile-specific ignore file wins', () => {
  const ctx = withIgnore(undefined, { [`${folder}/Dockerfile.dockerignore`]: '.git\nnode_modules\n' })();
  assert.equal(runRule('dockerignore-missing', 'FROM a\nCOPY . .\n', ctx).length, 0);
});

test('env-file-in-image: a .env Git ignores, copied into the final image (round 8)', () => {
  const gitignored = withIgnore(undefined, { [`${folder}/.gitignore`]: 'node_modules/\n*.env\n.env*\n!.env.docker\n' })();
  const found = runRule('env-file-in-image', 'FROM python:3.12\nCOPY ./.env /.env\nCOPY backend/.env.production /app/\nCOPY .env.docker /app/.env\n', gitignored);
  assert.deepEqual(found.map((d) => d.range.start.line), [1, 2]);
  assert.match(found[0]!.message, /^Git ignores \.env, so it holds local secrets/);
  // A .env the project commits (Symfony's defaults), a builder stage's, and no .gitignore at all: not reported.
  assert.deepEqual(runRule('env-file-in-image', 'FROM php:8.3\nCOPY .env .env.prod ./\n', withIgnore(undefined, { [`${folder}/.gitignore`]: '.env.local\n' })()), []);
  assert.deepEqual(runRule('env-file-in-image', 'FROM node:22 AS build\nCOPY .env .\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n', gitignored), []);
  assert.deepEqual(runRule('env-file-in-image', 'FROM python:3.12\nCOPY .env /app/\n', withIgnore()()), []);
  // The repository's root .gitignore, above the context folder, counts too.
  const nested = context({ files: files({ 'file:///work/.gitignore': '.env\n', 'file:///work/.git/HEAD': 'x', [`${folder}/app.py`]: '' }, [folder, 'file:///work']) });
  assert.equal(runRule('env-file-in-image', 'FROM python:3.12\nCOPY .env /app/\n', nested).length, 1);
});

test('key-file-in-image: private keys and credentials copied into the final image (round 10: AWS credentials)', () => {
  const found = runRule('key-file-in-image', 'FROM python:3.12\nCOPY credentials /root/.aws/\nCOPY .ssh /root/.ssh\nCOPY deploy/service-account.json /app/\nCOPY ./.git-credentials /root/\n');
  assert.deepEqual(found.map((d) => d.range.start.line), [1, 2, 3, 4]);
  assert.equal(found[0]!.message, 'credentials is a private key or credentials file, and this copies it into the image, where anyone who pulls it can read it. Mount it for the RUN that needs it (RUN --mount=type=secret or type=ssh), or give it to the container when it starts.');
  for (const text of [
    // A builder stage's key, not in the final image: the multi-stage way.
    'FROM alpine/git AS fetch\nCOPY id_ed25519 /root/.ssh/id_ed25519\nRUN git clone git@github.com:acme/app.git /src\nFROM alpine:3.20\nCOPY --from=fetch /src /app\n',
    // A file named credentials that is not AWS's, public keys and certificates.
    'FROM a\nCOPY credentials /app/credentials\nCOPY id_rsa.pub /root/.ssh/authorized_keys\nCOPY certs/server.crt /etc/ssl/\n',
  ]) assert.deepEqual(runRule('key-file-in-image', text), [], text);
});

test('dockerignore-incomplete: in a development image\'s Dockerfile, which nobody ships, it is a hint (round 17)', () => {
  const severity = (name: string) => validateDockerfile('FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\n', withIgnore('node_modules\n', { [`${folder}/.git`]: '' })(), `${folder}/${name}`)
    .find((d) => d.code === 'dockerignore-incomplete')?.severity;
  assert.equal(severity('Dockerfile'), DiagnosticSeverity.Warning);
  assert.equal(severity('Dockerfile.dev'), DiagnosticSeverity.Hint);
  assert.equal(severity('api.dev.Dockerfile'), DiagnosticSeverity.Hint);
});
