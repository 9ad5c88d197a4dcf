import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { checkRuleCases, runRule } from '../helpers';

test('runtime rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'multiple-instructions', bad: 'FROM a\nCMD ["a"]\nCMD ["b"]\n', good: 'FROM a\nCMD ["a"]\nFROM b\nCMD ["b"]\n', line: 1 },
    { rule: 'json-args-recommended', bad: 'FROM a\nCMD node server.js\n', good: 'FROM a\nCMD ["node", "server.js"]\nFROM b\nSHELL ["pwsh", "-c"]\nCMD Write-Host hi\n', line: 1 },
    { rule: 'background-service-cmd', bad: 'FROM a\nCMD service nginx start\n', good: 'FROM a\nCMD ["nginx", "-g", "daemon off;"]\n', line: 1 },
    { rule: 'healthcheck-no-tool', bad: 'FROM python:3.12-slim\nHEALTHCHECK CMD curl -f http://localhost:8000/\n', good: 'FROM python:3.12-slim\nHEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen(\'http://localhost:8000/\')"\n', line: 1 },
    { rule: 'root-user', bad: 'FROM a\nUSER root\nRUN apt-get update\n', good: 'FROM a\nUSER root\nRUN x\nUSER 1000\n', line: 1 },
    { rule: 'user-not-numeric', bad: 'FROM a\nUSER app\n', good: 'FROM a\nUSER 1000:1000\n', line: 1 },
    { rule: 'user-not-created', bad: 'FROM debian:12\nRUN useradd -r app\nUSER appp\n', good: 'FROM debian:12\nRUN useradd -r app\nUSER app\nFROM node:22\nUSER node\n', line: 2 },
    { rule: 'missing-healthcheck', bad: 'FROM a\nCMD ["x"]\n', good: 'FROM a\nHEALTHCHECK CMD x\n', line: 0 },
  ], assert);
});

test('multiple-instructions reports the peer id for each keyword', () => {
  const list = runRule('multiple-instructions', 'FROM a\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK CMD a\nHEALTHCHECK NONE\n');
  assert.deepEqual(list.map((d) => d.range.start.line), [1, 3]);
  assert.deepEqual(list[0]!.tags, [1]);
});

test('multiple-instructions: the same CMD again is a hint to tidy, not an overridden command (round 22)', () => {
  const [same, other] = validateDockerfile('FROM python:3.12\nCMD gunicorn  app:app -b 0.0.0.0:8000\nRUN pip install gunicorn\nENTRYPOINT ["a"]\nCMD gunicorn app:app -b 0.0.0.0:8000\nENTRYPOINT ["b"]\n').filter((d) => d.code === 'multiple-instructions');
  assert.equal(same!.message, 'This CMD is repeated unchanged on line 5, which is the one that counts; this one can go.');
  assert.equal(same!.severity, 4);
  assert.equal(other!.severity, 2);
});

test('background-service-cmd knows daemons and trailing &', () => {
  const count = (text: string) => runRule('background-service-cmd', text).length;
  assert.equal(count('FROM a\nCMD ["systemctl", "start", "x"]\n'), 1);
  assert.equal(count('FROM a\nCMD nginx\n'), 1);
  assert.equal(count('FROM a\nCMD apachectl start\n'), 1);
  // -D FOREGROUND keeps httpd in front however it is started (round 26: mod_wsgi-express's apachectl).
  assert.equal(count('FROM a\nCMD apachectl start -D FOREGROUND\n'), 0);
  assert.equal(count('FROM a\nCMD ["httpd", "-k", "start", "-D", "FOREGROUND"]\n'), 0);
  assert.equal(count('FROM a\nCMD ./server &\n'), 1);
  // A CMD a later CMD of the stage replaces never runs (round 47; multiple-instructions says so).
  assert.equal(count('FROM a\nCMD filebeat setup\nCMD service filebeat start\nCMD dotnet WebAPI.dll\n'), 0);
  assert.equal(count('FROM a\nCMD dotnet WebAPI.dll\nFROM a\nCMD service filebeat start\n'), 1);
  assert.equal(count('FROM a\nCMD service php-fpm start && nginx -g "daemon off;"\n'), 0);
  assert.equal(count('FROM a\nCMD ["apache2ctl", "-D", "FOREGROUND"]\n'), 0);  // A configuration of its own, named with -c, may say daemon off (round 20: deploy/nginx_default.conf).
  assert.equal(count('FROM a\nCOPY . /app\nCMD /nginx/sbin/nginx -c /app/deploy/nginx_default.conf\n'), 0);
  assert.equal(count('FROM a\nCOPY . /app\nCMD /nginx/sbin/nginx\n'), 1);
});

test('user-not-created from scratch needs a uid or a copied passwd', () => {
  assert.equal(runRule('user-not-created', 'FROM scratch\nUSER app\n').length, 1);
  assert.equal(runRule('user-not-created', 'FROM scratch\nCOPY --from=b /etc/passwd /etc/passwd\nUSER app\n').length, 0);
  assert.equal(runRule('user-not-created', 'FROM scratch\nUSER 65532\n').length, 0);
});

test('user-not-created: COPY --chown naming a user or group the stage does not make stops the build (round 39: nextjs:nodejs where the group made is avilatek)', () => {
  const text = 'FROM node:22-alpine\nRUN addgroup --system --gid 1001 avilatek\nRUN adduser --system --uid 1001 nextjs\nCOPY --from=builder --chown=nextjs:nodejs /app/.next/standalone ./\n';
  const [found, ...rest] = runRule('user-not-created', text);
  assert.deepEqual(rest, []);
  assert.equal(found!.message, 'No RUN in this stage creates nodejs (it creates other users and groups), so --chown stops the build ("unable to convert uid/gid chown string to host mapping"). Check the name.');
  assert.deepEqual([found!.range.start.line, found!.range.start.character, found!.range.end.character], [3, 28, 41]);
  assert.equal(runRule('user-not-created', 'FROM scratch\nCOPY --chown=app:app bin /bin\n').length, 1);
  // A user made from a variable the Dockerfile sets (round 46: ENV USER=docker, adduser "${USER}"); one not known: nothing told.
  const env = 'FROM golang:1.15-alpine\nENV USER=docker UID=1234\nRUN addgroup "${USER}" && adduser "${USER}" --uid "${UID}" --ingroup "${USER}" --disabled-password\nUSER docker\nCOPY --chown=docker:docker src .\n';
  assert.deepEqual(runRule('user-not-created', env), []);
  assert.equal(runRule('user-not-created', env.replace('USER docker', 'USER dokcer')).length, 1);
  assert.deepEqual(runRule('user-not-created', 'FROM alpine:3.20\nRUN adduser -D "$APP_USER"\nUSER app1\n'), []);
  for (const ok of [
    text.replace('avilatek', 'nodejs'),
    // The base's own users and groups, numbers, variables, or a stage that makes no users (its base's are not known).
    'FROM node:22-alpine\nRUN adduser -D app\nCOPY --chown=node:node . .\nCOPY --chown=app:nogroup . .\nCOPY --chown=1001:1001 . .\nCOPY --chown=$USER:$GROUP . .\n',
    'FROM acme/base:1\nCOPY --chown=nextjs:nodejs . .\n',
    'FROM scratch\nCOPY --from=b /etc/passwd /etc/passwd\nCOPY --chown=app:app bin /bin\n',
  ]) assert.deepEqual(runRule('user-not-created', ok), [], ok);
});

test('json-args-recommended offers an exec array for simple commands only', () => {
  assert.deepEqual(runRule('json-args-recommended', 'FROM a\nCMD node server.js\n')[0]!.data, { exec: ['node', 'server.js'] });
  assert.equal(runRule('json-args-recommended', 'FROM a\nCMD node server.js --port $PORT\n')[0]!.data, undefined);
});

test('json-args-recommended: a script of several commands needs a shell in either form; exec before its last plain command is the advice', () => {
  for (const cmd of ['node a | tee b', 'if [ -f x ]; then a; fi', '[[ -f x ]] && a', 'a && exec b', 'a; b &']) {
    assert.deepEqual(runRule('json-args-recommended', `FROM a\nCMD ${cmd}\n`), [], cmd);
  }
  for (const [cmd, exec] of [['composer update ; php-fpm', 'exec php-fpm'], ['gzserver & npm start', 'exec npm'], ['a || b', 'exec b'], ['cd /app && ./run', 'exec ./run']]) {
    const [finding, ...rest] = runRule('json-args-recommended', `FROM a\nCMD ${cmd}\n`);
    assert.deepEqual(rest, [], cmd);
    assert.ok(finding?.message.includes(`(${exec})`), cmd);
    assert.equal(finding?.data, undefined);
  }
  // Operators inside quotes are an argument's text.
  assert.equal(runRule('json-args-recommended', 'FROM a\nCMD nginx -g "daemon off; error_log stderr;"\n').length, 1);
});

test('json-args-recommended: on Alpine, BusyBox ash runs the last command of a plain list in place of itself (round 17)', () => {
  for (const cmd of ['sleep 25 && /reciever', 'cd /app; ./server', 'a || b']) {
    assert.deepEqual(runRule('json-args-recommended', `FROM golang:1.22-alpine\nCMD ${cmd}\n`), [], cmd);
    // Debian's dash keeps itself in front of it.
    assert.equal(runRule('json-args-recommended', `FROM golang:1.22\nCMD ${cmd}\n`).length, 1, cmd);
  }
  assert.equal(runRule('json-args-recommended', 'FROM node:22-alpine\nCMD npm run migrate && node server.js\n').length, 0);
});

test('json-args-recommended: a SHELL set in the stage it is built FROM counts, as in BuildKit', () => {
  assert.deepEqual(runRule('json-args-recommended', 'FROM a AS base\nSHELL ["pwsh", "-c"]\nFROM base\nCMD Write-Host hi\n'), []);
  assert.equal(runRule('json-args-recommended', 'FROM a AS base\nSHELL ["pwsh", "-c"]\nFROM b\nCMD Write-Host hi\n').length, 1);
});

test('background-service-cmd: nginx whose configuration the Dockerfile sets to "daemon off", or replaces, is in the foreground', () => {
  const count = (text: string) => runRule('background-service-cmd', text).length;
  assert.equal(count('FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y nginx && echo "daemon off;" >> /etc/nginx/nginx.conf\nCMD ["nginx"]\n'), 0);
  assert.equal(count('FROM nginx:1.27\nCOPY conf/nginx.conf /etc/nginx/nginx.conf\nCMD ["nginx"]\n'), 0);
  assert.equal(count('FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nCMD ["nginx"]\n'), 1);
  // service ... start returns whatever the configuration says.
  assert.equal(count('FROM ubuntu:24.04\nCOPY nginx.conf /etc/nginx/nginx.conf\nCMD service nginx start\n'), 1);
});

test('exec-shell-without-c: a shell in the exec form reads its first operand as a script file', async (t) => {
  await checkRuleCases(t, [
    { rule: 'exec-shell-without-c', bad: 'FROM debian:12\nCMD ["/bin/bash", "ls /srv"]\n', good: 'FROM debian:12\nCMD ["/bin/bash", "-c", "ls /srv"]\nENTRYPOINT ["sh", "/entrypoint.sh"]\n', line: 1 },
  ], assert);
  const [finding] = runRule('exec-shell-without-c', 'FROM debian:12\nCMD ["/bin/bash", "-l", "ls /srv"]\n');
  assert.match(finding!.message, /reads "ls \/srv" as the name of a script file/);
  assert.deepEqual(finding!.data, { replacement: '"-c", "ls /srv"', span: { start: 39, end: 48 } });
  assert.equal(runRule('exec-shell-without-c', 'FROM alpine:3\nRUN ["sh", "apk add curl"]\n').length, 1);
  for (const text of [
    'FROM a\nCMD ["sh", "-ec", "echo hi && run"]\n',
    'FROM a\nCMD ["bash", "-o", "pipefail", "-c", "a | b"]\n',
    'FROM a\nCMD ["bash", "start.sh"]\n',
    'FROM a\nCMD ["bash", "./run"]\n',
    'FROM a\nENTRYPOINT ["/bin/sh"]\n',
    'FROM a\nCMD ["node", "server.js --port 1"]\n',
  ]) assert.deepEqual(runRule('exec-shell-without-c', text), [], text);
});

test('json-args-recommended: a command with a glob or a variable needs the shell; the advice is exec in front, with no exec array', () => {
  for (const cmd of ['java -jar ./*.jar', 'node server.js --port $PORT']) {
    const [finding, ...rest] = runRule('json-args-recommended', `FROM a\nCMD ${cmd}\n`);
    assert.deepEqual(rest, [], cmd);
    assert.match(finding!.message, /put exec before the last command \(exec (java|node)\)/, cmd);
    assert.equal(finding!.data, undefined, cmd);
  }
});

test('exec-form-one-string: an exec form whose program item is a whole command line (round 21: CMD ["ruby bot.rb"])', async (t) => {
  await checkRuleCases(t, [
    { rule: 'exec-form-one-string', bad: 'FROM ruby:3.3-alpine\nCMD ["ruby bot.rb"]\n', good: 'FROM ruby:3.3-alpine\nCMD ["ruby", "bot.rb"]\n', line: 1 },
  ], assert);
  const [cmd, ...rest] = runRule('exec-form-one-string', 'FROM ruby:3.3-alpine\nCMD ["ruby bot.rb", "--verbose"]\n');
  assert.deepEqual(rest, []);
  assert.equal(cmd!.message, 'Docker runs "ruby bot.rb" as the name of one program, spaces included, and finds none (\'executable file not found\'): write each word as its own item, ["ruby", "bot.rb"].');
  assert.deepEqual(cmd!.data, { replacement: '"ruby", "bot.rb"', span: { start: 26, end: 39 } });
  // A shell command gets a shell; one word with spaces around it loses them; RUN, ENTRYPOINT and ONBUILD are judged whatever the base.
  const [shell] = runRule('exec-form-one-string', 'FROM node:22\nCMD [ "cd backend && ./backend" ]\n');
  assert.equal((shell!.data as { replacement: string }).replacement, '"sh", "-c", "cd backend && ./backend"');
  assert.equal((runRule('exec-form-one-string', 'FROM python:3.12\nCMD [" python", "app.py"]\n')[0]!.data as { replacement: string }).replacement, '"python"');
  assert.equal(runRule('exec-form-one-string', 'FROM debian:12\nRUN ["apt-get update"]\n').length, 1);
  assert.equal(runRule('exec-form-one-string', 'FROM myorg/base:1\nENTRYPOINT ["python app.py"]\n').length, 1);
  assert.equal(runRule('exec-form-one-string', 'FROM python:3.12\nONBUILD CMD ["python app.py"]\n').length, 1);
  // No shell in distroless: no sh -c fix, the finding stays.
  const [distroless] = runRule('exec-form-one-string', 'FROM gcr.io/distroless/base\nENTRYPOINT ["/app --port $PORT"]\n');
  assert.equal(distroless!.data, undefined);
  for (const text of [
    // CMD under an ENTRYPOINT is its arguments: ["sh", "-c"] takes one string (the three such files of rounds 12-16).
    'FROM python:3.11\nENTRYPOINT ["/bin/zsh", "-c"]\nCMD ["uvicorn app.main:app --reload"]\n',
    'FROM alpine\nENTRYPOINT [ "/bin/sh", "-l", "-c" ]\nCMD [ "cd backend && ./backend" ]\n',
    'FROM base AS b\nENTRYPOINT ["sh", "-c"]\nFROM b\nCMD ["sleep infinity"]\n',
    // An image that is not official may have such an entrypoint; Windows joins the items into a command line.
    'FROM snakepacker/python:2.7\nCMD ["sleep infinity"]\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["C:\\\\Program Files\\\\App\\\\app.exe"]\n',
    'FROM python:3.12\nCMD ["--workers 4"]\n',
    'FROM python:3.12\nCMD ["python", "-c", "print(1)"]\n',
    'FROM python:3.12\nCMD python app.py\n',
  ]) assert.deepEqual(runRule('exec-form-one-string', text), [], text);
});

test('exec-form-quotes: quotes the exec form hands on, not those of a script given to -c or -e', async (t) => {
  await checkRuleCases(t, [
    { rule: 'exec-form-quotes', bad: 'FROM nginx:1.27\nCMD ["nginx", "-g", "\'daemon off;\'"]\n', good: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n', line: 1 },
  ], assert);
  const [option] = runRule('exec-form-quotes', 'FROM rocker/r-ver:4\nRUN ["install2.r", "-r \'https://cloud.r-project.org\'", "readr"]\n');
  assert.equal((option!.data as { replacement: string }).replacement, '"-r", "https://cloud.r-project.org"');
  assert.equal((runRule('exec-form-quotes', 'FROM a\nENTRYPOINT ["app", "--name=\\"web\\""]\n')[0]!.data as { replacement: string }).replacement, '"--name=web"');
  for (const text of [
    'FROM python:3.12\nCMD ["python", "-c", "print(\'hi\')"]\n',
    'FROM node:22\nCMD ["node", "-e", "\'use strict\'"]\n',
    'FROM debian:12\nRUN ["/bin/sh", "-c", "\'echo hi\'"]\n',
    'FROM a\nCMD ["curl", "-H", "Content-Type: application/json", "it\'s"]\n',
    'FROM a\nCMD ["\'app\'"]\n',
    'FROM a\nCMD ["echo", "\'"]\n',
    'FROM a\nCMD echo \'hi\'\n',
  ]) assert.deepEqual(runRule('exec-form-quotes', text), [], text);
});

test('root-user: not for servers whose job needs root, named by what the image runs or is (round 12: JupyterHub with LDAP users)', () => {
  for (const text of [
    'FROM jupyterhub/jupyterhub:2.1.1\nUSER root\nRUN apt-get update\n',
    'FROM debian:12\nUSER root\nRUN apt-get update && apt-get install -y openssh-server\nCMD ["/usr/sbin/sshd", "-D"]\n',
    'FROM debian:12\nUSER root\nRUN apt-get update && apt-get install -y cron\nCMD cron -f\n',
    'FROM ubuntu:24.04\nUSER root\nRUN apt-get update\nENTRYPOINT ["/sbin/init"]\n',
    // A process manager the image installs, which starts each program as its configured user (round 17).
    'FROM guacamole/guacd\nUSER root\nRUN apt-get update && apt-get install -y supervisor\nCOPY supervisor.conf /etc/supervisor/conf.d/supervisord.conf\nCMD ["./entrypoint.sh"]\n',
  ]) assert.deepEqual(runRule('root-user', text), [], text);
  // A package named like one (node-cron) is not the server.
  assert.equal(runRule('root-user', 'FROM node:22\nUSER root\nRUN npm install -g node-cron\nCMD ["node", "app.js"]\n').length, 1);
});

test('healthcheck-always-passes: a HEALTHCHECK whose script ends in a command that cannot fail', async (t) => {
  const rule = 'healthcheck-always-passes';
  await checkRuleCases(t, [{ rule: 'healthcheck-always-passes', bad: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 0\n', good: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n', line: 1 }], assert);
  assert.equal(runRule(rule, 'FROM node:22\nHEALTHCHECK --interval=30s CMD ["sh", "-c", "wget -qO- localhost:3000 || true"]\n').length, 1);
  assert.equal(runRule(rule, 'FROM node:22\nHEALTHCHECK CMD node check.js || echo unhealthy\n')[0]?.message, 'This health check always passes: its script ends with echo unhealthy, which exits 0 even when the probe before it fails. End it with || exit 1.');
  for (const text of ['FROM a\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n', 'FROM a\nHEALTHCHECK NONE\n', 'FROM a\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n', 'FROM a\nRUN curl x || true\n']) assert.deepEqual(runRule(rule, text), [], text);
});

test('exec-form-variable: a variable in the exec form, which no shell replaces', async (t) => {
  const rule = 'exec-form-variable';
  await checkRuleCases(t, [
    { rule: 'exec-form-variable', bad: 'FROM python:3.12-slim\nCMD ["uvicorn", "main:app", "--port", "$PORT"]\n', good: 'FROM python:3.12-slim\nCMD ["sh", "-c", "exec uvicorn main:app --port $PORT"]\n', line: 1 },
  ], assert);
  assert.equal(runRule(rule, 'FROM python:3.12-slim\nCMD ["gunicorn", "-b", "0.0.0.0:${PORT:-8000}", "app:app"]\n')[0]?.message, 'No shell runs the exec form, so gunicorn receives the text ${PORT:-8000}, not the variable\'s value. Run it through a shell: ["sh", "-c", "exec ..."], or write the shell form.');
  assert.equal(runRule(rule, 'FROM gcr.io/distroless/java21\nENTRYPOINT ["java", "-jar", "/app/$JAR_FILE"]\n')[0]?.message, 'No shell runs the exec form, so java receives the text $JAR_FILE, not the variable\'s value. This image has no shell to replace it: have the program read the variable itself.');
  for (const text of [
    // Behind launchers, and in RUN.
    'FROM node:22\nENTRYPOINT ["tini", "--", "node", "$APP"]\n',
    'FROM node:22\nENTRYPOINT ["gosu", "app", "node", "$APP"]\n',
    'FROM node:22\nRUN ["npm", "install", "--prefix", "$APP_HOME"]\n',
    // CMD after an ENTRYPOINT that is a program: its arguments.
    'FROM rust:1 AS build\nFROM debian:12\nENTRYPOINT ["surreal-writer"]\nCMD ["--redis-url", "${REDIS_URL}"]\n',
  ]) assert.equal(runRule(rule, text).length, 1, text);
  for (const text of [
    // A shell reads the items: -c, or a launcher before one.
    'FROM node:22\nCMD ["sh", "-c", "node $APP"]\n',
    'FROM node:22\nENTRYPOINT ["tini", "--", "/bin/bash", "-c", "node $APP"]\n',
    // CMD handed to an entrypoint script, which may expand it (chroma evals its arguments).
    'FROM python:3.12\nENTRYPOINT ["/docker_entrypoint.sh"]\nCMD ["--workers ${WORKERS}"]\n',
    'FROM python:3.12\nENTRYPOINT ["/app/docker-entrypoint.sh"]\nCMD ["docker-gen", "-notify-filter", "label=$LABEL"]\n',
    // Another publisher's image may have an entrypoint of its own; CMD options are its arguments.
    'FROM acme/base:1\nCMD ["serve", "--port", "$PORT"]\n',
    'FROM python:3.12\nCMD ["--port", "$PORT"]\n',
    // Programs with code of their own, and scripts given to -c or -e.
    'FROM debian:12\nCMD ["awk", "{print $NF}", "/data"]\n',
    'FROM debian:12\nCMD ["envsubst", "$HOST $PORT"]\n',
    'FROM php:8\nCMD ["php", "-r", "echo $X;"]\n',
    'FROM node:22\nCMD ["node", "-e", "console.log(`${HOME}`)"]\n',
    'FROM r-base:4\nENTRYPOINT ["R", "-e", "pr$run(port=8080)"]\n',
    // caddy's {$NAME}, Spring's ${name} in a Java program's properties, lower-case names, escaped dollars.
    'FROM caddy:2\nCMD ["caddy", "run", "--adapter", "{$ADAPTER}"]\n',
    'FROM eclipse-temurin:21\nENTRYPOINT ["java", "-jar", "/opt/app.jar", "--tcf.host.baseurl=${SERVER_WITH_PORT}"]\n',
    'FROM eclipse-temurin:21\nENTRYPOINT ["java", "-Dserver.port=${PORT}", "-jar", "/opt/app.jar"]\n',
    'FROM a\nCMD ["app", "--price", "$5"]\n',
    'FROM a\nCMD ["app", "\\\\$HOME"]\n',
    // Shell form: the shell replaces it.
    'FROM node:22\nCMD node $APP\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
});

test('json-args-recommended: one plain command on Alpine or a RHEL-family image, whose /bin/sh execs it, gets its signals; on Debian dash keeps the shell as process 1', () => {
  assert.deepEqual(runRule('json-args-recommended', 'FROM node:22-alpine\nCMD node server.js\n'), []);
  assert.deepEqual(runRule('json-args-recommended', 'FROM rockylinux:9\nCMD java -jar /app/*.jar\n'), []);
  assert.equal(runRule('json-args-recommended', 'FROM node:22\nCMD node server.js\n').length, 1);
  // Two commands keep dash in front: exec before the last one.
  assert.equal(runRule('json-args-recommended', 'FROM node:22\nCMD npm run migrate && node server.js\n').length, 1);
});

test('quoted-shell-command: a shell-form line that is one quoted string is one word to the shell (round 11)', async (t) => {
  await checkRuleCases(t, [{ rule: 'quoted-shell-command', bad: 'FROM node:22\nCMD "npm start"\n', good: 'FROM node:22\nCMD npm start\n', line: 1 }], assert);
  const [d] = runRule('quoted-shell-command', 'FROM golang:1.23\nCMD "ENVIRON=localhost go test ./..."\n');
  assert.equal(d?.message, 'The shell reads "ENVIRON=localhost go test ./..." as one word and looks for a program of that name, so this stops with "not found". Leave out the quotes, or use the exec form: ["ENVIRON=localhost", "go", "test", "./..."].');
  for (const text of [
    'FROM a\nCMD "nginx"\n', 'FROM a\nRUN echo "a b"\n', 'FROM a\nCMD ["npm", "start"]\n',
    // Another shell reads its own quoting.
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN "Write-Host hi"\n',
  ]) assert.deepEqual(runRule('quoted-shell-command', text), [], text);
});

test('background-service-cmd: a CMD that only installs packages exits without starting the app (round 16)', () => {
  const [finding] = runRule('background-service-cmd', 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["npm", "i"]\n');
  assert.equal(finding?.message, 'npm i only installs packages and then exits, so the container stops without starting the app. Install in a RUN, and start the app here (npm start, node server.js).');
  for (const cmdLine of ['CMD pip install -r requirements.txt', 'CMD ["yarn"]', 'CMD composer install']) assert.equal(runRule('background-service-cmd', `FROM a\n${cmdLine}\n`).length, 1, cmdLine);
  for (const text of [
    'FROM node:22\nCMD ["npm", "start"]\n',
    'FROM node:22\nCMD npm install && npm start\n',
    'FROM node:22\nENTRYPOINT ["npm"]\nCMD ["install"]\n',
    'FROM node:22\nCMD ["npm", "i"]\nENTRYPOINT ["./run.sh"]\n',
    'FROM python:3.12\nCMD ["pip", "list"]\n',
  ]) assert.deepEqual(runRule('background-service-cmd', text), [], text);
});

test('root-user: USER root on an official image that runs as root itself changes nothing, so it is information (round 18)', async () => {
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  const severity = (text: string) => validateDockerfile(text).find((d) => d.code === 'root-user')?.severity;
  assert.equal(severity('FROM node:22\nUSER root\nWORKDIR /app\nCOPY . .\nRUN yarn\nCMD ["yarn", "start"]\n'), 3);
  // The slip: a base whose own user is unprivileged, or one the rule cannot place.
  assert.equal(severity('FROM jenkins/jenkins:lts\nUSER root\nRUN apt-get update && apt-get install -y docker.io\n'), 2);
  assert.equal(severity('FROM elasticsearch:8.15.0\nUSER root\nRUN apt-get update\n'), 2);
});

test('healthcheck-no-tool: curl or wget in a HEALTHCHECK on an image without it, where nothing brings it (round 31: node:16-alpine)', () => {
  const found = (text: string) => runRule('healthcheck-no-tool', text).map((d) => d.range.start.line);
  assert.deepEqual(found('FROM node:16-alpine\nCOPY . .\nHEALTHCHECK CMD curl -f http://localhost:3000 || exit 1\n'), [2]);
  assert.deepEqual(found('FROM python:3.12-slim\nHEALTHCHECK CMD ["wget", "-qO-", "http://localhost:8000/"]\n'), [1]);
  // A COPY --from of the app's build output brings no curl (round 42).
  assert.deepEqual(found('FROM node:22-alpine AS builder\nRUN npm run build\nFROM node:22-alpine\nCOPY --from=builder /app/dist ./dist\nHEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1\n'), [4]);
  assert.match(runRule('healthcheck-no-tool', 'FROM python:3.12-slim\nHEALTHCHECK CMD curl -f http://localhost/\n')[0]!.message, /^python:3.12-slim has no curl, and nothing/);
  // Installed, copied in, an image that has it, wget on Alpine, or an image not known: left alone.
  for (const text of [
    'FROM node:16-alpine\nRUN apk add --no-cache curl\nHEALTHCHECK CMD curl -f http://localhost:3000\n',
    'FROM python:3.12-slim\nCOPY --from=curlimages/curl /usr/bin/curl /usr/bin/curl\nHEALTHCHECK CMD curl -f http://localhost/\n',
    'FROM node:20\nHEALTHCHECK CMD curl -f http://localhost:3000\n',
    'FROM node:20-alpine\nHEALTHCHECK CMD wget -qO- http://localhost:3000\n',
    'FROM acme/app:1\nHEALTHCHECK CMD curl -f http://localhost/\n',
    'FROM node:16-alpine\nHEALTHCHECK CMD node healthcheck.js\n',
    // Installed in a heredoc's script (round 85).
    'FROM debian:13-slim\nRUN <<-EOF\n\tapt-get update\n\tapt-get install -y --no-install-recommends curl\nEOF\nHEALTHCHECK CMD curl -f http://localhost/\n',
  ]) assert.deepEqual(found(text), [], text);
});

test('healthcheck-no-tool: ps, pgrep and pkill (procps), ss (iproute2) and netstat (net-tools) on Debian and the slim language images (round 81: pgrep on python:3.12-slim)', () => {
  const found = (text: string) => runRule('healthcheck-no-tool', text).map((d) => d.range.start.line);
  assert.deepEqual(found('FROM python:3.12-slim\nCOPY . .\nHEALTHCHECK --interval=30s CMD pgrep -f "celery worker" || exit 1\n'), [2]);
  assert.deepEqual(found('FROM debian:bookworm\nHEALTHCHECK CMD ["ps", "-p", "1"]\n'), [1]);
  assert.deepEqual(found('FROM node:20-slim\nHEALTHCHECK CMD /usr/bin/pkill -0 node\n'), [1]);
  // ss comes with iproute2, netstat with net-tools (round 82: ss -lnt on python:3.12.9-slim).
  assert.match(runRule('healthcheck-no-tool', 'FROM python:3.12.9-slim\nHEALTHCHECK CMD ss -lnt | grep -q :8000 || exit 1\n')[0]!.message, /^python:3.12.9-slim has no ss: it comes with the iproute2 package/);
  assert.deepEqual(found('FROM debian:bookworm-slim\nHEALTHCHECK CMD netstat -tln | grep 80\n'), [1]);
  assert.deepEqual(found('FROM python:3.12-alpine\nHEALTHCHECK CMD netstat -tln | grep 80\n'), []);
  assert.deepEqual(found('FROM python:3.12-alpine\nHEALTHCHECK CMD ss -tln | grep 80\n'), [], 'BusyBox has no ss, but Alpine is not judged for it');
  assert.deepEqual(found('FROM python:3.12-slim\nRUN apt-get update && apt-get install -y iproute2\nHEALTHCHECK CMD ss -lnt | grep -q :8000\n'), []);
  // Another program copied in by name brings no ss; a bin folder or the program itself may (round 82: uv beside an ss check).
  assert.deepEqual(found('FROM python:3.12.9-slim\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\nHEALTHCHECK CMD ss -lnt | grep -q 8000 || exit 1\n'), [2]);
  assert.deepEqual(found('FROM python:3.12.9-slim\nCOPY --from=tools /usr/sbin/ /usr/sbin/\nHEALTHCHECK CMD ss -lnt | grep -q 8000 || exit 1\n'), []);
  assert.deepEqual(found('FROM python:3.12.9-slim\nCOPY --from=tools /bin/ss /bin/ss\nHEALTHCHECK CMD ss -lnt | grep -q 8000 || exit 1\n'), []);
  assert.match(runRule('healthcheck-no-tool', 'FROM python:3.12-slim\nHEALTHCHECK CMD pgrep -f worker\n')[0]!.message, /^python:3.12-slim has no pgrep: it comes with the procps package/);
  // Installed, BusyBox's on Alpine, a full language image, an image not known, or another program: left alone.
  for (const text of [
    'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends procps\nHEALTHCHECK CMD pgrep -f worker\n',
    'FROM python:3.12-alpine\nHEALTHCHECK CMD pgrep -f worker\n',
    'FROM python:3.12\nHEALTHCHECK CMD pgrep -f worker\n',
    'FROM acme/worker:1\nHEALTHCHECK CMD pgrep -f worker\n',
    'FROM python:3.12-slim\nHEALTHCHECK CMD psql -c "select 1"\n',
  ]) assert.deepEqual(found(text), [], text);
});

test('healthcheck-no-tool: the old mongo shell on mongo 6 and later, which carry only mongosh', () => {
  const found = (text: string) => runRule('healthcheck-no-tool', text).map((d) => d.range.start.line);
  assert.deepEqual(found('FROM mongo:6.0\nHEALTHCHECK CMD echo \'db.runCommand("ping").ok\' | mongo localhost:27017/test --quiet\n'), [1]);
  assert.deepEqual(found('FROM mongo\nHEALTHCHECK CMD ["mongo", "--eval", "1"]\n'), [1]);
  assert.match(runRule('healthcheck-no-tool', 'FROM mongo:8\nHEALTHCHECK CMD mongo --eval 1\n')[0]!.message, /^mongo:8 has no mongo, the old shell/);
  for (const text of [
    'FROM mongo:4.4\nHEALTHCHECK CMD mongo --eval 1\n',
    'FROM mongo:7\nHEALTHCHECK CMD mongosh --quiet --eval 1\n',
    'FROM mongo:7\nRUN apt-get update && apt-get install -y mongodb-org-shell\nHEALTHCHECK CMD mongo --eval 1\n',
    'FROM acme/mongo:7\nHEALTHCHECK CMD mongo --eval 1\n',
  ]) assert.deepEqual(found(text), [], text);
});

test('user-not-created: a USER an official image with known users does not have, where nothing may add one (round 62: USER openclaw on node)', () => {
  const [found, ...rest] = runRule('user-not-created', 'FROM node\nWORKDIR /root\nRUN npm install -g openclaw@latest\nUSER openclaw\nCMD ["openclaw", "gateway", "run"]\n');
  assert.deepEqual(rest, []);
  assert.equal(found!.message, 'node has no user openclaw, and nothing in this stage creates one: the container does not start ("unable to find user openclaw"). Create it first (RUN useradd -m openclaw, or adduser -D openclaw on Alpine), or use a user the image has.');
  for (const text of [
    'FROM node:22\nUSER node\n',
    'FROM nginx:1.27\nUSER nginx\n',
    // A package, a script or a copied file system may add the user.
    'FROM python:3.12\nRUN apt-get update && apt-get install -y postgresql\nUSER postgres2\n',
    'FROM python:3.12\nCOPY setup.sh /\nRUN /setup.sh\nUSER app2\n',
    'FROM python:3.12\nCOPY tools /tools\nRUN ./tools/install\nUSER app2\n',
    'FROM python:3.12\nRUN bash -c "useradd -m app2"\nUSER app2\n',
    'FROM python:3.12\nCOPY --from=base /etc /etc\nUSER app2\n',
    // Not an image whose users are known.
    'FROM myorg/base:1\nUSER app2\n',
  ]) assert.deepEqual(runRule('user-not-created', text), [], text);
});
