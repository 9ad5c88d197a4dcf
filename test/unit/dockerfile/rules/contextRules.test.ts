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
    { rule: 'copy-source-missing', bad: 'FROM a\nCOPY package.json package-lock.json ./\n', good: 'FROM a\nCOPY package.json ./\n', line: 1, ctx: withIgnore() },
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
  // The .dockerignore excludes it: the COPY fails instead, which copy-ignored-file tells (round 72).
  const excluded = withIgnore('**/.env\n.env\n.env.*\n', { [`${folder}/.gitignore`]: '.env\n' })();
  assert.deepEqual(runRule('env-file-in-image', 'FROM node:22\nCOPY .env .\n', excluded), []);
  assert.equal(runRule('copy-ignored-file', 'FROM node:22\nCOPY .env .\n', excluded).length, 1);
});

test('key-file-in-image: a file copied to SSH\'s private key, by COPY or by a RUN (round 67: keyfile.rsa to ~/.ssh/id_rsa)', () => {
  const found = (text: string) => runRule('key-file-in-image', text).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
  assert.deepEqual(found('FROM ruby:2.7\nCOPY . /home/rails/api\nRUN mkdir -p "${HOME}/.ssh"\nRUN cp "${HOME}/api/keyfile.rsa" "${HOME}/.ssh/id_rsa"\n'), [[3, 4, 54]]);
  assert.deepEqual(found('FROM ruby:2.7\nCOPY deploy.key /root/.ssh/id_ed25519\n'), [[1, 5, 15]]);
  // Removed in the same RUN, or in a builder stage the image does not keep: not in the image.
  assert.deepEqual(found('FROM ruby:2.7\nRUN --mount=type=secret,id=key cp /run/secrets/key ~/.ssh/id_rsa && bundle install && rm -f ~/.ssh/id_rsa\n'), []);
  assert.deepEqual(found('FROM golang:1.23 AS build\nRUN cp /tmp/key /root/.ssh/id_rsa && go build\nFROM alpine:3.20\nCOPY --from=build /go/bin/app /app\n'), []);
  assert.deepEqual(found('FROM ruby:2.7\nRUN cp ~/.ssh/id_rsa.pub /tmp/key.pub\n'), []);
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
  // Round 29: a CI job's decoded keys, by name (*_credentials) and by where they go (.aws/credentials).
  const ci = runRule('key-file-in-image', 'FROM alpine:3.20\nARG user\nCOPY ./aws_keys /home/${user}/.aws/credentials\nCOPY ./pubsub_credentials /home/${user}/pubsub_credentials\nCOPY gcp-credentials.json /app/\n');
  assert.deepEqual(ci.map((d) => d.range.start.line), [2, 3, 4]);
});

test('dockerignore-incomplete: in a development image\'s Dockerfile, which nobody ships, it is a hint (round 17)', () => {
  const severity = (name: string) => validateDockerfile('FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\n', withIgnore('node_modules\n', { [`${folder}/.git`]: '' })(), `${folder}/${name}`)
    .find((d) => d.code === 'dockerignore-incomplete')?.severity;
  assert.equal(severity('Dockerfile'), DiagnosticSeverity.Warning);
  assert.equal(severity('Dockerfile.dev'), DiagnosticSeverity.Hint);
  assert.equal(severity('api.dev.Dockerfile'), DiagnosticSeverity.Hint);
});

test('copy-source-missing: a COPY source the build context does not have stops the build (round 23: bun.lockb where the project has bun.lock)', () => {
  const check = (map: Record<string, string>, dockerfileUri = 'file:///w/app/Dockerfile', folders: string[] = []) =>
    runRule('copy-source-missing', map[dockerfileUri]!, context({ files: files(map, ['file:///w', 'file:///w/app', ...folders]) }), dockerfileUri).map((d) => [d.range.start.line, d.message, (d.data as { replacement?: string } | undefined)?.replacement]);
  const app = { 'file:///w/app/package.json': '{}', 'file:///w/app/bun.lock': '', 'file:///w/app/src/index.ts': '' };
  assert.deepEqual(check({ ...app, 'file:///w/app/Dockerfile': 'FROM oven/bun:1\nCOPY package.json ./bun.lockb ./\nCOPY src ./src\n' }, undefined, ['file:///w/app/src']),
    [[1, 'The build context (.) has no bun.lockb: COPY stops the build ("bun.lockb": not found). Did you mean bun.lock?', './bun.lock']]);
  // A folder the context does not have.
  assert.deepEqual(check({ ...app, 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY package.json ./\nCOPY config/app.yml ./config/\n' }),
    [[2, 'The build context (.) has no config: COPY stops the build ("config/app.yml": not found).', undefined]]);
  // Build output, paths Git ignores, wildcards, variables, heredocs and other stages are not judged.
  assert.deepEqual(check({ ...app, 'file:///w/app/.gitignore': 'generated/\n*.local\n', 'file:///w/app/Dockerfile': 'FROM nginx:1\nCOPY package.json ./\nCOPY dist/ /usr/share/nginx/html\nCOPY target/app.jar /app.jar\nCOPY generated/schema.json /s\nCOPY app.local /x\nCOPY *.conf /etc/\nCOPY $CONF /etc/\nCOPY --from=build /out /out\nCOPY <<EOF /x\nhi\nEOF\n' }), []);
  // docker build -f app/Dockerfile . from the root: the sources are found there, so the root is the context.
  assert.deepEqual(check({ 'file:///w/.git/config': '', 'file:///w/package.json': '{}', 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY package.json ./\nCOPY tsconfig.json ./\n' }, undefined, ['file:///w/.git']),
    [[2, 'The build context (..) has no tsconfig.json: COPY stops the build ("tsconfig.json": not found).', undefined]]);
  // No source found in any folder up to the repository's root: the context cannot be told.
  assert.deepEqual(check({ 'file:///w/.git/config': '', 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY package.json ./\nCOPY src ./src\n' }, undefined, ['file:///w/.git']), []);
  // A context compose names: judged there.
  assert.deepEqual(check({ 'file:///w/compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n', 'file:///w/README.md': '', 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY app/package.json ./\n', 'file:///w/app/package.json': '{}' }), []);
  assert.deepEqual(check({ 'file:///w/compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n', 'file:///w/README.md': '', 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY package.json ./\n', 'file:///w/app/package.json': '{}' }),
    [[1, 'The build context (.., as compose builds it) has no package.json: COPY stops the build ("package.json": not found).', undefined]]);
  // ../ reaches nothing above the context: read as a path at its root, which compose's context lacks (round 45).
  assert.deepEqual(check({ 'file:///w/compose.yaml': 'services:\n  main:\n    build:\n      context: ./app\n', 'file:///w/app/requirements.txt': '', 'file:///w/app/main.py': '', 'file:///w/app/Dockerfile': 'FROM python:3.12\nCOPY requirements.txt .\nCOPY ../app .\n' }),
    [[2, '../app does not reach the folder above the build context (., as compose builds it): BuildKit reads it as app at the context\'s root, which has no app, so COPY stops the build ("app": not found). Build with the folder above as the context and write the path from there.', undefined]]);
  // Two compose files with other contexts: the default file's counts (round 48: a stale docker-compose-complete.yml).
  const two = {
    'file:///w/docker-compose-complete.yml': 'services:\n  auth:\n    build: ./services/auth\n',
    'file:///w/docker-compose.yml': 'services:\n  auth:\n    build:\n      context: ./services\n      dockerfile: ./auth/Dockerfile\n',
    'file:///w/services/common/go.mod': '', 'file:///w/services/auth/go.mod': '',
    'file:///w/services/auth/Dockerfile': 'FROM golang:1.23\nCOPY common ./common\nCOPY auth ./auth\n',
  };
  const twoFolders = ['file:///w/services', 'file:///w/services/common', 'file:///w/services/auth'];
  assert.deepEqual(check(two, 'file:///w/services/auth/Dockerfile', twoFolders), []);
  const { ['file:///w/docker-compose.yml']: _default, ...stale } = two;
  assert.deepEqual(check(stale, 'file:///w/services/auth/Dockerfile', twoFolders).map(([line]) => line), [1, 2]);
  // A compose file named docker-compose-<name>.yml is one too (round 43: scripts/ copied from a context that has none).
  assert.deepEqual(check({ 'file:///w/app/docker-compose-jenkins.yml': 'services:\n  jenkins:\n    build:\n      context: .\n      dockerfile: Dockerfile.jenkins\n', 'file:///w/app/jenkins.xml': '', 'file:///w/scripts/setup/setup.sh': '', 'file:///w/app/Dockerfile.jenkins': 'FROM jenkins/jenkins:lts\nCOPY scripts/setup/setup.sh /usr/local/bin/\nCOPY scripts/setup/other.sh /usr/local/bin/\nCOPY jenkins.xml /x\n' }, 'file:///w/app/Dockerfile.jenkins', ['file:///w/scripts', 'file:///w/scripts/setup']).map(([line]) => line), [1, 2]);
  // A build script or CI workflow that names it may copy it in first (round 22: blackboard's build.sh).
  assert.deepEqual(check({ ...app, 'file:///w/app/build.sh': 'cp ../requirements.txt .\ndocker compose build\n', 'file:///w/app/Dockerfile': 'FROM python:3.12\nCOPY package.json ./\nCOPY requirements.txt ./\n' }), []);
  assert.deepEqual(check({ ...app, 'file:///w/.git/config': '', 'file:///w/.github/workflows/ci.yml': 'run: cp -r shared app/shared\n', 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY package.json ./\nCOPY shared ./shared\n' }, undefined, ['file:///w/.git', 'file:///w/.github', 'file:///w/.github/workflows']), []);
  // Other CI systems' pipelines too (round 29: CircleCI writes ./aws_credentials from a secret before docker build).
  for (const [ci, folders] of [['file:///w/.circleci/config.yml', ['file:///w/.git', 'file:///w/.circleci']], ['file:///w/.gitlab-ci.yml', ['file:///w/.git']]] as const) {
    const made = { ...app, 'file:///w/.git/config': '', [ci]: 'script:\n  - echo $AWS_CREDENTIALS | base64 -d > app/aws_credentials\n', 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY package.json ./\nCOPY aws_credentials /root/.aws/credentials\n' };
    assert.deepEqual(check(made, undefined, [...folders]), [], ci);
  }
  // A leading / is the context's root, as BuildKit reads it.
  assert.deepEqual(check({ ...app, 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY /package.json ./\nCOPY /src /app/src\nCOPY /lib /app/lib\n' }, undefined, ['file:///w/app/src']),
    [[3, 'The build context (.) has no lib: COPY stops the build ("lib": not found).', undefined]]);
  // ./frontend/. is the folder frontend (round 24).
  assert.deepEqual(check({ ...app, 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY package.json ./\nCOPY ./src/. /app/src\n' }, undefined, ['file:///w/app/src']), []);
  // A template rendered into another project, and a file whose sources are mostly not in any folder here.
  assert.deepEqual(check({ ...app, 'file:///w/app/Dockerfile': 'ARG ELIXIR="%{elixir_version}"\nFROM elixir:${ELIXIR}\nCOPY package.json ./\nCOPY mix.exs ./\n' }), []);
  assert.deepEqual(check({ ...app, 'file:///w/app/Dockerfile': 'FROM elixir:1.18\nCOPY package.json ./\nCOPY mix.exs mix.lock ./\nCOPY lib ./lib\n' }), []);
  // Where the context is only assumed, a path a folder above has is written for that folder.
  assert.deepEqual(check({ ...app, 'file:///w/.git/config': '', 'file:///w/shared/x.py': '', 'file:///w/app/Dockerfile': 'FROM node:22\nCOPY package.json ./\nCOPY shared ./shared\n' }, undefined, ['file:///w/.git', 'file:///w/shared']), []);
});

test('dockerignore-missing: a warning only where the final image gets the copy of a context that holds (or will hold) what it should not; else a hint (round 24: 19 of 26 judged noise)', () => {
  const severity = (text: string, extra: Record<string, string>) => validateDockerfile(text, context({ files: files({ [`${folder}/app.py`]: '', ...extra }, [folder]) }), `${folder}/Dockerfile`).filter((d) => d.code === 'dockerignore-missing').map((d) => [d.range.start.line, d.severity]);
  // A Node project (node_modules once installed, the host's over the image's own) or a .env the
  // clone holds: warnings in a shipped stage.
  assert.deepEqual(severity('FROM node:22\nCOPY . .\n', { [`${folder}/package.json`]: '{}' }), [[1, 2]]);
  assert.deepEqual(severity('FROM python:3.12\nCOPY . .\n', { [`${folder}/.env`]: 'SECRET=1\n', [`${folder}/.gitignore`]: '.env\n' }), [[1, 2]]);
  // A .env Git tracks is public with the repository already (round 30).
  assert.deepEqual(severity('FROM python:3.12\nCOPY . .\n', { [`${folder}/.env`]: 'PORT=3002\n' }), [[1, 3]]);
  // A .env still to be made from its example, or .git, in another kind of project: information
  // (rounds 25-28: 10 of 10 such warnings on Rails, Flask and Rust contexts judged not worth acting on).
  assert.deepEqual(severity('FROM python:3.12\nCOPY . .\n', { [`${folder}/.env.example`]: '' }), [[1, 3]]);
  assert.deepEqual(severity('FROM ruby:3.3\nCOPY . .\n', { [`${folder}/.git/HEAD`]: '', [`${folder}/Gemfile`]: '' }), [[1, 3]]);
  // Only in a builder stage: what ships is the build's output.
  assert.deepEqual(severity('FROM maven:3 AS build\nCOPY . .\nRUN mvn package\nFROM eclipse-temurin:21\nCOPY --from=build /app.jar /app.jar\n', { [`${folder}/pom.xml`]: '' }), [[1, 4]]);
  // A context of application code alone.
  assert.deepEqual(severity('FROM python:3.12\nCOPY . .\n', {}), [[1, 4]]);
});

test('copy-source-missing: where no source is anywhere, the folder holding every source\'s folder is the context (round 41: project files renamed since)', () => {
  const dockerfile = 'FROM mcr.microsoft.com/dotnet/sdk:5.0 AS build\nWORKDIR /src\nCOPY ["ApiGateways/OcelotApiGw/OcelotApiGw.csproj", "ApiGateways/OcelotApiGw/"]\nCOPY ["BuildingBlocks/Common.Logging/Common.Logging.csproj", "BuildingBlocks/Common.Logging/"]\nRUN dotnet restore "ApiGateways/OcelotApiGw/OcelotApiGw.csproj"\nCOPY . .\n';
  const map = { 'file:///w/.git/config': '', 'file:///w/src/ApiGateways/OcelotApiGw/Dockerfile': dockerfile, 'file:///w/src/ApiGateways/OcelotApiGw/Orion.OcelotApiGw.csproj': '', 'file:///w/src/BuildingBlocks/Common.Logging/obj/x.json': '' };
  const found = runRule('copy-source-missing', dockerfile, context({ files: files(map, ['file:///w/.git']) }), 'file:///w/src/ApiGateways/OcelotApiGw/Dockerfile');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.message]), [
    [2, 'The build context (../..) has no ApiGateways/OcelotApiGw/OcelotApiGw.csproj: COPY stops the build ("ApiGateways/OcelotApiGw/OcelotApiGw.csproj": not found).'],
    [3, 'The build context (../..) has no BuildingBlocks/Common.Logging/Common.Logging.csproj: COPY stops the build ("BuildingBlocks/Common.Logging/Common.Logging.csproj": not found).'],
  ]);
  // One source in a one-folder path, or folders found nowhere: the context cannot be told.
  for (const text of ['FROM node:22\nCOPY src/package.json ./\n', 'FROM node:22\nCOPY web/api/package.json ./\n']) {
    assert.deepEqual(runRule('copy-source-missing', text, context({ files: files({ 'file:///w/.git/config': '', 'file:///w/app/Dockerfile': text, 'file:///w/app/src/index.js': '' }, ['file:///w/.git']) }), 'file:///w/app/Dockerfile'), [], text);
  }
});

test('copy-source-missing: a source Git ignores that the context lacks is a hint: each clone makes it, and the build stops until then (round 26)', () => {
  const map = { 'file:///w/app/package.json': '{}', 'file:///w/app/.gitignore': 'data/\n*.local\n', 'file:///w/app/Dockerfile': '', 'file:///w/app/src/a.py': '' };
  const text = 'FROM python:3.12\nCOPY package.json ./\nCOPY data ./data\nCOPY app.local /x\nCOPY src ./src\n';
  const found = validateDockerfile(text, context({ files: files(map, ['file:///w', 'file:///w/app', 'file:///w/app/src']) }), 'file:///w/app/Dockerfile').filter((d) => d.code === 'copy-source-missing');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.severity]), [[2, 4], [3, 4]]);
  assert.equal(found[0]!.message, 'The build context (.) has no data, and Git ignores it: a fresh clone lacks it, so COPY stops the build until it is made.');
});

test('copy-source-missing: a .gitignore inside the path\'s own folder counts too: a folder Git keeps for files each clone makes (round 82: certs/ with ** and !.gitignore)', () => {
  const map = { 'file:///w/app/package.json': '{}', 'file:///w/app/package-lock.json': '{}', 'file:///w/app/tsconfig.json': '{}', 'file:///w/app/certs/.gitignore': '**\n!.gitignore\n', 'file:///w/app/keys/.gitignore': '*.pem\n', 'file:///w/app/Dockerfile': '', 'file:///w/app/src/a.js': '', 'file:///w/app/public/index.html': '' };
  const text = 'FROM node:22\nCOPY package.json package-lock.json tsconfig.json ./\nCOPY certs/scytta.crt /etc/ssl/\nCOPY keys/app.pem /k/\nCOPY keys/app.key /k/\nCOPY src ./src\nCOPY public ./public\n';
  const found = validateDockerfile(text, context({ files: files(map, ['file:///w', 'file:///w/app', 'file:///w/app/certs', 'file:///w/app/keys', 'file:///w/app/src', 'file:///w/app/public']) }), 'file:///w/app/Dockerfile').filter((d) => d.code === 'copy-source-missing');
  // Ignored by their folders' .gitignore: hints. keys/app.key is not ignored there: the error stands.
  assert.deepEqual(found.map((d) => [d.range.start.line, d.severity]), [[2, 4], [3, 4], [4, 1]]);
});

test('copy-source-missing: files Git ignores do not count against the Dockerfile\'s folder being the context (round 33: ./migratin hidden by three ignored files)', () => {
  const map = { 'file:///w/.gitignore': '.env.*\nalembic.ini\nserviceAccountKey.json\n', 'file:///w/.git/HEAD': '', 'file:///w/backend/requirements.txt': '', 'file:///w/backend/app/main.py': '', 'file:///w/backend/migration/env.py': '', 'file:///w/backend/Dockerfile': '' };
  const text = 'FROM python:3.12\nCOPY ./requirements.txt /code/\nCOPY ./serviceAccountKey.json /code/\nCOPY ./.env.production /code/\nCOPY ./app /code/app\nCOPY ./migratin /code/app\nCOPY ./alembic.ini /code/\n';
  const found = validateDockerfile(text, context({ files: files(map, ['file:///w', 'file:///w/backend', 'file:///w/backend/app', 'file:///w/backend/migration']) }), 'file:///w/backend/Dockerfile').filter((d) => d.code === 'copy-source-missing');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.severity]), [[2, 4], [3, 4], [5, 1], [6, 4]]);
  assert.match(found[2]!.message, /has no migratin: .*Did you mean migration\?/);
  // Where the tracked sources are mostly missing, the context is still somewhere else.
  const elsewhere = 'FROM python:3.12\nCOPY ./requirements.txt /code/\nCOPY ./serviceAccountKey.json /code/\nCOPY ./src /code/src\nCOPY ./lib /code/lib\nCOPY ./conf /code/conf\n';
  assert.deepEqual(validateDockerfile(elsewhere, context({ files: files(map, ['file:///w', 'file:///w/backend', 'file:///w/backend/app', 'file:///w/backend/migration']) }), 'file:///w/backend/Dockerfile').filter((d) => d.code === 'copy-source-missing'), []);
});

test('dockerignore-missing names the .env a shipped example will become, not the example (round 26)', () => {
  const found = validateDockerfile('FROM python:3.12\nWORKDIR /app\nCOPY . /app/\n', context({ files: files({ [`${folder}/.env.example`]: 'A=1\n', [`${folder}/app.py`]: '' }, [folder]) }), `${folder}/Dockerfile`).filter((d) => d.code === 'dockerignore-missing');
  assert.deepEqual(found.map((d) => d.message), ['This copies the whole build context, but there is no .dockerignore, so .env (once made from .env.example) would be copied too.']);
});

test('dockerignore-missing: not where the context is only assumed and a folder above it has a .dockerignore (round 27: built from the root)', () => {
  const map = { 'file:///w/.dockerignore': '.git\n', 'file:///w/.git/HEAD': '', 'file:///w/compose/local/django/start': '', 'file:///w/package.json': '{}' };
  const found = validateDockerfile('FROM python:3.12\nCOPY . /app\n', context({ files: files(map, ['file:///w', 'file:///w/compose', 'file:///w/compose/local', 'file:///w/compose/local/django']) }), 'file:///w/compose/local/django/Dockerfile').filter((d) => d.code === 'dockerignore-missing');
  assert.deepEqual(found, []);
});

test('env-file-in-image: .env/ in .gitignore ignores a folder only, so a file .env is committed (round 28)', () => {
  const ctx = withIgnore(undefined, { [`${folder}/.gitignore`]: 'target/\n.env/\n' })();
  assert.deepEqual(runRule('env-file-in-image', 'FROM eclipse-temurin:21\nCOPY .env .env\n', ctx), []);
});

test('copy-ignored-file: not for a path written from a folder above, where nothing names the context (round 34: ./dist/services/dni in services/dni/Dockerfile)', () => {
  const map = { 'file:///w/.git/HEAD': '', 'file:///w/package.json': '{}', 'file:///w/services/dni/.dockerignore': '/dist\nnode_modules\n', 'file:///w/services/dni/src/main.ts': '', 'file:///w/services/dni/Dockerfile': '' };
  const folders = ['file:///w', 'file:///w/services', 'file:///w/services/dni', 'file:///w/services/dni/src'];
  const found = (text: string, more: Record<string, string> = {}) => runRule('copy-ignored-file', text, context({ files: files({ ...map, ...more }, folders) }), 'file:///w/services/dni/Dockerfile').map((d) => d.range.start.line);
  assert.deepEqual(found('FROM node:alpine\nCOPY ./dist/services/dni .\n'), []);
  // The folder has a dist of its own: its .dockerignore excludes it.
  assert.deepEqual(found('FROM node:alpine\nCOPY ./dist/services/dni .\n', { 'file:///w/services/dni/dist/main.js': '' }), [1]);
  assert.deepEqual(found('FROM node:alpine\nCOPY node_modules ./node_modules\n'), [1]);
});

test('copy-ignored-file: not for a folder whose files an exception brings back (round 47: .* with !.yarn/patches)', () => {
  const ignore = '.*\n!.yarnrc.yml\n!.yarn/keep\n!.yarn/patches\nnode_modules\n';
  const check = (text: string) => runRule('copy-ignored-file', text, withIgnore(ignore)(), `${folder}/Dockerfile`).map((d) => d.range.start.line);
  assert.deepEqual(check('FROM node:22\nCOPY .yarn .yarn\nCOPY .yarnrc.yml ./\n'), []);
  assert.deepEqual(check('FROM node:22\nCOPY .env ./\nCOPY .yarn/cache .yarn/cache\n'), [1, 2]);
});

test('copy-ignored-file: not for a folder an exception with ** may bring files back into (round 65: * with !nginx/**/*.conf)', () => {
  const check = (ignore: string, text: string) => runRule('copy-ignored-file', text, withIgnore(ignore)(), `${folder}/Dockerfile`).map((d) => d.range.start.line);
  const text = 'FROM nginx:1.27\nCOPY nginx/rootfs/ /\nCOPY docs/ /docs/\n';
  assert.deepEqual(check('*\n!nginx/**/*.conf\n', text), [2]);
  assert.deepEqual(check('*\n!**/*.conf\n', text), []);
  // An exception for another folder brings nothing back here.
  assert.deepEqual(check('*\n!nginx/other/*.conf\n', text), [1, 2]);
  assert.deepEqual(check('*\n!nginx/root*/conf.d\n', text), [2]);
});

test('copy-source-missing: a source in a Git submodule\'s folder is a hint that says to fetch it', () => {
  const map = { 'file:///w/.git/HEAD': '', 'file:///w/.gitmodules': '[submodule "libs/core"]\n\tpath = libs/core\n\turl = https://example.invalid/lib.git\n', 'file:///w/app.py': '', 'file:///w/libs/core/.keep': '', 'file:///w/Dockerfile': '' };
  const found = runRule('copy-source-missing', 'FROM python:3.12\nCOPY app.py /app/\nCOPY libs/core/setup.py /lib/\n', context({ files: files(map, ['file:///w', 'file:///w/libs', 'file:///w/libs/core']) }), 'file:///w/Dockerfile');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.message]), [[2, 'The build context (.) has libs/core/setup.py in the Git submodule core, which is empty here: a clone fetches it with git clone --recursive or git submodule update --init.']]);
});

test('copy-source-missing: a manifest or lock file Git ignores is a warning: nothing makes it, so every clone fails (round 36: go.mod)', () => {
  const map = { 'file:///w/.git/HEAD': '', 'file:///w/.gitignore': 'go.mod\n.env\n', 'file:///w/main.go': '', 'file:///w/Dockerfile': '' };
  const text = 'FROM golang:1.23\nCOPY go.mod ./\nCOPY .env ./\nCOPY main.go ./\n';
  const found = validateDockerfile(text, context({ files: files(map, ['file:///w']) }), 'file:///w/Dockerfile').filter((d) => d.code === 'copy-source-missing');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.severity]), [[1, 2], [2, 4]]);
  assert.equal(found[0]!.message, 'The build context (.) has no go.mod, and Git ignores it: a fresh clone lacks this file the build needs, so COPY stops the build. Commit it (take it out of .gitignore).');
});

test('copy-source-missing: a source there in another letter case fails where names are case-sensitive, with the folder\'s spelling as the fix (round 36: docker/ for Docker/)', () => {
  const map = { 'file:///w/.git/HEAD': '', 'file:///w/svc/go.mod': '', 'file:///w/svc/Docker/monitoring/prometheus.yml': '', 'file:///w/svc/Docker/Dockerfile.prometheus': '' };
  const folders = ['file:///w', 'file:///w/svc', 'file:///w/svc/Docker', 'file:///w/svc/Docker/monitoring'];
  const found = runRule('copy-source-missing', 'FROM prom/prometheus:v3.1.0\nCOPY docker/monitoring/prometheus.yml /etc/prometheus/prometheus.yml\n', context({ files: files(map, folders) }), 'file:///w/svc/Docker/Dockerfile.prometheus');
  assert.deepEqual(found.map((d) => [d.range.start.line, (d.data as { replacement?: string } | undefined)?.replacement]), [[1, 'Docker/monitoring/prometheus.yml']]);
  assert.equal(found[0]!.message, 'The build context has Docker/monitoring/prometheus.yml, not docker/monitoring/prometheus.yml: the letter case differs, so the build stops ("docker/monitoring/prometheus.yml": not found) wherever file names are case-sensitive (Linux, CI), though it may work on macOS or Windows. Write Docker/monitoring/prometheus.yml.');
  // Spelt as the folder has it: nothing.
  assert.deepEqual(runRule('copy-source-missing', 'FROM prom/prometheus:v3.1.0\nCOPY Docker/monitoring/prometheus.yml /etc/prometheus/prometheus.yml\n', context({ files: files(map, folders) }), 'file:///w/svc/Docker/Dockerfile.prometheus'), []);
});

test('env-file-in-image: a .env Git does not ignore that holds a credential of a known form, copied by name or with the whole context (round 76: a committed Laravel .env)', () => {
  const GOOGLE = 'GOCSPX' + '-' + 'Px7xR9DyVY_Hv3ZgvC0DV8qfFGq1';
  const committed = (ignore?: string, env = `APP_KEY=base64:x\nGOOGLE_CLIENT_SECRET=${GOOGLE}\n`) => withIgnore(ignore, { [`${folder}/.gitignore`]: '/vendor\n.env.backup\n', [`${folder}/.env`]: env })();
  const text = 'FROM php:8.3-fpm\nWORKDIR /var/www/html\nCOPY . .\n';
  const [d, ...rest] = runRule('env-file-in-image', text, committed('.git\nvendor\n'));
  assert.deepEqual(rest, []);
  assert.deepEqual([d!.range.start.line, d!.range.start.character], [2, 5]);
  assert.equal(d!.message, '.env holds a Google OAuth client secret, and Git does not ignore it: this copies it into the image, where anyone who pulls the image can read it. Add .env to the .dockerignore and the .gitignore, and revoke the secret if it was ever committed or pushed.');
  assert.equal(runRule('env-file-in-image', 'FROM php:8.3-fpm\nCOPY .env /app/\n', committed('.git\n')).length, 1);
  // Kept out by the .dockerignore, no credential of a known form, a builder stage's copy: nothing.
  assert.deepEqual(runRule('env-file-in-image', text, committed('.git\n.env\n')), []);
  assert.deepEqual(runRule('env-file-in-image', text, committed('.git\n', 'APP_SECRET=2f9a6c1e8b7d4a3f\nDB_PASSWORD=secret\n')), []);
  assert.deepEqual(runRule('env-file-in-image', 'FROM node:22 AS build\nCOPY . .\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /dist /usr/share/nginx/html\n', committed()), []);
});

test('copy-source-missing: a pattern whose folders the context does not have matches nothing (round 77: COPY ../docker/scripts/backend-startup.* from the backend folder)', () => {
  const ctx = withIgnore(undefined, { [`${folder}/app.py`]: '', [`${folder}/scripts/run.sh`]: '' })();
  const found = runRule('copy-source-missing', 'FROM python:3.12\nCOPY app.py ./\nCOPY ../docker/scripts/backend-startup.* ./\nCOPY scripts/*.sh ./\nCOPY *.txt ./\n', ctx, `${folder}/Dockerfile`);
  assert.deepEqual(found.map((d) => [d.range.start.line, d.message.slice(0, 60)]), [[2, '../docker/scripts/backend-startup.* does not reach the folde']]);
});

test('copy-source-missing: patterns under a top folder already reported missing add nothing (round 50: forty services/*/package*.json lines)', () => {
  const ctx = withIgnore(undefined, { [`${folder}/src/index.ts`]: '', [`${folder}/tsconfig.json`]: '{}' })();
  const text = 'FROM node:22\nCOPY package.json tsconfig.json ./\nCOPY shared/package*.json ./shared/\nCOPY services/auth/package*.json ./services/auth/\nCOPY services/user/package*.json ./services/user/\nCOPY src ./src\n';
  assert.deepEqual(runRule('copy-source-missing', text, ctx, `${folder}/Dockerfile`).map((d) => d.range.start.line), [2, 3]);
});

test('dockerignore-missing: an env file that a compose service building the image reads from inside the context is named, and makes it a warning (round 85)', () => {
  const map = (compose: string) => ({ 'file:///w/compose.yaml': compose, 'file:///w/backend/Dockerfile': '', 'file:///w/backend/main.py': '', 'file:///w/backend/requirements.txt': '' });
  const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "main.py"]\n';
  const found = (compose: string) => validateDockerfile(text, context({ files: files(map(compose), ['file:///w', 'file:///w/backend']) }), 'file:///w/backend/Dockerfile').filter((d) => d.code === 'dockerignore-missing');
  const withEnv = found('services:\n  backend:\n    build: ./backend\n    env_file: ./backend/.env\n');
  assert.deepEqual(withEnv.map((d) => [d.range.start.line, d.severity]), [[4, 2]]);
  assert.match(withEnv[0]!.message, /so \.env would be copied too/);
  // Read from elsewhere (the project's root), or no env file: as before.
  assert.notEqual(found('services:\n  backend:\n    build: ./backend\n    env_file: .env\n')[0]?.severity, 2);
  assert.notEqual(found('services:\n  backend:\n    build: ./backend\n')[0]?.severity, 2);
});
