import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('cross-build rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'build-platform-image', bad: 'FROM --platform=$BUILDPLATFORM alpine:3.22\nCMD ["/app"]\n', good: 'FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nFROM alpine:3.22\n', line: 0 },
    { rule: 'build-platform-binary', bad: 'FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n', good: 'FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n', line: 1 },
  ], assert);
});

test('build-platform-image: the stages of the final image only, not builders, scratch, nor a last stage meant as a target of its own', () => {
  // The last stage and the stage it is built FROM both make the image.
  const chain = runRule('build-platform-image', 'FROM --platform=${BUILDPLATFORM} node:22 AS base\nFROM --platform=$BUILDPLATFORM node:22 AS build\nRUN npm run build\nFROM base\nCOPY --from=build /out /app\n');
  assert.deepEqual(chain.map((d) => d.range.start.line), [0]);
  // A builder that cross-compiles, and a last stage from scratch (exported with --output).
  assert.deepEqual(runRule('build-platform-image', 'FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nRUN GOARCH=$TARGETARCH go build -o /app .\nFROM --platform=$BUILDPLATFORM scratch\nCOPY --from=build /app /\n'), []);
  // Last stages named as targets of their own: an export, a dev environment.
  assert.deepEqual(runRule('build-platform-image', 'FROM --platform=$BUILDPLATFORM alpine:3.22 AS binaries\nCOPY app /\n'), []);
  assert.deepEqual(runRule('build-platform-image', 'FROM --platform=$BUILDPLATFORM node:22 AS dev\n'), []);
  // Another platform flag is platform-constant's or redundant-target-platform's.
  assert.deepEqual(runRule('build-platform-image', 'FROM --platform=$TARGETPLATFORM alpine:3.22\nFROM --platform=linux/amd64 alpine:3.22\n'), []);
});

test('build-platform-binary: a Go or Rust build on $BUILDPLATFORM whose output the image copies, when nothing names the target (round 7)', () => {
  // Built FROM a stage on the build platform, copied by the final stage (intmax2's shape).
  const inherited = 'FROM --platform=$BUILDPLATFORM rust:1.85 AS base\nRUN cargo install cargo-chef\nFROM base AS builder\nRUN cargo build --release\nFROM debian:12-slim\nCOPY --from=builder /app/target/release/app /usr/local/bin/\n';
  assert.deepEqual(runRule('build-platform-binary', inherited).map((d) => d.range.start.line), [3]);
  for (const text of [
    // The target named: an ARG, GOARCH from the environment, cargo --target, xx's wrappers.
    'FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nENV GOARCH=arm64\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /\n',
    'FROM --platform=$BUILDPLATFORM rust:1.85 AS build\nRUN cargo build --target wasm32-wasi --release\nFROM scratch\nCOPY --from=build /t /\n',
    'FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx\nFROM --platform=$BUILDPLATFORM golang:1.24 AS build\nCOPY --from=xx / /\nRUN xx-go build -o /app .\nFROM scratch\nCOPY --from=build /app /\n',
    // Output that does not reach the image.
    'FROM --platform=$BUILDPLATFORM golang:1.24 AS lint\nRUN go build ./...\nFROM alpine:3.22\nCOPY app /app\n',
    // No --platform: the stage runs on the target's platform (under emulation when it must).
    'FROM golang:1.24 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /\n',
  ]) assert.deepEqual(runRule('build-platform-binary', text), [], text);
});
