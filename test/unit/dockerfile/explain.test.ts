// "Explain this Dockerfile": for each kind of explanation, one case where it must be said and one
// where it must not (build vs run time, layer kind, cache invalidation, stages, the command in
// effect, heredocs, ONBUILD, the last build's layers), plus the Markdown and the request answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainDockerfile, type InstructionExplanation } from '../../../server/src/core/dockerfile/features/explain';
import { answerExplainRequest, explanationMarkdown, explainToMarkdown } from '../../../server/src/core/dockerfile/features/explainMarkdown';

function at(text: string, line: number): InstructionExplanation {
  const e = explainDockerfile(text);
  const found = [...e.globalArgs, ...e.stages.flatMap((s) => s.instructions)].find((i) => i.line === line);
  assert.ok(found, `an explanation for line ${line}`);
  return found;
}
const joined = (parts: string[]) => parts.join(' ');

test('build time vs run time: RUN works only during the build, CMD only when a container runs', () => {
  const text = 'FROM alpine:3.20\nRUN apk add curl\nCMD ["curl", "--version"]\n';
  const run = at(text, 2);
  assert.match(joined(run.buildTime), /temporary container while the image is built/);
  assert.match(joined(run.runTime), /does not run again when a container starts/);
  const cmd = at(text, 3);
  assert.match(joined(cmd.buildTime), /Nothing happens during the build/);
  assert.match(joined(cmd.runTime), /default command of a container: `\["curl", "--version"\]`/);
  assert.doesNotMatch(joined(cmd.runTime), /does not run again/);
});

test('ENV acts at build time and at run time; ARG only at build time', () => {
  const text = 'FROM alpine\nARG VERSION=1\nENV APP_HOME=/app\n';
  const env = at(text, 3);
  assert.match(joined(env.buildTime), /`APP_HOME` for the instructions after it/);
  assert.match(joined(env.runTime), /Containers start with `APP_HOME` in their environment/);
  const arg = at(text, 2);
  assert.match(joined(arg.runTime), /build arguments do not exist in containers/);
  assert.doesNotMatch(joined(arg.runTime), /Containers start with/);
});

test('layers: RUN, COPY and ADD make filesystem layers; ENV, CMD and friends only metadata; FROM and ARG none', () => {
  const text = 'ARG X=1\nFROM alpine\nCOPY a /a\nADD b.tar.gz /b\nRUN true\nENV A=1\nLABEL x=y\nEXPOSE 80\nUSER app\nWORKDIR /w\nCMD ["sh"]\n';
  const kinds = explainDockerfile(text).stages[0]!.instructions.map((i) => `${i.keyword}:${i.layer}`);
  assert.deepEqual(kinds, ['FROM:none', 'COPY:filesystem', 'ADD:filesystem', 'RUN:filesystem', 'ENV:metadata', 'LABEL:metadata', 'EXPOSE:metadata', 'USER:metadata', 'WORKDIR:metadata', 'CMD:metadata']);
  assert.equal(at(text, 1).layer, 'none');
  assert.match(at(text, 4).layerNote, /filesystem layer/);
  assert.match(joined(at(text, 4).buildTime), /unpacks a local tar archive/);
  assert.doesNotMatch(joined(at(text, 3).buildTime), /unpacks/);
});

test('cache: COPY from the context is invalidated by its files\' content, not by timestamps', () => {
  const text = 'FROM node:22\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\n';
  const copy = at(text, 3);
  assert.ok(copy.invalidatedBy.some((r) => /content of `package.json` in the build context/.test(r)));
  assert.ok(copy.notInvalidatedBy.some((r) => /modification time/.test(r)));
  assert.ok(!copy.invalidatedBy.some((r) => /build argument/.test(r)), 'no ARG in play');
  assert.match(joined(at(text, 5).buildTime), /whole build context/);
  assert.doesNotMatch(joined(copy.buildTime), /whole build context/);
});

test('cache: a RUN after an ARG is invalidated by a different build-arg value, even if it does not use it', () => {
  const withArg = 'FROM alpine\nARG VERSION=1.0\nRUN echo hello\n';
  assert.ok(at(withArg, 3).invalidatedBy.some((r) => /build argument `VERSION`.*even a command that does not use it/.test(r)));
  const withoutArg = 'FROM alpine\nRUN echo hello\n';
  assert.ok(!at(withoutArg, 2).invalidatedBy.some((r) => /build argument/.test(r)));
  assert.ok(at(withoutArg, 2).notInvalidatedBy.some((r) => /New content on the network/.test(r)));
});

test('cache: a line that uses a build argument names it; global ARGs pick the base image', () => {
  const text = 'ARG BASE=alpine:3.20\nFROM ${BASE}\nARG DIR=/srv\nWORKDIR ${DIR}\nWORKDIR /plain\n';
  assert.ok(at(text, 2).invalidatedBy.some((r) => /`BASE`, which picks another base image/.test(r)));
  assert.ok(at(text, 4).invalidatedBy.some((r) => /`DIR`, which this line uses/.test(r)));
  assert.ok(!at(text, 5).invalidatedBy.some((r) => /build argument/.test(r)));
  assert.match(joined(at(text, 1).buildTime), /for the FROM lines; a stage that needs it declares it again/);
});

test('cache: mounts — a cache mount and a secret do not invalidate, a bind mount of the context does', () => {
  const text = 'FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk --mount=type=secret,id=token apk add git\nRUN --mount=type=bind,source=go.sum,target=/x true\n';
  const cached = at(text, 2);
  assert.ok(cached.notInvalidatedBy.some((r) => /cache mount at `\/var\/cache\/apk`/.test(r)));
  assert.ok(cached.notInvalidatedBy.some((r) => /secret/.test(r)));
  assert.match(joined(cached.buildTime), /secret `token` is readable only while this command runs/);
  assert.ok(!cached.invalidatedBy.some((r) => /build context/.test(r)));
  assert.ok(at(text, 3).invalidatedBy.some((r) => /content of `go.sum` in the build context/.test(r)));
});

test('COPY --link is not rebuilt for an earlier change; a plain COPY is', () => {
  const text = 'FROM alpine\nCOPY --link a /a\nCOPY b /b\n';
  assert.ok(at(text, 2).notInvalidatedBy.some((r) => /--link/.test(r)));
  assert.ok(!at(text, 3).notInvalidatedBy.some((r) => /--link/.test(r)));
});

test('stages: the final one, the ones it needs, and the ones BuildKit skips', () => {
  const text = 'FROM golang:1.23 AS build\nRUN go build -o /app\n\nFROM build AS test\nRUN go test ./...\n\nFROM alpine:3.20 AS final\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n';
  const e = explainDockerfile(text);
  assert.deepEqual(e.stages.map((s) => [s.label, s.final, s.neededByFinal]), [['build', false, true], ['test', false, false], ['final', true, true]]);
  assert.deepEqual(e.summary.skippedStages, ['test']);
  assert.deepEqual(e.stages[1]!.base, { kind: 'stage', name: 'build' });
  assert.deepEqual(e.stages[2]!.dependsOn, ['build']);
  assert.ok(e.stages[1]!.instructions[0]!.invalidatedBy.some((r) => /Any rebuilt step in stage `build`/.test(r)));
  assert.ok(e.stages[2]!.instructions[1]!.invalidatedBy.some((r) => /what stage `build` produced at `\/app`/.test(r)));
  assert.match(joined(e.stages[0]!.instructions[0]!.runTime), /only the final stage becomes the image/);
  assert.doesNotMatch(joined(e.stages[2]!.instructions[0]!.runTime), /only the final stage becomes the image/);
  assert.equal(e.summary.finalBase, 'alpine:3.20');
  assert.equal(e.summary.stageCount, 3);
  // A single stage skips nothing.
  assert.deepEqual(explainDockerfile('FROM alpine\nRUN true\n').summary.skippedStages, []);
});

test('summary: the final image\'s base follows FROM through other stages', () => {
  const e = explainDockerfile('FROM python:3.12-slim AS base\nRUN pip install flask\nFROM base\nCOPY app.py .\n');
  assert.equal(e.summary.finalBase, 'python:3.12-slim');
  assert.equal(e.summary.filesystemLayers, 2, 'the RUN of the base stage and the COPY end up in the final image');
  assert.equal(explainDockerfile('FROM scratch\nCOPY app /\n').summary.finalBase, 'scratch');
});

test('summary: how ENTRYPOINT and CMD combine', () => {
  const both = explainDockerfile('FROM python:3.12\nENTRYPOINT ["python", "app.py"]\nCMD ["--port", "80"]\n').summary;
  assert.match(both.effectiveCommand, /`python app.py --port 80`: the ENTRYPOINT, followed by the CMD as its default arguments/);
  const shellEntrypoint = explainDockerfile('FROM alpine\nENTRYPOINT exec my-app\nCMD ["--verbose"]\n').summary;
  assert.match(shellEntrypoint.effectiveCommand, /`\/bin\/sh -c "exec my-app"`.*CMD and any arguments given to docker run are ignored/);
  const cmdOnly = explainDockerfile('FROM alpine\nCMD echo hi\n').summary;
  assert.match(cmdOnly.effectiveCommand, /`\/bin\/sh -c "echo hi"`; a command given to docker run replaces it/);
  assert.equal(cmdOnly.entrypoint, undefined);
  const inherited = explainDockerfile('FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n').summary;
  assert.match(inherited.effectiveCommand, /neither CMD nor ENTRYPOINT, so containers run what the base image `nginx:1.27` sets/);
  const fromStage = explainDockerfile('FROM alpine AS base\nCMD ["sh"]\nFROM base\nRUN true\n').summary;
  assert.equal(fromStage.cmd?.stage, 'base', 'CMD inherited from the stage it builds on');
  const reset = explainDockerfile('FROM alpine AS base\nCMD ["sh"]\nFROM base\nENTRYPOINT ["/bin/app"]\n').summary;
  assert.equal(reset.cmd, undefined, 'an ENTRYPOINT clears the inherited CMD');
  assert.match(reset.effectiveCommand, /No CMD is in effect/);
});

test('an earlier CMD is replaced by a later one', () => {
  const text = 'FROM alpine\nCMD ["a"]\nCMD ["b"]\n';
  assert.match(joined(at(text, 2).runTime), /No effect: a later CMD/);
  assert.doesNotMatch(joined(at(text, 3).runTime), /No effect/);
});

test('heredocs: a RUN script and an inline COPY file', () => {
  const text = 'FROM alpine\nRUN <<EOF\napk add curl\nrm -rf /var/cache/apk/*\nEOF\nCOPY <<EOT /etc/motd\nHello\nEOT\nRUN apk add git\n';
  const run = at(text, 2);
  assert.equal(run.endLine, 5);
  assert.match(joined(run.buildTime), /lines of the heredoc \(`<<EOF`\) are the script it runs/);
  assert.ok(run.invalidatedBy.some((r) => /in its heredoc/.test(r)));
  const copy = at(text, 6);
  assert.match(joined(copy.buildTime), /Writes the inline file `<<EOT` \(a heredoc\) to `\/etc\/motd`/);
  assert.ok(copy.invalidatedBy.some((r) => /inline file text/.test(r)));
  assert.ok(!copy.invalidatedBy.some((r) => /build context/.test(r)), 'a heredoc copies nothing from the context');
  assert.doesNotMatch(joined(at(text, 9).buildTime), /heredoc/);
});

test('ONBUILD stores a trigger and explains what it will do later', () => {
  const text = 'FROM node:22\nONBUILD COPY . /src\nONBUILD ENV A=1\n';
  const copy = at(text, 2);
  assert.equal(copy.layer, 'metadata');
  assert.match(joined(copy.buildTime), /Nothing runs now.*builds FROM this image/);
  assert.match(joined(copy.buildTime), /When it fires in that other build: Copies `.` from the build context/);
  assert.match(copy.layerNote, /When it fires, `COPY` adds a filesystem layer/);
  assert.match(at(text, 3).layerNote, /Only metadata here, and when it fires too/);
});

test('exec form and shell form of RUN, and the shell a SHELL instruction sets', () => {
  const text = 'FROM alpine\nRUN ["echo", "$HOME"]\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo $HOME | cat\n';
  assert.match(joined(at(text, 2).buildTime), /Exec form: .* \$VARIABLES and && are not interpreted/);
  assert.match(joined(at(text, 4).buildTime), /Shell form: the command runs through the shell \(`\/bin\/bash -o pipefail -c`\)/);
});

test('the last build: sizes and cache state matched onto the final stage, base layers left out', () => {
  const text = 'FROM busybox\nWORKDIR /app\nRUN echo setup > /setup\nCOPY app.sh .\nCMD ["sh", "app.sh"]\n';
  const layers = [
    { createdBy: 'ADD file:abc in /', size: 4_000_000 },
    { createdBy: 'CMD ["sh"]', size: 0 },
    { createdBy: 'WORKDIR /app', size: 0 },
    { createdBy: 'RUN /bin/sh -c echo setup > /setup # buildkit', size: 6, cached: true },
    { createdBy: 'COPY app.sh . # buildkit', size: 30, cached: false },
    { createdBy: 'CMD ["sh" "app.sh"]', size: 0 },
  ];
  const e = explainDockerfile(text, { image: 'learn-cache:latest', layers });
  const built = e.stages[0]!.instructions.map((i) => (i.built ? `${i.keyword}:${i.built.size}:${i.built.cached}` : `${i.keyword}:-`));
  assert.deepEqual(built, ['FROM:-', 'WORKDIR:0:undefined', 'RUN:6:true', 'COPY:30:false', 'CMD:0:undefined']);
  assert.deepEqual(e.summary.lastBuild, { image: 'learn-cache:latest', matched: 4, cached: 1 });
  const md = explanationMarkdown(e);
  assert.match(md, /\| 3 \| `RUN echo setup > \/setup` \| filesystem layer \| 6 B, from the cache \|/);
  assert.match(md, /\| 4 \| `COPY app.sh .` \| filesystem layer \| 30 B, built again \|/);
  const unbuilt = explanationMarkdown(explainDockerfile(text));
  assert.doesNotMatch(unbuilt, /from the cache \|/);
  assert.match(unbuilt, /Build this Dockerfile with Docker Workbench to see each layer/);
});

test('the Markdown has the summary, build vs run time, the cache rules, and each stage with its lines', () => {
  const { markdown } = explainToMarkdown('# syntax=docker/dockerfile:1\nFROM alpine AS base\nRUN apk add curl\nFROM base\nCMD ["curl", "--help"]\n', 'Dockerfile.dev');
  assert.match(markdown, /^# Explanation of Dockerfile\.dev/);
  assert.match(markdown, /## Summary/);
  assert.match(markdown, /## Build time and run time/);
  assert.match(markdown, /## How the build cache works/);
  assert.match(markdown, /## Stage 1 of 2: `base`/);
  assert.match(markdown, /## Stage 2 of 2\n/);
  assert.match(markdown, /#### Line 3 · `RUN apk add curl`/);
  assert.match(markdown, /- \*\*Build time:\*\*/);
  assert.match(markdown, /- \*\*Run time:\*\*/);
  assert.match(markdown, /- \*\*Rebuilt from this line on when:\*\*/);
  assert.doesNotMatch(markdown, /\n{3,}/);
});

test('an empty file and a file without FROM say what is missing', () => {
  const { markdown } = explainToMarkdown('# only a comment\n');
  assert.match(markdown, /no FROM line yet/);
  const e = explainDockerfile('');
  assert.equal(e.stages.length, 0);
  assert.equal(e.summary.stageCount, 0);
});

test('an unknown instruction is called out', () => {
  const i = at('FROM alpine\nRUNN echo\n', 2);
  assert.match(joined(i.buildTime), /`RUNN` is not a Dockerfile instruction/);
  assert.equal(i.layer, 'none');
});

test('the request answer uses the text sent, else the open document, and what was built from it', () => {
  const built = { dockerfileUri: 'file:///w/Dockerfile', image: 'app:1', imageId: 'sha256:1', layers: [{ createdBy: 'RUN /bin/sh -c true # buildkit', size: 10, cached: true }] };
  const sent = answerExplainRequest({ uri: 'file:///w/Dockerfile', text: 'FROM alpine\nRUN true\n' }, () => undefined, [built]);
  assert.match(sent!.markdown, /10 B, from the cache/);
  const open = answerExplainRequest({ uri: 'file:///w/Dockerfile' }, () => 'FROM alpine\nRUN true\n', []);
  assert.match(open!.markdown, /# Explanation of Dockerfile/);
  assert.doesNotMatch(open!.markdown, /from the cache \|/);
  assert.equal(answerExplainRequest({ uri: 'file:///w/Other' }, () => undefined, []), null);
});

test('a CMD under an ENTRYPOINT is described as its default arguments; a plain CMD as the command', () => {
  const withEntrypoint = at('FROM alpine\nENTRYPOINT ["app"]\nCMD ["--help"]\n', 3);
  assert.match(joined(withEntrypoint.runTime), /default arguments of the ENTRYPOINT: `\["--help"\]`/);
  assert.doesNotMatch(joined(withEntrypoint.runTime), /default command of a container/);
  const plain = at('FROM alpine\nCMD ["app", "--help"]\n', 2);
  assert.match(joined(plain.runTime), /default command of a container/);
  const shellUnderEntrypoint = at('FROM alpine\nENTRYPOINT ["app"]\nCMD --help\n', 3);
  assert.match(joined(shellUnderEntrypoint.runTime), /shell and all: write the CMD as a JSON array/);
});

test('the summary counts one layer in the singular', () => {
  assert.match(explainToMarkdown('FROM alpine\nCOPY a /a\nCMD ["sh"]\n').markdown, /adds 1 filesystem layer to the final image/);
  assert.match(explainToMarkdown('FROM alpine\nCOPY a /a\nRUN true\n').markdown, /adds 2 filesystem layers/);
});
