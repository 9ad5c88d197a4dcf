import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import type { CodeAction, TextEdit } from '../../../server/src/core/types';
import { LineIndex } from '../../../server/src/core/text';
import { context, doc, files } from './helpers';

const URI = 'file:///w/Dockerfile';

function apply(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => index.offsetAt(b.range.start) - index.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, index.offsetAt(e.range.start)) + e.newText + out.slice(index.offsetAt(e.range.end));
  return out;
}

function actionsFor(text: string, code: string, ctx = context()): CodeAction[] {
  const d = doc(text, URI);
  const diagnostics = service.validate(d, ctx).filter((x) => x.code === code);
  assert.ok(diagnostics.length > 0, `no ${code} diagnostic`);
  return service.codeActions!(d, diagnostics[0]!.range, [diagnostics[0]!], ctx);
}

/** Applies the first (preferred) fix for `code` and returns the new text. */
function fix(text: string, code: string, ctx = context()): string {
  const action = actionsFor(text, code, ctx).find((a) => a.isPreferred) ?? actionsFor(text, code, ctx)[0]!;
  return apply(text, action.edit!.changes[URI]!);
}

test('text fixes: typo, casing, exec form, legacy ENV, MAINTAINER, ADD, relative WORKDIR, trailing slash', () => {
  assert.equal(fix('FROM a:1\nRUNN x\n', 'unknown-instruction'), 'FROM a:1\nRUN x\n');
  assert.equal(fix('FROM a:1\nRUN x\nrun y\nCMD ["z"]\n', 'instruction-casing'), 'FROM a:1\nRUN x\nRUN y\nCMD ["z"]\n');
  assert.equal(fix('FROM a:1\nCMD node server.js\n', 'json-args-recommended'), 'FROM a:1\nCMD ["node", "server.js"]\n');
  assert.equal(fix("FROM a:1\nCMD ['node', 'x']\n", 'json-single-quotes'), 'FROM a:1\nCMD ["node", "x"]\n');
  assert.equal(fix('FROM a:1\nENV GREETING hello world\n', 'legacy-key-value'), 'FROM a:1\nENV GREETING="hello world"\n');
  // Written as YAML: the colon goes with the space (round 14).
  assert.equal(fix('FROM mysql:8\nENV MYSQL_ROOT_PASSWORD: secret\n', 'legacy-key-value'), 'FROM mysql:8\nENV MYSQL_ROOT_PASSWORD=secret\n');
  assert.equal(fix('FROM a:1\nMAINTAINER Jane <j@x.io>\n', 'maintainer-deprecated'), 'FROM a:1\nLABEL org.opencontainers.image.authors="Jane <j@x.io>"\n');
  assert.equal(fix('FROM a:1\nADD app.py /app/\n', 'add-instead-of-copy'), 'FROM a:1\nCOPY app.py /app/\n');
  assert.equal(fix('FROM a:1\nWORKDIR app\n', 'workdir-relative'), 'FROM a:1\nWORKDIR /app\n');
  assert.equal(fix('FROM a:1\nCOPY a b /dest\n', 'copy-multi-source-dest'), 'FROM a:1\nCOPY a b /dest/\n');
  assert.equal(fix('FROM a:1 AS deps\nFROM b:1\nCOPY ["package.json", "./"] --from=deps\n', 'misplaced-flag'), 'FROM a:1 AS deps\nFROM b:1\nCOPY --from=deps ["package.json", "./"]\n');
  assert.equal(fix('FROM b:1\nCOPY --link a b --chown=1000 /app/\n', 'misplaced-flag'), 'FROM b:1\nCOPY --link --chown=1000 a b /app/\n');
  assert.equal(fix('FROM a:1\nRUN export PATH=/opt/x/bin:$PATH LANG="C.UTF-8"\n', 'export-without-effect'), 'FROM a:1\nENV PATH=/opt/x/bin:$PATH LANG="C.UTF-8"\n');
  assert.equal(fix('FROM debian:12\nRUN apt-get install -y jq\n', 'apt-install-without-lists'), 'FROM debian:12\nRUN apt-get update && apt-get install -y jq\n');
  assert.equal(fix('FROM debian:12\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\nRUN sudo apt-get install -y b\n', 'apt-install-without-lists'), 'FROM debian:12\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\nRUN sudo apt-get update && sudo apt-get install -y b\n');
  assert.equal(fix('FROM a:1\nRUN a \\\n\n  b\n', 'empty-continuation'), 'FROM a:1\nRUN a \\\n  b\n');
  assert.equal(fix('FROM --platform=$TARGETPLATFORM a:1\n', 'redundant-target-platform'), 'FROM a:1\n');
  assert.equal(fix('FROM --platform=$BUILDPLATFORM a:1\n', 'build-platform-image'), 'FROM a:1\n');
  assert.equal(fix('FROM a:1\nCMD ["nginx", "-g", "\'daemon off;\'"]\n', 'exec-form-quotes'), 'FROM a:1\nCMD ["nginx", "-g", "daemon off;"]\n');
  assert.equal(fix('FROM a:1\nRUN echo $TARGETARCH\n', 'undefined-variable'), 'FROM a:1\nARG TARGETARCH\nRUN echo $TARGETARCH\n');
  assert.equal(fix('FROM a:1\nEXPOSE 8080:80/TCP\n', 'expose-invalid-format'), 'FROM a:1\nEXPOSE 80/TCP\n');
});

test('stage and variable typos are fixed to the suggestion; stage casing renames every reference', () => {
  assert.equal(fix('FROM a:1 AS builder\nFROM b:1\nCOPY --from=biulder /x /y\n', 'unknown-stage'), 'FROM a:1 AS builder\nFROM b:1\nCOPY --from=builder /x /y\n');
  assert.equal(fix('FROM a:1\nARG APP_DIR=/app\nWORKDIR $APP_DRI\n', 'undefined-variable'), 'FROM a:1\nARG APP_DIR=/app\nWORKDIR $APP_DIR\n');
  assert.equal(fix('ARG V=1\nFROM a:1\nCOPY app-$V.tgz /\n', 'undefined-variable'), 'ARG V=1\nFROM a:1\nARG V\nCOPY app-$V.tgz /\n');
  assert.equal(fix('FROM a:1 AS Build\nFROM b:1\nCOPY --from=Build /x /y\n', 'stage-name-casing'), 'FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /y\n');
});

test('package manager fixes add the missing switches', () => {
  assert.equal(fix('FROM a:1\nRUN apt-get install curl\n', 'apt-get-yes'), 'FROM a:1\nRUN apt-get install -y curl\n');
  assert.equal(fix('FROM a:1\nRUN apt-get install -y curl\n', 'apt-no-install-recommends'), 'FROM a:1\nRUN apt-get install --no-install-recommends -y curl\n');
  assert.equal(fix('FROM a:1\nRUN apk add curl\n', 'apk-no-cache'), 'FROM a:1\nRUN apk add --no-cache curl\n');
  assert.equal(fix('FROM a:1\nRUN apt-get update && apt-get install -y curl\n', 'apt-lists-cleanup'), 'FROM a:1\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n');
});

test('apt-get update alone is merged into the install RUN, with the list cleanup', () => {
  const text = 'FROM a:1\nRUN apt-get update\nRUN apt-get install -y curl\n';
  assert.equal(fix(text, 'apt-get-update-alone'), 'FROM a:1\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n');  // Nothing in the stage installs after it: the update is removed.
  assert.equal(fix('FROM a:1\nRUN apt-get update\nUSER node\n', 'apt-get-update-alone'), 'FROM a:1\nUSER node\n');
});

test('RUN cd dir && ... becomes WORKDIR dir + RUN ...', () => {
  assert.equal(fix('FROM a:1\nRUN cd /src && make\n', 'run-cd'), 'FROM a:1\nWORKDIR /src\nRUN make\n');
  assert.equal(fix('FROM a:1\nRUN cd /src && \\\n    make\n', 'run-cd'), 'FROM a:1\nWORKDIR /src\nRUN make\n');
});

test('the manifest is copied and installed before COPY . .', () => {
  const text = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "."]\n';
  assert.equal(fix(text, 'copy-all-before-install'), 'FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json* ./\nRUN npm ci\nCOPY . .\nCMD ["node", "."]\n');
});

test('.dockerignore: a command creates it, an edit extends it', () => {
  const folder = 'file:///w';
  const [create] = actionsFor('FROM a:1\nCOPY . .\n', 'dockerignore-missing', context({ files: files({}, [folder]) }));
  assert.equal(create!.command!.command, 'dockerWorkbench.createDockerignore');
  assert.equal((create!.command!.arguments![0] as { folderUri: string }).folderUri, folder);
  const ctx = context({ files: files({ [`${folder}/.dockerignore`]: 'dist', [`${folder}/.git`]: 'gitdir: ../.git/worktrees/w' }, [folder]) });
  const [extend] = actionsFor('FROM a:1\nCOPY . .\n', 'dockerignore-incomplete', ctx);
  assert.deepEqual(extend!.edit!.changes[`${folder}/.dockerignore`], [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, newText: '\n.git\n' }]);
});

test('every diagnostic of ours can be suppressed for its instruction', () => {
  const actions = actionsFor('FROM debian:12\n  RUN sudo x\n', 'sudo');
  const suppress = actions.find((a) => a.title.includes('Ignore sudo'))!;
  assert.equal(apply('FROM debian:12\n  RUN sudo x\n', suppress.edit!.changes[URI]!), 'FROM debian:12\n  # workbench ignore=sudo\n  RUN sudo x\n');
  const fixed = apply('FROM debian:12\n  RUN sudo x\n', suppress.edit!.changes[URI]!);
  assert.equal(service.validate(doc(fixed, 'file:///w2/Dockerfile'), context()).filter((d) => d.code === 'sudo').length, 0);
});

test('diagnostics from other sources get no actions', () => {
  const d = doc('FROM a\n', URI);
  assert.deepEqual(service.codeActions!(d, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 1, code: 'x', source: 'other', message: 'm' }], context()), []);
});

test('a misplaced directive moves to the top, below the directives already there', () => {
  assert.equal(fix('# Copyright the authors\n# syntax=docker/dockerfile:1\nFROM a\n', 'misplaced-directive'), '# syntax=docker/dockerfile:1\n# Copyright the authors\nFROM a\n');
  assert.equal(fix('# syntax=x\n# note\n# escape=`\nFROM a\n', 'misplaced-directive'), '# syntax=x\n# escape=`\n# note\nFROM a\n');
  assert.equal(fix('FROM a\n# check=skip=all', 'misplaced-directive'), '# check=skip=all\nFROM a\n');
});
