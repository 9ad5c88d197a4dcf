import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  composeArgs, defaultProjectName, nameSourcesOf, OptionLikeNameError, optionLikeNames, projectName, projectsAnyFlavor, projectsFromFiles, servicesInFiles, topLevelName,
} from '../../../client/src/compose/composeProject';

/** A read function over an in-memory folder tree. */
const files = (tree: Record<string, string>) => (file: string) => tree[file];

test('folder names are normalised the way each CLI does it', () => {
  assert.equal(defaultProjectName('/w/My_App', 'v1'), 'my_app');
  assert.equal(defaultProjectName('/w/My App!', 'v2'), 'myapp');
  assert.equal(defaultProjectName('/w/Stack.Dir', 'v1'), 'stackdir');
  assert.equal(defaultProjectName('/w/_web', 'v2'), 'web', 'v2 drops leading _ and -');
  assert.equal(defaultProjectName('/w/_web', 'v1'), '_web', 'v1 keeps them');
  assert.equal(defaultProjectName('/w/!!!', 'v1'), 'default');
  assert.equal(defaultProjectName('/w/app/', 'v2'), 'app', 'a trailing slash is no different');
});

test('COMPOSE_PROJECT_NAME: the environment first, then the project\'s .env; v1 normalises it, v2 takes it as written', () => {
  const dotEnv = new Map([['COMPOSE_PROJECT_NAME', 'FromDotEnv']]);
  for (const flavor of ['v1', 'v2'] as const) {
    assert.equal(projectName('/w/app', flavor, { env: {}, dotEnv }), flavor === 'v1' ? 'fromdotenv' : 'FromDotEnv', flavor);
    assert.equal(projectName('/w/app', flavor, { env: { COMPOSE_PROJECT_NAME: 'shop' }, dotEnv }), 'shop', `${flavor}: the environment wins`);
    assert.equal(projectName('/w/app', flavor, { env: { COMPOSE_PROJECT_NAME: '' }, dotEnv }), 'app', `${flavor}: set but empty in the environment hides .env`);
    assert.equal(projectName('/w/app', flavor, { env: {}, dotEnv: new Map([['OTHER', 'x']]) }), 'app', flavor);
  }
  assert.equal(projectName('/w/app', 'v1', { env: { COMPOSE_PROJECT_NAME: 'My Shop' } }), 'myshop');
  assert.equal(projectName('/w/app', 'v2', { env: { COMPOSE_PROJECT_NAME: 'my-shop' } }), 'my-shop');
});

test('top-level name: counts for v2 only, after COMPOSE_PROJECT_NAME, interpolated, the last file\'s winning', () => {
  assert.equal(projectName('/w/app', 'v2', { env: {}, fileNames: ['named'] }), 'named');
  assert.equal(projectName('/w/app', 'v1', { env: {}, fileNames: ['named'] }), 'app', 'v1 knows no name:');
  assert.equal(projectName('/w/app', 'v2', { env: { COMPOSE_PROJECT_NAME: 'env' }, fileNames: ['named'] }), 'env');
  assert.equal(projectName('/w/app', 'v2', { env: {}, dotEnv: new Map([['COMPOSE_PROJECT_NAME', 'dot']]), fileNames: ['named'] }), 'dot');
  assert.equal(projectName('/w/app', 'v2', { env: {}, fileNames: ['base', undefined, 'override'] }), 'override');
  assert.equal(projectName('/w/app', 'v2', { env: {}, fileNames: ['base', ''] }), 'base', 'an empty name: is no name');
  assert.equal(projectName('/w/app', 'v2', { env: {}, dotEnv: new Map([['STACK', 'from-dotenv']]), fileNames: ['${STACK}'] }), 'from-dotenv');
  assert.equal(projectName('/w/app', 'v2', { env: { STACK: 'from-env' }, dotEnv: new Map([['STACK', 'from-dotenv']]), fileNames: ['${STACK}'] }), 'from-env');
  assert.equal(projectName('/w/app', 'v2', { env: {}, fileNames: ['${STACK:-fallback}'] }), 'fallback');
  assert.equal(projectName('/w/app', 'v2', { env: {}, fileNames: ['${STACK}'] }), 'app', 'interpolated to nothing: the folder');
});

test('topLevelName reads only the top-level key of a YAML document', () => {
  assert.equal(topLevelName('name: shop\nservices:\n  web:\n    image: nginx\n'), 'shop');
  assert.equal(topLevelName('services:\n  web:\n    image: nginx\nname: "quoted" # comment\n'), 'quoted');
  assert.equal(topLevelName('services:\n  web:\n    name: not-top-level\n'), undefined);
  assert.equal(topLevelName('name: [not, a, string]\n'), undefined);
  assert.equal(topLevelName('name: x\n  bad: : yaml: [\n'), undefined, 'invalid YAML');
  assert.equal(topLevelName('services: {}\n'), undefined);
});

test('projects from files take their names from the folder\'s .env and the files, per flavor', () => {
  const read = files({
    '/w/Stack.Dir/compose.yaml': 'name: ignored-by-v1\nservices: {}\n',
    '/w/Stack.Dir/.env': '# the project of this folder\nCOMPOSE_PROJECT_NAME="Shop_Stack"\nDB_PASSWORD=x\n',
    '/w/named/compose.yaml': 'name: ${STACK:-named-stack}\nservices: {}\n',
    '/w/named/compose.override.yaml': 'services: {}\n',
    '/w/Plain Dir/docker-compose.yml': 'services: {}\n',
  });
  const all = ['/w/Stack.Dir/compose.yaml', '/w/named/compose.yaml', '/w/named/compose.override.yaml', '/w/Plain Dir/docker-compose.yml'];
  assert.deepEqual(projectsFromFiles(all, 'v1', {}, read).map((p) => p.name), ['named', 'plaindir', 'shop_stack']);
  assert.deepEqual(projectsFromFiles(all, 'v2', {}, read).map((p) => p.name), ['named-stack', 'plaindir', 'Shop_Stack']);
  assert.deepEqual(projectsFromFiles(all, 'v2', { STACK: 'live' }, read).map((p) => p.name), ['live', 'plaindir', 'Shop_Stack']);
  assert.ok(projectsFromFiles(all, 'v2', {}, read).every((p) => p.chosenName === undefined), 'no name is forced on the CLI');
  assert.deepEqual(nameSourcesOf('/w/named', ['/w/named/compose.yaml', '/w/named/compose.override.yaml'], {}, read).fileNames, ['${STACK:-named-stack}', undefined]);
});

test('compose arguments: -p only for a chosen name; files, project directory, profiles; services after --', () => {
  const project = { name: 'shop', folder: '/w/shop', files: ['/w/shop/compose.yaml', '/w/shop/compose.override.yaml'] };
  assert.deepEqual(composeArgs(project, 'up', { services: ['web'], profiles: ['jobs'], build: true }),
    ['-f', '/w/shop/compose.yaml', '-f', '/w/shop/compose.override.yaml', '--project-directory', '/w/shop', '--profile', 'jobs', 'up', '-d', '--build', '--', 'web']);
  assert.ok(!composeArgs(project, 'up').includes('-p'), 'the CLI derives the name itself');
  assert.deepEqual(composeArgs({ ...project, chosenName: 'picked' }, 'ps').slice(5, 8), ['/w/shop', '-p', 'picked']);
  assert.deepEqual(composeArgs(project, 'down', { services: ['web'] }).slice(-1), ['down']);
  assert.deepEqual(composeArgs(project, 'down', { removeVolumes: true }).slice(-2), ['down', '--volumes']);
  assert.deepEqual(composeArgs(project, 'logs', { follow: true, tail: 100, services: ['db'] }).slice(-6), ['logs', '--follow', '--tail', '100', '--', 'db']);
  assert.deepEqual(composeArgs(project, 'stop', { services: ['db'] }, 'v1').slice(-3), ['stop', '--', 'db']);
  assert.deepEqual(composeArgs(project, 'start', { services: ['db'] }, 'v1').slice(-2), ['start', 'db'], 'v1 start reads -- as a service name');
  assert.deepEqual(composeArgs(project, 'start', { services: ['db'] }, 'v2').slice(-3), ['start', '--', 'db']);
  assert.deepEqual(composeArgs(project, 'up').slice(-2), ['up', '-d'], 'no -- without services');
});

test('names a CLI would read as options are refused, whatever the subcommand', () => {
  const project = { name: 'shop', folder: '/w/shop', files: ['/w/shop/compose.yaml'] };
  assert.deepEqual(optionLikeNames(['web', '-V', '--remove-orphans', 'a-b']), ['-V', '--remove-orphans']);
  for (const [options, chosenName] of [[{ services: ['-V'] }, undefined], [{ services: ['web', '--remove-orphans'] }, undefined], [{ profiles: ['-x'] }, undefined], [{}, '--project-name=x']] as const) {
    assert.throws(() => composeArgs({ ...project, chosenName }, 'up', { ...options } as { services?: string[]; profiles?: string[] }), OptionLikeNameError);
    assert.throws(() => composeArgs({ ...project, chosenName }, 'start', { ...options } as { services?: string[]; profiles?: string[] }, 'v1'), OptionLikeNameError);
  }
});

test('projects are listed before the CLI is known when both flavors name them alike, and not when a name differs', () => {
  const plain = files({ '/w/shop/compose.yaml': 'services:\n  web:\n    image: x\n' });
  assert.deepEqual(projectsAnyFlavor(['/w/shop/compose.yaml'], {}, plain)?.map((p) => p.name), ['shop']);
  // v2 reads a top-level name:, v1 does not; v2 drops a leading underscore, v1 keeps it.
  const named = files({ '/w/shop/compose.yaml': 'name: store\nservices:\n  web:\n    image: x\n' });
  assert.equal(projectsAnyFlavor(['/w/shop/compose.yaml'], {}, named), undefined);
  assert.equal(projectsAnyFlavor(['/w/_shop/compose.yaml'], {}, files({ '/w/_shop/compose.yaml': 'services: {}\n' })), undefined);
  // COMPOSE_PROJECT_NAME in .env: v1 normalises it, v2 takes it as written; alike when already normal.
  const dotEnv = (value: string) => files({ '/w/a/compose.yaml': 'services: {}\n', '/w/a/.env': `COMPOSE_PROJECT_NAME=${value}\n` });
  assert.deepEqual(projectsAnyFlavor(['/w/a/compose.yaml'], {}, dotEnv('mystack'))?.map((p) => p.name), ['mystack']);
  assert.equal(projectsAnyFlavor(['/w/a/compose.yaml'], {}, dotEnv('My.Stack')), undefined);
});

test('a first drawing of a project\'s services reads plain files, and leaves anything the CLI might list differently to it', () => {
  const project = (...names: string[]) => ({ name: 'p', folder: '/w', files: names.map((n) => `/w/${n}`) });
  const tree = files({
    '/w/compose.yaml': 'services:\n  web:\n    image: x\n  db:\n    image: y\n',
    '/w/compose.override.yaml': 'services:\n  web:\n    ports: ["80:80"]\n  cache:\n    image: z\n',
    '/w/profiles.yaml': 'services:\n  web:\n    image: x\n  job:\n    image: y\n    profiles: [jobs]\n',
    '/w/include.yaml': 'include: [other.yaml]\nservices:\n  web:\n    image: x\n',
    '/w/merge.yaml': 'x-s: &s\n  a:\n    image: x\nservices:\n  <<: *s\n  b:\n    image: y\n',
    '/w/variable.yaml': 'services:\n  ${NAME}:\n    image: x\n',
    '/w/broken.yaml': 'services:\n  web: [\n',
    '/w/empty.yaml': 'services: {}\n',
  });
  assert.deepEqual(servicesInFiles(project('compose.yaml', 'compose.override.yaml'), tree), ['web', 'db', 'cache']);
  assert.deepEqual(servicesInFiles(project('empty.yaml'), tree), []);
  for (const name of ['profiles.yaml', 'include.yaml', 'merge.yaml', 'variable.yaml', 'broken.yaml', 'missing.yaml']) assert.equal(servicesInFiles(project(name), tree), undefined, name);
});
