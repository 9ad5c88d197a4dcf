import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-redirect-empties-input';

test('compose-redirect-empties-input: a command that writes the file it reads (round 77: nginx started with an empty configuration)', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n    command: /bin/bash -c "envsubst \'$$NGINX_PORT\' < /etc/nginx/nginx.conf > /etc/nginx/nginx.conf && nginx -g \'daemon off;\'"\n  api:\n    image: alpine\n    entrypoint: ["sh", "-c", "cat /app/c.json > /app/c.json"]\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => [covered(text, d), d.severity]), [['/etc/nginx/nginx.conf', 1], ['/app/c.json', 1]]);
  assert.deepEqual(findings(validate(text.replace('< /etc/nginx/nginx.conf >', '< /etc/nginx/nginx.conf.template >').replace('cat /app/c.json >', 'cat /app/c.json >>')), code), []);
});

test('compose-redirect-empties-input: a folded block\'s header is no redirection', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n    command: >-\n      sh -c "cat /etc/a.conf > /etc/a.conf && nginx"\n  api:\n    image: alpine\n    command: >\n      sh -c "sh x"\n';
  assert.deepEqual(findings(validate(text), code).map((d) => covered(text, d)), ['/etc/a.conf']);
});
