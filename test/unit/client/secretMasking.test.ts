import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName, MASK, maskArgv, maskEnvEntry, maskSecrets, maskShapes, maskText } from '../../../client/src/containers/secretMasking';

test('secret-looking names, any case, fused or as a word of their own', () => {
  for (const name of [
    'DB_PASSWORD', 'PGPASSWORD', 'mysql_root_passwd', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'apiKey', 'GOOGLE_APPLICATION_CREDENTIALS', 'BASIC_AUTH',
    'OAUTH_CLIENT', 'SSH_PRIVATE', 'SESSION_COOKIE',
    // the names the review found visible
    'DB_PASS', 'MYSQL_PWD', 'LDAP_BIND_PW', 'SENTRY_DSN', 'GITHUB_PAT', 'dbPass', 'com.example.db-password', 'traefik.http.middlewares.a.basicauth.users',
  ]) {
    assert.ok(isSecretName(name), name);
  }
  for (const name of ['PATH', 'HOME', 'PWD', 'OLDPWD', 'HOSTNAME', 'LANG', 'NODE_ENV', 'PORT', 'DB_HOST', 'DB_USER', 'KEYBOARD', 'AUTHOR', 'PASSENGER_COUNT', 'COMPASS']) {
    assert.ok(!isSecretName(name), name);
  }
});

test('maskEnvEntry hides the value of a secret name, and credential-shaped values of any name', () => {
  assert.equal(maskEnvEntry('DB_PASSWORD=hunter2'), `DB_PASSWORD=${MASK}`);
  assert.equal(maskEnvEntry('TOKEN=a=b=c'), `TOKEN=${MASK}`);
  assert.equal(maskEnvEntry('PATH=/usr/bin'), 'PATH=/usr/bin');
  assert.equal(maskEnvEntry('API_KEY='), 'API_KEY=');
  assert.equal(maskEnvEntry('API_KEY'), 'API_KEY');
  assert.equal(maskEnvEntry('DATABASE_URL=postgres://app:s3cr3t@db:5432/app'), `DATABASE_URL=postgres://app:${MASK}@db:5432/app`);
  assert.equal(maskEnvEntry('REDIS_URL=redis://:hunter2@cache:6379/0'), `REDIS_URL=redis://:${MASK}@cache:6379/0`, 'a password without a user');
});

test('the URL rule needs a password; a user alone (git@, ssh://) stays', () => {
  assert.equal(maskShapes('https://user@example.com/x'), 'https://user@example.com/x');
  assert.equal(maskShapes('amqp://guest:guest@rabbit:5672/'), `amqp://guest:${MASK}@rabbit:5672/`);
});

test('credential shapes are masked whatever their name', () => {
  const github = 'ghp_' + 'a'.repeat(36);
  const fineGrained = 'github_pat_' + 'B1'.repeat(20);
  const slack = 'xoxb-1234567890-abcdefghij';
  const aws = 'AKIAIOSFODNN7EXAMPLE';
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
  for (const secret of [github, fineGrained, slack, aws, jwt, 'glpat-' + 'x'.repeat(20), 'sk_live_' + '9'.repeat(24), 'AIza' + 'Q'.repeat(35), 'npm_' + 'n'.repeat(36)]) {
    const masked = maskShapes(`value ${secret} end`);
    assert.equal(masked, `value ${MASK} end`, secret);
  }
  assert.equal(maskShapes(key), `-----BEGIN OPENSSH PRIVATE KEY-----${MASK}-----END OPENSSH PRIVATE KEY-----`);
  assert.equal(maskShapes('-----BEGIN RSA PRIVATE KEY-----\nMIIE…cut'), `-----BEGIN RSA PRIVATE KEY-----${MASK}`, 'an unterminated block is masked to the end');
  assert.equal(maskEnvEntry(`GITHUB_PAT=${github}`), `GITHUB_PAT=${MASK}`);
  assert.equal(maskEnvEntry(`HELPER=${github}`), `HELPER=${MASK}`, 'by shape, whatever the name');
  // Things that merely look a little like them stay.
  for (const plain of ['sha256:' + 'a'.repeat(64), 'ghp_short', 'eyJhbGciOiJIUzI1NiJ9', 'AKIA-not-a-key', 'xoxb-']) assert.equal(maskShapes(plain), plain);
});

test('maskArgv: the value after a secret flag, --flag=value, NAME=value, and shapes inside scripts', () => {
  assert.deepEqual(
    maskArgv(['run', '-d', '-e', 'POSTGRES_PASSWORD=hunter2', '-e', 'POSTGRES_USER=app', '--label', 'db-password=x', 'postgres:16']),
    ['run', '-d', '-e', `POSTGRES_PASSWORD=${MASK}`, '-e', 'POSTGRES_USER=app', '--label', `db-password=${MASK}`, 'postgres:16'],
  );
  assert.deepEqual(maskArgv(['build', '--build-arg', 'NPM_TOKEN=abc', '--build-arg', 'VERSION=1.2', '.']), ['build', '--build-arg', `NPM_TOKEN=${MASK}`, '--build-arg', 'VERSION=1.2', '.']);
  assert.deepEqual(maskArgv(['server', '--password', 'p4ss', '--api-key=k3y', '--port', '80']), ['server', '--password', MASK, `--api-key=${MASK}`, '--port', '80']);
  assert.deepEqual(maskArgv(['login', '--password-stdin', 'registry.local']), ['login', '--password-stdin', 'registry.local'], '--password-stdin takes no value');
  assert.deepEqual(maskArgv(['sh', '-c', 'export API_TOKEN=abc && curl -u admin:pw -H "Authorization: Bearer xyz" http://x']),
    ['sh', '-c', `export API_TOKEN=${MASK} && curl -u admin:${MASK} -H "Authorization: Bearer ${MASK}" http://x`]);
  assert.deepEqual(maskArgv(['mysqladmin', 'ping', '-uroot', '-proot-pw']), ['mysqladmin', 'ping', '-uroot', `-p${MASK}`]);
  assert.deepEqual(maskArgv(['mysqladmin', 'ping', '-p$MYSQL_ROOT_PASSWORD']), ['mysqladmin', 'ping', '-p$MYSQL_ROOT_PASSWORD'], 'a variable reference is no secret');
  assert.deepEqual(maskArgv(['ls', '-p', 'dir']), ['ls', '-p', 'dir'], '-p means nothing special elsewhere');
});

test('maskText: YAML keys (quoted mask), assignments, flags, and nothing else changes', () => {
  const yaml = [
    'services:',
    '  db:',
    '    environment:',
    '      POSTGRES_PASSWORD: hunter2',
    '      POSTGRES_DB: app',
    '      - MYSQL_PWD=x',
    '    command: server --token t0k --verbose',
    '    healthcheck:',
    '      test:',
    '      - CMD-SHELL',
    '      - curl -u admin:pw http://localhost',
    'secrets:',
    '  db_password:',
    '    file: ./db_password.txt',
    '',
  ].join('\n');
  const masked = maskText(yaml);
  assert.equal(masked, yaml
    .replace('POSTGRES_PASSWORD: hunter2', `POSTGRES_PASSWORD: '${MASK}'`)
    .replace('MYSQL_PWD=x', `MYSQL_PWD=${MASK}`)
    .replace('--token t0k', `--token ${MASK}`)
    .replace('admin:pw', `admin:${MASK}`));
  assert.equal(maskText(masked), masked, 'masking twice changes nothing more');
  assert.equal(maskText('docker run -e DEBUG=1 -p 8080:80 nginx'), 'docker run -e DEBUG=1 -p 8080:80 nginx');
});

test('maskSecrets masks Env, Cmd, Args, Entrypoint, Labels and Healthcheck at any depth and leaves the input alone', () => {
  const container = {
    Id: 'abc',
    Path: '/entry.sh',
    Args: ['--db-password', 'hunter2', '--verbose'],
    Config: {
      Env: ['PATH=/bin', 'DB_PASSWORD=hunter2', 'Secret_Key=s3', 'DB_PASS=p', 'MYSQL_PWD=m', 'LDAP_BIND_PW=l', 'DATABASE_URL=postgres://u:pw@db/app', 'SENTRY_DSN=https://k@o1.ingest.sentry.io/1', `GITHUB_PAT=ghp_${'z'.repeat(36)}`],
      Labels: { PASSWORD: 'label goes', 'com.example.owner': 'team-a', 'com.example.url': 'https://bot:tok@ci.example' },
      Cmd: ['--token=x', 'serve'],
      Entrypoint: ['/entry.sh', '--secret', 'e'],
      Healthcheck: { Test: ['CMD-SHELL', 'mysqladmin ping -uroot -phunter2'], Interval: 1000 },
    },
  };
  const image = { Config: { Env: ['NPM_TOKEN=t'] }, ContainerConfig: { Env: ['GPG_KEY=k'] } };
  const service = { Spec: { TaskTemplate: { ContainerSpec: { Env: ['REDIS_AUTH=r'], Args: ['--password=p'] } } } };
  const result = maskSecrets({ container, image, service, list: [{ Env: ['X_TOKEN=1'] }] });
  const c = result.value.container;
  assert.deepEqual(c.Config.Env, ['PATH=/bin', `DB_PASSWORD=${MASK}`, `Secret_Key=${MASK}`, `DB_PASS=${MASK}`, `MYSQL_PWD=${MASK}`, `LDAP_BIND_PW=${MASK}`, `DATABASE_URL=postgres://u:${MASK}@db/app`, `SENTRY_DSN=${MASK}`, `GITHUB_PAT=${MASK}`]);
  assert.deepEqual(c.Args, ['--db-password', MASK, '--verbose']);
  assert.deepEqual(c.Config.Labels, { PASSWORD: MASK, 'com.example.owner': 'team-a', 'com.example.url': `https://bot:${MASK}@ci.example` });
  assert.deepEqual(c.Config.Cmd, [`--token=${MASK}`, 'serve']);
  assert.deepEqual(c.Config.Entrypoint, ['/entry.sh', '--secret', MASK]);
  assert.deepEqual(c.Config.Healthcheck, { Test: ['CMD-SHELL', `mysqladmin ping -uroot -p${MASK}`], Interval: 1000 });
  assert.deepEqual(result.value.image.ContainerConfig.Env, [`GPG_KEY=${MASK}`]);
  assert.deepEqual(result.value.service.Spec.TaskTemplate.ContainerSpec, { Env: [`REDIS_AUTH=${MASK}`], Args: [`--password=${MASK}`] });
  assert.equal(result.masked, 19);
  assert.deepEqual(result.names.slice(0, 3), ['Args', 'DB_PASSWORD', 'Secret_Key']);
  assert.equal(container.Config.Env[1], 'DB_PASSWORD=hunter2', 'input unchanged');
  for (const secret of ['hunter2', 'pw@', 'tok@', 'ghp_', '-phunter2', 'k@o1']) assert.ok(!JSON.stringify(result.value).includes(secret), secret);
});

test('maskSecrets copes with null fields, primitives, deep nesting and nothing to mask', () => {
  assert.deepEqual(maskSecrets({ Config: { Env: null, Cmd: null, Labels: null } }), { value: { Config: { Env: null, Cmd: null, Labels: null } }, masked: 0, names: [] });
  assert.equal(maskSecrets('text').value, 'text');
  assert.equal(maskSecrets({ Config: { Env: ['A=1'], Cmd: 'sleep 1' } }).masked, 0);
  let deep: Record<string, unknown> = { Env: ['TOKEN=x'] };
  for (let i = 0; i < 10_000; i++) deep = { next: deep };
  assert.doesNotThrow(() => maskSecrets(deep), 'bounded depth, no stack overflow');
});

test('--detach-keys is a key sequence, not a key: the run line shows it', () => {
  assert.deepEqual(maskArgv(['docker', 'run', '-it', '--detach-keys', 'ctrl-x,x', '--detach-keys=ctrl-p,q', '--api-key', 's3cret']),
    ['docker', 'run', '-it', '--detach-keys', 'ctrl-x,x', '--detach-keys=ctrl-p,q', '--api-key', '***']);
});
