import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { Analysis } from '../../../../server/src/core/dockerfile/analysis/analysis';
import { validateAnalysis } from '../../../../server/src/core/dockerfile/validation/validate';
import { ruleById } from '../../../../server/src/core/dockerfile/validation/rules/allRules';

const app = 'file:///work/app';
/** The Dockerfile at file:///work/app/Dockerfile with these files beside it; `x` lists those with the execute bit. */
const beside = (map: Record<string, string>, x: string[] = []) => () =>
  context({ files: files(Object.fromEntries(Object.entries(map).map(([name, text]) => [`${app}/${name}`, text])), [app], x.map((name) => `${app}/${name}`)) });
const SCRIPT = '#!/bin/sh\nset -e\nexec "$@"\n';
const CRLF = '#!/bin/sh\r\nset -e\r\nexec "$@"\r\n';

test('script rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'script-not-executable', bad: 'FROM alpine\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n', good: 'FROM alpine\nCOPY entrypoint.sh /\nRUN chmod +x /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n', line: 2, ctx: beside({ 'entrypoint.sh': SCRIPT }) },
    { rule: 'script-crlf', bad: 'FROM alpine\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n', good: 'FROM alpine\nCOPY entrypoint.sh /\nRUN dos2unix /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n', line: 2, ctx: beside({ 'entrypoint.sh': CRLF }, ['entrypoint.sh']) },
    { rule: 'script-no-shebang', bad: 'FROM alpine\nCOPY start.sh /\nCMD ["/start.sh"]\n', good: 'FROM alpine\nCOPY start.sh /\nCMD ["sh", "/start.sh"]\n', line: 2, ctx: beside({ 'start.sh': 'set -e\nexec node app.js\n' }, ['start.sh']) },
  ], assert);
});

test('script-not-executable: what runs the script, where it is copied to, and what gives it the permission', () => {
  const ctx = beside({ 'entrypoint.sh': SCRIPT, 'gradlew': '#!/bin/sh\n', 'scripts/run.sh': SCRIPT, 'bin/tool.sh': SCRIPT, 'ok.sh': SCRIPT }, ['ok.sh']);
  const lines = (text: string) => runRule('script-not-executable', text, ctx()).map((d) => d.range.start.line);
  // Run by the kernel: exec and shell forms, after an init, a RUN by its path, a bare name in the PATH.
  assert.deepEqual(lines('FROM alpine\nCOPY entrypoint.sh /usr/local/bin/\nENTRYPOINT ["tini", "--", "entrypoint.sh"]\n'), [2]);
  assert.deepEqual(lines('FROM alpine\nWORKDIR /app\nCOPY . .\nENTRYPOINT ./entrypoint.sh\n'), [3]);
  assert.deepEqual(lines('FROM eclipse-temurin:21\nWORKDIR /src\nCOPY . .\nRUN ./gradlew build\n'), [3]);
  // Once per script: the second RUN of it fails for the same cause.
  assert.deepEqual(lines('FROM eclipse-temurin:21\nWORKDIR /src\nCOPY . .\nRUN ./gradlew deps\nRUN ./gradlew build\nCMD ["./gradlew", "run"]\n'), [3]);
  assert.deepEqual(lines('FROM alpine\nCOPY scripts /opt/scripts\nCMD ["/opt/scripts/run.sh"]\n'), [2]);
  assert.deepEqual(lines('FROM alpine\nCOPY bin/*.sh /usr/bin/\nRUN /usr/bin/tool.sh\n'), [2]);
  // A parent stage's COPY, the final stage's ENTRYPOINT.
  assert.deepEqual(lines('FROM alpine AS base\nCOPY entrypoint.sh /\nFROM base\nENTRYPOINT ["/entrypoint.sh"]\n'), [3]);
  // Through a shell, with the bit, with chmod anywhere in the chain, COPY --chmod with an execute bit: nothing.
  assert.deepEqual(lines('FROM alpine\nCOPY entrypoint.sh /\nENTRYPOINT ["sh", "/entrypoint.sh"]\nFROM alpine\nCOPY entrypoint.sh /\nRUN bash /entrypoint.sh\n'), []);
  assert.deepEqual(lines('FROM alpine\nCOPY ok.sh /\nENTRYPOINT ["/ok.sh"]\n'), []);
  assert.deepEqual(lines('FROM alpine AS base\nCOPY . /app\nRUN chmod -R 755 /app\nFROM base\nCMD ["/app/entrypoint.sh"]\n'), []);
  assert.deepEqual(lines('FROM alpine\nCOPY --chmod=755 entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n'), []);
  assert.deepEqual(lines('FROM alpine\nCOPY --chmod=644 entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n'), [2]);
  // A chmod of another file does not give this one the bit (round 58: target/protoc-plugins beside ./mvnw); one of its name, a pattern, a folder it is in, or find's does.
  assert.deepEqual(lines('FROM eclipse-temurin:21\nWORKDIR /src\nCOPY gradlew .\nRUN mkdir -p target/plugins && chmod a+x /src/target/plugins\nRUN ./gradlew build\n'), [4]);
  assert.deepEqual(lines('FROM eclipse-temurin:21\nWORKDIR /src\nCOPY gradlew .\nRUN chmod 644 gradlew\nRUN ./gradlew build\n'), [4]);
  assert.deepEqual(lines('FROM alpine\nCOPY entrypoint.sh /docker-entrypoint.sh\nRUN chmod +x /docker-entrypoint.sh\nENTRYPOINT ["/docker-entrypoint.sh"]\n'), []);
  for (const chmod of ['chmod +x gradlew', 'chmod +x ./gradlew', 'chmod 755 /src/gradlew', 'chmod +x *', 'chmod +x $APP/gradlew', 'chmod -R 755 /src', 'chmod -R u+x .', 'find . -name gradlew -exec chmod +x {} ;', 'chmod u+x,g+x gradlew']) {
    assert.deepEqual(lines(`FROM eclipse-temurin:21\nWORKDIR /src\nCOPY gradlew .\nRUN ${chmod}\nRUN ./gradlew build\n`), [], chmod);
  }
  // The file another stage made, a later COPY --from over it, a RUN before the COPY, a stage nothing runs.
  assert.deepEqual(lines('FROM alpine AS b\nRUN touch /x.sh\nFROM alpine\nCOPY entrypoint.sh /x.sh\nCOPY --from=b /x.sh /x.sh\nENTRYPOINT ["/x.sh"]\n'), []);
  assert.deepEqual(lines('FROM alpine\nRUN /entrypoint.sh\nCOPY entrypoint.sh /\n'), []);
  assert.deepEqual(lines('FROM alpine AS tools\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\nFROM alpine\nCOPY --from=tools /entrypoint.sh /e\nCMD ["true"]\n'), []);
  // Variables, and a Windows image: nothing is assumed.
  assert.deepEqual(lines('FROM alpine\nARG S=entrypoint.sh\nCOPY $S /\nENTRYPOINT ["/entrypoint.sh"]\n'), []);
  assert.deepEqual(lines('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY entrypoint.sh C:/\nENTRYPOINT ["C:/entrypoint.sh"]\n'), []);
});

test('script-not-executable: not told where modes are unknown (Windows) or a build script runs chmod; the fix adds --chmod=755', () => {
  const text = 'FROM alpine\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n';
  assert.deepEqual(runRule('script-not-executable', text, context({ files: files({ [`${app}/entrypoint.sh`]: SCRIPT }, [app]) })), []);
  assert.deepEqual(runRule('script-not-executable', text, beside({ 'entrypoint.sh': SCRIPT, 'build.sh': 'chmod +x entrypoint.sh\ndocker build .\n' })()), []);
  const [d] = runRule('script-not-executable', text, beside({ 'entrypoint.sh': SCRIPT })());
  assert.deepEqual(d?.data, { append: ' --chmod=755', appendAt: 16 });
  assert.match(d!.message, /entrypoint\.sh has no execute permission in the build context \(entrypoint\.sh\).*"permission denied"/);
});

test('script-crlf: a broken #! line is an error, a script run by a shell a warning; LF files and conversions are fine', () => {
  const ctx = beside({ 'entrypoint.sh': CRLF, 'setup.sh': 'set -e\r\napk add curl\r\n', 'lf.sh': SCRIPT, 'app.py': 'print(1)\r\n' }, ['entrypoint.sh', 'setup.sh', 'lf.sh']);
  // At the default severities (runRule would choose the rule's, which a report's own lower one gives way to).
  const got = (text: string) => validateAnalysis(Analysis.of(text), `${app}/Dockerfile`, ctx(), [ruleById('script-crlf')!]).map((d) => [d.range.start.line, d.severity]);
  assert.deepEqual(got('FROM alpine\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n'), [[2, 1]]);
  assert.deepEqual(got('FROM alpine\nCOPY setup.sh /tmp/\nRUN sh /tmp/setup.sh\n'), [[2, 2]]);
  assert.deepEqual(got('FROM alpine\nCOPY lf.sh /\nENTRYPOINT ["/lf.sh"]\n'), []);
  assert.deepEqual(got('FROM python:3.12\nCOPY app.py /\nCMD ["python", "/app.py"]\n'), []);
  assert.deepEqual(got("FROM alpine\nCOPY entrypoint.sh /\nRUN sed -i 's/\\r$//' /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n"), []);
  const [d] = runRule('script-crlf', 'FROM alpine\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n', ctx());
  assert.match(d!.message, /asks for "\/bin\/sh" followed by a carriage return/);
});

test('script-no-shebang: only an exec-form ENTRYPOINT or CMD; a byte order mark before #! is told too', () => {
  const ctx = beside({ 'start.sh': 'node app.js\n', 'bom.sh': '\uFEFF#!/bin/sh\nnode app.js\n', 'ok.sh': SCRIPT }, ['start.sh', 'bom.sh', 'ok.sh']);
  const got = (text: string) => runRule('script-no-shebang', text, ctx()).map((d) => d.message.slice(0, 40));
  assert.equal(got('FROM node:22\nCOPY start.sh /\nENTRYPOINT ["/start.sh"]\n').length, 1);
  assert.match(got('FROM node:22\nCOPY bom.sh /\nENTRYPOINT ["/bom.sh"]\n')[0]!, /byte order mark/);
  // node's entrypoint (a shell script) runs the CMD with exec, and a shell runs a file with no #! line (round 33).
  assert.equal(got('FROM node:16.13.0\nCOPY start.sh /\nCMD ["/start.sh"]\n').length, 0);
  assert.equal(got('FROM python:3.12\nCOPY start.sh /\nCMD ["/start.sh"]\n').length, 1);
  assert.deepEqual(got('FROM node:22\nCOPY start.sh /\nENTRYPOINT /start.sh\nFROM node:22\nCOPY start.sh /\nRUN /start.sh\nFROM node:22\nCOPY ok.sh /\nCMD ["/ok.sh"]\n'), []);
});

test('script rules read nothing where no script is copied and run', () => {
  let reads = 0;
  const base = files({ [`${app}/entrypoint.sh`]: SCRIPT }, [app], []);
  const counting = { ...base, readText: (uri: string) => { reads++; return base.readText(uri); } };
  for (const id of ['script-not-executable', 'script-crlf', 'script-no-shebang']) runRule(id, 'FROM alpine\nRUN echo hi\nCMD ["node", "app.js"]\n', context({ files: counting }));
  assert.equal(reads, 0);
});

test('script rules follow at most 64 launches, whatever the file holds', () => {
  const runs = Array.from({ length: 1000 }, (_, i) => `RUN ./step${i % 200}.sh`).join('\n');
  const copies = Array.from({ length: 200 }, (_, i) => `COPY step${i}.sh ./`).join('\n');
  const text = `FROM alpine\nWORKDIR /app\n${copies}\n${runs}\n`;
  const map = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`step${i}.sh`, SCRIPT]));
  const found = runRule('script-not-executable', text, beside(map)());
  assert.equal(found.length, 64);
});

test('script-missing: a start script only COPY . could bring, which the build context does not have (round 52)', async (t) => {
  const project = beside({ 'package.json': '{}', 'index.js': '' });
  await checkRuleCases(t, [
    { rule: 'script-missing', bad: 'FROM node:18-alpine\nWORKDIR /app\nCOPY package.json .\nCOPY . .\nENTRYPOINT ["/bin/sh", "./develop.sh", "start"]\n', good: 'FROM node:18-alpine\nWORKDIR /app\nCOPY package.json .\nCOPY . .\nENTRYPOINT ["node", "index.js"]\n', line: 4, ctx: project },
  ], assert);
  const check = (text: string, ctx = project) => runRule('script-missing', text, ctx());
  // Round 52's: node_modules from another stage, an install and a build in between.
  const medusa = 'FROM node:20 AS deps\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nFROM node:18-alpine AS builder\nWORKDIR /app\nCOPY --from=deps /app/node_modules /app/node_modules\nRUN apk add python3\nCOPY . .\nRUN yarn build\nENTRYPOINT ["/bin/sh", "./develop.sh", "start"]\n';
  assert.deepEqual(check(medusa).map((d) => d.range.start.line), [10]);
  // A RUN that copies or fetches, a program a build makes (make: bin/app), a folder with no project's manifest.
  assert.deepEqual(check(medusa.replace('RUN yarn build', 'RUN cp scripts/*.sh .')), []);
  assert.deepEqual(check('FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN make\nENTRYPOINT ["bin/app"]\n'), []);
  assert.deepEqual(check(medusa, beside({ 'README.md': '' })), []);
  assert.match(check('FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["./start.sh"]\n')[0]!.message, /^\.\/start\.sh is not in the image: the build context has no start\.sh for COPY \. to bring/);
  for (const text of [
    // There, made by a RUN, brought by another copy or a folder, an absolute path (the base image may have it), another image.
    'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["sh", "./index.js"]\n',
    'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN echo "node index.js" > start.sh\nCMD ["sh", "./start.sh"]\n',
    'FROM node:20\nWORKDIR /app\nCOPY . .\nCOPY scripts/start.sh .\nCMD ["sh", "./start.sh"]\n',
    'FROM node:20\nWORKDIR /app\nCOPY scripts .\nCOPY . .\nCMD ["sh", "./start.sh"]\n',
    'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["/docker-entrypoint.sh"]\n',
    'FROM acme/app-base:1\nWORKDIR /app\nCOPY . .\nCMD ["sh", "./start.sh"]\n',
    'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nFROM node:20\nWORKDIR /app\nCOPY --from=build /app .\nCMD ["sh", "./start.sh"]\n',
  ]) assert.deepEqual(check(text), [], text);
  assert.deepEqual(check('FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["sh", "./start.sh"]\n', beside({ 'package.json': '{}', 'start.sh': 'node index.js\n' })), []);
});
