import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeArgs, defaultProjectName, projectName } from '../../../client/src/compose/composeProject';
import { projectsFromFiles } from '../../../client/src/compose/composeProject';

test('project names follow each CLI\'s rules', () => {
  assert.equal(defaultProjectName('/w/My_App', 'v1'), 'my_app');
  assert.equal(defaultProjectName('/w/My App!', 'v2'), 'myapp');
  assert.equal(defaultProjectName('/w/_web', 'v2'), 'web');
  assert.equal(projectName('/w/app', 'v2', { COMPOSE_PROJECT_NAME: 'shop' }), 'shop');
  assert.equal(projectName('/w/app', 'v2', {}, 'named'), 'named');
  assert.equal(projectName('/w/app', 'v1', {}, 'named'), 'app');
});

test('compose arguments: files, project, profiles, services; down keeps volumes unless asked', () => {
  const project = { name: 'shop', folder: '/w/shop', files: ['/w/shop/compose.yaml', '/w/shop/compose.override.yaml'] };
  assert.deepEqual(composeArgs(project, 'up', { services: ['web'], profiles: ['jobs'], build: true }),
    ['-f', '/w/shop/compose.yaml', '-f', '/w/shop/compose.override.yaml', '--project-directory', '/w/shop', '-p', 'shop', '--profile', 'jobs', 'up', '-d', '--build', 'web']);
  assert.deepEqual(composeArgs(project, 'down', { services: ['web'] }).slice(-1), ['down']);
  assert.deepEqual(composeArgs(project, 'down', { removeVolumes: true }).slice(-2), ['down', '--volumes']);
  assert.deepEqual(composeArgs(project, 'logs', { follow: true, tail: 100, services: ['db'] }).slice(-5), ['logs', '--follow', '--tail', '100', 'db']);
});

test('compose files group into projects, override files joining their base', () => {
  const projects = projectsFromFiles(['/w/a/compose.yaml', '/w/a/compose.override.yaml', '/w/a/compose.prod.yaml', '/w/b/docker-compose.yml'], 'v2', {});
  assert.deepEqual(projects.map((p) => [p.name, p.files.map((f) => f.slice(3))]), [
    ['a', ['a/compose.yaml', 'a/compose.override.yaml']],
    ['a', ['a/compose.prod.yaml']],
    ['b', ['b/docker-compose.yml']],
  ]);
});
