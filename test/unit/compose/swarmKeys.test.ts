// Swarm notes in compose files used as stacks, and the "Deploy as stack" lens. The key lists come
// from what the docker CLI itself answers (20.10 and 28: "Ignoring unsupported options",
// "Additional property … is not allowed"), so the cases below are the CLI's verdicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { ClientCommands } from '../../../server/src/protocol/clientCommands';
import { DiagnosticSeverity } from '../../../server/src/core/types';
import { covered, doc, findings, serviceContext, validate, ROOT, COMPOSE_URI } from './helpers';

const STACK_URI = `${ROOT}/docker-stack.yml`;
const swarmRules = (diagnostics: ReturnType<typeof validate>) => diagnostics.filter((d) => String(d.code).startsWith('compose-swarm-'));

const STACK = [
  'version: "3.8"',
  'services:',
  '  web:',
  '    image: registry.example/web:1',
  '    build: .',
  '    container_name: web',
  '    restart: always',
  '    depends_on: [db]',
  '    profiles: [debug]',
  '    deploy:',
  '      replicas: 2',
  '      update_config:',
  '        parallelism: 1',
  '      placement:',
  '        constraints: [node.role == manager]',
  '  db:',
  '    build: ./db',
  '',
].join('\n');

test('a file named like a stack file gets the notes: ignored keys, refused keys, no image, Swarm-only deploy keys', () => {
  const diagnostics = validate(STACK, {}, STACK_URI);
  const ignored = findings(diagnostics, 'compose-swarm-ignored');
  assert.deepEqual(ignored.map((d) => covered(STACK, d)), ['build', 'container_name', 'restart', 'depends_on', 'build']);
  assert.match(ignored[0]!.message, /docker stack deploy ignores "build"\. Swarm does not build/);
  assert.match(ignored[2]!.message, /deploy\.restart_policy/);
  // depends_on is a hint: Swarm's default restart policy starts a task again until what it needs is up;
  // so is restart: always, which that policy does anyway, and a build beside an image, which builds
  // and pushes that image with compose (round 14). db's build, with no image, stays information.
  assert.deepEqual(ignored.map((d) => d.severity), [4, 3, 4, 4, 3].map((n) => n as DiagnosticSeverity));
  const onFailure = STACK.replace('restart: always', 'restart: on-failure');
  assert.equal(findings(validate(onFailure, {}, STACK_URI), 'compose-swarm-ignored').find((d) => covered(onFailure, d) === 'restart')?.severity, DiagnosticSeverity.Information);
  const once = STACK.replace('      replicas: 2\n', '      replicas: 2\n      restart_policy:\n        condition: none\n');
  assert.equal(findings(validate(once, {}, STACK_URI), 'compose-swarm-ignored').find((d) => covered(once, d) === 'depends_on')?.severity, DiagnosticSeverity.Information);
  const refused = findings(diagnostics, 'compose-swarm-unsupported');
  assert.deepEqual(refused.map((d) => covered(STACK, d)), ['profiles']);
  const noImage = findings(diagnostics, 'compose-swarm-no-image');
  assert.deepEqual(noImage.map((d) => covered(STACK, d)), ['db']);
  const only = findings(diagnostics, 'compose-swarm-only');
  assert.deepEqual(only.map((d) => covered(STACK, d)), ['update_config', 'placement']);
  assert.ok(only.every((d) => d.severity === DiagnosticSeverity.Hint));
});

test('a file of version 1 or 2 is no stack whatever its name: docker stack deploy refuses it (round 13: a stack.yml of version 2.0)', () => {
  const text = 'version: "2.0"\nservices:\n  a:\n    image: nginx\n    container_name: a\n    restart: always\n';
  assert.deepEqual(swarmRules(validate(text, {}, `${ROOT}/stack.yml`)), []);
  assert.equal(findings(validate(text, {}, `${ROOT}/stack.yml`), 'compose-obsolete-version').length, 1);
  assert.ok(swarmRules(validate(text.replace('"2.0"', '"3.8"'), {}, `${ROOT}/stack.yml`)).length > 0);
  // Deployed as a stack by the client, it is one (and refused there).
  const context = serviceContext();
  assert.ok(swarmRules(service.validate(doc(text, `${ROOT}/stack.yml`), { ...context, facts: { ...context.facts, stackFiles: [`${ROOT}/stack.yml`] } })).length > 0);
});

test('the same text in compose.yaml gets no Swarm notes, unless the client deployed it as a stack', () => {
  assert.deepEqual(swarmRules(validate(STACK)), []);
  const context = serviceContext();
  const deployed = service.validate(doc(STACK, COMPOSE_URI), { ...context, facts: { ...context.facts, stackFiles: [COMPOSE_URI] } });
  assert.ok(swarmRules(deployed).length > 0);
});

test('stack files: docker-stack.yml and stack.yaml; other names with "stack" only when a service uses what only Swarm reads; never haystack.yml', () => {
  const text = 'version: "3.8"\nservices:\n  a:\n    build: .\n    container_name: a\n';
  for (const name of ['docker-stack.yml', 'stack.yaml']) {
    assert.ok(swarmRules(validate(text, {}, `${ROOT}/${name}`)).length > 0, name);
    assert.deepEqual(findings(validate(text, {}, `${ROOT}/${name}`), 'compose-obsolete-version'), [], `${name}: docker stack deploy reads version`);
  }
  // "Stack" is also the word for any set of services run with docker compose (an *arr stack, a full stack).
  for (const name of ['app.stack.yml', 'stack-prod.yml', 'docker-compose.arr-stack.yml', 'full-stack.yml', 'haystack.yml']) {
    assert.deepEqual(swarmRules(validate(text, {}, `${ROOT}/${name}`)), [], name);
    assert.equal(findings(validate(text, {}, `${ROOT}/${name}`), 'compose-obsolete-version').length, 1, name);
  }
  const swarm = `${text}    deploy:\n      placement:\n        constraints: [node.role == manager]\n`;
  for (const name of ['app.stack.yml', 'stack-prod.yml', 'docker-traefik-stack.yml', 'docker-compose.swarm.yml']) assert.ok(swarmRules(validate(swarm, {}, `${ROOT}/${name}`)).length > 0, name);
  assert.deepEqual(swarmRules(validate(swarm, {}, `${ROOT}/haystack.yml`)), []);
});

test('a top-level name is refused by the stack loader; x- keys and anchors are fine', () => {
  const text = 'name: app\nx-common: &common\n  image: a\nservices:\n  a:\n    <<: *common\n    x-note: hi\n';
  const refused = findings(validate(text, {}, STACK_URI), 'compose-swarm-unsupported');
  assert.deepEqual(refused.map((d) => covered(text, d)), ['name']);
  assert.deepEqual(findings(validate(text, {}, STACK_URI), 'compose-swarm-no-image'), [], 'the image comes through the merge key');
});

test('"Deploy as stack" appears when the file is deployable and used for a stack (or the engine manages a swarm)', () => {
  const good = 'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n';
  const titles = (uri: string, swarmManager = false) => {
    const context = serviceContext();
    return service.codeLenses!(doc(good, uri), { ...context, facts: { ...context.facts, swarmManager } }).filter((l) => l.command!.command === ClientCommands.deployStack);
  };
  assert.equal(titles(COMPOSE_URI).length, 0, 'a plain compose file on an engine without swarm');
  assert.equal(titles(COMPOSE_URI, true).length, 1, 'the engine manages a swarm');
  const [lens] = titles(STACK_URI);
  assert.ok(lens);
  assert.match(lens.command!.title, /Deploy as stack/);
  assert.deepEqual(lens.command!.arguments, [{ composeFileUri: STACK_URI }]);
  // Not deployable: a build-only service, a refused key, or an error in the file.
  const context = serviceContext();
  const swarm = { ...context, facts: { ...context.facts, swarmManager: true } };
  for (const bad of ['services:\n  web:\n    build: .\n', 'services:\n  web:\n    image: x\n    profiles: [a]\n', 'services:\n  web:\n    image: x\n    ports: ["99999:80"]\n']) {
    assert.equal(service.codeLenses!(doc(bad), swarm).filter((l) => l.command!.command === ClientCommands.deployStack).length, 0, bad);
  }
});

test('docker-stack files are compose documents even when the editor calls them yaml', async () => {
  const { documentKind } = await import('../../../server/src/core/documentKind');
  assert.equal(documentKind('yaml', 'file:///w/docker-stack.yml'), 'compose');
  assert.equal(documentKind('yaml', 'file:///w/docker-stack.prod.yaml'), 'compose');
  assert.equal(documentKind('yaml', 'file:///w/compose.yaml'), 'compose');
  assert.equal(documentKind('yaml', 'file:///w/stack.yml'), undefined, 'a bare stack.yml may belong to any tool');
  assert.equal(documentKind('yaml', 'file:///w/cloudformation-stack.yaml'), undefined);
});

test('a stack file layered on the compose file beside it (docker stack deploy -c docker-compose.yml -c docker-compose.swarm.yml) takes its images from there (round 8)', () => {
  const text = 'version: "3.7"\nservices:\n  ui:\n    deploy:\n      placement:\n        constraints: [node.role == manager]\n  extra:\n    build: .\n    deploy:\n      mode: global\n';
  const files = { [`${ROOT}/docker-compose.yml`]: 'services:\n  ui:\n    image: ui:1\n' };
  const noImage = findings(validate(text, { files }, `${ROOT}/docker-compose.swarm.yml`), 'compose-swarm-no-image');
  assert.deepEqual(noImage.map((d) => covered(text, d)), ['extra']);
});

test('a service the compose file beside the stack file declares without an image has none in the stack either (round 9: sistemaapi)', () => {
  const text = 'version: "3.8"\nservices:\n  api:\n    build: https://github.com/acme/api.git\n    deploy:\n      replicas: 2\n';
  const files = { [`${ROOT}/docker-compose.yml`]: 'services:\n  api:\n    build: .\n    ports: ["8000:8000"]\n' };
  assert.deepEqual(findings(validate(text, { files }, STACK_URI), 'compose-swarm-no-image').map((d) => covered(text, d)), ['api']);
  const withImage = { [`${ROOT}/docker-compose.yml`]: 'services:\n  api:\n    image: registry.example/api:1\n    build: .\n' };
  assert.deepEqual(findings(validate(text, { files: withImage }, STACK_URI), 'compose-swarm-no-image'), []);
});

test('round 11: a restart beside deploy.restart_policy is the file\'s setting for docker compose (a hint), and a stack file\'s container names do not clash', () => {
  const text = 'version: "3.8"\nservices:\n  api:\n    image: api:1\n    container_name: api\n    restart: always\n    deploy:\n      replicas: 3\n      restart_policy:\n        condition: on-failure\n  web:\n    image: web:1\n    container_name: api\n';
  const restart = findings(validate(text, {}, STACK_URI), 'compose-swarm-ignored').find((d) => d.message.includes('"restart"'));
  assert.equal(restart?.severity, 4);
  assert.deepEqual(findings(validate(text, {}, STACK_URI), 'compose-duplicate-container-name'), []);
  assert.equal(findings(validate(text, {}, `${ROOT}/docker-compose.yml`), 'compose-duplicate-container-name').length > 0, true);
});
