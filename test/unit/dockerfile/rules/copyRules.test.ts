import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { checkRuleCases, context, files, runRule } from '../helpers';

test('COPY, ADD, WORKDIR and LABEL rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'workdir-relative', bad: 'FROM a\nWORKDIR app\n', good: 'FROM a\nWORKDIR /app\nWORKDIR sub\n', line: 1 },
    { rule: 'copy-shell-syntax', bad: 'FROM a\nCOPY poetry.lock* ./ 2>/dev/null || true\n', good: 'FROM a\nCOPY poetry.lock* pyproject.toml ./\nCOPY ["a", "||", "b/"]\nCOPY <<EOF /x\n2>/dev/null || true\nEOF\n', line: 1 },
    { rule: 'copy-multi-source-dest', bad: 'FROM a\nCOPY a b /dest\n', good: 'FROM a\nCOPY a b /dest/\nCOPY a /dest\nCOPY Gemfile Gemfile.lock .\nCOPY a b ..\nCOPY a b sub/.\n', line: 1 },
    { rule: 'copy-relative-dest', bad: 'FROM alpine\nCOPY a dest\n', good: 'FROM alpine\nWORKDIR /app\nCOPY a dest\n', line: 1 },
    { rule: 'add-instead-of-copy', bad: 'FROM a\nADD app.py /app/\n', good: 'FROM a\nADD https://x.io/a.tgz /x/\nADD rootfs.tar.gz /\nADD --checksum=sha256:00 x /y\n', line: 1 },
    { rule: 'copy-then-extract', bad: 'FROM a\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz\n', good: 'FROM a\nCOPY app.tar.gz /tmp/\nRUN ls\n', line: 1 },
    { rule: 'copy-whole-filesystem', bad: 'FROM a AS b\nRUN make\nFROM c\nCOPY --from=b / /\n', good: 'FROM a AS b\nFROM c\nCOPY --from=b /out /\nFROM tonistiigi/xx AS xx\nFROM d\nCOPY --from=xx / /\n', line: 3 },
    { rule: 'invalid-label-key', bad: 'FROM a\nLABEL My_Key=x\n', good: 'FROM a\nLABEL org.opencontainers.image.version=1\n', line: 1 },
  ], assert);
});

test('workdir-relative knows Windows paths under the backtick escape', () => {
  assert.equal(runRule('workdir-relative', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n').length, 0);
  assert.equal(runRule('workdir-relative', 'FROM debian:12\nWORKDIR C:\\app\n').length, 1);
  assert.equal(runRule('workdir-relative', 'FROM $BASE_IMAGE\nWORKDIR "c:\\inetpub\\wwwroot"\n').length, 0, 'a drive letter on an image of unknown family means Windows');
});

test('invalid-label-key flags reserved prefixes', () => {
  assert.match(runRule('invalid-label-key', 'FROM a\nLABEL com.docker.x=1\n')[0]!.message, /reserved/);
});

test('copy-then-extract does not tell ADD to unpack a zip (ADD unpacks tar archives only); a drive-letter path is absolute on any base', () => {
  const [zip] = runRule('copy-then-extract', 'FROM a\nCOPY tool.zip /opt\nRUN unzip /opt/tool.zip\n');
  assert.doesNotMatch(zip!.message, /ADD/);
  const [tar] = runRule('copy-then-extract', 'FROM a\nCOPY tool.tar.gz /opt/\nRUN tar xzf /opt/tool.tar.gz\n');
  assert.match(tar!.message, /Let ADD unpack it/);
  assert.deepEqual(runRule('workdir-relative', 'FROM mcr.microsoft.com/dotnet/sdk:6.0\nWORKDIR C:\\\\app\nWORKDIR C:/src\n'), []);
  assert.equal(runRule('workdir-relative', 'FROM debian:12\nWORKDIR app\n').length, 1);
});

test('copy-multi-source-dest leaves COPY -- from=build /a /a to unknown-flag: one source with a mistyped flag, one finding', () => {
  const text = 'FROM golang AS build\nFROM scratch\nCOPY -- from=build /a /a\nONBUILD COPY -- from=build /a /a\n';
  assert.deepEqual(runRule('copy-multi-source-dest', text), []);
  assert.equal(runRule('unknown-flag', text).length, 2);
  // A real second source after -- still counts.
  assert.equal(runRule('copy-multi-source-dest', 'FROM a\nCOPY -- a b /dest\n').length, 1);
});

test('copy-outside-context: a source with ../ never leaves the build context (round 11)', async (t) => {
  await checkRuleCases(t, [{ rule: 'copy-outside-context', bad: 'FROM nginx:1.27\nCOPY ../client/build/static /usr/share/nginx/html\n', good: 'FROM nginx:1.27\nCOPY client/build/static /usr/share/nginx/html\n', line: 1 }], assert);
  const [d] = runRule('copy-outside-context', 'FROM a\nCOPY ./../../policy/felix /opt/\n');
  assert.equal(d?.message, './../../policy/felix does not leave the build context: BuildKit reads it as policy/felix at the context\'s root (the legacy builder refuses it). Build with the folder above as the context and write the path from there.');
  assert.deepEqual(runRule('copy-outside-context', 'FROM a AS b\nCOPY --from=b ../x /y\nADD https://example.org/../x.tgz /z\nCOPY ..data /w\n'), []);
});

test('copy-outside-context: not where a compose file builds the Dockerfile from the folder the ../ points at, which holds the path (round 12)', () => {
  const text = 'FROM node:22-alpine\nCOPY ../client/package.json /app/\nCOPY ../missing /app/\n';
  const uri = 'file:///repo/docker/client.Dockerfile';
  const compose = 'services:\n  client:\n    build:\n      context: ..\n      dockerfile: docker/client.Dockerfile\n';
  const viaCompose = context({ files: files({ 'file:///repo/docker/compose.yaml': compose, 'file:///repo/client/package.json': '{}' }, ['file:///repo', 'file:///repo/docker', 'file:///repo/client']) });
  assert.deepEqual(runRule('copy-outside-context', text, viaCompose, uri).map((d) => d.range.start.line), [2]);
  // Built from its own folder (no compose file says otherwise), both are reported.
  const alone = context({ files: files({ 'file:///repo/client/package.json': '{}' }, ['file:///repo', 'file:///repo/docker', 'file:///repo/client']) });
  assert.equal(runRule('copy-outside-context', text, alone, uri).length, 2);
});

test('workdir-relative: on an official image whose working directory is /, the first relative WORKDIR is /name today: a hint (rounds 18-24)', async () => {
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  const severity = (text: string) => validateDockerfile(text).find((d) => d.code === 'workdir-relative')?.severity;
  assert.equal(severity('FROM rust:1.80 AS chef\nWORKDIR lrds\nCOPY . .\n'), 4);
  assert.equal(severity('FROM python:3.10-alpine\nWORKDIR app/\n'), 4);
  // AdoptOpenJDK's images keep / too (round 29: three Spring services).
  assert.equal(severity('FROM adoptopenjdk/openjdk11:latest\nWORKDIR application\n'), 4);
  assert.equal(severity('FROM adoptopenjdk:11-jre-hotspot\nWORKDIR application\n'), 4);
  // An image with a working directory of its own (golang's /go), or one not known, keeps the warning.
  assert.equal(severity('FROM golang:1.22\nWORKDIR app\n'), 2);
  assert.equal(severity('FROM acme/base:1\nWORKDIR app\n'), 2);
  assert.equal(severity('FROM alpine:3.20\nWORKDIR ["/bin/helm"]\n'), 2);
});

test('workdir-relative: WORKDIR . changes nothing, a hint that says so, with no fix to "/." (round 23)', () => {
  for (const text of ['FROM node:22\nWORKDIR .\nCOPY . .\n', 'FROM golang:1.24\nWORKDIR ./\n']) {
    const found = validateDockerfile(text).filter((d) => d.code === 'workdir-relative');
    assert.equal(found.length, 1, text);
    assert.equal(found[0]!.severity, 4);
    assert.match(found[0]!.message, /^WORKDIR \.\/? stays in the working directory the image already has, so it changes nothing/);
    assert.equal(found[0]!.data, undefined);
  }
  assert.equal(validateDockerfile('FROM golang:1.24\nWORKDIR ./app\n').find((d) => d.code === 'workdir-relative')?.severity, 2);
});

test('workdir-relative: the absolute path offered is resolved against the relative WORKDIRs above it (round 54)', () => {
  const found = runRule('workdir-relative', 'FROM eclipse-temurin:17\nWORKDIR app\nCOPY target/app.jar .\nWORKDIR storage/images\n');
  assert.deepEqual(found.map((d) => [d.message, (d.data as { replacement?: string }).replacement]), [
    ['WORKDIR app is relative; use an absolute path such as /app.', '/app'],
    ['WORKDIR storage/images is relative; use an absolute path such as /app/storage/images.', '/app/storage/images'],
  ]);
});

test('copy-shell-syntax: redirections and operators after the paths, one finding for the line (round 74: COPY poetry.lock* ./ 2>/dev/null || true)', () => {
  const text = 'FROM a\nWORKDIR /app\nCOPY poetry.lock* ./ 2>/dev/null || true\nCOPY nginx.conf /etc/nginx/conf.d/default.conf 2>/dev/null\nADD a.tgz /x/ && echo\nRUN pip install poetry\n';
  const found = runRule('copy-shell-syntax', text);
  assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]), [[2, 21, 40], [3, 47, 58], [4, 14, 21]]);
  assert.equal(found[0]!.message, 'COPY runs no shell: 2>/dev/null || true is read as more paths to copy, so the build stops. A copy cannot be made optional this way.');
  // The other COPY rules leave the line to it: ./ is no COPY . meant, true no destination meant.
  assert.deepEqual(runRule('copy-multi-source-dest', text), []);
  assert.deepEqual(runRule('copy-all-before-install', text), []);
  // Quoted, it is a name; a first word is a source.
  assert.deepEqual(runRule('copy-shell-syntax', 'FROM a\nCOPY "||" /x/\nCOPY a "2>x" /y/\n'), []);
});
