import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeFile } from '../../../server/src/core/compose/model/composeFile';
import { projectOf } from '../../../server/src/core/compose/model/project';
import { doc, serviceContext, ROOT } from './helpers';

const files = {
  [`${ROOT}/compose.yaml`]: 'services:\n  a:\n    image: x\n',
  [`${ROOT}/compose.override.yaml`]: 'services:\n  b:\n    image: x\n',
  [`${ROOT}/compose.prod.yaml`]: 'services:\n  c:\n    image: x\n',
  [`${ROOT}/lib/extra.yaml`]: 'services:\n  d:\n    image: x\n',
};

test('a default file is standalone and reads its override file', () => {
  const file = buildComposeFile(`${ROOT}/compose.yaml`, 1, files[`${ROOT}/compose.yaml`]!);
  const project = projectOf(file, serviceContext({ files }));
  assert.equal(project.standalone, true);
  assert.deepEqual(project.partners.map((p) => p.uri), [`${ROOT}/compose.override.yaml`]);
});

test('an override file reads its base; a -f companion reads the default files', () => {
  const override = projectOf(buildComposeFile(`${ROOT}/compose.override.yaml`, 1, ''), serviceContext({ files }));
  assert.deepEqual([override.standalone, override.partners.map((p) => p.uri)], [true, [`${ROOT}/compose.yaml`]]);
  const prod = projectOf(buildComposeFile(`${ROOT}/compose.prod.yaml`, 1, ''), serviceContext({ files }));
  assert.equal(prod.standalone, false);
  assert.deepEqual(prod.partners.map((p) => p.uri), [`${ROOT}/compose.yaml`, `${ROOT}/compose.override.yaml`]);
});

test('included files are read, and unreadable ones mark the project incomplete', () => {
  const text = 'include:\n  - lib/extra.yaml\n  - path: [missing.yaml]\nservices: {}\n';
  const project = projectOf(buildComposeFile(`${ROOT}/compose.yaml`, 1, text), serviceContext({ files }));
  assert.deepEqual(project.includes.map((p) => p.uri), [`${ROOT}/lib/extra.yaml`]);
  assert.equal(project.incomplete, true);
});

test('an open document wins over the file on disk', () => {
  const open = [doc('services:\n  edited:\n    image: x\n', `${ROOT}/compose.override.yaml`)];
  const project = projectOf(buildComposeFile(`${ROOT}/compose.yaml`, 1, ''), serviceContext({ files, open }));
  assert.match(project.partners[0]!.text, /edited/);
});
