// The safety net of incremental validation: after every edit, the language service's
// diagnostics (parsed and validated incrementally from the previous version) must equal a
// validation from scratch of the same text, exactly: rules, messages, ranges, severities, data
// and order. The edits run over every Dockerfile of the repository's corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { analysisOf, dockerfileLanguageService as service, validateDockerfile } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { nextAnalysis } from '../../../server/src/core/dockerfile/analysis/nextAnalysis';
import { IncrementalValidator } from '../../../server/src/core/dockerfile/validation/incrementalValidation';
import { unitKeyStats, unitsOf } from '../../../server/src/core/dockerfile/validation/validationUnits';
import { rule, DATA_OFFSETS, DATA_SPANS } from '../../../server/src/core/dockerfile/validation/rules/rule';
import type { ServiceContext } from '../../../server/src/core/languageService';
import type { Diagnostic } from '../../../server/src/core/types';
import { context, files } from './helpers';
import { applyEdit, corpusDockerfiles, nextEdit } from './editing';
import { random } from '../seededRandom';

const folder = 'file:///work/app';
const uri = `${folder}/Dockerfile`;

/** Contexts that switch on different rules: defaults, a .dockerignore and a hadolint config, every rule on. */
const contexts: [string, () => ServiceContext][] = [
  ['defaults', () => context()],
  ['with context files', () => context({
    files: files({ [`${folder}/.dockerignore`]: 'node_modules\n*.md\n', [`${folder}/package.json`]: '{}', [`${folder}/.hadolint.yaml`]: 'trustedRegistries: [docker.io]\nlabel-schema:\n  maintainer: text\n' }, [folder]),
    facts: { images: [{ name: 'node:20', id: 'sha256:1', size: 1, created: 1, platform: 'linux/amd64' }] },
  })],
  ['every rule on', () => context({ rules: { 'missing-healthcheck': 'warning', 'no-inline-ignore': 'hint', 'definition-description': 'information', 'consecutive-run': 'error' } })],
];

function version(text: string, v: number) {
  return { uri, version: v, getText: () => text };
}

/** Numbers and spans in data must sit under the keys incremental validation moves. */
function checkDataKeys(list: Diagnostic[]): void {
  for (const d of list) {
    for (const [key, value] of Object.entries((d.data ?? {}) as Record<string, unknown>)) {
      // Package rules' `at` is an offset in the RUN script, which moves with nothing.
      if (typeof value === 'number' && key !== 'at') assert.ok(DATA_OFFSETS.includes(key), `${d.code}: data.${key} is a number but not in DATA_OFFSETS`);
      if (value && typeof value === 'object' && 'start' in value) assert.ok(DATA_SPANS.includes(key), `${d.code}: data.${key} is a span but not in DATA_SPANS`);
    }
  }
}

test('after every edit, incremental diagnostics equal a validation from scratch (corpus × contexts)', () => {
  let edits = 0;
  for (const [label, makeContext] of contexts) {
    const rnd = random(label.length * 7919);
    const ctx = makeContext();
    for (const { name, text: original } of corpusDockerfiles()) {
      let text = original;
      let v = 1;
      assert.deepEqual(service.validate(version(text, v), ctx), validateDockerfile(text, ctx, uri), `${label}: ${name} as it is`);
      for (let n = 0; n < 6; n++) {
        const edit = nextEdit(text, rnd);
        text = applyEdit(text, edit);
        v++;
        const incremental = service.validate(version(text, v), ctx);
        const fresh = validateDockerfile(text, ctx, uri);
        assert.deepEqual(incremental, fresh, `${label}: ${name}, edit ${n} (${edit.kind}: ${JSON.stringify(edit)})`);
        checkDataKeys(fresh);
        edits++;
      }
      service.forget!(uri);
    }
  }
  assert.ok(edits > 2000);
});

/** Multi-stage files where stages are built FROM other stages and copy from them. */
const CHAINS = [
  'ARG BASE=alpine:3.19\nFROM ${BASE} AS base\nENV APP=/app PATH=/x:$PATH\nWORKDIR /app\nRUN adduser -D app\n\nFROM base AS build\nCOPY --from=base / /\nRUN apt-get update && apt-get install -y curl | tee log\nUSER app\nRUN cd $APP && make\n\nFROM build AS test\nRUN --mount=type=cache,from=base,target=/c echo $PATH $APP\nCOPY --from=build /app /app\nCOPY x.tar.gz ./\nRUN tar xzf x.tar.gz\n\nFROM scratch AS final\nCOPY --from=test /bin /bin\nUSER app\nCMD run\n',
  'FROM ubuntu:22.04 AS os\nSHELL ["/bin/sh", "-c"]\nRUN useradd -u 70000 svc\n\nFROM os AS tools\nRUN [[ -f x ]] && wget http://x/y\nRUN curl -o /tmp/a http://x/a\nRUN rm -rf /tmp/a\nUSER svc\nWORKDIR tools\nCOPY a b c\n\nFROM tools\nENV SECRET_TOKEN=1\nCOPY --from=1 /x /y\nCMD service nginx start\nHEALTHCHECK CMD curl x\nHEALTHCHECK NONE\n',
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nWORKDIR C:\\app\nRUN echo hi\n\nFROM win AS next\nWORKDIR sub\nCOPY --from=win C:\\app C:\\app\nRUN dir\n',
  'FROM alpine AS tiny\nFROM debian:12 AS deps\nRUN apt-get update && apt-get install -y curl\nFROM debian:12 AS app\nCOPY --from=tiny / /\nCMD ["x"]\n',
  // Keyword casing is even: one keyword decides which ones every stage reports.
  'from a:1 AS one\nrun x\nRUN y\n\nFROM one AS two\nrun z\nRUN w\n',
  // An ENV a child stage inherits turns one of its checks off (pip-no-cache-dir).
  'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\n\nFROM base AS deps\nRUN pip install -r r.txt\n\nFROM deps\nARG PIP_NO_CACHE_DIR\nRUN pip install x\n',
];

/** Replacements in parent stages that change what their children see (shell, users, env, base image, workdir). */
const SWAPS: [string, string][] = [
  ['alpine:3.19', 'scratch'], ['scratch', 'alpine:3.19'], ['ubuntu:22.04', 'busybox'], ['busybox', 'ubuntu:22.04'],
  ['/bin/sh', '/bin/bash'], ['/bin/bash', '/bin/sh'], ['adduser -D app', 'true'], ['true', 'adduser -D app'],
  ['useradd -u 70000 svc', 'useradd -l web'], ['useradd -l web', 'useradd -u 70000 svc'], ['ENV APP=/app', 'ENV APQ=/app'],
  ['ENV APQ=/app', 'ENV APP=/app'], ['WORKDIR /app\n', ''], ['RUN adduser', 'WORKDIR /app\nRUN adduser'], ['AS base', 'AS bass'],
  ['AS bass', 'AS base'], ['RUN echo hi\n', 'RUN echo hi\nRUN more\n'], ['FROM os AS tools', 'FROM ubuntu AS tools'],
  ['FROM ubuntu AS tools', 'FROM os AS tools'], ['SHELL ["/bin/sh", "-c"]\n', ''], ['RUN useradd', 'SHELL ["pwsh"]\nRUN useradd'],
  // What a stage's own checks depend on elsewhere: whether another stage uses it, the size of a stage it copies from.
  ['AS tiny\n', 'AS tiny\nRUN tinyrun\n'], ['RUN tinyrun\n', ''], ['COPY --from=tiny / /\n', 'COPY --from=tiny / /\nCOPY --from=deps /a /b\n'],
  ['COPY --from=deps /a /b\n', ''], ['RUN w', 'run w'], ['run w', 'RUN w'], ['run x', 'RUN x'], ['RUN x', 'run x'],
  ['ENV PIP_NO_CACHE_DIR=1', 'ENV PIP_CACHE=1'], ['ENV PIP_CACHE=1', 'ENV PIP_NO_CACHE_DIR=1'],
  ['ARG PIP_NO_CACHE_DIR\n', 'ARG PIP_NO_CACHE_DIR=1\n'], ['ARG PIP_NO_CACHE_DIR=1\n', 'ARG PIP_NO_CACHE_DIR\n'],
];

test('an edit keeps the dependency keys of the stages it leaves whole: only the stages made again make theirs again', () => {
  const text = Array.from({ length: 20 }, (_, k) => `FROM ${k > 0 ? `s${k - 1}` : 'alpine:3.19'} AS s${k}\nCOPY --from=${k > 1 ? `s${k - 2}` : 'busybox'} /a /a${k}\nRUN echo ${k}\n`).join('');
  const keysOf = (a: Analysis) => unitsOf(a).map((u) => u.deps);
  const keyUri = 'file:///work/keys/Dockerfile';
  const first = analysisOf({ uri: keyUri, version: 1, getText: () => text });
  assert.equal(first.doc.stages.length, 20);
  keysOf(first);
  const edited = text.replace('RUN echo 10\n', 'RUN echo 10 ten\n');
  const second = analysisOf({ uri: keyUri, version: 2, getText: () => edited });
  const made = unitKeyStats.made;
  const keys = keysOf(second);
  assert.ok(unitKeyStats.made - made <= 2, `${unitKeyStats.made - made} keys made again for a one-stage edit`);
  assert.deepEqual(keys, keysOf(Analysis.of(edited)));
  // A stage another copies from grows: the keys that name it change with it.
  const grown = edited.replace('RUN echo 3\n', 'RUN echo 3\nRUN echo again\n');
  const third = analysisOf({ uri: keyUri, version: 3, getText: () => grown });
  assert.deepEqual(keysOf(third), keysOf(Analysis.of(grown)));
  service.forget!(keyUri);
});

test('chains of stages: edits in a stage others are built FROM or copy from', () => {
  const rnd = random(4242);
  const ctx = context();
  let edits = 0;
  for (const original of CHAINS) {
    // Rounds from the original text, so the random edits do not wear the chains away.
    for (let round = 0; round < 8; round++) {
      let text = original;
      let v = 1;
      service.validate(version(text, v), ctx);
      for (let n = 0; n < 20; n++) {
        const swaps = SWAPS.filter(([from]) => text.includes(from));
        const swap = swaps[rnd(swaps.length)];
        const edit = swap && rnd(3) > 0 ? { at: text.indexOf(swap[0]), remove: swap[0].length, insert: swap[1], kind: 'inherited' }
          : nextEdit(text.slice(0, text.length >> 1), rnd);
        text = applyEdit(text, edit);
        v++;
        assert.deepEqual(service.validate(version(text, v), ctx), validateDockerfile(text, ctx, uri), `chain edit ${n} (${edit.kind}: ${JSON.stringify(edit)})\n${text}`);
        edits++;
      }
      service.forget!(uri);
    }
  }
  assert.ok(edits >= 600);
});

test('several edits between two validations, and versions only other features saw', () => {
  const rnd = random(77);
  const ctx = context();
  for (const { name, text: original } of corpusDockerfiles().filter((_, k) => k % 3 === 0)) {
    let text = original;
    let v = 1;
    service.validate(version(text, v), ctx);
    for (let n = 0; n < 8; n++) {
      for (let burst = 1 + rnd(3); burst > 0; burst--) {
        text = applyEdit(text, nextEdit(text, rnd));
        v++;
        // A hover or completion parses this version; validation only sees a later one.
        if (rnd(2) === 0) analysisOf(version(text, v));
      }
      assert.deepEqual(service.validate(version(text, v), ctx), validateDockerfile(text, ctx, uri), `${name}, step ${n}`);
    }
    service.forget!(uri);
  }
});

test('changing settings, images or files between validations of the same text', () => {
  const text = corpusDockerfiles().find((f) => f.text.includes('COPY . .') && /FROM [a-z]+\n/.test(f.text))?.text ?? 'FROM node\nCOPY . .\nRUN npm ci\n';
  const steps: ServiceContext[] = [
    context(),
    context({ rules: { 'untagged-image': 'error', 'apt-pin': 'off' } }),
    context({ facts: { images: [{ name: 'node:22', id: 'i', size: 1, created: 1 }] } }),
    context({ files: files({ [`${folder}/.dockerignore`]: '.git\n' }, [folder]) }),
    context(),
  ];
  for (const ctx of steps) assert.deepEqual(service.validate(version(text, 1), ctx), validateDockerfile(text, ctx, uri));
  service.forget!(uri);
});

test('a one-character edit in one stage checks that stage only', () => {
  const stage = (k: number) => `FROM node:20 AS s${k}\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "s${k}.js"]\n`;
  const text = Array.from({ length: 20 }, (_, k) => stage(k)).join('\n');
  const validator = new IncrementalValidator();
  const ctx = context();
  let a = Analysis.of(text);
  validator.validate(a, uri, ctx);
  assert.deepEqual(validator.lastRun, { units: 21, checked: 21, relined: 0 });
  const at = text.indexOf('RUN npm ci', text.length / 2) + 10;
  a = nextAnalysis(a, `${text.slice(0, at)}x${text.slice(at)}`);
  validator.validate(a, uri, ctx);
  // Inside the stage, the instruction rules run on the edited RUN only.
  assert.deepEqual(validator.lastRun, { units: 21, checked: 1, relined: 0, edited: 1 });
  // A new line moves the stages below: only the rules that print line numbers run on them again.
  a = nextAnalysis(a, `${a.text.slice(0, at)}\n${a.text.slice(at)}`);
  validator.validate(a, uri, ctx);
  assert.deepEqual(validator.lastRun, { units: 21, checked: 1, relined: 9, edited: 2 });
});

test('inside a long stage, the instruction rules run on the edited instructions only, and the rest is kept or moved', () => {
  // Findings of instruction rules above and below the edits (apt instead of apt-get, a quote never
  // closed, a pin), and of stage rules (a cd with no effect), in one stage of 1,500 instructions.
  const lines = ['FROM debian:bookworm'];
  for (let k = 0; k < 300; k++) lines.push(`ENV V${k}=${k}`, `RUN apt install -y p${k} && cd /x${k}`, `COPY f${k} /app/`, `LABEL l${k}="x`, `RUN pip install q${k}`);
  const text = `${lines.join('\n')}\n`;
  const validator = new IncrementalValidator();
  const ctx = context();
  let a = Analysis.of(text);
  validator.validate(a, uri, ctx);
  const step = (next: string, edited: number | undefined) => {
    a = nextAnalysis(a, next);
    const got = validator.validate(a, uri, ctx);
    assert.deepEqual(got, validateDockerfile(next, ctx, uri));
    assert.equal(validator.lastRun.edited, edited, JSON.stringify(validator.lastRun));
    return next;
  };
  const middle = text.indexOf('RUN pip install q150') + 'RUN pip install q150'.length;
  let now = step(`${text.slice(0, middle)}x${text.slice(middle)}`, 1);
  // A new line: everything below moves by one line and keeps its reports.
  now = step(`${now.slice(0, middle)}\nRUN apt install z${now.slice(middle)}`, 2);
  // A heredoc opened in the middle takes the lines below as its body, up to its EOF: one region changed, six instructions in it.
  const at = now.indexOf('COPY f200');
  const end = now.indexOf('COPY f201');
  now = step(`${now.slice(0, at)}RUN <<EOF\n${now.slice(at, end)}EOF\n${now.slice(end)}`, 1);
  now = step(`${now.slice(0, at)}${now.slice(at + 'RUN <<EOF\n'.length, end + 'RUN <<EOF\n'.length)}${now.slice(end + 'RUN <<EOF\nEOF\n'.length)}`, 5);
  // A SHELL changes what every RUN below it runs with: the whole stage is checked.
  const shell = now.indexOf('COPY f100');
  now = step(`${now.slice(0, shell)}SHELL ["/bin/bash", "-c"]\n${now.slice(shell)}`, undefined);
  // So does a RUN that links /bin/sh to bash (bashism reads it as it reads SHELL).
  const link = now.indexOf('COPY f120');
  now = step(`${now.slice(0, link)}RUN ln -s /bin/bash /bin/sh\n${now.slice(link)}`, undefined);
  // The FROM too.
  step(now.replace('debian:bookworm', 'alpine:3.20'), undefined);
});

test('a rule that throws: the kept reports of other stages are not trusted', () => {
  let calls = 0;
  // A real code with its default severity stands for the flaky rule.
  const flaky = rule({ id: 'latest-tag', severity: 'information', explain: () => ['x'.repeat(30)] }, (ctx) => {
    calls++;
    if (ctx.scope.instructions.some((i) => i.argText.includes('boom'))) throw new Error('boom');
    for (const s of ctx.scope.stages) ctx.report(s.from.keywordSpan, 'stage');
  });
  const validator = new IncrementalValidator([flaky]);
  const ctx = context();
  let a = Analysis.of('FROM a\nRUN x\nFROM b\nRUN y\n');
  assert.equal(validator.validate(a, uri, ctx).length, 2);
  // The second stage throws: a validation from scratch loses every report of the rule, so this does too.
  a = nextAnalysis(a, 'FROM a\nRUN x\nFROM b\nRUN boom\n');
  assert.deepEqual(validator.validate(a, uri, ctx), []);
  a = nextAnalysis(a, 'FROM a\nRUN x\nFROM b\nRUN boo\n');
  assert.equal(validator.validate(a, uri, ctx).length, 2);
  assert.equal(calls, 4);
});

test('units after an edit keep their positions moved by whole lines: line breaks added and removed before them, and edits on the line a unit starts on', () => {
  const stage = (k: number) => `FROM node:20 AS s${k}\nUSER app${k}\nRUN apt-get install curl\nCMD ["node"]\n`;
  const base = Array.from({ length: 6 }, (_, k) => stage(k)).join('\n');
  const ctx = context();
  const second = base.indexOf('FROM node:20 AS s2');
  const edits = [
    (t: string) => `${t.slice(0, second - 1)}\n\n${t.slice(second - 1)}`, // two lines more before stage 2
    (t: string) => `${t.slice(0, second - 1)}${t.slice(second + 1)}`, // a line break removed: back to one
    (t: string) => `${t.slice(0, second)}  ${t.slice(second)}`, // indentation on the line stage 2 starts on
    (t: string) => `${t.slice(0, second)}${t.slice(second + 2)}`,
    (t: string) => `${t.slice(0, second - 1)}\r\n${t.slice(second - 1)}`, // a carriage return
    (t: string) => `${t.slice(0, 5)}\n${t.slice(5)}`, // a line break in the first FROM line
    (t: string) => `${t.slice(0, 5)}${t.slice(6)}`,
  ];
  let text = base;
  let v = 1;
  service.validate(version(text, v), ctx);
  for (const [n, edit] of edits.entries()) {
    text = edit(text);
    v++;
    assert.deepEqual(service.validate(version(text, v), ctx), validateDockerfile(text, ctx, uri), `edit ${n}: ${JSON.stringify(text.slice(second - 8, second + 20))}`);
  }
  service.forget!(uri);
});
