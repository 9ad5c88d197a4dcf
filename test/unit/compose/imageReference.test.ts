import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-invalid-image';

test('an image reference compose refuses: capitals, with the lower-case name as the fix, and placeholders left in (rounds 12 and 14)', () => {
  const text = 'services:\n  web:\n    image: YourName/flask-redis-app-2\n  app:\n    image: MyCompany/Web-App:1.0\n  shop:\n    image: "<ecr-link>/eshopwebmvc:latest"\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => covered(text, d)), ['YourName/flask-redis-app-2', 'MyCompany/Web-App:1.0', '"<ecr-link>/eshopwebmvc:latest"']);
  assert.equal(found[0]!.message, '"YourName/flask-redis-app-2" is a placeholder, not an image reference: compose refuses it ("invalid reference format"). Put in the registry and name it stands for.');
  assert.equal(found[1]!.message, 'Image names are lower case: compose refuses "MyCompany/Web-App:1.0" ("invalid reference format: repository name must be lowercase"). Write mycompany/web-app:1.0.');
  assert.equal((found[1]!.data as { replacement: string }).replacement, 'mycompany/web-app:1.0');
  assert.equal(found[1]!.severity, 1);
});

test('valid references, interpolated ones and registries with capitals in the host are left alone', () => {
  const text = 'services:\n  a:\n    image: nginx:1.27-alpine\n  b:\n    image: ghcr.io/acme/api:V1.2\n  c:\n    image: ${REGISTRY}/App:${TAG}\n  d:\n    image: localhost:5000/app@sha256:' + 'a'.repeat(64) + '\n  e:\n    image: My.Registry.io:5000/team/app:latest\n';
  assert.deepEqual(findings(validate(text), code), []);
});
