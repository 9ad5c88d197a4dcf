import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';

const folder = 'file:///work/app';
const withConf = (conf?: string) => () => context({ files: files(conf === undefined ? { [`${folder}/index.html`]: '' } : { [`${folder}/nginx.conf`]: conf }, [folder]) });
const check = (text: string, ctx = withConf()) => runRule('nginx-unprivileged-user', text, ctx(), `${folder}/Dockerfile`);
const HANDED = 'RUN touch /var/run/nginx.pid && chown -R nginx:nginx /var/run/nginx.pid /var/cache/nginx\n';

test('nginx-unprivileged-user', async (t) => {
  await checkRuleCases(t, [
    { rule: 'nginx-unprivileged-user', bad: 'FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\nUSER nginx\n', good: `FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\n${HANDED}USER nginx\n`, line: 2, ctx: withConf(), uri: `${folder}/Dockerfile` },
  ], assert);
});

test('nginx-unprivileged-user: the official nginx image after USER of an unprivileged user, with what it cannot write (round 40, round 49)', () => {
  const [both] = check('FROM node:22 AS build\nRUN npm run build\nFROM nginx:alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\nUSER nginx\nCMD ["nginx", "-g", "daemon off;"]\n');
  assert.equal(both!.range.start.line, 4);
  assert.match(both!.message, /as nginx: it writes \/var\/run\/nginx\.pid and \/var\/cache\/nginx/);
  // The pid file handed over, the cache not: only the cache is named.
  assert.match(check('FROM nginx\nRUN touch /var/run/nginx.pid && chown nginx /var/run/nginx.pid\nUSER 101\n')[0]!.message, /as 101: it writes \/var\/cache\/nginx,/);
  // Set in a stage that others are built FROM: reported once, at its USER line.
  assert.deepEqual(check('FROM nginx:1.27 AS base\nUSER nginx\nFROM base AS prod\nCOPY dist /usr/share/nginx/html\n').map((d) => d.range.start.line), [1]);
  // The nginx.conf it copies, read from the context: a pid in /var/run is still root's.
  assert.equal(check('FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\nUSER nginx\n', withConf('user nginx;\npid /var/run/nginx.pid;\nhttp {}\n')).length, 1);
});

test('nginx-unprivileged-user: not where the paths are handed over or moved, another image or command, root, or an nginx.conf that cannot be read', () => {
  for (const [text, ctx] of [
    [`FROM nginx:1.27\n${HANDED}USER nginx\n`, withConf()],
    ['FROM nginxinc/nginx-unprivileged:1.27-alpine\nUSER nginx\n', withConf()],
    ['FROM bitnami/nginx:1.27\nUSER 1001\n', withConf()],
    ['FROM nginx:1.27\nUSER root\n', withConf()],
    ['FROM nginx:1.27\nUSER nginx\nCMD ["node", "server.js"]\n', withConf()],
    ['FROM nginx:1.27\nUSER nginx\nCMD ["nginx", "-g", "daemon off; pid /tmp/nginx.pid;"]\nRUN chown -R nginx /var/cache/nginx\n', withConf()],
    ['FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\nUSER nginx\n', withConf('pid /tmp/nginx.pid;\nhttp {\n  client_body_temp_path /tmp/client_temp;\n}\n')],
    // Copied, but not there to read (made before the build, or the context is elsewhere): not known.
    ['FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\nUSER nginx\n', withConf()],
    ['FROM nginx:1.27\nCOPY --from=config /nginx.conf /etc/nginx/nginx.conf\nUSER nginx\n', withConf()],
  ] as const) assert.deepEqual(check(text, ctx).filter((d) => d.severity === 1), [], text);
});

test('nginx-unprivileged-user: templates the entrypoint cannot render into conf.d as that user, a warning at their COPY (round 49)', async () => {
  const text = (extra: string) => `FROM nginx:alpine\nRUN rm /etc/nginx/conf.d/default.conf\nCOPY default.conf.template /etc/nginx/templates/default.conf.template\n${HANDED}${extra}USER nginx\n`;
  const [found, ...rest] = check(text(''));
  assert.deepEqual(rest, []);
  assert.equal(found!.range.start.line, 2);
  // A warning where the rule keeps its default severity (runRule sets it as if chosen).
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  assert.deepEqual(validateDockerfile(text(''), withConf()(), `${folder}/Dockerfile`).filter((d) => d.code === 'nginx-unprivileged-user').map((d) => d.severity), [2]);
  assert.match(found!.message, /USER on line 5/);
  assert.deepEqual(check(text('RUN chown -R nginx:nginx /etc/nginx/conf.d\n')), []);
  assert.deepEqual(check(text('ENV NGINX_ENVSUBST_OUTPUT_DIR=/tmp/conf.d\n')), []);
});
