// The classes of wrong, noisy and missed diagnostics found by reading our diagnostics on real
// Dockerfiles of well-known projects, each checked on an example shaped like those files (not
// copied from them): wrong ones stay silent, noise stays off the squiggles, missed ones are
// reported on their line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../../server/src/core/dockerfile/validation/rules/allRules';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { DiagnosticSeverity, type Diagnostic } from '../../../../server/src/core/types';
import { context, files, runRule } from '../helpers';

const severityOf = (id: string) => ALL_RULES.find((r) => r.meta.id === id)!.meta.severity;
const lines = (ds: Diagnostic[]) => ds.map((d) => d.range.start.line);
/** Diagnostics drawn as squiggles (error, warning, information) with the default settings. */
const drawn = (text: string) => validateDockerfile(text).filter((d) => d.severity !== DiagnosticSeverity.Hint);

// ---- wrong: must be silent ----

test('stages reached through a build argument are not called unused', () => {
  const text = [
    'ARG VARIANT=bookworm',
    'FROM golang:1.24 AS build',
    'RUN go build -o /out/app ./cmd/app',
    'FROM scratch AS binaries-linux',
    'COPY --from=build /out/app /',
    'FROM scratch AS binaries-windows',
    'COPY --from=build /out/app /app.exe',
    'FROM binaries-$TARGETOS AS binaries',
    'FROM debian:12-slim AS base-bookworm',
    'FROM ubuntu:24.04 AS base-noble',
    'FROM base-${VARIANT} AS runtime',
    'COPY --from=binaries / /usr/local/bin/',
    'FROM alpine:3.20 AS forgotten',
    'RUN echo never used',
    'FROM runtime',
  ].join('\n');
  const unused = runRule('unused-stage', text);
  assert.deepEqual(unused.map((d) => d.message), ['The stage forgotten is not used by the final stage; it is built only with --target forgotten.']);
  assert.equal(severityOf('unused-stage'), 'hint', 'deliberate extra targets are common: a hint, not a squiggle');
});

test('copying all of a stage built FROM scratch is not "a whole file system"', () => {
  const exportStage = 'FROM golang:1.24 AS build\nRUN go build -o /out/tool .\nFROM scratch AS export\nCOPY --from=build /out/tool /\nFROM alpine:3.20\nCOPY --from=export / /usr/local/bin/\n';
  assert.deepEqual(runRule('copy-whole-filesystem', exportStage.replace('/usr/local/bin/', '/')), []);
  const flatten = 'FROM debian:12 AS rootfs\nRUN apt-get update && apt-get install -y --no-install-recommends systemd\nFROM scratch\nCOPY --from=rootfs / /\n';
  assert.deepEqual(runRule('copy-whole-filesystem', flatten), [], 'flattening into scratch copies over nothing');
  const merge = 'ARG BASE=debian:12\nFROM ${BASE} AS merge\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\nFROM ${BASE}\nCOPY --from=merge / /\n';
  assert.deepEqual(runRule('copy-whole-filesystem', merge), [], 'a stage on the same base adds only its changes: copying it whole squashes them');
  const over = 'FROM debian:12 AS tools\nRUN apt-get update && apt-get install -y --no-install-recommends git\nFROM node:22-slim\nCOPY --from=tools / /\n';
  assert.deepEqual(lines(runRule('copy-whole-filesystem', over)), [3]);
});

test('.dockerignore is not asked to exclude a .git the build context does not have', () => {
  const text = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';
  const uri = 'file:///repo/services/api/Dockerfile';
  const folder = 'file:///repo/services/api';
  const without = context({ files: files({ [`${folder}/.dockerignore`]: 'node_modules\n', [`${folder}/package.json`]: '{}' }, [folder]) });
  assert.deepEqual(runRule('dockerignore-incomplete', text, without, uri), []);
  const withGit = context({ files: files({ [`${folder}/.dockerignore`]: 'node_modules\n', [`${folder}/package.json`]: '{}', [`${folder}/.git`]: 'gitdir: x' }, [folder]) });
  assert.match(runRule('dockerignore-incomplete', text, withGit, uri)[0]!.message, /\.git/);
  // A builder's COPY . . of a Go build whose binary alone is shipped: .git costs cache, not the image (round 10).
  const builder = 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n';
  const goGit = context({ files: files({ [`${folder}/.dockerignore`]: 'bin\n', [`${folder}/go.mod`]: 'module x', [`${folder}/.git`]: 'gitdir: x' }, [folder]) });
  assert.deepEqual(runRule('dockerignore-incomplete', builder, goGit, uri), []);
  // The host's node_modules over a builder's own install is still told, for what it does there.
  const nodeBuilder = 'FROM node:22 AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n';
  const nodeCtx = context({ files: files({ [`${folder}/.dockerignore`]: '.git\n', [`${folder}/package.json`]: '{}', [`${folder}/node_modules`]: '' }, [folder]) });
  assert.equal(runRule('dockerignore-incomplete', nodeBuilder, nodeCtx, uri)[0]?.message, 'The .dockerignore does not exclude node_modules, so the host\'s copy lands in this build stage, over what the stage installs for itself.');
  // node_modules/* leaves an empty folder, .git/** too: nothing of them is copied (round 61).
  const contents = context({ files: files({ [`${folder}/.dockerignore`]: 'node_modules/*\n.git/**\n', [`${folder}/package.json`]: '{}', [`${folder}/node_modules`]: '', [`${folder}/.git`]: 'gitdir: x' }, [folder]) });
  assert.deepEqual(runRule('dockerignore-incomplete', text, contents, uri), []);
});

test('Windows images get no numeric-USER or user-creation advice', () => {
  const servercore = 'FROM mcr.microsoft.com/dotnet/aspnet:9.0-windowsservercore-ltsc2022\nRUN net user /add svc\nUSER ContainerUser\n';
  assert.deepEqual(runRule('user-not-numeric', servercore), []);
  assert.deepEqual(runRule('user-not-created', servercore), []);
  const escaped = '# escape=`\nARG WINDOWS_VERSION\nFROM mcr.microsoft.com/windows/nanoserver:${WINDOWS_VERSION}\nUSER ContainerAdministrator\n';
  assert.deepEqual(runRule('user-not-numeric', escaped), []);
  assert.equal(runRule('user-not-numeric', 'FROM debian:12\nRUN useradd app\nUSER app\n').length, 1);
});

test('BusyBox ash features are not called bashisms on Alpine, also when the tag is built from ARGs', () => {
  const text = 'ARG GO_VERSION\nARG ALPINE_VERSION\nFROM golang:${GO_VERSION}-alpine${ALPINE_VERSION}\nRUN arch="$(apk --print-arch)"; \\\n    goarch="${arch/x86_64/amd64}"; \\\n    [[ -n "$goarch" ]] && echo "${goarch:0:3}"\n';
  assert.deepEqual(runRule('bashism', text), []);
  const ownBase = 'FROM registry.example.com/platform/base:3\nRUN apk add --no-cache curl && v="${VERSION/v/}" && echo "$v"\n';
  assert.deepEqual(runRule('bashism', ownBase), [], 'an organisation base image that uses apk is Alpine');
  const debian = runRule('bashism', 'FROM debian:12-slim\nRUN v="${VERSION/v/}" && echo "$v"\n');
  assert.match(debian[0]!.message, /dash/);
});

test('the pipefail advice fits the image: no bash on Alpine, SHELL bash on Debian', () => {
  const alpine = runRule('pipefail', 'FROM alpine:3.20\nRUN wget -qO- https://get.example.com/install.sh | sh\n');
  assert.match(alpine[0]!.message, /set -o pipefail/);
  assert.doesNotMatch(alpine[0]!.message, /SHELL \[/);
  const debian = runRule('pipefail', 'FROM debian:12\nRUN curl -fsSL https://deb.example.com/setup | bash -\n');
  assert.match(debian[0]!.message, /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/);
  const ubi = runRule('pipefail', 'FROM registry.access.redhat.com/ubi9/ubi:9.5\nRUN curl -fsSL https://rpm.example.com/setup | sh\n');
  assert.match(ubi[0]!.message, /\/bin\/sh is bash/);
});

test('apt-get install -s (a simulation) is not told to add -y or --no-install-recommends', () => {
  const text = 'FROM postgres:17\nRUN if apt-get install -s "postgresql-$PG_MAJOR-jit" > /dev/null 2>&1; then echo available; fi\n';
  assert.deepEqual(runRule('apt-get-yes', text), []);
  assert.deepEqual(runRule('apt-no-install-recommends', text), []);
  assert.equal(runRule('apt-get-yes', 'FROM debian:12\nRUN apt-get install --dry-run curl && apt-get install curl\n').length, 1);
});

test('from-as-casing says which case to use, in a sentence that reads', () => {
  const [d] = runRule('from-as-casing', 'FROM node:22 as build\nRUN npm ci\n');
  assert.equal(d!.message, 'FROM is in upper case, so write AS in upper case too.');
  assert.equal(severityOf('from-as-casing'), 'hint');
});

// ---- noise: off the squiggles ----

test('version pins are policy: off for distribution packages, a hint for language packages, with the package in the example', () => {
  for (const id of ['apt-pin', 'apk-pin', 'yum-pin', 'dnf-pin', 'zypper-pin']) assert.equal(severityOf(id), 'off', id);
  for (const id of ['pip-pin', 'npm-pin', 'gem-pin', 'go-install-pin']) assert.equal(severityOf(id), 'hint', id);
  const [d] = runRule('apt-pin', 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates git\n');
  assert.match(d!.message, /ca-certificates=<version>/);
  assert.doesNotMatch(d!.message, /curl=/);
});

test('wget progress, consecutive RUNs and cd inside a RUN are hints; a RUN that only ends with cd is a warning', () => {
  for (const id of ['wget-progress', 'consecutive-run', 'run-cd']) assert.equal(severityOf(id), 'hint', id);
  const script = 'FROM debian:12\nRUN set -eux; \\\n    cd /usr/src/app; \\\n    ./configure && make && make install; \\\n    cd /; \\\n    rm -rf /usr/src/app\n';
  assert.deepEqual(drawn(script).filter((d) => d.code === 'run-cd' || d.code === 'cd-without-effect'), []);
  const [d] = runRule('cd-without-effect', 'FROM node:22\nRUN mkdir -p /srv/app && cd /srv/app\nCOPY . .\n');
  assert.equal(d!.range.start.line, 1);
  assert.equal(severityOf('cd-without-effect'), 'warning');
});

test('pipes whose failure cannot go unnoticed get no pipefail warning', () => {
  const quiet = [
    'FROM debian:12',
    'RUN curl -fsSL "https://example.com/app-$V.tar.gz" | tar -xz -C /opt',
    'RUN echo "$SHA256  app.tgz" | sha256sum -c -',
    'RUN arch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')"; echo "$arch"',
    'RUN if ldd /usr/local/bin/app | grep -q "not found"; then exit 1; fi',
    'RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg',
    'RUN find /usr/local -name "*.pyc" | wc -l',
  ].join('\n');
  assert.deepEqual(runRule('pipefail', quiet), []);
  assert.deepEqual(lines(runRule('pipefail', 'FROM debian:12\nRUN set -eux; \\\n    curl -fsSL https://example.com/install.sh | sh -s -- --prefix /usr/local\n')), [2]);
  assert.deepEqual(lines(runRule('pipefail', 'FROM golang:1.24\nRUN go test ./... | tee /out/test.log\n')), [1]);
});

// ---- missed: reported on their line ----

test('COPY --from naming no stage, but a part of one, is reported with the stage it meant', () => {
  const text = [
    'FROM golang:1.24 AS base',
    'FROM base AS notice-set',
    'RUN mkdir /out && ./hack/add-notices.sh /out',
    'FROM base AS test',
    'RUN go test ./...',
    'FROM scratch AS notice-update',
    'COPY --from=set /out /',
  ].join('\n');
  const [d] = runRule('unknown-stage', text);
  assert.equal(d!.range.start.line, 6);
  assert.match(d!.message, /Did you mean notice-set\?/);
  assert.deepEqual(d!.data, { replacement: 'notice-set' });
  assert.deepEqual(runRule('unknown-stage', 'FROM alpine:3.20\nCOPY --from=nginx /etc/nginx/nginx.conf /etc/\nCOPY --from=ghcr.io/acme/tools:1 /bin/tool /bin/\n'), [], 'official and full image references are images');
});

test('an archive copied from a build stage and unpacked and deleted in a later RUN is reported on both lines', () => {
  const text = [
    'FROM maven:3.9-eclipse-temurin-21 AS build',
    'RUN mvn -q package && tar -czf /target/app.tar.gz -C /target app',
    'FROM eclipse-temurin:21-jre',
    'WORKDIR /opt/app',
    'COPY --from=build /target/app.tar.gz .',
    'RUN tar -xzf app.tar.gz \\',
    '    && rm app.tar.gz',
  ].join('\n');
  assert.deepEqual(lines(runRule('copy-then-extract', text)), [4]);
  const [cleanup] = runRule('cleanup-in-later-layer', text);
  assert.equal(cleanup!.range.start.line, 6);
  assert.match(cleanup!.message, /line 5/);
  // The same file removed in the RUN that created it is fine; a small file removed later is not worth a warning.
  assert.deepEqual(runRule('cleanup-in-later-layer', 'FROM debian:12\nWORKDIR /tmp\nRUN curl -fsSLo app.tgz https://example.com/app.tgz && tar -xzf app.tgz && rm app.tgz\n'), []);
  assert.deepEqual(runRule('cleanup-in-later-layer', 'FROM python:3.13\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt && rm /tmp/requirements.txt\n'), []);
});

test('an exec form that is not valid JSON is reported as such, not as "use the exec form"', () => {
  const text = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node" "dist/main.js"]\n';
  const all = validateDockerfile(text);
  const invalid = all.filter((d) => d.code === 'invalid-json-form');
  assert.deepEqual(lines(invalid), [3]);
  assert.equal(invalid[0]!.severity, DiagnosticSeverity.Error);
  assert.match(invalid[0]!.message, /a comma is missing between "node" and "dist\/main.js"/);
  assert.deepEqual(all.filter((d) => d.code === 'json-args-recommended'), []);
  assert.match(runRule('invalid-json-form', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENTRYPOINT ["C:\\app\\app.exe"]\n')[0]!.message, /\\a is not an escape/);
});

test('a misspelt ARG in a RUN script is reported with the name it meant', () => {
  const text = 'FROM debian:12-slim\nARG RELEASE_VERSION=2.4.1\nRUN curl -fsSLo /tmp/app.deb "https://example.com/app_${RELEASE_VERSON}_amd64.deb"\n';
  const [d] = runRule('undefined-variable', text);
  assert.equal(d!.range.start.line, 2);
  assert.equal(d!.message, 'RELEASE_VERSON is not defined. Did you mean RELEASE_VERSION?');
  const fine = 'FROM debian:12\nARG VERSION=1\nRUN for VERSIONS in a b; do echo "$VERSIONS"; done\nRUN export TARGETS=x && echo "$TARGETS $VERSION"\n';
  assert.deepEqual(runRule('undefined-variable', fine), []);
  assert.deepEqual(runRule('undefined-variable', 'FROM nginx:1.27-alpine\nENV NJS_RELEASE=1\nRUN echo "${PKG_RELEASE}"\n'), [], 'a base image ENV further off is not a typo');
});

// ---- the build context ----

test('the build context comes from a compose file that builds the Dockerfile, or from what the client says', () => {
  const text = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';
  const uri = 'file:///repo/docker/api/Dockerfile';
  const compose = 'services:\n  api:\n    build:\n      context: ..\n      dockerfile: docker/api/Dockerfile\n';
  const viaCompose = context({ files: files({ 'file:///repo/docker/compose.yaml': compose, 'file:///repo/.dockerignore': 'dist\n', 'file:///repo/.git': 'x', 'file:///repo/package.json': '{}' }, ['file:///repo', 'file:///repo/docker', 'file:///repo/docker/api']) });
  const [d] = runRule('dockerignore-incomplete', text, viaCompose, uri);
  assert.match(d!.message, /\.git, node_modules/);
  assert.equal((d!.data as { ignoreUri: string }).ignoreUri, 'file:///repo/.dockerignore');
  const told = context({ files: files({ 'file:///ctx/.git': 'x' }, ['file:///ctx', 'file:///repo/docker/api']), facts: { buildContexts: [{ dockerfileUri: uri, contextUri: 'file:///ctx' }] } });
  assert.match(runRule('dockerignore-missing', text, told, uri)[0]!.message, /so \.git would be copied too/);
  assert.deepEqual(runRule('dockerignore-missing', text, context(), 'untitled:Dockerfile'), [], 'no folder on disk: nothing to say');
});

// ---- found on a second set of real files, read after the first round of fixes ----

test('microdnf is not told to add -y (it never asks), and "-y clean all" counts as a cleanup', () => {
  assert.deepEqual(runRule('dnf-yes', 'FROM oraclelinux:9-slim\nRUN microdnf install gzip tar && microdnf clean all\n'), []);
  assert.equal(runRule('dnf-yes', 'FROM fedora:41\nRUN dnf install gzip && dnf clean all\n').length, 1);
  assert.deepEqual(runRule('dnf-clean', 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install --assumeyes --nodocs shadow-utils \\\n    && microdnf -y clean all\n'), []);
});

test('a "# hadolint shell=powershell" comment makes RUN PowerShell, not sh', () => {
  const text = 'FROM acme-windows-tests\n# hadolint shell=powershell\nRUN & C:/tools/install.ps1 -Force\n';
  assert.deepEqual(validateDockerfile(text).filter((d) => d.severity === DiagnosticSeverity.Error), []);
});

test('Windows images: a variable Windows defines may be set and used on one ENV line', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV ProgramFiles="C:\\Program Files" `\n    TOOL_HOME="$ProgramFiles\\Tool"\n';
  assert.deepEqual(runRule('env-self-reference', text), []);
  assert.equal(runRule('env-self-reference', 'FROM debian:12\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n').length, 1);
});

test('a Dockerfile made for one platform may pin it', () => {
  const perArch = 'FROM --platform=linux/arm/v7 ubuntu:24.04 AS installer\nRUN echo\nFROM --platform=linux/arm/v7 ubuntu:24.04\nCOPY --from=installer /opt /opt\n';
  assert.deepEqual(runRule('platform-constant', perArch), []);
  assert.deepEqual(runRule('platform-constant', 'FROM --platform=linux/arm64 ubuntu:24.04\n', context(), 'file:///repo/release/ubuntu24.04-arm64/Dockerfile'), []);
  assert.equal(runRule('platform-constant', 'FROM --platform=linux/amd64 node:22\n', context(), 'file:///repo/Dockerfile').length, 1);
});

test('a shell-form command that execs its server, and images the project builds itself, are fine', () => {
  assert.deepEqual(runRule('json-args-recommended', 'FROM alpine:3.20\nCMD exec /usr/local/bin/server --port 8080\n'), []);
  assert.deepEqual(runRule('untagged-image', 'FROM acme-test-base\nRUN echo\n'), [], 'no official image has that name: it was built locally');
  assert.deepEqual(runRule('latest-tag', 'FROM app-tools:latest\nRUN echo\n'), []);
  assert.equal(runRule('untagged-image', 'FROM alpine\n').length, 1);
});

test('a relative COPY into an image that sets its own WORKDIR lands there on purpose', () => {
  assert.deepEqual(runRule('copy-relative-dest', 'FROM php:8.3-apache\nCOPY src/ ./\n'), []);
  assert.deepEqual(runRule('copy-relative-dest', 'FROM golang:1.24 AS build\nCOPY go.mod go.sum ./\nRUN go mod download\n'), []);
  assert.equal(runRule('copy-relative-dest', 'FROM python:3.13-slim\nCOPY requirements.txt .\n').length, 1);
  // Another image's working directory is not known (round 61: a team's base ending with WORKDIR /app, Red Hat's UBI images).
  assert.deepEqual(runRule('copy-relative-dest', 'FROM monorepo/java-service-base:v1\nCOPY build/libs/app.jar ./\n'), []);
  assert.deepEqual(runRule('copy-relative-dest', 'FROM registry.access.redhat.com/ubi9/nodejs-20\nCOPY dist ./\n'), []);
});

test('a zero HEALTHCHECK duration means the default and is no error', () => {
  assert.deepEqual(runRule('invalid-flag-value', 'FROM nginx:1.27\nHEALTHCHECK --interval=30s --start-period=0s CMD curl -f http://localhost/ || exit 1\n'), []);
  assert.equal(runRule('invalid-flag-value', 'FROM nginx:1.27\nHEALTHCHECK --timeout=500us CMD true\n').length, 1);
});

test('RUN with Windows paths makes an image of unknown family a Windows one: no sh parse of cmd or PowerShell', () => {
  const text = 'ARG BASE\nFROM $BASE\nRUN if exist C:\\app\\config.json (del C:\\app\\config.json)\n';
  assert.deepEqual(validateDockerfile(text).filter((d) => d.severity === DiagnosticSeverity.Error), []);
});

// ---- found on a third set of real files ----

test('giving a distroless or scratch image a /bin/sh is no re-linking of the shell', () => {
  assert.deepEqual(runRule('relink-sh', 'FROM gcr.io/distroless/static:debug\nSHELL ["/busybox/sh", "-c"]\nRUN ln -s /busybox/sh /bin/sh\n'), []);
  assert.deepEqual(runRule('relink-sh', 'FROM alpine:3.20\nRUN ln -snf busybox /bin/sh\n'), []);
  assert.equal(runRule('relink-sh', 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n').length, 1);
});

test('PATH is defined in every stage, also FROM scratch', () => {
  assert.deepEqual(runRule('undefined-variable', 'FROM alpine:3.20 AS rootfs\nRUN mkdir /out\nFROM scratch\nCOPY --from=rootfs /out/ /\nENV PATH="/opt/venv/bin:$PATH"\n'), []);
});

test('a stage FROM scratch that copies a whole root file system has its users', () => {
  const text = 'FROM postgres:17 AS builder\nRUN echo build\nFROM scratch\nCOPY --from=builder / /\nUSER postgres\n';
  assert.deepEqual(runRule('user-not-created', text), []);
  assert.equal(runRule('user-not-created', 'FROM scratch\nCOPY app /app\nUSER app\n').length, 1);
});

test('a script that moves around and ends with cd back up is not told to use WORKDIR', () => {
  assert.deepEqual(runRule('cd-without-effect', 'FROM alpine:3.20\nRUN cd /tmp/src && make install && cd ../..\n'), []);
  assert.deepEqual(runRule('cd-without-effect', 'FROM alpine:3.20\nRUN cd /tmp/src && make && cd /srv/app\n'), []);
});

test('sudo -u to drop privileges, and a placeholder in a secret-looking ENV, are fine', () => {
  assert.deepEqual(runRule('sudo', 'FROM archlinux:base\nRUN useradd builder && sudo -u builder bash -c "makepkg -s --noconfirm"\n'), []);
  assert.equal(runRule('sudo', 'FROM debian:12\nRUN sudo apt-get update\n').length, 1);
  assert.deepEqual(runRule('secret-in-arg-env', 'FROM mcr.microsoft.com/mssql/server:2022-latest\nENV SA_PASSWORD="_" ACCEPT_EULA=Y\n'), []);
  assert.equal(runRule('secret-in-arg-env', 'FROM node:22\nARG NPM_TOKEN\nENV DB_PASSWORD=hunter2\n').length, 2);
  // Round 12: a placeholder the run replaces (FLASK_SECRET_KEY="change-me", "your-api-key").
  for (const value of ['"change-me"', 'your-api-key', '<placeholder>', 'CHANGE_ME']) assert.deepEqual(runRule('secret-in-arg-env', `FROM python:3.12\nENV FLASK_SECRET_KEY=${value}\n`), [], value);
});

// ---- a fourth set, read without tuning first ----

test('USER root at the end is fine when the entrypoint or the server steps down', () => {
  assert.deepEqual(runRule('root-user', 'FROM php:8.3-apache\nUSER www-data\nRUN composer install\nUSER root\nCMD ["apache2-foreground"]\n'), []);
  assert.deepEqual(runRule('root-user', 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gosu\nUSER root\nENTRYPOINT ["/entrypoint.sh"]\n'), []);
  assert.deepEqual(runRule('root-user', 'FROM node:22\nUSER node\nRUN npm ci\nUSER root\nCMD ["node", "server.js"]\n'), [], 'root chosen for run time');
  assert.equal(runRule('root-user', 'FROM quay.io/jupyter/base-notebook:2025-01-06\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD ["start-notebook.py"]\n').length, 1, 'switched to root to install, never back');
});

test('labels Docker Desktop extensions and Operator bundles must carry are no label-key mistakes', () => {
  const text = 'FROM alpine:3.20\nLABEL com.docker.desktop.extension.api.version=">= 0.2.3" \\\n      com.docker.extension.publisher-url="https://example.com" \\\n      operators.operatorframework.io.metrics.project_layout=go.kubebuilder.io/v3\n';
  assert.deepEqual(runRule('invalid-label-key', text), []);
  assert.equal(runRule('invalid-label-key', 'FROM alpine:3.20\nLABEL com.docker.compose.project=x\n').length, 1);
});

test('a --from naming no stage and no part of one is taken for a named build context', () => {
  assert.deepEqual(runRule('unknown-stage', 'FROM ruby:3.3\nCOPY --from=templates /redis.template.yml /pups/redis.yml\n'), []);
});

test('the package manager a RUN calls must be the base image family\'s', () => {
  const [d] = runRule('package-manager-mismatch', 'FROM python:3.13-alpine\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\n');
  assert.match(d!.message, /apt-get is not in Alpine images \(python:3.13-alpine\); use apk add/);
  assert.equal(runRule('package-manager-mismatch', 'FROM mysql:8.4\nRUN apt-get update && apt-get install -y curl\n').length, 1, 'mysql is built on Oracle Linux');
  const portable = 'FROM alpine:3.20\nRUN if command -v apk > /dev/null; then apk add curl; else apt-get install -y curl; fi\n';
  assert.deepEqual(runRule('package-manager-mismatch', portable), []);
  assert.deepEqual(runRule('package-manager-mismatch', 'FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\n'), [], 'slim images are Debian');
  // apt-key is Debian's too: on Alpine it is the first of an apt recipe's RUNs to fail (round 21).
  assert.match(runRule('package-manager-mismatch', 'FROM ruby:2.7.2-alpine\nRUN apt-key add /tmp/yarn-pubkey.gpg\n')[0]!.message, /^apt-key is not in Alpine images/);
  assert.deepEqual(runRule('package-manager-mismatch', 'FROM debian:12\nRUN apt-key add /tmp/key.gpg\n'), []);
});

test('ADD of a local file builds what COPY builds: a hint with its fix, not a squiggle (unseen rounds 12-15: 36 of 68 judged not worth acting on)', () => {
  const text = 'FROM python:3.12-slim\nWORKDIR /app\nADD app.py requirements.txt ./\n';
  assert.deepEqual(runRule('add-instead-of-copy', text).map((d) => d.range.start.line), [2]);
  assert.equal(severityOf('add-instead-of-copy'), 'hint');
  assert.deepEqual(drawn(text).filter((d) => d.code === 'add-instead-of-copy'), []);
});

test('a moving tag on a stage that runs nothing and that no stage builds FROM is a hint: a new base cannot break the build (unseen rounds 15 and 16; rounds 31-35)', () => {
  const text = 'FROM node:22-alpine AS build\nRUN npm ci && npm run build\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n';
  assert.deepEqual(validateDockerfile(text).filter((d) => d.code === 'untagged-image').map((d) => [d.range.start.line, d.severity]), [[2, DiagnosticSeverity.Hint]]);
  const latest = 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:latest\nCOPY --from=build /app /app\nCMD ["/app"]\n';
  assert.deepEqual(validateDockerfile(latest).filter((d) => d.code === 'latest-tag').map((d) => d.severity), [DiagnosticSeverity.Hint]);
  // A stage that installs on its base, or that another stage builds FROM, is a hint too: rounds 25-28
  // judged 5 of 31 such warnings worth acting on, rounds 31-35 2 of 88 at information (a database
  // server's image stays information: 3 of 5).
  for (const [code, warned] of [
    ['untagged-image', 'FROM nginx\nRUN apt-get update && apt-get install -y certbot\nCOPY site /usr/share/nginx/html\n'],
    ['latest-tag', 'FROM alpine:latest\nRUN apk add --no-cache postgresql-client\nCOPY backup.sh /backup.sh\n'],
    ['latest-tag', 'FROM alpine:latest\nRUN ./setup.sh\n'],
    ['latest-tag', 'FROM alpine:latest AS base\nCOPY app /app\nFROM base\nRUN apk add --no-cache ca-certificates\n'],
  ] as const) assert.deepEqual(validateDockerfile(warned).filter((d) => d.code === code).map((d) => d.severity), [DiagnosticSeverity.Hint], warned);
  assert.deepEqual(validateDockerfile('FROM mysql\nRUN apt-get update && apt-get install -y --no-install-recommends vim && rm -rf /var/lib/apt/lists/*\n').filter((d) => d.code === 'untagged-image').map((d) => d.severity), [DiagnosticSeverity.Information]);
});

test('housekeeping on the base (certificates, a time zone, a user, a chmod) leaves a moving tag a hint (rounds 7-20: the alpine and nginx runtime stages judged noise)', () => {
  for (const text of [
    'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:latest\nRUN apk add --no-cache ca-certificates tzdata && adduser -D app\nCOPY --from=build /app /app\nUSER app\nCMD ["/app"]\n',
    'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:latest\nRUN apk update && apk add ca-certificates && rm -rf /var/cache/apk/*\nCOPY --from=build /app /app\nRUN chmod +x /app\n',
    'FROM nginx:latest\nRUN rm /etc/nginx/conf.d/default.conf\nCOPY nginx.conf /etc/nginx/conf.d/\n',
  ]) assert.deepEqual(validateDockerfile(text).filter((d) => d.code === 'latest-tag').map((d) => d.severity), [DiagnosticSeverity.Hint], text);
});
