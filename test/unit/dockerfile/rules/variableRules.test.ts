import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { DiagnosticSeverity, type Diagnostic } from '../../../../server/src/core/types';
import { looksSecret } from '../../../../server/src/core/dockerfile/validation/rules/variableRules';
import { random } from '../../seededRandom';

test('variable rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'undefined-variable', bad: 'FROM node:22\nARG APP_DIR=/app\nWORKDIR $APP_DRI\n', good: 'FROM node:22\nARG APP_DIR=/app\nWORKDIR $APP_DIR\nWORKDIR ${OTHER:-/x}\nRUN echo $UNKNOWN\n', line: 2 },
    { rule: 'env-self-reference', bad: 'FROM a\nENV A=1 B=$A\n', good: 'FROM a\nENV A=1\nENV B=$A\n', line: 1 },
    { rule: 'secret-in-arg-env', bad: 'FROM a\nARG NPM_TOKEN\n', good: 'FROM a\nARG NODE_VERSION=1\nENV GPG_KEY=ABC PUBLIC_KEY=x\n', line: 1 },
  ], assert);
});

test('undefined-variable: global ARGs must be re-declared in the stage; scratch stages know their whole environment', () => {
  const [global] = runRule('undefined-variable', 'ARG V=1\nFROM a:1\nCOPY app-$V.tgz /\n');
  assert.match(global!.message, /global ARG/);
  assert.deepEqual(global!.data, { declareArg: 'V' });
  assert.equal(runRule('undefined-variable', 'FROM scratch\nCOPY $NOPE /\n').length, 1);
  assert.equal(runRule('undefined-variable', 'FROM node:22\nCOPY $FROM_BASE_IMAGE /\n').length, 0);
  // A name set to itself is no slip for a near name set the same way just above (round 44: DB_PORT, "did you mean DB_HOST").
  const passed = runRule('undefined-variable', 'FROM node:22-alpine\nENV DB_HOST=${DB_HOST}\nENV DB_PORT=${DB_PORT}\n');
  assert.deepEqual(passed.map((d) => [d.range.start.line, d.message.slice(0, 60)]), [[1, 'DB_HOST and 1 more names this stage sets to themselves (ENV ']]);
  // ENV passing an ARG on under a slipped name, on any image (round 43: $DATABASE_URL_URL for ARG DATABASE_URL).
  const [slip] = runRule('undefined-variable', 'FROM acme/rust-base:1.69 AS builder\nARG DATABASE_URL\nENV DATABASE_URL=$DATABASE_URL_URL\n');
  assert.equal(slip!.message, 'DATABASE_URL_URL is not defined. Did you mean DATABASE_URL?');
  assert.deepEqual(slip!.data, { replacement: 'DATABASE_URL', span: slip!.data && (slip!.data as { span: unknown }).span });
  for (const text of [
    'FROM acme/base:1\nARG DATABASE_URL\nENV DATABASE_URL=$DATABASE_URL\n',
    'FROM acme/base:1\nARG DATABASE_URL\nENV DATABASE_URL=$DB_HOST\n',
    'FROM acme/base:1\nENV DATABASE_URL=x\nENV DATABASE_URL=$DATABASE_URL_URL\n',
    'FROM acme/base:1\nARG DATABASE_URL\nENV OTHER=$DATABASE_URL_URL\n',
  ]) assert.deepEqual(runRule('undefined-variable', text), [], text);
  assert.equal(runRule('undefined-variable', 'ARG V=1\nFROM a:1\nARG V\nCOPY app-$V.tgz /\n').length, 0);
});

test('undefined-variable: a global ARG a RUN uses without the stage declaring it again: the shell gets nothing', () => {
  const [found, ...rest] = runRule('undefined-variable', 'ARG MARCH=alderlake\nFROM ubuntu:24.04\nRUN cmake -DCMAKE_C_FLAGS="-O3 -march=${MARCH}" ..\n');
  assert.deepEqual(rest, []);
  assert.equal(found!.message, 'MARCH is a global ARG, which this RUN does not get: declare it again in this stage with ARG MARCH, or the shell expands it to nothing.');
  assert.deepEqual(found!.data, { declareArg: 'MARCH' });
  for (const text of [
    // Declared again, set by the script, a default written in, a secret's env=, or a name base images set.
    'ARG V=1\nFROM a:1\nARG V\nRUN echo $V\n',
    'ARG V=1\nFROM a:1\nRUN V=2 && echo $V\n',
    'ARG V=1\nFROM a:1\nRUN echo ${V:-1}\n',
    'ARG TOKEN\nFROM a:1\nRUN --mount=type=secret,id=t,env=TOKEN echo $TOKEN\n',
    'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}\nRUN echo $NODE_VERSION\n',
  ]) assert.deepEqual(runRule('undefined-variable', text), [], text);
});

test('undefined-variable: CMD, ENTRYPOINT and HEALTHCHECK run with the container\'s environment, which no build argument reaches and docker run or compose may fill (round 25)', () => {
  for (const text of [
    'ARG POSTGRES_HOSTNAME=db\nFROM alpine:3.20\nCMD dockerize -wait tcp://$POSTGRES_HOSTNAME:5432 java -jar app.jar\n',
    'ARG PORT=80\nFROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost:$PORT/ || exit 1\n',
    'FROM node:22\nENV APP_PORT=3000\nENTRYPOINT node server.js --port $APP_PROT\n',
  ]) assert.deepEqual(runRule('undefined-variable', text), [], text);
  // A RUN still does not get the global ARG.
  assert.equal(runRule('undefined-variable', 'ARG POSTGRES_HOSTNAME=db\nFROM alpine:3.20\nRUN echo $POSTGRES_HOSTNAME\n').length, 1);
});

test('secret-in-arg-env: an ENV whose value is its own name is a placeholder (round 26: ENV pass pass)', () => {
  assert.deepEqual(runRule('secret-in-arg-env', 'FROM a\nENV pass pass\nENV bearer_token bearer_token\n'), []);
  assert.equal(runRule('secret-in-arg-env', 'FROM a\nENV bearer_token s3cr3t-value\n').length, 1);
});

test('ENV is inherited by stages built FROM another stage', () => {
  assert.equal(runRule('undefined-variable', 'FROM scratch AS base\nENV HOME_DIR=/h\nFROM base\nWORKDIR $HOME_DIR\n').length, 0);
});

test('secret names follow whole-word tokens', () => {
  assert.ok(looksSecret('DB_PASSWORD'));
  assert.ok(looksSecret('apiKey'));
  assert.ok(looksSecret('GITHUB_TOKEN'));
  assert.ok(!looksSecret('TOKENIZER_VERSION'));
  assert.ok(!looksSecret('PASSWORD_FILE'));
  assert.ok(!looksSecret('KEYBOARD'));
  // Round 17: MongoDB's authentication database, how long a token lasts.
  assert.ok(!looksSecret('AUTH_SOURCE'));
  assert.ok(!looksSecret('MONGO_AUTH_DB'));
  assert.ok(!looksSecret('JWT_TOKEN_TTL'));
  assert.ok(!looksSecret('LDAP_TLS_KEY_FILENAME'));
  assert.ok(looksSecret('DB_AUTH_PASSWORD'));
  // Round 25: apt-key's switch, and others about a key or a token.
  assert.ok(!looksSecret('APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE'));
  assert.ok(!looksSecret('SKIP_TOKEN_VERIFY'));
  assert.ok(looksSecret('AUTH_TOKEN'));
  // Round 43: Xdebug's IDE key is the session name the IDE listens for.
  assert.ok(!looksSecret('XDEBUG_IDE_KEY'));
  assert.ok(!looksSecret('PHP_IDE_KEY'));
  // Round 73: a personal access token (git clone https://${SUBMODULE_PAT}@github.com/...).
  assert.ok(looksSecret('SUBMODULE_PAT'));
  assert.ok(looksSecret('ghPat'));
  assert.ok(!looksSecret('PATTERN'));
  assert.ok(!looksSecret('PAT_FILE'));
});

test('secret names: the same answers as the case-insensitive expressions the word lists replaced', () => {
  // The expressions the rule used before (kept here as the reference).
  const secretToken = /(^|_)(API_?KEY|APIKEY|AUTH|CREDENTIALS?|KEY|PASSWORD|PASSWD|PWORD|PASS|SECRET|TOKEN|PAT|PRIVATE_KEY|ACCESS_KEY)(_|$)/i;
  const notSecret = /(^|_)(PUBLIC|FILE|PATH|DIR|URL|URI|ID|NAME|VERSION|GPG|FINGERPRINT|SERVER|HOST|PORT|TYPE|FORMAT|LENGTH|SIZE|ALGORITHM|ALGO|SHA256|SHA|CHECKSUM|REGION|USER|USERNAME|KEYRING|KEYS|FILENAME|FILEPATH|FILES|FOLDER|LOCATION|SOURCE|MECHANISM|METHOD|MODE|PROVIDER|STRATEGY|SCHEME|PLUGIN|ISSUER|REALM|ENDPOINT|TIMEOUT|TTL|EXPIRY|EXPIRATION|LIFETIME)(_|$)/i;
  // AUTH with DB, DATABASE or DOMAIN and no other secret word names where authentication happens (round 17).
  const authPlace = (words: string) => {
    const tokens = words.split('_');
    return tokens.some((w) => /^(DB|DATABASE|DOMAIN)$/i.test(w)) && tokens.every((w) => /^AUTH$/i.test(w) || !/^(APIKEY|AUTH|CREDENTIALS?|KEY|PASSWORD|PASSWD|PWORD|PASS|SECRET|TOKEN|PAT)$/i.test(w));
  };
  const reference = (name: string) => {
    const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
    return secretToken.test(words) && !notSecret.test(words) && !authPlace(words);
  };
  // Names built from the listed words, near misses, separators, case and camel case, digits and
  // characters whose upper case is ASCII (ſ, ı) or that look like it (the Kelvin sign).
  const parts = ['api', 'API', 'Api', 'key', 'Key', 'KEY', 'apikey', 'ApiKey', 'private', 'access', 'auth', 'credential', 'Credentials', 'password', 'Passwd',
    'pword', 'pass', 'PaSs', 'secret', 'token', 'Token', 'file', 'path', 'id', 'Id', 'name', 'user', 'keys', 'keyring', 'sha256', 'public', 'db', 'source', 'ttl', 'filename', 'x', '1', '2fa',
    'tokenizer', 'keyboard', 'pat', 'PAT', 'pattern', 'paſs', 'ıd', '\u212aey', 'npm', 'HOME', ''];
  const seps = ['_', '', '-', '.', '__'];
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[next(list.length)]!;
  let secrets = 0;
  for (let n = 0; n < 20000; n++) {
    let name = pick(parts);
    for (let k = 0, words = 1 + (n % 4); k < words; k++) name += pick(seps) + pick(parts);
    const expected = reference(name);
    if (expected) secrets++;
    assert.equal(looksSecret(name), expected, name);
  }
  assert.ok(secrets > 1000, 'the names drawn include secrets');
});

test('undefined-variable says nothing of ${2NAME}: no name starts with a digit, and unsupported-modifier reports the line', () => {
  const text = 'FROM a\nARG 2ACOIN_BRANCH=master\nENV BRANCH=${2ACOIN_BRANCH}\n';
  assert.deepEqual(runRule('undefined-variable', text), []);
  assert.equal(runRule('undefined-variable', 'FROM scratch\nENV BRANCH=${ACOIN_BRANCH}\n').length, 1);
});

test('secret-in-arg-env: a release key given as its fingerprint, or a name handed to gpg, is a public key', () => {
  const swift = 'FROM amazonlinux:2\nARG SWIFT_SIGNING_KEY=A62AE125BBBFBB96A6E042EC925CC1CCED3D1561\nENV SWIFT_SIGNING_KEY=$SWIFT_SIGNING_KEY\n';
  assert.deepEqual(runRule('secret-in-arg-env', swift), []);
  assert.deepEqual(runRule('secret-in-arg-env', "FROM debian:12\nARG STACK_RELEASE_KEY='C5705533DA4F78D8664B5DC0575159689BEFB442 0x575159689BEFB442'\n"), []);
  const fetched = 'FROM debian:12\nARG RELEASE_KEY\nRUN gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$RELEASE_KEY"\n';
  assert.deepEqual(runRule('secret-in-arg-env', fetched), []);
  // A key used otherwise, or a value that is not a fingerprint, is still a secret.
  assert.equal(runRule('secret-in-arg-env', 'FROM debian:12\nARG SIGNING_KEY=hunter2hunter2\nRUN sign --key "$SIGNING_KEY" app\n').length, 1);
  assert.equal(runRule('secret-in-arg-env', 'FROM debian:12\nARG API_KEY=A62AE125BBBFBB96A6E0\n').length, 1);
  assert.equal(runRule('secret-in-arg-env', 'FROM debian:12\nARG GITHUB_TOKEN=A62AE125BBBFBB96A6E042EC925CC1CCED3D1561\n').length, 1);
});

test('secret-in-arg-env: an ENV whose value refers only to variables declared nowhere gets nothing from the build, so nothing leaks', () => {
  assert.deepEqual(runRule('secret-in-arg-env', 'FROM python:3.12\nENV HF_TOKEN=$HF_TOKEN\nENV WANDB_API_KEY=${WANDB_API_KEY}\n'), []);
  // Declared by an ARG, the build argument's value is baked in (told once, on the ENV: round 29).
  assert.deepEqual(runRule('secret-in-arg-env', 'FROM python:3.12\nARG HF_TOKEN\nENV HF_TOKEN=$HF_TOKEN\n').map((d) => d.range.start.line), [2]);
});

test('env-self-reference: KEY=$KEY (an ARG passed on to the environment) keeps the value, so using KEY later on the line is the same (round 7)', () => {
  const text = 'FROM a\nARG MAVEN_VERSION=3.9\nENV MAVEN_VERSION=$MAVEN_VERSION MAVEN_HOME=/opt/maven/${MAVEN_VERSION} JAVA="${JAVA}" JAVA_HOME=/opt/$JAVA\n';
  assert.deepEqual(runRule('env-self-reference', text), []);
  // Single quotes keep $KEY literal: the key changes.
  assert.equal(runRule('env-self-reference', "FROM a\nENV KEY='$KEY' B=$KEY\n").length, 1);
  assert.equal(runRule('env-self-reference', 'FROM a\nENV KEY=${KEY}/bin B=$KEY\n').length, 1);
});

test('secret-in-arg-env: an ENV secret is for the container, so the message says to give it when the container starts (round 7)', () => {
  const [env] = runRule('secret-in-arg-env', 'FROM a\nARG DB_PASSWORD\nENV DB_PASSWORD=$DB_PASSWORD\n');
  assert.match(env!.message, /^DB_PASSWORD looks like a secret, and ENV keeps its value in the image.*docker run -e/);
  const [literal] = runRule('secret-in-arg-env', 'FROM a\nENV DB_PASSWORD=88888888\n');
  assert.match(literal!.message, /^DB_PASSWORD looks like a secret, and its value is written here: every container of the image starts with this same value.*docker run -e/);
  const [arg] = runRule('secret-in-arg-env', 'FROM a\nARG NPM_TOKEN\n');
  assert.match(arg!.message, /build secret \(RUN --mount=type=secret\)/);
});

test('undefined-variable: a platform ARG used in a stage that does not declare it again is empty there (round 7)', () => {
  const [run, copy] = runRule('undefined-variable', 'FROM ubuntu:24.04\nRUN curl -o /tmp/x https://example.org/x-${TARGETARCH}.tgz\nCOPY bin/$TARGETOS/app /app\n');
  assert.match(run!.message, /^TARGETARCH is set for the FROM lines only: this stage gets it by declaring ARG TARGETARCH/);
  assert.deepEqual(run!.data, { declareArg: 'TARGETARCH' });
  assert.equal(copy!.range.start.line, 2);
  // Declared in the stage, or used on a FROM line: set.
  assert.deepEqual(runRule('undefined-variable', 'FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build\nFROM alpine:3.20\nARG TARGETARCH\nRUN echo $TARGETARCH\n'), []);
  // The proxy ARGs reach RUN without a declaration.
  assert.deepEqual(runRule('undefined-variable', 'FROM alpine:3.20\nRUN wget -e https_proxy=$HTTPS_PROXY https://example.org\n'), []);
});

test('undefined-variable: a stage inherits the ARGs of the stages it is built FROM, platform ARGs included (round 8)', () => {
  assert.deepEqual(runRule('undefined-variable', 'FROM alpine:3.20 AS base\nARG TARGETPLATFORM\nARG FOO=1\nFROM base\nRUN echo $TARGETPLATFORM\nCOPY $FOO /x\n'), []);
});

test('undefined-variable: a global ARG named as base images name their ENV (RUBY_VERSION on ruby) is the image\'s value outside RUN too (round 8)', () => {
  assert.deepEqual(runRule('undefined-variable', 'ARG RUBY_VERSION=3.4.4\nFROM ruby:$RUBY_VERSION-slim\nENV PATH="/bundle/ruby/$RUBY_VERSION/bin:${PATH}"\n'), []);
  assert.equal(runRule('undefined-variable', 'ARG APP_VERSION=1\nFROM alpine:3.20\nLABEL version=$APP_VERSION\n').length, 1);
  assert.equal(runRule('undefined-variable', 'ARG RUBY_VERSION=3\nFROM scratch\nLABEL v=$RUBY_VERSION\n').length, 1);
});

test('secret-in-arg-env: not a browser bundle\'s public variable, a switch, or a yes/no value (round 8)', () => {
  for (const line of ['ARG VITE_MIXPANEL_TOKEN', 'ENV NEXT_PUBLIC_SENTRY_KEY=abc123', 'ENV GF_AUTH_BASIC_ENABLED=false', 'ENV AUTH_REQUIRED=1', 'ARG USE_PASSWORD=true']) {
    assert.deepEqual(runRule('secret-in-arg-env', `FROM a\n${line}\n`), [], line);
  }
  assert.equal(runRule('secret-in-arg-env', 'FROM a\nENV GF_SECURITY_ADMIN_PASSWORD=admin\n').length, 1);
});

test('secret-in-arg-env: a builder stage\'s ENV is not in the image people pull; a path to a mounted secret holds none (round 9)', () => {
  const builder = 'FROM node:22 AS builder\nARG SENTRY_AUTH_TOKEN\nENV SENTRY_AUTH_TOKEN=$SENTRY_AUTH_TOKEN\nRUN npm run build\nFROM node:22-slim AS runner\nCOPY --from=builder /app/dist /app\n';
  // Neither the builder's ARG nor the ENV that copies it reaches the final image's history (rounds 9 and 10).
  assert.deepEqual(runRule('secret-in-arg-env', builder), []);
  const literal = runRule('secret-in-arg-env', 'FROM node:22 AS builder\nENV API_TOKEN=abc123\nFROM node:22-slim\nCOPY --from=builder /app /app\n');
  assert.equal(literal[0]?.message, 'API_TOKEN looks like a secret, and ENV keeps its value in this stage\'s layers: not in the final image, but in the build cache and any cache exported from it. Use a build secret (RUN --mount=type=secret).');
  // In the final image the ENV is told as before.
  assert.equal(runRule('secret-in-arg-env', 'FROM node:22\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\n').length, 1);
  assert.deepEqual(runRule('secret-in-arg-env', 'FROM jitsi/base-java\nENV GOOGLE_APPLICATION_CREDENTIALS=/run/jigasi/config/key.json\nENV DB_PASSWORD_FILE=/run/secrets/db\n'), []);
  assert.deepEqual(runRule('secret-in-arg-env', 'FROM alpine:3.20\nENV OPENVPN_PASSWORD=**None**\n'), []);
  // A path built from variables is a path too; Google's credentials variable always names a file (round 29).
  assert.deepEqual(runRule('secret-in-arg-env', 'FROM golang:1.22\nARG server_user=app\nENV GOOGLE_APPLICATION_CREDENTIALS=/home/${server_user}/pubsub_credentials\nENV DB_PASSWORD_FILE=$HOME/secrets/db\n'), []);
  // A key file's path relative to the working directory (round 58: SECRET_KEY=config/jwt/private.pem); the passphrase beside it is still one.
  assert.deepEqual(runRule('secret-in-arg-env', 'FROM php:8.3-fpm\nENV SECRET_KEY=config/jwt/private.pem\nENV JWT_PUBLIC_KEY=./config/jwt/public.pem\n'), []);
  assert.equal(runRule('secret-in-arg-env', 'FROM php:8.3-fpm\nENV SECRET_KEY=config/jwt/private.pem\nENV JWT_PASSPHRASE=9fc87a4342s3gjfs3423381020d5e5356\n').length, 1);
});

test('undefined-variable: a global ARG named as the official base image\'s own ENV reads the image\'s value (round 9: patroni on postgres)', () => {
  const text = 'ARG PG_MAJOR=16\nFROM postgres:$PG_MAJOR AS builder\nRUN apt-get install -y postgresql-server-dev-$PG_MAJOR\nCOPY conf /usr/share/postgresql/$PG_MAJOR/\n';
  assert.deepEqual(runRule('undefined-variable', text), []);
  // golang's image sets GOLANG_VERSION, not GO_VERSION: that one is empty in the RUN.
  assert.equal(runRule('undefined-variable', 'ARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}\nRUN echo $GO_VERSION\n').length, 1);
  // PG_MAJOR on another image is still empty there.
  assert.equal(runRule('undefined-variable', 'ARG PG_MAJOR=16\nFROM debian:12\nRUN apt-get install -y postgresql-$PG_MAJOR\n').length, 1);
});

test('secret-in-arg-env: keys public by design and nginx upstream names are no secrets (round 10)', () => {
  for (const name of ['SEGMENT_WRITE_KEY', 'STRIPE_PUBLISHABLE_KEY', 'RECAPTCHA_SITE_KEY', 'MIXPANEL_TOKEN', 'POSTHOG_API_KEY', 'DD_UWSGI_PASS', 'NGINX_PROXY_PASS']) {
    assert.deepEqual(runRule('secret-in-arg-env', `FROM a\nARG ${name}\nENV ${name}=value\n`), [], name);
  }
  assert.equal(runRule('secret-in-arg-env', 'FROM a\nARG STRIPE_SECRET_KEY\n').length, 1);
});

test('secret-in-arg-env: a value written in the Dockerfile is information, one passed in at build time a warning; a setting chooses for both (round 15)', () => {
  const text = 'FROM mysql:8.4\nENV MYSQL_ROOT_PASSWORD=root\nARG API_TOKEN\nENV API_TOKEN=$API_TOKEN\n';
  const severities = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'secret-in-arg-env').map((d) => [d.range.start.line, d.severity]);
  assert.deepEqual(severities(validateDockerfile(text)), [[1, DiagnosticSeverity.Information], [3, DiagnosticSeverity.Warning]]);
  const chosen = validateDockerfile(text, context({ rules: { 'secret-in-arg-env': 'warning' } }), 'file:///work/app/Dockerfile');
  assert.deepEqual(severities(chosen), [[1, DiagnosticSeverity.Warning], [3, DiagnosticSeverity.Warning]]);
  // ENV COMPOSER_AUTH ${COMPOSER_AUTH} after ARG COMPOSER_AUTH=false holds a switch (round 9).
  assert.deepEqual(runRule('secret-in-arg-env', 'FROM php:8.3\nARG COMPOSER_AUTH=false\nENV COMPOSER_AUTH ${COMPOSER_AUTH}\n'), []);
});

test('secret-in-arg-env: an empty placeholder in the legacy form (ENV NAME = \'\') holds no secret (round 19)', () => {
  assert.deepEqual(runRule('secret-in-arg-env', "FROM python:3.12\nENV DJANGO_SUPERUSER_PASSWORD = ''\n"), []);
  assert.equal(runRule('secret-in-arg-env', 'FROM python:3.12\nENV DJANGO_SUPERUSER_PASSWORD = hunter2\n').length, 1);
});

test('secret-in-arg-env: an ARG an ENV passes on whole is told once, on the ENV; a default no compose service replaces is information (round 29)', () => {
  const found = (text: string, extra: Record<string, string> = {}) => validateDockerfile(text, context({ files: files({ 'file:///w/app/main.py': '', ...extra }, ['file:///w', 'file:///w/app']) }), 'file:///w/app/Dockerfile')
    .filter((d) => d.code === 'secret-in-arg-env').map((d) => [d.range.start.line, d.severity]);
  // ARG then ENV of the same secret: the ENV keeps it in the image, one finding.
  assert.deepEqual(found('FROM python:3.12\nARG BACKUP_ENCRYPTION_KEY\nENV BACKUP_ENCRYPTION_KEY=${BACKUP_ENCRYPTION_KEY}\n'), [[2, 2]]);
  // An ARG used otherwise is still told.
  assert.deepEqual(found('FROM python:3.12\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc\n'), [[1, 2]]);
  // A template's default that compose, which builds the image, never replaces: the value is the written one.
  const template = 'FROM python:3.12\nARG DJANGO_SUPERUSER_PASSWORD=admin\nENV DJANGO_SUPERUSER_PASSWORD=$DJANGO_SUPERUSER_PASSWORD\n';
  const compose = (args: string) => ({ 'file:///w/compose.yaml': `services:\n  web:\n    build:\n      context: ./app\n${args}` });
  assert.deepEqual(found(template, compose('')), [[2, 3]]);
  assert.deepEqual(found('FROM python:3.12\nARG DJANGO_SUPERUSER_PASSWORD=admin\nRUN ./manage.py createsuperuser --noinput\n', compose('')), [[1, 3]]);
  // A service that passes it, args that cannot be read, or no compose at all (docker build --build-arg): a warning.
  assert.deepEqual(found(template, compose('      args:\n        DJANGO_SUPERUSER_PASSWORD: ${ADMIN_PASSWORD}\n')), [[2, 2]]);
  assert.deepEqual(found(template, compose('      args:\n        - DJANGO_SUPERUSER_PASSWORD\n')), [[2, 2]]);
  assert.deepEqual(found(template), [[2, 2]]);
});

test('undefined-variable: ENV NAME=${NAME} with no ARG passes nothing on, on an official image (round 39), as information', () => {
  const text = 'FROM eclipse-temurin:17-jre-alpine\nENV ASANA_ACCESS_TOKEN=${ASANA_ACCESS_TOKEN}\nENV DB_URL=$DB_URL PORT=8080\n';
  // Once a stage, on the first, counting the others.
  const [many, ...rest] = validateDockerfile(text).filter((d) => d.code === 'undefined-variable');
  assert.deepEqual(rest, []);
  assert.deepEqual([many!.range.start.line, many!.severity], [1, 3]);
  assert.match(many!.message, /^ASANA_ACCESS_TOKEN and 1 more names this stage sets to themselves \(ENV ASANA_ACCESS_TOKEN=\$\{ASANA_ACCESS_TOKEN\}\) are not defined/);
  const found = validateDockerfile('FROM eclipse-temurin:17-jre-alpine\nENV ASANA_ACCESS_TOKEN=${ASANA_ACCESS_TOKEN}\n').filter((d) => d.code === 'undefined-variable');
  assert.equal(found[0]!.message, 'ASANA_ACCESS_TOKEN is not defined by any ARG or ENV above: ENV ASANA_ACCESS_TOKEN=${ASANA_ACCESS_TOKEN} passes nothing on, as neither docker build --build-arg nor the host\'s environment reaches ENV without ARG ASANA_ACCESS_TOKEN, so the image sets it to an empty string. Declare ARG ASANA_ACCESS_TOKEN above it to take a build argument, or leave it to the container\'s environment at run time.');
  for (const ok of [
    'FROM eclipse-temurin:17\nARG TOKEN\nENV TOKEN=${TOKEN}\n',
    'FROM node:22\nENV NODE_VERSION=${NODE_VERSION}\n',
    'FROM acme/base:1\nENV TOKEN=${TOKEN}\n',
    'FROM python:3.12\nENV TOKEN=${TOKEN:-none}\n',
    'FROM python:3.12\nENV OTHER=${TOKEN}\n',
  ]) assert.deepEqual(validateDockerfile(ok).filter((d) => d.code === 'undefined-variable'), [], ok);
});

test('secret-in-arg-env: a $ before no name ($@ in a generated secret) is part of the written value, told as the others (round 53)', async () => {
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  const text = 'FROM golang:1.22\nENV JWT_SECRET="wKz%rR69b8vX24"\nENV JWT_UPLOADS_SECRET="S^&4D4$@y7rvKnt@&F92"\nENV API_TOKEN=$TOKEN_FROM_BUILD\n';
  const found = validateDockerfile(text).filter((d) => d.code === 'secret-in-arg-env').map((d) => [d.range.start.line, d.severity]);
  assert.deepEqual(found.slice(0, 2), [[1, 3], [2, 3]]);
});

test('undefined-variable: a name the stage declares only further down, by ARG or ENV (round 68: LABEL version=${APP_VERSION} above ARG APP_VERSION)', () => {
  const found = (text: string) => runRule('undefined-variable', text).map((d) => [d.range.start.line, d.message]);
  assert.deepEqual(found('FROM amazoncorretto:25\nLABEL version=${APP_VERSION}\nARG APP_VERSION\nRUN echo $V && echo ok\nENV V=1\n'), [
    [1, 'APP_VERSION is declared by ARG further down this stage, so here, above it, it is not defined yet and expands to an empty string. Move the ARG above this line.'],
    [3, 'V is declared by ENV further down this stage, so here, above it, it is not defined yet and expands to an empty string. Move the ENV above this line.'],
  ]);
  // Declared above, given a default where used, or declared further down another stage only: not this.
  assert.deepEqual(found('FROM amazoncorretto:25\nARG APP_VERSION\nLABEL version=${APP_VERSION} other=${OTHER:-x}\nARG OTHER\nFROM alpine AS b\nARG ELSE\nFROM amazoncorretto:25\nLABEL e=$ELSE_NOT\n'), []);
  // CMD runs with the container's environment: an ENV below sets it by then. The image may set one an ENV below changes.
  assert.deepEqual(found('FROM eclipse-temurin:21\nRUN echo $JAVA_HOME\nENV JAVA_HOME=/opt/jdk\n'), []);
  assert.deepEqual(found('FROM node:22\nCMD echo $PORT\nENV PORT=3000\n'), []);
});

test('secret-in-arg-env: a value of a form only real credentials have is a warning that says what it is (round 82: a GitHub token of 40 hex digits)', () => {
  const severities = (text: string) => validateDockerfile(text, context()).filter((d) => d.code === 'secret-in-arg-env').map((d) => [d.range.start.line, d.severity]);
  assert.deepEqual(severities('FROM ruby:3.3\nENV GITHUB_ACCESS_TOKEN 64c71977864b90d7788a7aebce9657cf890a3e18\n'), [[1, 2]]);
  assert.deepEqual(severities(`FROM node:22\nENV NPM_TOKEN=npm_${'a1B2c3D4e5'.repeat(3)}a1B2c3\n`), [[1, 2]]);
  assert.match(validateDockerfile('FROM ruby:3.3\nENV GH_TOKEN=64c71977864b90d7788a7aebce9657cf890a3e18\n', context()).find((d) => d.code === 'secret-in-arg-env')!.message, /^GH_TOKEN holds a GitHub token, written into the Dockerfile/);
  // A default password, 40 hex digits under another name (a commit), a placeholder of the form: information as before.
  assert.deepEqual(severities('FROM mysql:8\nENV MYSQL_ROOT_PASSWORD=root\n'), [[1, 3]]);
  assert.deepEqual(severities('FROM a\nENV API_TOKEN=64c71977864b90d7788a7aebce9657cf890a3e18\n'), [[1, 3]]);
  assert.deepEqual(severities('FROM a\nENV GITHUB_TOKEN=ghp_your_token_here_xxxxxxxxxxxxxxxxxxxxxxxxx\n'), [[1, 3]]);
});
