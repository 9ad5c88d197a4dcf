import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeFile } from '../../../server/src/core/compose/model/composeFile';
import { validateSchema } from '../../../server/src/core/compose/schema/validateSchema';
import { rootSchema, schemasAt, knownProperties } from '../../../server/src/core/compose/schema/composeSchema';
import type { Problem } from '../../../server/src/core/compose/checks/problems';

function problems(text: string): Problem[] {
  const file = buildComposeFile('file:///p/compose.yaml', 1, text);
  const out: Problem[] = [];
  validateSchema(file, file.documents[0]!.root, rootSchema, out);
  return out;
}

test('one message per mistake, never a cascade over alternatives', () => {
  const found = problems('services:\n  web:\n    image: x\n    ports: "80:80"\n    networks:\n      front: 12\n    healthcheck:\n      test: 5\n');
  assert.deepEqual(found.map((p) => p.message), [
    '"ports" must be a list, not a string.',
    '"front" must be a mapping, not a number.',
    '"test" must be a string or a list of strings, not a number.',
  ]);
});

test('the schema answers what keys a place has', () => {
  const keys = [...knownProperties(schemasAt(['services', 'web', 'build'])).keys()];
  assert.ok(keys.includes('context') && keys.includes('target'));
  assert.ok(knownProperties(schemasAt(['services', 'web', 'depends_on', 'db'])).has('condition'));
});

test('a valid file has no problems', () => {
  assert.deepEqual(problems('name: app\nservices:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_healthy\n        restart: true\n  db:\n    image: y\n    networks:\n      back:\n        aliases: [database]\nnetworks:\n  back:\n'), []);
});

test('a variable in a name: compose substitutes values only, and a template file is rendered first (round 46)', () => {
  const text = 'services:\n  db:\n    image: postgres:17\n    volumes:\n      - db:/var/lib/postgresql\nvolumes:\n  ${VOLUME_DB}:\n    name: data\n';
  const [found, ...rest] = problems(text);
  assert.deepEqual(rest, []);
  assert.equal(found!.message, 'Compose substitutes variables in values only, not in keys: "${VOLUME_DB}" stays as written, which is not a valid name. Write the name itself, or render the file first (envsubst) if it is a template.');
  assert.equal(found!.severity, undefined);
  const file = buildComposeFile('file:///p/docker-compose-template.yml', 1, text);
  const out: Problem[] = [];
  validateSchema(file, file.documents[0]!.root, rootSchema, out);
  assert.deepEqual(out.map((p) => p.severity), ['hint']);
});
