import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-healthcheck-missing';
const waits = (db: string) => `services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n${db}`;

test('waiting for the health of a service that has no healthcheck and an official image: a warning at the dependency', () => {
  const text = waits('    image: postgres:16\n');
  const [problem] = findings(validate(text), code);
  assert.ok(problem);
  assert.equal(covered(text, problem), 'db');
  assert.equal(problem.severity, 2);
  assert.match(problem.message, /has no healthcheck and its image defines none/);
  assert.equal(findings(validate(waits('    image: docker.io/library/redis@sha256:abc\n')), code).length, 1);
});

test('a disabled healthcheck is an error, however it is disabled', () => {
  assert.deepEqual(findings(validate(waits('    image: myorg/db\n    healthcheck:\n      disable: true\n')), code).map((p) => p.severity), [1]);
  assert.deepEqual(findings(validate(waits('    image: myorg/db\n    healthcheck:\n      test: ["NONE"]\n')), code).map((p) => p.severity), [1]);
});

test('nothing when a healthcheck may be there: written, in an override, from another image, or from the Dockerfile', () => {
  for (const text of [
    waits('    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n'),
    waits('    image: ghcr.io/someone/db:1\n'),
    waits('    extends: { file: base.yaml, service: db }\n'),
    // service_started needs no healthcheck.
    'services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_started\n  db:\n    image: postgres\n',
  ]) assert.deepEqual(findings(validate(text), code), [], text);
  const text = waits('    image: postgres:16\n');
  assert.deepEqual(findings(validate(text, { files: { 'file:///project/compose.override.yaml': 'services:\n  db:\n    healthcheck:\n      test: pg_isready\n' } }), code), []);
});

test('a service built from the project: its Dockerfile decides', () => {
  const text = waits('    build: ./db\n');
  const dockerfile = (body: string) => ({ 'file:///project/db/Dockerfile': body });
  assert.equal(findings(validate(text, { files: dockerfile('FROM postgres:16 AS base\nFROM base\nCOPY init.sql /docker-entrypoint-initdb.d/\n') }), code).length, 1);
  assert.deepEqual(findings(validate(text, { files: dockerfile('FROM postgres:16\nHEALTHCHECK CMD pg_isready\n') }), code), []);
  // A base image that is not an official one may define a HEALTHCHECK; an unreadable Dockerfile says nothing.
  assert.deepEqual(findings(validate(text, { files: dockerfile('FROM bitnami/postgresql:16\n') }), code), []);
  assert.deepEqual(findings(validate(text), code), []);
});
