import { test } from 'node:test';
import assert from 'node:assert/strict';
import { familyOfImage } from '../../../server/src/core/dockerfile/analysis/imageFamily';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';

test('the family of an image reference: tag words first, then the name, then official defaults', () => {
  const cases: [string, string][] = [
    ['node:22-alpine3.20', 'alpine'],
    ['golang:${GO_VERSION}-alpine${ALPINE_VERSION}', 'alpine'],
    ['python:3.13-slim-bookworm', 'debian'],
    ['ubuntu:24.04', 'debian'],
    ['eclipse-temurin:21-jdk-noble', 'debian'],
    ['postgres:17', 'debian'],
    ['docker.io/library/redis:7.4', 'debian'],
    ['busybox:1.37-musl', 'alpine'],
    // A toolchain named for a musl target runs on Ubuntu or Debian (round 51: apt-get there is right).
    ['ghcr.io/cross-rs/x86_64-unknown-linux-musl:0.2.5', 'unknown'],
    ['clux/muslrust:stable', 'unknown'],
    ['traefik:v3.3', 'alpine'],
    ['registry.access.redhat.com/ubi9/ubi-minimal:9.5', 'rhel'],
    ['redhat/ubi9', 'rhel'],
    ['eclipse-temurin:21-jdk-ubi9-minimal', 'rhel'],
    ['mysql:8.4', 'rhel'],
    // Tags last built before mysql's bare tags moved to Oracle Linux (July 2022), and openjdk's Debian tags (round 26).
    ['mysql:8.0.20', 'debian'], ['mysql:5.7.37', 'debian'], ['mysql:8.0.29', 'rhel'], ['mysql:5.7', 'rhel'],
    ['openjdk:11.0.7-jdk-slim', 'debian'], ['openjdk:8u252-jdk', 'debian'], ['openjdk:17-jdk-slim', 'debian'], ['openjdk:21-oraclelinux8', 'rhel'],
    // The default variant from 12 on is Oracle Linux (round 44: apk on openjdk:17).
    ['openjdk:17', 'rhel'], ['openjdk:17-jdk', 'rhel'], ['openjdk:8', 'debian'], ['openjdk:11', 'debian'],
    ['amazonlinux:2023', 'rhel'],
    ['gcr.io/distroless/static-debian12:nonroot', 'distroless'],
    ['mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled', 'distroless'],
    ['scratch', 'scratch'],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'windows'],
    ['mcr.microsoft.com/dotnet/framework/sdk:4.8.1-windowsservercore-ltsc2025', 'windows'],
    ['python:3.13-windowsservercore-ltsc2022', 'windows'],
    ['mcr.microsoft.com/dotnet/sdk:9.0', 'debian'],
    ['ghcr.io/acme/build-base:2', 'unknown'],
    ['${BASE_IMAGE}', 'unknown'],
  ];
  for (const [image, family] of cases) assert.equal(familyOfImage(image), family, image);
});

test('a stage has the family of the root of its FROM chain', () => {
  const a = Analysis.of('FROM node:22-alpine AS deps\nRUN npm ci\nFROM deps AS build\nRUN npm run build\nFROM build\n');
  assert.deepEqual(a.doc.stages.map((s) => a.family(s)), ['alpine', 'alpine', 'alpine']);
});

test('the backtick escape directive means Windows whatever the image says', () => {
  const a = Analysis.of('# escape=`\nARG TAG\nFROM ${REGISTRY}/base:${TAG}\nRUN Write-Host hi\n');
  assert.equal(a.family(a.doc.stages[0]!), 'windows');
});

test('an image that says nothing is recognised by the package manager its RUNs use', () => {
  const apk = Analysis.of('ARG BASE\nFROM $BASE\nRUN apk add --no-cache curl\n');
  assert.equal(apk.family(apk.doc.stages[0]!), 'alpine');
  const dnf = Analysis.of('FROM ghcr.io/acme/base:1 AS base\nRUN microdnf install -y tar\nFROM base\nRUN echo\n');
  assert.equal(dnf.family(dnf.doc.stages[1]!), 'rhel');
  const pwsh = Analysis.of('FROM acme/build:1\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem\n');
  assert.equal(pwsh.family(pwsh.doc.stages[0]!), 'windows');
  const none = Analysis.of('FROM acme/build:1\nRUN make\n');
  assert.equal(none.family(none.doc.stages[0]!), 'unknown');
});

test('a FROM with variables takes the family its candidate stages share', () => {
  const a = Analysis.of('FROM scratch AS out-linux\nCOPY a /\nFROM scratch AS out-darwin\nCOPY b /\nFROM out-$TARGETOS AS out\n');
  assert.equal(a.family(a.doc.stages[2]!), 'scratch');
  const mixed = Analysis.of('FROM alpine:3.20 AS base-alpine\nFROM debian:12 AS base-debian\nFROM base-${VARIANT}\n');
  assert.equal(mixed.family(mixed.doc.stages[2]!), 'unknown');
});
