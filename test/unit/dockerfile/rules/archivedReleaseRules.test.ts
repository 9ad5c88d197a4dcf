import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { archivedRelease } from '../../../../server/src/core/dockerfile/validation/rules/archivedReleaseRules';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { DiagnosticSeverity } from '../../../../server/src/core/types';

const rule = 'archived-release';

test('archived-release rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'archived-release', bad: 'FROM python:3.8-slim-buster\nRUN apt-get update && apt-get install -y gcc\n', good: 'FROM python:3.8-slim-bookworm\nRUN apt-get update && apt-get install -y gcc\n', line: 1 },
  ], assert);
});

test('archived-release: the releases whose repositories are gone, read from the image name and tag', () => {
  const release = (image: string) => archivedRelease(image)?.release;
  assert.equal(release('debian:buster-slim'), 'Debian 10 (buster)');
  assert.equal(release('debian:10'), 'Debian 10 (buster)');
  assert.equal(release('debian:9.13-slim'), 'Debian 9 (stretch)');
  assert.equal(release('python:stretch'), 'Debian 9 (stretch)');
  assert.equal(release('node:8-jessie'), 'Debian 8 (jessie)');
  assert.equal(release('rust:1.72.0-buster'), 'Debian 10 (buster)');
  assert.equal(release('mcr.microsoft.com/dotnet/aspnet:3.1-buster-slim'), 'Debian 10 (buster)');
  assert.equal(release('ubuntu:21.04'), 'Ubuntu 21.04');
  assert.equal(release('ubuntu:19.10'), 'Ubuntu 19.10');
  assert.equal(release('ubuntu:24.10'), 'Ubuntu 24.10');
  assert.equal(release('ubuntu:kinetic'), 'Ubuntu 22.10 (kinetic)');
  assert.equal(release('centos:7'), 'CentOS Linux 7');
  assert.equal(release('centos:centos7.9.2009'), 'CentOS Linux 7');
  assert.equal(release('centos'), 'CentOS Linux 8');
  assert.equal(release('quay.io/centos/centos:stream8'), 'CentOS Stream 8');
  // Round 22's misses: old Ubuntu LTS releases, elixir's buster-era versions, .NET 5 and Core 3.1 and 2.x on the Debian they started with.
  assert.equal(release('ubuntu:12.04'), 'Ubuntu 12.04');
  assert.equal(release('ubuntu:precise'), 'Ubuntu 12.04 (precise)');
  assert.equal(release('elixir:1.9.4'), 'Debian 10 (buster)');
  assert.equal(release('elixir:1.7.3'), 'Debian 10 (buster)');
  assert.equal(release('elixir:1.11.2'), 'Debian 10 (buster)');
  assert.equal(release('mcr.microsoft.com/dotnet/sdk:5.0'), 'Debian 10 (buster)');
  assert.equal(release('mcr.microsoft.com/dotnet/core/aspnet:3.1.32'), 'Debian 10 (buster)');
  assert.equal(release('mcr.microsoft.com/dotnet/core/sdk:2.2'), 'Debian 9 (stretch)');
  for (const image of ['ubuntu:14.04', 'ubuntu:16.04', 'elixir:1.11.4', 'elixir:1.12', 'elixir:1.15-slim', 'elixir:1.9-alpine', 'mcr.microsoft.com/dotnet/sdk:6.0', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'mcr.microsoft.com/dotnet/sdk:5.0-alpine', 'mcr.microsoft.com/dotnet/sdk:5.0-focal']) {
    assert.equal(release(image), undefined, image);
  }
  for (const image of [
    // Supported, or LTS releases that stay on the main archive.
    'debian:bookworm', 'debian:11', 'debian:12-slim', 'python:3.12-slim', 'ubuntu:18.04', 'ubuntu:20.04', 'ubuntu:24.04', 'ubuntu:25.10',
    'quay.io/centos/centos:stream9', 'rockylinux:9',
    // Other publishers' images may have pointed their sources elsewhere.
    'debian/eol:stretch', 'lukemathwalker/cargo-chef:latest-rust-1.75.0-buster', 'acme/centos:7',
  ]) assert.equal(release(image), undefined, image);
});

test('archived-release: mysql and openjdk patches last built on buster (round 26)', () => {
  for (const image of ['mysql:8.0.20', 'mysql:5.7.30', 'mysql:8.0.20-debian', 'openjdk:11.0.7-jdk-slim']) assert.equal(archivedRelease(image)?.release, 'Debian 10 (buster)', image);
  for (const image of ['mysql:8.0.29', 'mysql:8.0', 'mysql:5.7.38', 'openjdk:11.0.12-jre-slim', 'openjdk:17-jdk-slim']) assert.equal(archivedRelease(image), undefined, image);
});

test('archived-release: the first command that reads the repositories, once per stage', () => {
  const reports = runRule(rule, 'FROM debian:stretch\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n');
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.message, 'debian:stretch is Debian 9 (stretch), whose packages deb.debian.org no longer serves (they moved to archive.debian.org): apt-get update fails ("does not have a Release file") and stops the build. Move to a supported release, such as bookworm, or point the sources at archive.debian.org first.');
  assert.equal(runRule(rule, 'FROM ubuntu:21.04\nRUN apt update && apt install -y git\n')[0]?.message, 'ubuntu:21.04 is Ubuntu 21.04, which is past its end of life: its packages moved to old-releases.ubuntu.com, so apt update fails (404) and stops the build. Move to an LTS release, such as 24.04, or point the sources at old-releases.ubuntu.com first.');
  // A third-party repository's package fetched from a mirror host adds repositories; the base ones stay dead (round 55).
  assert.equal(runRule(rule, 'FROM centos:6.9\nRUN rpm -Uvh https://mirror.webtatic.com/yum/el6/latest.rpm\nRUN yum -y update\n').length, 1);
  assert.equal(runRule(rule, 'FROM centos:7\nRUN yum -y install epel-release\n')[0]?.message, 'centos:7 is CentOS Linux 7, which is past its end of life: its mirror list is switched off, so yum install cannot reach a repository and stops the build. Move to a maintained distribution (rockylinux, almalinux, ubi9), or point the repositories at vault.centos.org first.');
  // The sources touched only after the update: it has failed already (round 35: a sed adding "universe" below).
  assert.equal(runRule(rule, 'FROM ruby:3.0.0\nRUN apt-get update -qq && apt-get install -y curl\nRUN sed \'s/main$/main universe/\' -i /etc/apt/sources.list\nRUN apt-get update\n').length, 1);
  assert.equal(runRule(rule, 'FROM ruby:3.0.0\nRUN sed -i s/deb.debian.org/archive.debian.org/ /etc/apt/sources.list\nRUN apt-get update\n').length, 0);
  // A stage built FROM one of the file's stages has its root's release.
  assert.equal(runRule(rule, 'FROM node:14-buster AS base\nFROM base\nRUN apt-get update\n').length, 1);
  // In a heredoc script.
  assert.equal(runRule(rule, 'FROM ubuntu:24.10\nRUN <<EOF\napt-get update\nEOF\n').length, 1);
  // A repository added for another program leaves the release's own sources as they were.
  assert.equal(runRule(rule, 'FROM ubuntu:23.04\nRUN echo "deb https://download.docker.com/linux/ubuntu lunar stable" > /etc/apt/sources.list.d/docker.list && apt-get update\n').length, 1);
  // Each stage once.
  assert.equal(runRule(rule, 'FROM debian:buster AS a\nRUN apt-get update\nFROM debian:buster\nRUN apt-get update\n').length, 2);
});

test('archived-release: not where the sources are pointed elsewhere or nothing reads them', () => {
  for (const text of [
    'FROM debian:buster\nRUN sed -i s/deb.debian.org/archive.debian.org/g /etc/apt/sources.list && apt-get update\n',
    'FROM debian:buster\nCOPY sources.list /etc/apt/sources.list\nRUN apt-get update\n',
    'FROM debian:buster\nCOPY debian.sources /etc/apt/sources.list.d/\nRUN apt-get update\n',
    'FROM debian:buster\nCOPY 01proxy /etc/apt/apt.conf.d/\nRUN apt-get update\n',
    'FROM debian:buster AS base\nRUN echo "deb http://archive.debian.org/debian buster main" > /etc/apt/sources.list\nFROM base\nRUN apt-get update\n',
    'FROM centos:7\nRUN sed -i s/mirror.centos.org/vault.centos.org/g /etc/yum.repos.d/*.repo && yum install -y git\n',
    'FROM ubuntu:21.04\nARG APT_MIRROR\nRUN apt-get update\n',
    'FROM debian:buster\nCOPY app /app\nCMD ["/app"]\n',
    'FROM centos:7\nRUN yum clean all\n',
    'FROM debian:bookworm\nRUN apt-get update\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
});

test('archived-release: a base named by a build argument\'s default is a warning (another base may be passed); an unknown one is left alone (round 15)', () => {
  const text = 'ARG BASE="ubuntu:21.04"\nFROM ${BASE} AS base\nRUN apt update && apt install -y curl\n';
  const found = validateDockerfile(text).filter((d) => d.code === 'archived-release');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.severity]), [[2, DiagnosticSeverity.Warning]]);
  assert.match(found[0]!.message, /^ubuntu:21\.04 is Ubuntu 21\.04/);
  assert.deepEqual(validateDockerfile('ARG BASE\nFROM ${BASE}\nRUN apt-get update\n').filter((d) => d.code === 'archived-release'), []);
});

test('archived-release: official images whose versions stopped being built before bullseye came out (round 16)', () => {
  const release = (image: string) => archivedRelease(image);
  for (const image of ['php:7.2-fpm', 'php:7.2.5-cli', 'php:7.0-apache', 'php:5-fpm', 'php:7.2-rc-fpm', 'ruby:2.3.1', 'ruby:2.5-slim', 'nginx:1.17.3', 'nginx:1.9', 'nginx:1.19-perl',
    'node:10', 'node:8-slim', 'node:8-onbuild', 'node:9.6.1', 'node:15.14.0', 'python:2.7-slim', 'python:3.5', 'python:2', 'golang:1.13', 'golang:1.8-onbuild']) {
    assert.equal(release(image)?.kind, 'old-debian', image);
  }
  for (const image of [
    // Alpine variants, versions built on bullseye or later, a bare major that names a later minor.
    'php:7.2-fpm-alpine', 'node:10-alpine', 'nginx:1.17-alpine', 'python:3.4-alpine', 'php:7.3-fpm', 'php:7', 'php:8.1-apache', 'node:12', 'node:14-slim', 'node:16',
    'python:3.6', 'python:3', 'ruby:2.6', 'ruby:2', 'golang:1.15', 'golang:1', 'nginx:1.20', 'nginx:1', 'nginx:1.19-custom',
    // Another publisher's image of the same name.
    'acme/php:7.2-fpm',
  ]) assert.equal(release(image), undefined, image);
  // A named release in the tag is read as before.
  assert.equal(release('ruby:2.5-bullseye'), undefined);
  assert.equal(release('node:10-stretch')?.kind, 'debian');
  const [finding] = runRule(rule, 'FROM php:7.2-apache\nRUN apt-get update && apt-get install -y libzip-dev\n');
  assert.equal(finding?.message, 'php:7.2-apache stopped being built before Debian 11 came out: its last build is on Debian 10 (buster) or an older release, whose packages deb.debian.org no longer serves (they moved to archive.debian.org), so apt-get update fails ("does not have a Release file") and stops the build. Move to a supported version of the image, or point the sources at archive.debian.org first.');
  assert.deepEqual(runRule(rule, 'FROM node:10\nWORKDIR /app\nCOPY . .\nRUN npm ci\n'), []);
});

test('archived-release: older patch versions of lines still maintained in 2021, replaced by a newer patch before bullseye (rounds 20 and 21: ruby:2.7.1, ruby:2.6.3, node:14.15)', () => {
  for (const image of ['ruby:2.7.1', 'ruby:2.6.3-slim', 'ruby:3.0.0', 'node:14.15', 'node:14.15.4-slim', 'node:12.18.3', 'node:16.3.0', 'python:3.8.5', 'python:3.9.1-slim', 'python:3.6.9', 'php:7.4.12-fpm', 'php:7.3.20-apache', 'php:8.0.3-cli', 'golang:1.15.6', 'golang:1.16.3', 'nginx:1.21.0']) {
    assert.equal(archivedRelease(image)?.kind, 'old-debian', image);
  }
  // The line's newest tags, patches from mid-2021 on, Alpine variants and a named release.
  for (const image of ['ruby:2.7', 'ruby:2.7.4', 'ruby:2.7.8', 'node:14', 'node:14.17', 'node:14.21.3', 'node:16.5', 'python:3.8', 'python:3.8.11', 'python:3.9.6-slim', 'php:7.4.21-fpm', 'php:7.4.33', 'php:8.0.8', 'golang:1.16.6', 'ruby:2.7.1-alpine', 'node:14.15-alpine', 'python:3.8.5-bullseye', 'nginx:1.21.1']) {
    assert.equal(archivedRelease(image), undefined, image);
  }
  assert.equal(runRule('archived-release', 'FROM ruby:2.7.1\nRUN apt-get update && apt-get install -y nano\n').length, 1);
});

test('archived-release: hexpm\'s Elixir and Erlang images name their Debian release in the tag (round 41: debian-stretch-20210902 through a global ARG)', () => {
  assert.equal(archivedRelease('hexpm/elixir:1.12.1-erlang-24.1.2-debian-stretch-20210902')?.release, 'Debian 9 (stretch)');
  assert.equal(archivedRelease('hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926'), undefined);
  const text = 'ARG OS_TAG=stretch-20210902\nFROM hexpm/elixir:1.12.1-erlang-24.1.2-debian-${OS_TAG}\nRUN apt update && apt -y upgrade\n';
  assert.equal(runRule(rule, text).length, 1);
  // Other publishers' images may have pointed their sources at the archive.
  assert.equal(archivedRelease('acme/elixir:1.12-debian-stretch'), undefined);
});

test('archived-release: a release written after a build argument with no default (round 75: FROM ruby:$RUBY_VERSION-buster, the version passed by compose)', () => {
  const found = (text: string) => runRule(rule, text).map((d) => [d.range.start.line, d.severity, d.message.slice(0, 50)]);
  assert.deepEqual(found('ARG RUBY_VERSION\nFROM ruby:$RUBY_VERSION-buster\nRUN apt-get update; apt-get upgrade -y\n'), [[2, 1, 'ruby:$RUBY_VERSION-buster is Debian 10 (buster), w']]);
  // A release only a variable's name or value could tell is not known.
  assert.deepEqual(found('ARG BUSTER_TAG\nFROM ruby:${BUSTER_TAG}\nRUN apt-get update\n'), []);
  assert.deepEqual(found('ARG V\nFROM debian:${V}\nRUN apt-get update\n'), []);
});
