import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lacksTool } from '../../../server/src/core/imageTools';

test('which official images lack curl and wget: one answer for the Dockerfile and compose checks', () => {
  const both = (image: string) => [lacksTool(image, 'curl'), lacksTool(image, 'wget')];
  // Neither tool: the bare Debian and Ubuntu images, the slim language variants, the database images on Debian.
  for (const image of ['debian:12', 'ubuntu:24.04', 'python:3.12-slim', 'node:22-slim', 'ruby:3.3-slim', 'postgres:16', 'redis', 'ollama/ollama', 'qdrant/qdrant:v1.12.0', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'mcr.microsoft.com/dotnet/runtime:9.0-noble']) assert.deepEqual(both(image), [true, true], image);
  // BusyBox's wget only: Alpine, BusyBox and the Alpine variants.
  for (const image of ['alpine:3.20', 'busybox', 'python:3.12-alpine', 'golang:1.22-alpine', 'postgres:16-alpine', 'mcr.microsoft.com/dotnet/aspnet:8.0-alpine']) assert.deepEqual(both(image), [true, false], image);
  // Not known: the full language variants (buildpack-deps carries both), other images.
  for (const image of ['python:3.12', 'node:22', 'nginx', 'acme/app:1', 'mcr.microsoft.com/dotnet/sdk:8.0', 'mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-ltsc2022']) assert.deepEqual(both(image), [undefined, undefined], image);
});
