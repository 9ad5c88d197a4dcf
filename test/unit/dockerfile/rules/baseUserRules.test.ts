import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const rule = 'user-already-exists';

test('base user rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'user-already-exists', bad: 'FROM nginx:1.27-alpine\nRUN addgroup -S nginx && adduser -S -G nginx nginx\n', good: 'FROM nginx:1.27-alpine\nRUN addgroup -S web && adduser -S -G web web\n', line: 1 },
    { rule: 'adduser-busybox-options', bad: 'FROM eclipse-temurin:17\nRUN addgroup -S spring && adduser -S spring -G spring\n', good: 'FROM eclipse-temurin:17\nRUN addgroup --system spring && adduser --system --ingroup spring spring\n', line: 1 },
  ], assert);
});

test('user-already-exists: names and ids an official image has taken', () => {
  const messages = (text: string) => runRule(rule, text).map((d) => d.message);
  assert.deepEqual(messages('FROM node:22\nRUN groupadd -g 1000 app && useradd -u 1000 -g app app\n'), [
    'In the node image gid 1000 already belongs to the group node, so groupadd fails and stops the build. Pick another gid, or use the group node.',
    'In the node image uid 1000 already belongs to node, so useradd fails ("not unique") and stops the build. Pick another uid, or use node.',
  ]);
  assert.equal(runRule(rule, 'FROM ubuntu:24.04\nRUN useradd --uid=1000 -m dev\n').length, 1);
  assert.equal(runRule(rule, 'FROM node:22-alpine AS base\nFROM base\nRUN adduser -D node\n').length, 1);
});

test('user-already-exists: not where the account is free, accepted as taken, removed first, or the failure is handled', () => {
  for (const text of [
    'FROM ubuntu:22.04\nRUN useradd -u 1000 dev\n',
    'FROM debian:12\nRUN useradd -u 1000 dev\n',
    'FROM node:22\nRUN useradd -u 1001 app\n',
    'FROM node:22\nRUN groupadd -f node && useradd -o -u 1000 app\n',
    'FROM ubuntu:24.04\nRUN userdel -r ubuntu && useradd -u 1000 dev\n',
    'FROM ubuntu:24.04\nRUN userdel -r ubuntu\nRUN useradd -u 1000 dev\n',
    'FROM node:22\nRUN groupmod -g 1001 node && usermod -u 1001 node && useradd -u 1000 app\n',
    'FROM node:22\nRUN useradd -u 1000 app || true\n',
    'FROM node:22\nRUN adduser node docker\n',
    'FROM node:22\nRUN if ! id node; then useradd node; fi\n',
    // Run only where the test before it fails (round 23).
    'FROM ubuntu:24.04\nRUN apt-get update \\\n    && id ubuntu >/dev/null 2>&1 || useradd -m -s /bin/bash ubuntu\n',
    'FROM node:22\nRUN getent passwd node || \\\n    useradd -u 1000 node\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
  // Not a guard: a command joined with && before it.
  assert.equal(runRule(rule, 'FROM node:22\nRUN apt-get update || true && useradd -u 1000 app\n').length, 1);
});

test('adduser-busybox-options: Alpine\'s adduser options on a Debian-based image, whose adduser stops at them (round 9: spring-guides)', () => {
  const rule = 'adduser-busybox-options';
  const [d] = runRule(rule, 'FROM node:22-slim\nRUN adduser -D -H -u 1001 app\n');
  assert.equal(d?.message, '-D is the option of Alpine\'s (BusyBox) adduser: on this Debian-based image adduser takes long options only and stops the build ("Option d is ambiguous"). Write --disabled-password.');
  assert.equal(runRule(rule, 'FROM python:3.12\nRUN addgroup -g 1001 app\n')[0]?.message.endsWith('Write --gid.'), true);
  assert.equal(runRule(rule, 'FROM ubuntu:24.04\nRUN adduser -SDH app\n')[0]?.message.endsWith('Write --system --disabled-password --no-create-home.'), true);
  for (const text of [
    // Alpine's own, and images whose family is not known.
    'FROM node:22-alpine\nRUN addgroup -S app && adduser -S -D -G app app\n',
    'FROM acme/base:1\nRUN adduser -D app\n',
    // Long options, useradd, and -u (a unique abbreviation of --uid) on Debian.
    'FROM debian:12\nRUN addgroup --system --gid 1001 app && adduser --system --ingroup app app\n',
    'FROM debian:12\nRUN useradd -m -s /bin/bash -u 1001 app\n',
    'FROM debian:12\nRUN adduser -u 1001 app\n',
    // A long option after one dash, whole or abbreviated to one (round 35: addgroup user -gid ${GID}).
    'FROM php:8.3-apache\nRUN addgroup user -gid 1000 && adduser user -system -disabled-pass -ingroup user\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
});
