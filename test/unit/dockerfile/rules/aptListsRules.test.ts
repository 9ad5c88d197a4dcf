import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('apt list rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'apt-install-without-lists', bad: 'FROM debian:12-slim\nRUN apt-get install -y git\n', good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y git\n', line: 1 },
  ], assert);
});

const found = (text: string) => runRule('apt-install-without-lists', text).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);

test('apt-install-without-lists: an install on an official Debian or Ubuntu image before any update', () => {
  assert.deepEqual(found('FROM ubuntu:24.04\nRUN apt-get install -y curl\n'), [
    '1:4 apt-get install cannot find curl here: ubuntu:24.04 ships without package lists and no apt-get update runs before it. Add apt-get update && before it.',
  ]);
  // Official images built on Debian, under any registry spelling, with the default ARG of FROM, and apt too.
  assert.equal(found('FROM docker.io/library/python:3.12-slim\nRUN apt-get install -y gcc\n').length, 1);
  assert.equal(found('ARG BASE=node:20-bookworm\nFROM ${BASE}\nRUN DEBIAN_FRONTEND=noninteractive apt-get install -y jq\n').length, 1);
  assert.deepEqual(found('FROM node:20\nRUN apt install -y jq\n'), [
    '1:4 apt install cannot find jq here: node:20 ships without package lists and no apt update runs before it. Add apt update && before it.',
  ]);
  assert.equal(found('FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN apt-get -o Acquire::Retries=3 install -y jq || true\n').length, 1);
});

test('apt-install-without-lists: an install after the lists were removed, in the stage or a stage it is built FROM', () => {
  const removed = 'apt-get install cannot find git here: the package lists were removed before it and apt-get update has not run since. Add apt-get update && before it.';
  // Whatever the base: once removed, they are gone.
  assert.deepEqual(found('FROM myorg/base:1\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y git\n'), [`2:4 ${removed}`]);
  assert.deepEqual(found('FROM debian:12 AS base\nRUN apt-get update && apt-get install -y a \\\n && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN apt-get install -y git\n'), [`4:4 ${removed}`]);
  assert.deepEqual(found('FROM debian:12\nRUN apt-get update && apt-get dist-clean && apt-get install -y git\n'), [`1:44 ${removed}`]);
  assert.equal(found('FROM debian:12\nRUN apt-get update && find /var/lib/apt/lists -type f -delete\nRUN apt-get install -y git\n').length, 1);
  // A mount over the lists takes the update: the image's own lists stay as they were (none).
  assert.equal(found('FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y a\nRUN apt-get install -y git\n').length, 1);
});

test('apt-install-without-lists: nothing when the lists may be there', () => {
  for (const text of [
    'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\n',
    'FROM ubuntu:24.04\nRUN apt-get update\nRUN apt-get install -y curl\n',
    'FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get install -y git\n',
    // An image this check does not know, or one a build argument names.
    'FROM myorg/base:1\nRUN apt-get install -y git\n',
    'ARG BASE\nFROM ${BASE}\nRUN apt-get install -y git\n',
    'FROM python:3.12-alpine\nRUN apt-get install -y git\n',
    // Something this check cannot see into may have fetched them.
    'FROM debian:12\nRUN ./setup.sh\nRUN apt-get install -y git\n',
    'FROM debian:12\nRUN add-apt-repository -y ppa:x/y && apt-get install -y jq\n',
    'FROM debian:12\nCOPY --from=lists /var/lib/apt/lists /var/lib/apt/lists\nRUN apt-get install -y git\n',
    'FROM debian:12\nRUN bash -c "apt-get update" && apt-get install -y git\n',
    // A mount over the lists in the installing RUN itself.
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y git\n',
    // Files given by path, no package named, or an ONBUILD that runs in another build.
    'FROM debian:12\nRUN apt-get install -y ./x.deb /tmp/y.deb\n',
    'FROM debian:12\nRUN apt-get install -f -y\n',
    'FROM debian:12\nONBUILD RUN apt-get install -y git\n',
    // Removing other things leaves the lists fetched.
    'FROM debian:12\nRUN apt-get update && rm -rf /var/cache/apt/* /tmp/*\nRUN apt-get install -y git\n',
  ]) assert.deepEqual(found(text), [], text);
});

test('apt-install-without-lists: the reading is bounded on long FROM chains', () => {
  // 1,500 stages, each built FROM the one before with two RUNs that leave the lists alone: the last
  // install gives up (unknown) past 2,000 instructions of its FROM chain instead of reading them all.
  let text = 'FROM debian:12 AS s0\n';
  for (let k = 1; k < 1500; k++) text += `FROM s${k - 1} AS s${k}\nRUN echo ${k}\nRUN echo ${k}\n`;
  text += 'RUN apt-get install -y git\n';
  assert.deepEqual(found(text), []);
  // A short chain still gets there.
  assert.equal(found('FROM debian:12 AS s0\nFROM s0 AS s1\nRUN echo 1\nFROM s1\nRUN apt-get install -y git\n').length, 1);
});

test('apt-install-without-lists: not for packages a full image built on buildpack-deps already has, which apt finds installed (round 14: libffi-dev on python:3.11)', () => {
  assert.deepEqual(found('FROM python:3.11\nRUN apt-get install -y libffi-dev git\n'), []);
  // openssl comes with ca-certificates, which depends on it (round 50: python:3.8).
  assert.deepEqual(found('FROM python:3.8\nRUN apt-get install -y openssl libssl-dev\n'), []);
  assert.equal(found('FROM python:3.11\nRUN apt-get install -y libffi-dev ffmpeg\n').length, 1);
  assert.equal(found('FROM python:3.11-slim\nRUN apt-get install -y libffi-dev\n').length, 1);
  assert.equal(found('FROM node:22\nRUN apt-get install -y build-essential\n').length, 1, 'the build-essential package itself is not installed');
});

test('apt-install-without-lists: a package an earlier install of the stage put in place installs again from the status file alone (round 60: libpq-dev)', () => {
  const first = 'FROM php:8.2-fpm\nRUN apt-get update && apt-get install -y libpq-dev git && rm -rf /var/lib/apt/lists/*\n';
  assert.deepEqual(found(`${first}RUN apt-get install -y libpq-dev && docker-php-ext-install pdo_pgsql\n`), []);
  // Also from the stage it is built FROM; one package not installed before is still not found, and it is the one named.
  assert.deepEqual(found(`${first.replace('FROM php:8.2-fpm', 'FROM php:8.2-fpm AS base')}FROM base\nRUN apt-get install -y git libzip-dev\n`).map((f) => f.replace(/^\S+ /, '')), ['apt-get install cannot find libzip-dev here: the package lists were removed before it and apt-get update has not run since. Add apt-get update && before it.']);
});
