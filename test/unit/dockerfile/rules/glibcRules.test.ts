import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { glibcFloor, namedGlibc } from '../../../../server/src/core/debianRelease';

const check = (text: string) => runRule('glibc-too-old', text);
const RUST = 'FROM rust:1.75 AS builder\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n';

test('glibc-too-old rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'glibc-too-old', bad: `${RUST}FROM debian:bullseye-slim\nCOPY --from=builder /app/target/release/app /usr/local/bin/app\n`, good: `${RUST}FROM debian:bookworm-slim\nCOPY --from=builder /app/target/release/app /usr/local/bin/app\n`, line: 5 },
  ], assert);
});

test('the glibc a tag names, and the oldest one a builder tag can have', () => {
  assert.equal(namedGlibc('debian:bullseye-slim'), 231);
  assert.equal(namedGlibc('debian:10'), 228);
  assert.equal(namedGlibc('ubuntu:20.04'), 231);
  assert.equal(namedGlibc('python:3.11-slim-buster'), 228);
  assert.equal(namedGlibc('debian:latest'), undefined, 'a moving tag names no ceiling');
  assert.equal(glibcFloor('rust:1.75'), 236);
  assert.equal(glibcFloor('golang:1.21'), 236);
  assert.equal(glibcFloor('rust:1.63'), undefined);
});

test('glibc-too-old: a program linked on a newer glibc run on an older release (rounds 14, 20, 22)', () => {
  const [rust, ...rest] = check(`${RUST}FROM debian:buster-slim\nCOPY --from=builder /app/target/release/rasuti ./rasuti\n`);
  assert.deepEqual(rest, []);
  assert.equal(rust!.message, 'rasuti is built on rust:1.75 (glibc 2.36 or later) and this stage runs on debian:buster-slim (glibc 2.28): it asks for GLIBC_2.34 and stops at start ("version `GLIBC_2.34\' not found"). Run this stage on the builder\'s release, or build on debian:buster-slim\'s.');
  assert.deepEqual([rust!.range.start.line, rust!.range.start.character], [5, 20]);
  // cargo install's bin, a builder stage built FROM the rust one, Ubuntu 20.04.
  assert.equal(check('FROM rust:latest AS base\nFROM base AS builder\nRUN cargo install --path .\nFROM ubuntu:20.04\nCOPY --from=builder /usr/local/cargo/bin/app /usr/local/bin/app\n').length, 1);
  // A program the builder's apt-get installed (stockfish from golang:1.21); its own static Go build is left alone.
  const apt = check('FROM golang:1.21 AS builder\nRUN apt-get update && apt-get install -y stockfish\nRUN CGO_ENABLED=0 go build -o /bin/app .\nFROM debian:bullseye-slim\nCOPY --from=builder /usr/games/stockfish /usr/games\nCOPY --from=builder /bin/app ./\n');
  assert.deepEqual(apt.map((d) => d.range.start.line), [4]);
});

test('glibc-too-old: not for static builds, files that are not programs, or releases not known', () => {
  for (const text of [
    `${RUST}FROM debian:bookworm-slim\nCOPY --from=builder /app/target/release/app .\n`,
    'FROM rust:1.75 AS builder\nRUN rustup target add x86_64-unknown-linux-musl && cargo build --release --target x86_64-unknown-linux-musl\nFROM debian:bullseye-slim\nCOPY --from=builder /app/target/x86_64-unknown-linux-musl/release/app .\n',
    'FROM rust:1.63 AS builder\nRUN cargo build --release\nFROM debian:bullseye-slim\nCOPY --from=builder /app/target/release/app .\n',
    `${RUST}FROM debian:bullseye-slim\nCOPY --from=builder /app/config.toml /app/static /srv/\n`,
    `${RUST}FROM debian:stable-slim\nCOPY --from=builder /app/target/release/app .\n`,
    'FROM golang:1.22 AS builder\nRUN go build -o /usr/local/bin/app .\nFROM debian:bullseye-slim\nCOPY --from=builder /usr/local/bin/app /app\n',
    'FROM debian:bookworm AS tools\nRUN curl -Lo /usr/bin/yq https://x/yq && chmod +x /usr/bin/yq\nFROM debian:bullseye-slim\nCOPY --from=tools /usr/bin/yq /usr/bin/yq\n',
    'FROM lukemathwalker/cargo-chef:latest-rust-1.75 AS builder\nRUN cargo build --release\nFROM debian:buster-slim\nCOPY --from=builder /app/target/release/app .\n',
  ]) assert.deepEqual(check(text), [], text);
});

test('glibc-too-old: a Rust build on trixie (rust:1-slim, latest, 1.93 and later) run on bookworm asks for GLIBC_2.39 (round 77)', () => {
  assert.equal(glibcFloor('rust:1-slim'), 241);
  assert.equal(glibcFloor('rust:1.93'), 241);
  assert.equal(glibcFloor('rust:1.85-slim'), 236);
  const [d, ...rest] = check('FROM rust:1-slim AS builder\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nFROM debian:bookworm-slim\nCOPY --from=builder /app/target/release/cache-server /usr/local/bin/\n');
  assert.deepEqual(rest, []);
  assert.equal(d!.message, 'cache-server is built on rust:1-slim (glibc 2.41 or later) and this stage runs on debian:bookworm-slim (glibc 2.36): it asks for GLIBC_2.39 and stops at start ("version `GLIBC_2.39\' not found"). Run this stage on the builder\'s release, or build on debian:bookworm-slim\'s.');
  // A builder pinned to bookworm, a trixie runtime, an apt program of trixie on bookworm (not known to need 2.39), a static build.
  for (const text of [
    'FROM rust:1-slim-bookworm AS builder\nRUN cargo build --release\nFROM debian:bookworm-slim\nCOPY --from=builder /app/target/release/app .\n',
    'FROM rust:1-slim AS builder\nRUN cargo build --release\nFROM debian:trixie-slim\nCOPY --from=builder /app/target/release/app .\n',
    'FROM rust:1-slim AS builder\nRUN apt-get update && apt-get install -y jq\nFROM debian:bookworm-slim\nCOPY --from=builder /usr/bin/jq /usr/bin/jq\n',
    'FROM rust:1-slim AS builder\nRUN cargo build --release --target x86_64-unknown-linux-musl\nFROM debian:bookworm-slim\nCOPY --from=builder /app/target/x86_64-unknown-linux-musl/release/app .\n',
  ]) assert.deepEqual(check(text), [], text);
});
