import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { goImageVersion, goModVersion } from '../../../../server/src/core/dockerfile/validation/rules/goVersionRules';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';

const rule = 'go-version-mismatch';
const APP = 'file:///work/app';
// Round 41's homelab API: golang:1.24-alpine, go.mod at go 1.25.5.
const DOCKERFILE = 'FROM golang:1.24-alpine AS builder\nWORKDIR /build\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app/server ./cmd/server\n\nFROM alpine:3.21\nCOPY --from=builder /app/server /app/server\n';
const withMod = (mod: string, more: Record<string, string> = {}) => context({ files: files({ [`${APP}/go.mod`]: mod, [`${APP}/go.sum`]: '', [`${APP}/.git/HEAD`]: '', ...more }) });
const MOD = (go: string, extra = '') => `module github.com/x/notes\n\ngo ${go}\n${extra}\nrequire github.com/go-chi/chi/v5 v5.2.0\n`;
const found = (text: string, mod: string) => runRule(rule, text, withMod(mod), `${APP}/Dockerfile`).map((d) => [d.range.start.line, d.message]);

test('go-version-mismatch rule', async (t) => {
  await checkRuleCases(t, [
    { rule: 'go-version-mismatch', bad: DOCKERFILE, good: DOCKERFILE.replace('1.24-alpine', '1.25-alpine'), line: 3, ctx: () => withMod(MOD('1.25.5')), uri: `${APP}/Dockerfile` },
  ], assert);
});

test('go-version-mismatch: a go line newer than the image\'s Go, which sets GOTOOLCHAIN=local (rounds 41, 46, 49, 52)', () => {
  assert.deepEqual(found(DOCKERFILE, MOD('1.25.5')), [[3, 'golang:1.24-alpine runs Go 1.24.x, and go.mod asks for go 1.25.5: the image sets GOTOOLCHAIN=local, so go stops ("go.mod requires go >= 1.25.5 (running go 1.24.x; GOTOOLCHAIN=local)"). Build FROM golang:1.25 or later, or set ENV GOTOOLCHAIN=auto.']]);
  // An exact image older than the go line's patch; the whole context copied instead of go.mod.
  assert.equal(found(DOCKERFILE.replace('1.24-alpine', '1.24.1-alpine'), MOD('1.24.5')).length, 1);
  assert.equal(found('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n', MOD('1.23')).length, 1);
  // Go 1.20 and older cannot read a patch version or a toolchain line.
  assert.deepEqual(found(DOCKERFILE.replace('1.24-alpine', '1.20'), MOD('1.23.2')), [[3, 'golang:1.20 runs Go 1.20.x, which cannot read this go.mod (go 1.23.2): go stops with "invalid go version" or "unknown directive: toolchain". Build FROM golang:1.23 or later.']]);
  assert.equal(found(DOCKERFILE.replace('1.24-alpine', '1.20'), MOD('1.21', 'toolchain go1.22.4\n')).length, 1);
});

test('go-version-mismatch: not where the image\'s Go may read it or the version is not known', () => {
  const none = (text: string, mod: string) => assert.deepEqual(found(text, mod), [], `${text}\n${mod}`);
  // The same minor on a moving tag; an older go line; a two-part newer line on Go 1.20 (only advice then).
  none(DOCKERFILE, MOD('1.24.5'));
  none(DOCKERFILE, MOD('1.22'));
  none(DOCKERFILE.replace('1.24-alpine', '1.20'), MOD('1.21'));
  // GOTOOLCHAIN set; a moving tag or another image; go.mod not copied before the command.
  none(DOCKERFILE.replace('WORKDIR /build', 'ENV GOTOOLCHAIN=auto\nWORKDIR /build'), MOD('1.25.5'));
  none(DOCKERFILE.replace('golang:1.24-alpine', 'golang:alpine'), MOD('1.25.5'));
  none(DOCKERFILE.replace('golang:1.24-alpine', 'mycorp/golang:1.24'), MOD('1.25.5'));
  none('FROM golang:1.22\nWORKDIR /src\nRUN go install github.com/air-verse/air@latest\nCOPY . .\n', MOD('1.25'));
});

test('the golang tag\'s version and the go.mod go line', () => {
  assert.deepEqual(goImageVersion('golang:1.22.5-bookworm'), [1, 22, 5]);
  assert.deepEqual(goImageVersion('docker.io/library/golang:1.23-alpine3.20'), [1, 23]);
  assert.equal(goImageVersion('golang:bookworm'), undefined);
  assert.deepEqual(goModVersion('module a\n\ngo 1.23.2 // the version\n\ntoolchain go1.23.4\n'), { version: [1, 23, 2], written: '1.23.2', toolchain: true });
  assert.deepEqual(goModVersion('module a\ngo 1.21rc2\n'), { version: [1, 21], written: '1.21rc2', toolchain: false });
  assert.equal(goModVersion('module a\n'), undefined);
});

test('go-version-mismatch: a version that is a build argument\'s default is a warning (round 78: a build script passes go.mod\'s)', () => {
  const text = DOCKERFILE.replace('FROM golang:1.24-alpine AS builder', 'ARG GO_VERSION=1.24\nFROM golang:${GO_VERSION}-alpine AS builder');
  const d = validateDockerfile(text, withMod(MOD('1.25.5')), `${APP}/Dockerfile`).filter((x) => x.code === rule);
  assert.deepEqual(d.map((x) => [x.range.start.line, x.severity]), [[4, 2]]);
  assert.deepEqual(validateDockerfile(DOCKERFILE, withMod(MOD('1.25.5')), `${APP}/Dockerfile`).filter((x) => x.code === rule).map((x) => x.severity), [1]);
});
