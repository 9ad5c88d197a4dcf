import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { debianFloor } from '../../../../server/src/core/debianRelease';

const check = (text: string) => runRule('apt-package-unavailable', text);

test('apt-package-unavailable rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'apt-package-unavailable', bad: 'FROM ruby:3.1\nRUN apt-get update && apt-get install -y netcat\n', good: 'FROM ruby:3.1\nRUN apt-get update && apt-get install -y netcat-openbsd\n', line: 1 },
  ], assert);
});

test('debianFloor: the oldest Debian release an image tag can be built on today', () => {
  const cases: [string, number | undefined][] = [
    ['debian:bookworm-slim', 12], ['debian:12', 12], ['debian:11.9', 11], ['debian:stable', 13], ['debian', 13],
    ['python:3.12-slim', 13], ['python:3.11', 13], ['python:3', 13], ['python:slim', 13], ['python:3.9', 12], ['python:3.12.4', 12], ['python:3.14.2-slim', 13],
    ['python:3.11.2', undefined], ['python:3.12-slim-bullseye', 11], ['python:3.12-alpine', undefined],
    ['node:20', 12], ['node:lts-slim', 12], ['node:22.3.0', 12], ['node:18.16', undefined], ['node:16', undefined],
    ['ruby:3.1', 12], ['ruby:3.3.0', 12], ['ruby:3.1.2', undefined], ['ruby:2.7', undefined],
    ['php:8.2-fpm', 13], ['php:8.3.1-apache', 12], ['php:7.4-fpm', undefined], ['php:8.2-fpm-alpine', undefined],
    ['golang:1.22', 12], ['golang:1.20', 12], ['golang:1.20.3', undefined],
    // August 2025: the docker-library images' maintained lines moved to trixie; Node.js's from 26 (May 2026).
    ['ruby:3.3', 13], ['ruby:3', 13], ['ruby:4.0.1', 13], ['ruby', 13], ['ruby:3.4-slim', 13], ['php:8.4-apache', 13], ['php:8.5.1-fpm', 13], ['php:fpm', 13],
    ['golang:1.25', 13], ['golang:1.24.3', 12], ['golang', 13], ['golang:1.23', 12],
    ['node:26', 13], ['node:26.1.0-slim', 13], ['node', 13], ['node:lts', 12], ['node:24', 12], ['node:25', 12],
    // erlang:28 on trixie from December 2025, and the elixir lines built FROM it (round 22: apt-key on elixir:latest).
    ['erlang:28', 13], ['erlang:27-slim', 12], ['erlang:28.1', undefined], ['elixir', 13], ['elixir:1.18', 13], ['elixir:1.19-slim', 13], ['elixir:1.17', undefined], ['elixir:1.18.4', undefined], ['elixir:1.18-otp-27', undefined], ['rust:1.75', 12], ['nginx:1.27', 12], ['nginx:stable', 12],
    ['mcr.microsoft.com/dotnet/aspnet:8.0', 12], ['mcr.microsoft.com/dotnet/aspnet:6.0', undefined], ['mcr.microsoft.com/dotnet/sdk:10.0', undefined],
    ['ubuntu:24.04', undefined], ['acme/python:3.12', undefined], ['eclipse-temurin:21', undefined],
  ];
  for (const [image, floor] of cases) assert.equal(debianFloor(image), floor, image);
});

test('apt-package-unavailable: a package name the image\'s Debian release no longer has (round 22: netcat on ruby:3.1)', () => {
  const [netcat, ...rest] = check('FROM ruby:3.1\nRUN apt-get update && apt-get install -y netcat wait-for-it && rm -rf /var/lib/apt/lists/*\n');
  assert.deepEqual(rest, []);
  assert.equal(netcat!.message, 'ruby:3.1 is Debian 12 (bookworm) or later, which has no package netcat: apt-get stops the build ("has no installation candidate"). Install netcat-openbsd.');
  assert.deepEqual([netcat!.range.start.character, netcat!.range.end.character], [41, 47]);
  assert.equal((netcat!.data as { replacement: string }).replacement, 'netcat-openbsd');
  assert.equal(check('FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libgl1-mesa-glx libglib2.0-0\n').length, 1);
  const [spc] = check('FROM python:3.11-slim\nRUN apt-get update && apt-get install -y build-essential curl software-properties-common git\n');
  assert.equal(spc!.message, 'python:3.11-slim is Debian 13 (trixie) or later, which has no package software-properties-common: apt-get stops the build ("Unable to locate package"). Leave it out: it only brings add-apt-repository, which this Dockerfile does not run.');
  assert.equal(spc!.data, undefined);
  assert.equal((check('FROM php:8.2-fpm\nRUN apt-get update && apt-get install -y mysql-client\n')[0]!.data as { replacement: string }).replacement, 'default-mysql-client');
  assert.equal((check('FROM debian:bookworm\nRUN apt-get update && apt-get install -y openjdk-11-jdk-headless\n')[0]!.data as { replacement: string }).replacement, 'openjdk-17-jdk-headless');
  // A stage built FROM a stage of the file has its root's release.
  assert.equal(check('FROM python:3.12-slim AS base\nFROM base\nRUN apt-get update && apt-get install -y netcat\n').length, 1);
});

test('apt-package-unavailable: not where the release still has it, is not known, or the file adds package sources', () => {
  for (const text of [
    'FROM python:3.10-slim-bullseye\nRUN apt-get update && apt-get install -y netcat\n',
    'FROM python:3.12-slim-bookworm\nRUN apt-get update && apt-get install -y software-properties-common\n',
    'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y netcat mysql-client software-properties-common\n',
    'FROM acme/base:1\nRUN apt-get update && apt-get install -y netcat\n',
    'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y netcat-openbsd libgl1\n',
    'FROM node:20\nRUN echo "deb http://repo.mysql.com/apt/debian bookworm mysql-8.0" > /etc/apt/sources.list.d/mysql.list && apt-get update && apt-get install -y mysql-client\n',
    'FROM debian:bookworm\nRUN apt-get update && apt-get install -y -t bullseye netcat\n',
    'FROM python:3.12-slim\nRUN apt-get install --dry-run netcat || true\nRUN apt-cache policy netcat\n',
  ]) assert.deepEqual(check(text), [], text);
});

test('apt-package-unavailable: package sources added after the install cannot carry the name (round 23: wordle-solver)', () => {
  const [spc, ...rest] = check('FROM python:3.12-slim\nRUN apt-get update && apt-get install -y build-essential curl software-properties-common \\\n && curl -sS https://dl-ssl.google.com/linux/linux_signing_key.pub | apt-key add - \\\n && echo "deb [arch=amd64] http://dl.google.com/linux/chrome/deb/ stable main" >> /etc/apt/sources.list.d/google-chrome.list \\\n && apt-get update && apt-get install -y google-chrome-stable\n');
  assert.deepEqual(rest, []);
  assert.match(spc!.message, /no package software-properties-common/);
  assert.equal(check('FROM python:3.12-slim\nRUN apt-get update && apt-get install -y netcat\nRUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list.d/old.list\n').length, 1);
  // Added before, in an earlier RUN or a stage it is built FROM: the name may come from there.
  assert.deepEqual(check('FROM python:3.12-slim\nRUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list.d/old.list\nRUN apt-get update && apt-get install -y netcat\n'), []);
  assert.deepEqual(check('FROM python:3.12-slim AS base\nRUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list.d/old.list\nFROM base\nRUN apt-get update && apt-get install -y netcat\n'), []);
  // Where the file runs add-apt-repository, the advice is to write the source line.
  const [withRepository] = check('FROM python:3.12-slim\nRUN apt-get update && apt-get install -y software-properties-common && add-apt-repository ppa:deadsnakes/ppa\n');
  assert.match(withRepository!.message, /add-apt-repository left with it: write the repository's line under \/etc\/apt\/sources\.list\.d\//);
});
