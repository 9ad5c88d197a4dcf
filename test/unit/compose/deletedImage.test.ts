import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';
import { deletedImage } from '../../../server/src/core/deletedImages';

const code = 'compose-deleted-image';

test('compose-deleted-image: images Docker Hub no longer serves under that name stop the pull (round 17)', () => {
  const text = 'services:\n  db:\n    image: docker.io/bitnami/postgresql:15\n  api:\n    image: "openjdk:17-jdk-slim"\n    command: java -jar /app.jar\n  web:\n    image: microsoft/aspnetcore:2.0\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => [covered(text, d), d.severity]), [['docker.io/bitnami/postgresql:15', 1], ['"openjdk:17-jdk-slim"', 1], ['microsoft/aspnetcore:2.0', 1]]);
  assert.match(found[1]!.message, /Use eclipse-temurin:17-jdk\.$/);
  assert.deepEqual(found.map((d) => (d.data as { replacement?: string } | undefined)?.replacement), ['bitnamilegacy/postgresql:15', 'eclipse-temurin:17-jdk', undefined]);
});

test('compose-deleted-image: consul and vault with no tag, whose latest went with the official images (round 47)', () => {
  const text = 'services:\n  consul:\n    image: consul\n  vault:\n    image: vault:latest\n  pinned:\n    image: consul:1.15\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => [covered(text, d), (d.data as { replacement?: string } | undefined)?.replacement]), [['consul', 'hashicorp/consul:latest'], ['vault:latest', 'hashicorp/vault:latest']]);
  assert.equal(found[0]!.message, 'HashiCorp stopped publishing consul as a Docker official image in 2023, and its latest tag was deleted, so the pull fails with "manifest unknown". Use HashiCorp\'s own image, hashicorp/consul:latest.');
});

test('compose-deleted-image: latest, minideb, exact old openjdk versions, digests, variables and built images are left alone', () => {
  for (const text of [
    'services:\n  a:\n    image: bitnami/redis:latest\n  b:\n    image: bitnami/redis\n  c:\n    image: bitnami/minideb:bookworm\n',
    'services:\n  a:\n    image: openjdk:11.0.6-jdk\n  b:\n    image: openjdk:26-ea-jdk\n  c:\n    image: bitnamilegacy/kafka:3.4\n',
    'services:\n  a:\n    image: bitnami/kafka:${KAFKA_VERSION}\n  b:\n    image: openjdk@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    'services:\n  app:\n    build: .\n    image: bitnami/myapp:1.0\n',
  ]) assert.deepEqual(findings(validate(text), code), [], text);
  assert.equal(deletedImage('ghcr.io/bitnami/postgresql:15'), undefined);
});
