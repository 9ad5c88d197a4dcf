import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { ClientCommands } from '../../../server/src/protocol/clientCommands';
import { context, doc } from './helpers';

test('build lenses for named stages, build and run above the final one', () => {
  const uri = 'file:///w/Dockerfile';
  const lenses = service.codeLenses!(doc('FROM a AS deps\nFROM b\nFROM c AS final\n', uri), context());
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command!.command, l.command!.arguments]), [
    [0, ClientCommands.buildImage, [{ dockerfileUri: uri, target: 'deps' }]],
    [2, ClientCommands.buildImage, [{ dockerfileUri: uri, target: 'final' }]],
    [2, ClientCommands.buildAndRun, [{ dockerfileUri: uri, target: 'final' }]],
  ]);
  assert.deepEqual(service.codeLenses!(doc('FROM a\n', uri), context()).map((l) => l.command!.arguments), [[{ dockerfileUri: uri }], [{ dockerfileUri: uri }]]);
});
