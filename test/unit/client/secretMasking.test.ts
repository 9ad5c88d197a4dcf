import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName, MASK, maskEnvEntry, maskSecrets } from '../../../client/src/containers/secretMasking';

test('secret-looking names, any case, anywhere in the name', () => {
  for (const name of ['DB_PASSWORD', 'PGPASSWORD', 'mysql_root_passwd', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'apiKey', 'GOOGLE_APPLICATION_CREDENTIALS', 'BASIC_AUTH', 'OAUTH_CLIENT', 'SSH_PRIVATE', 'SESSION_COOKIE']) {
    assert.ok(isSecretName(name), name);
  }
  for (const name of ['PATH', 'HOME', 'PWD', 'HOSTNAME', 'LANG', 'NODE_ENV', 'PORT', 'DB_HOST', 'DB_USER']) assert.ok(!isSecretName(name), name);
});

test('maskEnvEntry hides the value only; an empty value or a bare name stays', () => {
  assert.equal(maskEnvEntry('DB_PASSWORD=hunter2'), `DB_PASSWORD=${MASK}`);
  assert.equal(maskEnvEntry('TOKEN=a=b=c'), `TOKEN=${MASK}`);
  assert.equal(maskEnvEntry('PATH=/usr/bin'), 'PATH=/usr/bin');
  assert.equal(maskEnvEntry('API_KEY='), 'API_KEY=');
  assert.equal(maskEnvEntry('API_KEY'), 'API_KEY');
});

test('maskSecrets masks Env arrays at any depth (container Config, image Config/ContainerConfig, service spec) and leaves the input alone', () => {
  const container = {
    Id: 'abc',
    Config: { Env: ['PATH=/bin', 'DB_PASSWORD=hunter2', 'Secret_Key=s3'], Labels: { PASSWORD: 'label stays' }, Cmd: ['--token=x'] },
  };
  const image = { Config: { Env: ['NPM_TOKEN=t'] }, ContainerConfig: { Env: ['GPG_KEY=k'] } };
  const service = { Spec: { TaskTemplate: { ContainerSpec: { Env: ['REDIS_AUTH=r'] } } } };
  const result = maskSecrets({ container, image, service, list: [{ Env: ['X_TOKEN=1'] }] });
  assert.equal(result.masked, 6);
  assert.deepEqual(result.names, ['DB_PASSWORD', 'Secret_Key', 'NPM_TOKEN', 'GPG_KEY', 'REDIS_AUTH', 'X_TOKEN']);
  assert.deepEqual(result.value.container.Config.Env, ['PATH=/bin', `DB_PASSWORD=${MASK}`, `Secret_Key=${MASK}`]);
  assert.equal(result.value.container.Config.Labels.PASSWORD, 'label stays', 'only Env arrays are masked');
  assert.deepEqual(result.value.container.Config.Cmd, ['--token=x']);
  assert.deepEqual(result.value.image.ContainerConfig.Env, [`GPG_KEY=${MASK}`]);
  assert.deepEqual(result.value.service.Spec.TaskTemplate.ContainerSpec.Env, [`REDIS_AUTH=${MASK}`]);
  assert.equal(container.Config.Env[1], 'DB_PASSWORD=hunter2', 'input unchanged');
  assert.ok(!JSON.stringify(result.value).includes('hunter2'));
});

test('maskSecrets copes with null Env, primitives and nothing to mask', () => {
  assert.deepEqual(maskSecrets({ Config: { Env: null } }), { value: { Config: { Env: null } }, masked: 0, names: [] });
  assert.equal(maskSecrets('text').value, 'text');
  assert.equal(maskSecrets({ Config: { Env: ['A=1'] } }).masked, 0);
});
