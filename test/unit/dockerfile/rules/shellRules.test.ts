import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service, validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { checkRuleCases, context, doc, runRule } from '../helpers';

test('shell rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'shell-syntax', bad: 'FROM a\nRUN if true; then echo\n', good: 'FROM a\nRUN if true; then echo; fi\nRUN ["sh", "-c", "if"]\n', line: 1 },
    { rule: 'bashism', bad: 'FROM debian:12\nRUN [[ -f x ]] && echo\n', good: 'FROM debian:12\nRUN [ -f x ] && echo\nSHELL ["/bin/bash", "-c"]\nRUN [[ -f x ]]\n', line: 1 },
    { rule: 'heredoc-unterminated', bad: 'FROM a\nRUN <<EOF\necho hi\n', good: 'FROM a\nRUN <<EOF\necho hi\nEOF\n', line: 1 },
    { rule: 'heredoc-crlf', bad: 'FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n', good: 'FROM a\nRUN <<EOF\necho hi\nEOF\n', line: 1 },
    { rule: 'run-cd', bad: 'FROM a\nRUN cd /src && make\n', good: 'FROM a\nWORKDIR /src\nRUN make && (cd sub && make)\n', line: 1 },
    { rule: 'export-without-effect', bad: 'FROM a\nRUN export PATH=/opt/x/bin:$PATH\n', good: 'FROM a\nENV PATH=/opt/x/bin:$PATH\nRUN export A=1 && make\n', line: 1 },
    { rule: 'sudo', bad: 'FROM debian:12\nRUN sudo apt-get update\n', good: 'FROM debian:12\nRUN apt-get update\n', line: 1 },
    { rule: 'pointless-command', bad: 'FROM a\nRUN top -b\n', good: 'FROM a\nRUN echo top\n', line: 1 },
    { rule: 'relink-sh', bad: 'FROM a\nRUN ln -sf /bin/bash /bin/sh\n', good: 'FROM a\nRUN ln -sf /bin/bash /usr/bin/b\n', line: 1 },
    { rule: 'pipefail', bad: 'FROM a\nRUN curl -fsSL https://x.io/install.sh | sh\n', good: 'FROM a\nRUN set -eo pipefail; curl x | sh\nRUN curl x | tar x\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl x | sh\n', line: 1 },
    { rule: 'cd-without-effect', bad: 'FROM a\nRUN mkdir -p /app && cd /app\n', good: 'FROM a\nRUN cd /src && make; cd /\nRUN cd /x && for f in *; do echo "$f"; done\n', line: 1 },
    { rule: 'consecutive-run', bad: 'FROM a\nRUN a\nRUN b\n', good: 'FROM a\nRUN a && b\nCOPY x y\nRUN c\n', line: 2 },
    { rule: 'useradd-no-log-init', bad: 'FROM a\nRUN useradd -u 123456789 app\n', good: 'FROM a\nRUN useradd -l -u 123456789 app\nRUN useradd -u 1000 b\n', line: 1 },
    { rule: 'wget-progress', bad: 'FROM a\nRUN wget https://x.io/a\n', good: 'FROM a\nRUN wget -q https://x.io/a\nRUN wget --progress=dot:giga https://x.io/b\n', line: 1 },
    { rule: 'wget-and-curl', bad: 'FROM a\nRUN wget -q x\nRUN curl -fsS y && curl -fsS z\n', good: 'FROM a\nRUN curl -fsS y\nFROM b\nRUN wget -q x\n', line: 1 },
    { rule: 'missing-command-separator', bad: 'FROM alpine:3\nRUN apk --update add libstdc++ \\\n    rm -rf /var/cache/apk/*\n', good: 'FROM alpine:3\nRUN apk --update add libstdc++ \\\n    && rm -rf /var/cache/apk/*\n', line: 2 },
  ], assert);
});

test('missing-command-separator: only a command word that starts a continuation line, after a command that takes no command', () => {
  const found = (text: string) => runRule('missing-command-separator', text).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
  // The bug, in its usual forms: a cleanup or a next step passed to the command above as arguments.
  assert.deepEqual(found('FROM debian:12\nRUN apt-get update && apt-get install -y \\\n  curl \\\n  rm -rf /var/lib/apt/lists/*\n'), [
    '3:2 rm starts a line but is an argument of apt-get: the line above ends with a continuation and no && or ;, so both lines are one command. Add && before rm.',
  ]);
  assert.equal(found('FROM a\nRUN tar xzf /tmp/x.tgz -C /opt \\\n    cd /opt/x \\\n    && make\n').length, 1);
  assert.equal(found('FROM a\nRUN mkdir -p /app \\\n  chown app /app\n').length, 1);
  // Separated, joined on one line, or a word that is a package as well as a command: nothing.
  for (const text of [
    'FROM a\nRUN apt-get install -y curl \\\n  && rm -rf /var/lib/apt/lists/*\n',
    'FROM a\nRUN apt-get install -y curl ; \\\n  rm -rf /var/lib/apt/lists/*\n',
    'FROM a\nRUN apt-get install -y \\\n  make \\\n  git \\\n  curl\n',
    'FROM a\nRUN rm -rf /a cd\n',
    'FROM a\nRUN <<EOF\napk add curl\nrm -rf /var/cache/apk/*\nEOF\n',
    // Commands that take a command: prefixes, find -exec, shells, xargs, echo writing a script.
    'FROM a\nRUN sudo \\\n  apt-get update\n',
    'FROM a\nRUN find / -name x -exec \\\n  rm {} +\n',
    'FROM a\nRUN xargs -r \\\n  rm -f < list\n',
    'FROM a\nRUN echo \\\n  export A=1 >> /etc/profile\n',
    'FROM a\nRUN sh -c \\\n  "cd /x && make"\n',
    // After --, words belong to another program; a quoted or expanded word is not a command name.
    'FROM a\nRUN npm exec -- \\\n  rm -rf x\n',
    'FROM a\nRUN apt-get install -y \\\n  "rm"\n',
  ]) assert.deepEqual(found(text), [], text);
});

test('bashism: not after a RUN that links /bin/sh to bash, in the stage or one it is built FROM (round 86)', () => {
  const found = (text: string) => runRule('bashism', text).map((d) => d.range.start.line);
  assert.deepEqual(found('FROM debian:jessie\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh\nRUN source $NVM_DIR/nvm.sh && nvm install 8\n'), []);
  assert.deepEqual(found('FROM debian:12 AS base\nRUN ln -sf bash /bin/sh\nFROM base\nRUN [[ -f x ]] && echo\n'), []);
  // Below it only, and a link to another shell, or of another path, changes nothing.
  assert.deepEqual(found('FROM debian:12\nRUN source /x.sh\nRUN ln -s /bin/bash /bin/sh\n'), [1]);
  assert.deepEqual(found('FROM debian:12\nRUN ln -s /bin/zsh /bin/sh\nRUN source /x.sh\n'), [2]);
  assert.deepEqual(found('FROM debian:12\nRUN ln -s /bin/bash /usr/local/bin/sh\nRUN source /x.sh\n'), [2]);
});

test('bashisms accepted by BusyBox ash are not reported on Alpine', () => {
  assert.equal(runRule('bashism', 'FROM alpine:3.20\nRUN [[ -f x ]] && echo\n').length, 0);
  assert.equal(runRule('bashism', 'FROM alpine:3.20\nRUN diff <(a) b &> /dev/null\n').length, 0);
  assert.equal(runRule('bashism', 'FROM alpine:3.20\nRUN a=(1 2) && echo\n').length, 1);
});

test('shell-syntax maps the error position into the document', () => {
  const [d] = runRule('shell-syntax', 'FROM a\nRUN echo ok && \\\n    echo "unterminated\n');
  assert.ok(d!.range.start.line >= 1);
});

test('shell parsing is skipped for PowerShell and Windows images', () => {
  assert.equal(runRule('shell-syntax', 'FROM a\nSHELL ["pwsh", "-c"]\nRUN if ($x) {\n').length, 0);
  assert.equal(runRule('shell-syntax', '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN if exist x (echo y\n').length, 0);
});

test('RUN heredocs are parsed as scripts, with foreign shebangs skipped', () => {
  assert.equal(runRule('run-cd', 'FROM a\nRUN <<EOF\ncd /x\nmake\nEOF\n').length, 1);
  assert.equal(runRule('shell-syntax', 'FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nif x: (\nEOF\n').length, 0);
});

test('an unterminated heredoc is reported once, and not when the parse budget cut its body', () => {
  assert.equal(runRule('heredoc-unterminated', 'FROM a\nCOPY <<A <<B /dst/\na\nA\nb\nFROM b\n').length, 1);
  const huge = `FROM a\nRUN <<EOF\n${'echo x\n'.repeat(300_000)}`;
  const all = service.validate(doc(huge), context());
  assert.deepEqual(all.filter((d) => d.code === 'heredoc-unterminated'), []);
  assert.ok(all.some((d) => d.code === 'analysis-limit'), 'the limit note says where checking stopped');
});

test('bashism: Arch, Gentoo, Manjaro and Mageia images have bash as /bin/sh; pipefail: not where a ; chain without set -e decides the status anyway', () => {
  for (const base of ['archlinux:base-devel', 'gentoo/stage3:latest', 'docker.io/library/archlinux', 'manjarolinux/base']) {
    assert.deepEqual(runRule('bashism', `FROM ${base}\nRUN source ~/.bashrc && [[ -f x ]]\n`), [], base);
  }
  assert.equal(runRule('bashism', 'FROM debian:12\nRUN source ~/.bashrc\n').length, 1);
  // A heredoc whose shebang names bash runs in bash (round 46); one that names sh, or none, in /bin/sh.
  const heredoc = '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN <<EOF\n#!/bin/bash -ex\nPACKAGES=(curl git)\napt-get install -y "${PACKAGES[@]}"\nsource /etc/os-release\nEOF\n';
  assert.deepEqual(runRule('bashism', heredoc), []);
  assert.equal(runRule('bashism', heredoc.replace('#!/bin/bash -ex', '#!/bin/sh -e')).length, 3);
  assert.equal(runRule('bashism', heredoc.replace('#!/bin/bash -ex\n', '')).length, 3);
  assert.deepEqual(runRule('bashism', heredoc.replace('#!/bin/bash -ex', '#!/usr/bin/env bash')), []);
  const chain = 'FROM amazonlinux:2\nRUN yum upgrade -y ;\\\n  curl -sS https://x.io/get-pip.py | python3 ;\\\n  ln -s /usr/bin/python3 /usr/bin/python\n';
  assert.deepEqual(runRule('pipefail', chain), []);
  assert.equal(runRule('pipefail', chain.replace('RUN yum', 'RUN set -e; yum')).length, 1, 'with set -e the pipe decides');
  assert.equal(runRule('pipefail', 'FROM a\nRUN curl -sS https://x.io/i.sh | sh && echo done\n').length, 1, 'an && chain stops at the pipe');
  const [alpineBash] = runRule('pipefail', 'FROM alpine:3\nRUN curl -fsSL https://x.io/i.sh | bash\n');
  assert.doesNotMatch(alpineBash!.message, /bash is not installed/);
});

test('export-without-effect: an export that ends a RUN, with the names it exports; only then', () => {
  const found = (text: string) => runRule('export-without-effect', text).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
  assert.deepEqual(found('FROM a\nRUN make && export A=1 B="x y"\n'), [
    '1:12 The RUN ends with export A, B, which sets nothing for later instructions or the container: each RUN starts a new shell. Use ENV (or ARG for the build alone).',
  ]);
  assert.equal(found('FROM a\nRUN export DEBIAN_FRONTEND noninteractive\n').length, 1);
  for (const text of [
    'FROM a\nRUN export A=1 && make\n',
    'FROM a\nRUN export A=1; make; echo done\n',
    'FROM a\nRUN if true; then export A=1; fi; make\n',
    'FROM a\nRUN export -p\n',
  ]) assert.deepEqual(found(text), [], text);
});

test('bashism: a base image of unknown make is not judged (it may set SHELL to bash, or be Arch); what the stage itself runs places it', () => {
  // sickcodes/docker-osx is Arch with SHELL ["/bin/bash", "-c"] in its image config.
  assert.deepEqual(runRule('bashism', 'FROM sickcodes/docker-osx:latest\nRUN pacman -Sy --noconfirm git && tee x <<< "y"\n'), []);
  assert.deepEqual(runRule('bashism', 'ARG BASE\nFROM ${BASE}\nRUN [[ -f x ]] && echo\n'), []);
  // apt-get in the stage says Debian or Ubuntu, whose /bin/sh is dash.
  assert.equal(runRule('bashism', 'FROM myorg/base:1\nRUN apt-get update && [[ -f x ]] && echo\n').length, 1);
});

test('sudo: only where the RUN runs as root; after USER with an unprivileged user, or on a base image of unknown make, sudo is by design', () => {
  assert.equal(runRule('sudo', 'FROM ubuntu:24.04\nRUN sudo apt-get update\n').length, 1);
  assert.equal(runRule('sudo', 'FROM ubuntu:24.04\nUSER app\nUSER root\nRUN sudo apt-get update\n').length, 1);
  assert.deepEqual(runRule('sudo', 'FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update\n'), []);
  // ocaml/opam runs as user opam with passwordless sudo.
  assert.deepEqual(runRule('sudo', 'FROM ocaml/opam:debian-12-ocaml-5.2\nRUN sudo apt-get update\n'), []);
  // The user set in the stage it is built FROM counts.
  assert.deepEqual(runRule('sudo', 'FROM debian:12 AS base\nUSER builder\nFROM base\nRUN sudo -E ./setup.sh\n'), []);
  assert.equal(runRule('sudo', 'FROM debian:12 AS base\nUSER builder\nFROM base\nUSER 0\nRUN sudo ./setup.sh\n').length, 1);
});

test('export-without-effect: a value computed by a command ends with the RUN too; no ENV fix for it', () => {
  const [finding, ...rest] = runRule('export-without-effect', 'FROM python:3.12\nRUN pip install pyenv && export PATH=$(pyenv root)/shims:$PATH\n');
  assert.deepEqual(rest, []);
  assert.match(finding!.message, /export PATH/);
  assert.deepEqual(runRule('export-without-effect', 'FROM a\nRUN export PATH=$(pyenv root)/shims:$PATH\n').map((d) => d.data), [undefined]);
  // Used in the same RUN: it has its effect there.
  assert.deepEqual(runRule('export-without-effect', 'FROM a\nRUN export PATH=$(pyenv root)/shims:$PATH && pyenv install 3.12\n'), []);
});

test('pointless-command: a service started for the commands after it, or stopped and killed after the RUN started it, is the build\'s work (round 7)', () => {
  for (const text of [
    'FROM debian:12\nRUN service postgresql start && psql -c "CREATE USER app"\n',
    'FROM centos:5\nRUN yum install -y mysql-server && service mysqld stop && rm -rf /var/lib/mysql/*\n',
    'FROM openjdk:8\nRUN java -jar server.jar & sleep 30 && kill -9 $(cat /tmp/server.pid)\n',
  ]) assert.deepEqual(runRule('pointless-command', text), [], text);
  // Started as the RUN's last act, or stopped with nothing running: nothing uses it.
  assert.equal(runRule('pointless-command', 'FROM debian:12\nRUN apt-get install -y nginx && service nginx start\n').length, 1);
  assert.equal(runRule('pointless-command', 'FROM debian:12\nRUN service nginx stop\n').length, 1);
  assert.equal(runRule('pointless-command', 'FROM debian:12\nRUN kill 1\n').length, 1);
});

test('pipefail: not where the RUN goes on to use what the download installs, which fails it right there (round 7)', () => {
  for (const text of [
    'FROM debian:12\nRUN wget https://get.symfony.com/cli/installer -O - | bash && mv /root/.symfony5/bin/symfony /usr/local/bin/symfony\n',
    'FROM debian:12\nRUN curl -s "https://get.sdkman.io" | bash && source "/root/.sdkman/bin/sdkman-init.sh" && sdk install java\n',
    'FROM debian:12\nRUN wget -qO- https://astral.sh/uv/install.sh | sh && uv venv /opt/py3\n',
    // A versioned name of what it installs (round 45: get-pip.py piped into python3.12, then pip3 --version).
    'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl python3.12 && curl -sS https://bootstrap.pypa.io/get-pip.py | python3.12 && python3 --version && pip3 --version\n',
    // python -m and the module it installs (round 48).
    'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl python3.11 && curl -sS https://bootstrap.pypa.io/get-pip.py | python3.11 && python3.11 -m pip install --upgrade pip\n',
    // A path ending in what it installs (round 39).
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && curl -LsSf https://astral.sh/uv/install.sh | sh && mv /root/.local/bin/uv /usr/local/bin/uv\n',
    // getcomposer.org installs composer.phar (round 9: mailcow).
    'FROM php:8.3-fpm-alpine\nRUN curl --silent --show-error https://getcomposer.org/installer | php -- --version=2.8.1 && mv composer.phar /usr/local/bin/composer\n',
    // An address kept in a variable names what it installs (round 13: dnmp).
    'FROM php:8.3-fpm-alpine\nARG COMPOSER_DOWNLOAD_URL=https://getcomposer.org/installer\nRUN curl -sS ${COMPOSER_DOWNLOAD_URL} | php && chmod +x composer.phar && mv composer.phar /usr/local/bin/composer\n',
  ]) assert.deepEqual(runRule('pipefail', text), [], text);
  assert.equal(runRule('pipefail', 'FROM debian:12\nARG SETUP_URL\nRUN curl -fsSL ${SETUP_URL} | bash - && make install\n').length, 1);
  // Nodesource's setup failing leaves apt-get to install the distribution's nodejs where the lists
  // are there: nothing fails. Where the image has none, the install fails without the setup's update (round 14).
  assert.equal(runRule('pipefail', 'FROM debian:12\nRUN apt-get update\nRUN curl -fsSL https://deb.nodesource.com/setup_lts.x | bash - && apt-get install -y nodejs\n').length, 1);
  assert.deepEqual(runRule('pipefail', 'FROM debian:12\nRUN curl -fsSL https://deb.nodesource.com/setup_lts.x | bash - && apt-get install -y nodejs\n'), []);
  // rustup's toolchain used after it under set -e: a failed download fails the RUN there (round 62).
  assert.deepEqual(runRule('pipefail', 'FROM debian:12\nRUN set -eux; curl --proto =https -sSf https://sh.rustup.rs | sh -s -- -y; "${CARGO_HOME}/bin/rustc" -V\n'), []);
  assert.equal(runRule('pipefail', 'FROM debian:12\nRUN set -eux; curl --proto =https -sSf https://sh.rustup.rs | sh -s -- -y; echo done\n').length, 1);
  assert.deepEqual(runRule('pipefail', 'FROM node:22\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash - && apt-get install -y nodejs\n'), []);
  // npm after it: only NodeSource's nodejs brings npm (round 46: npm install -g yarn after the install).
  assert.deepEqual(runRule('pipefail', 'FROM ruby:3.3\nRUN apt-get update\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash - && apt-get install -y nodejs && npm install -g yarn@1.22.22\n'), []);
  // The composer installer run by php between the cleanup and the setup leaves the lists alone (round 43).
  assert.deepEqual(runRule('pipefail', 'FROM php:8.3-fpm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer && composer install\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash - && apt-get install -y nodejs && npm install -g npm\n'), []);
  // The tool used only in a later RUN, or after a ; without set -e: not this RUN's failure.
  assert.equal(runRule('pipefail', 'FROM debian:12\nRUN wget -qO- https://astral.sh/uv/install.sh | sh\nRUN uv venv\n').length, 1);
});

test('pipefail on Alpine where an earlier RUN installs bash: SHELL with bash is the advice, not "bash is not installed" (round 40)', () => {
  const [found] = runRule('pipefail', 'FROM php:8.3-fpm-alpine\nRUN apk --no-cache add openssl bash \\\n  mysql-client\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin\n');
  assert.equal(found!.message, 'If curl fails, php still succeeds and so does this RUN. Put SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it (an earlier RUN installs bash), or start the script with set -o pipefail.');
  assert.match(runRule('pipefail', 'FROM php:8.3-fpm-alpine\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin\n')[0]!.message, /bash is not installed/);
});

test('shell-syntax: an exec form broken by text after the ] is invalid-json-form\'s one finding (round 17)', () => {
  const text = 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENTRYPOINT ["dotnet", "api.dll"]`\n';
  assert.deepEqual(runRule('shell-syntax', text), []);
  assert.equal(runRule('invalid-json-form', text).length, 1);
  // A shell-form line with the same stray backquote is the shell's.
  assert.equal(runRule('shell-syntax', 'FROM debian:12\nENTRYPOINT dotnet api.dll`\n').length, 1);
});

test('cd-without-effect: a cd into the directory the RUN already runs in is left alone (round 17)', () => {
  for (const text of [
    'FROM php:7.4-apache\nCOPY . /var/www/html\nRUN cd /var/www/html\nRUN composer install\n',
    'FROM debian:12\nWORKDIR /app\nRUN cd /app\n',
    'FROM debian:12\nWORKDIR /srv\nRUN make && cd /srv/\n',
    'FROM golang:1.23 AS build\nRUN cd /go\n',
  ]) assert.deepEqual(runRule('cd-without-effect', text), [], text);
  for (const text of [
    'FROM php:7.4-cli\nRUN cd /var/www/html\n',
    'FROM debian:12\nWORKDIR /app\nRUN cd /app/src\n',
    'FROM php:7.4-apache\nWORKDIR /srv\nRUN cd /var/www/html\n',
  ]) assert.equal(runRule('cd-without-effect', text).length, 1, text);
});

test('sudo: an official Debian or Alpine image has none, so the step stops; installed first, it changes nothing (round 18)', () => {
  const severities = (text: string) => validateDockerfile(text).filter((d) => d.code === 'sudo').map((d) => [d.severity, d.message.slice(0, 30).trim()]);
  assert.deepEqual(severities('FROM node:22-alpine\nRUN sudo npm i -g pm2\n'), [[1, 'node:22-alpine has no sudo, so']]);
  // Installed before, in the stage chain or earlier in the RUN: a hint (rounds 7-18 and 28: harmless).
  assert.deepEqual(severities('FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl sudo\nRUN sudo apt-get install -y git\n'), [[4, 'Do not use sudo in RUN: build']]);
  assert.deepEqual(severities('FROM debian:12\nRUN apt-get update && apt-get install -y sudo && sudo make install\n'), [[4, 'Do not use sudo in RUN: build']]);
  assert.deepEqual(severities('FROM ubuntu:latest\nRUN apt-get update && apt-get install -yq \\\n    wget \\\n    sudo \\\n    git\nRUN sudo make install\n'), [[4, 'Do not use sudo in RUN: build']]);
  // sudo named in another command of the RUN is no install of it.
  assert.deepEqual(severities('FROM debian:12\nRUN apt-get install -y git && echo sudo\nRUN sudo make install\n'), [[1, 'debian:12 has no sudo, so this']]);
  // A base of another make under USER root may ship it.
  assert.deepEqual(severities('FROM jenkins/jenkins:lts\nUSER root\nRUN sudo apt-get update\n'), [[4, 'Do not use sudo in RUN: build']]);
  // A script run before may have installed it (round 23: a dev container's common-debian.sh); one run after cannot.
  assert.deepEqual(severities('FROM debian:12\nRUN curl -sSL https://example.org/common.sh -o /tmp/common.sh && /bin/bash /tmp/common.sh\nRUN sudo make install\n'), [[4, 'Do not use sudo in RUN: build']]);
  assert.deepEqual(severities('FROM debian:12\nRUN ./setup.sh && echo x | sudo tee /etc/x\n'), [[4, 'Do not use sudo in RUN: build']]);
  assert.deepEqual(severities('FROM debian:12\nRUN curl -fsSL https://example.org/install | bash && sudo make install\n'), [[4, 'Do not use sudo in RUN: build']]);
  assert.deepEqual(severities('FROM debian:12\nRUN sudo make install && ./setup.sh\n'), [[1, 'debian:12 has no sudo, so this']]);
  assert.deepEqual(severities('FROM debian:12\nRUN bash -e\nRUN sudo make install\n'), [[1, 'debian:12 has no sudo, so this']]);
});

test('bashism: brace expansion under dash keeps the word as written (round 24: rm -rf /var/lib/{apt,dpkg} removes nothing)', () => {
  const found = runRule('bashism', 'FROM debian:12\nRUN rm -rf /var/lib/{apt,dpkg,cache,log}/ && mkdir -p /app/{1..3}\n');
  assert.deepEqual(found.map((d) => d.message), [
    '/var/lib/{apt,dpkg,cache,log}/ is bash\'s brace expansion, but RUN uses /bin/sh, which is dash on Debian and Ubuntu images: it keeps the word as written, so rm gets that one name.',
    '/app/{1..3} is bash\'s brace expansion, but RUN uses /bin/sh, which is dash on Debian and Ubuntu images: it keeps the word as written, so mkdir gets that one name.',
  ]);
  for (const text of [
    'FROM debian:12\nRUN find . -name "*.{js,ts}" -delete && echo ${A:-x} && find . -exec rm {} \\;\n',
    'FROM debian:12\nRUN docker inspect --format {{.Id}} x && echo \\{a,b\\}\n',
    'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN rm -rf /var/lib/{apt,dpkg}\n',
    'FROM alpine:3.20\nRUN rm -rf /var/cache/{apk,misc}\n',
  ]) assert.deepEqual(runRule('bashism', text), [], text);
});

test('cd-without-effect: a hint where a WORKDIR comes before anything that runs in a folder (round 26)', async () => {
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  const severity = (text: string) => validateDockerfile(text).filter((d) => d.code === 'cd-without-effect').map((d) => d.severity);
  assert.deepEqual(severity('FROM golang:1.23\nRUN mkdir -p /go/src && \\\n    cd /go/src\nENV ROOT=/go/src\nWORKDIR ${ROOT}\nCOPY . .\n'), [4]);
  assert.deepEqual(severity('FROM golang:1.23\nRUN mkdir -p /go/src && cd /go/src\nCOPY . .\nWORKDIR /go/src\n'), [2]);
});

test('run-cd: not for cd into a path the shell expands from a pattern, which WORKDIR cannot take (round 67: node_modules/.pnpm/sqlite3@*/...)', () => {
  const lines = (text: string) => runRule('run-cd', text).map((d) => d.range.start.line);
  assert.deepEqual(lines('FROM node:22\nRUN cd /app/node_modules/.pnpm/sqlite3@*/node_modules/sqlite3 && npm run build-release\n'), []);
  assert.deepEqual(lines('FROM node:22\nRUN cd /opt/tool-[0-9]* && make\nRUN cd /opt/tool && make\n'), [2]);
});

test('bashism: brace expansion in a for loop\'s words under dash: the loop runs once, with the word (round 70: for year in {1404..1407})', () => {
  const found = (text: string) => runRule('bashism', text).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
  assert.deepEqual(found('FROM python:3.11-slim\nRUN for year in {1404..1407}; do \\\n      curl -o "/data/$year.json" "https://example.invalid/?y=$year"; \\\n    done\n'), [[1, 16, 28]]);
  assert.deepEqual(found('FROM debian:12\nRUN for f in a b "{x,y}" ${LIST}; do echo $f; done\n'), []);
  // In a script bash runs (round 44: bash -c \'for i in {1..3}; ...\').
  assert.deepEqual(found('FROM ruby:3.4-bookworm\nRUN bash -c \'for i in {1..3}; do bundle install && break; done\'\n'), []);
  // Alpine's ash and RHEL's bash expand it.
  assert.deepEqual(found('FROM rockylinux:9\nRUN for n in {1..3}; do echo $n; done\n'), []);
});

test('sudo: packages named by a variable may be sudo, so no error that it is missing (round 71: ENV BUILD_PACKAGES="... sudo wget", apt install $BUILD_PACKAGES)', () => {
  const severities = (text: string) => validateDockerfile(text).filter((d) => d.code === 'sudo').map((d) => d.severity);
  assert.deepEqual(severities('FROM node:20.9.0-slim\nENV BUILD_PACKAGES="ssh sudo wget"\nRUN apt update && apt install -y --no-install-recommends $BUILD_PACKAGES\nRUN sudo touch /tmp/x.log\n'), [4]);
  assert.deepEqual(severities('FROM node:20.9.0-slim\nRUN apt-get update && apt-get install -y wget\nRUN sudo touch /tmp/x.log\n'), [1]);
  // A variable whose value is known and holds no sudo, or a version pinned by a variable: still missing.
  assert.deepEqual(severities('FROM node:20.9.0-slim\nENV PKGS="curl wget"\nRUN apt-get update && apt-get install -y $PKGS curl=${CURL_VERSION}\nRUN sudo touch /tmp/x.log\n'), [1]);
  // A variable nothing in the file sets (a build argument's default elsewhere): it may name sudo.
  assert.deepEqual(severities('FROM node:20.9.0-slim\nARG PKGS\nRUN apt-get update && apt-get install -y $PKGS\nRUN sudo touch /tmp/x.log\n'), [4]);
});

test('wget-progress: not where the command sends its standard error away from the build log (round 73: wget -O - URL 2>/dev/null | gpg --dearmor)', () => {
  const lines = (text: string) => runRule('wget-progress', text).map((d) => d.range.start.line);
  assert.deepEqual(lines('FROM a\nRUN wget -O - https://x.io/k.asc 2>/dev/null | gpg --dearmor - > /k.gpg\n'), []);
  assert.deepEqual(lines('FROM a\nRUN wget https://x.io/a >/dev/null 2>&1 && wget https://x.io/b &>/dev/null; wget https://x.io/c 2>wget.log\n'), []);
  // 2>&1 first: standard error goes where standard output was, the log; a later command's redirection is its own.
  assert.deepEqual(lines('FROM a\nRUN wget https://x.io/a 2>&1 >/dev/null\nRUN wget https://x.io/b && echo 2>/dev/null\nRUN wget https://x.io/c >/dev/null\n'), [1, 2, 3]);
});
