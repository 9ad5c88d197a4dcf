import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, ROOT, validate } from './helpers';

const code = 'compose-build-time-env';
const SPA = 'FROM node:22-alpine AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n';
const found = (compose: string, dockerfile = SPA) => findings(validate(compose, { files: { [`${ROOT}/web/Dockerfile`]: dockerfile, [`${ROOT}/compose.yaml`]: compose } }), code);

test('a bundler\'s variable set in the environment of a service whose image serves the built files (round 48, round 54)', () => {
  const compose = 'services:\n  web:\n    build: ./web\n    environment:\n      - VITE_API_URL=http://api:8080\n      - NODE_ENV=production\n      - REACT_APP_TITLE=Notes\n';
  const list = found(compose);
  assert.deepEqual(list.map((d) => covered(compose, d)), ['VITE_API_URL', 'REACT_APP_TITLE']);
  assert.equal(list[0]!.severity, 2);
  assert.equal(list[0]!.message, 'VITE_API_URL is read when the front end is built, which writes its value into the JavaScript; "web" runs nginx, which serves the built files and never reads it, so setting it here changes nothing. Pass it in build.args, with ARG VITE_API_URL before the build in the Dockerfile.');
  // The mapping form, and httpd.
  assert.equal(found('services:\n  web:\n    build:\n      context: ./web\n    environment:\n      VUE_APP_API: /api\n', SPA.replace('nginx:alpine', 'httpd:2.4')).length, 1);
});

test('not where the image reads its environment, something writes it into the files at start, or build.args passes it', () => {
  const compose = 'services:\n  web:\n    build: ./web\n    environment:\n      VITE_API_URL: http://api:8080\n';
  // A dev server (the last stage is node), an entrypoint script, envsubst, nginx templates.
  assert.deepEqual(found(compose, 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["npm", "run", "dev"]\n'), []);
  assert.deepEqual(found(compose, `${SPA}COPY env.sh /docker-entrypoint.d/40-env.sh\n`), []);
  assert.deepEqual(found(compose, `${SPA}CMD ["/bin/sh", "-c", "envsubst < /usr/share/nginx/html/config.tpl.js > /usr/share/nginx/html/config.js && nginx -g 'daemon off;'"]\n`), []);
  assert.deepEqual(found('services:\n  web:\n    build:\n      context: ./web\n      args:\n        VITE_API_URL: http://api:8080\n    environment:\n      VITE_API_URL: http://api:8080\n'), []);
  // An image, not a build: what it does with its environment is not known.
  assert.deepEqual(findings(validate('services:\n  web:\n    image: my/web:1\n    environment:\n      VITE_API_URL: x\n'), code), []);
});
