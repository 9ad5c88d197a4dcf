import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { ClientCommands } from '../../../server/src/protocol/clientCommands';
import { doc, serviceContext, COMPOSE_URI } from './helpers';

test('"Up all" and "Logs" on services, "Up" and "Logs" per service, calling the client commands', () => {
  const text = 'x-base: &b\n  image: x\nservices:\n  web:\n    image: nginx\n  db:\n    image: postgres\n';
  const lenses = service.codeLenses!(doc(text), serviceContext());
  const summary = lenses.map((l) => [l.range.start.line, l.command!.command, JSON.stringify(l.command!.arguments)]);
  assert.deepEqual(summary, [
    [2, ClientCommands.composeUp, JSON.stringify([{ composeFileUri: COMPOSE_URI }])],
    [2, ClientCommands.composeLogs, JSON.stringify([{ composeFileUri: COMPOSE_URI }])],
    [3, ClientCommands.composeUp, JSON.stringify([{ composeFileUri: COMPOSE_URI, services: ['web'] }])],
    [3, ClientCommands.composeLogs, JSON.stringify([{ composeFileUri: COMPOSE_URI, services: ['web'] }])],
    [5, ClientCommands.composeUp, JSON.stringify([{ composeFileUri: COMPOSE_URI, services: ['db'] }])],
    [5, ClientCommands.composeLogs, JSON.stringify([{ composeFileUri: COMPOSE_URI, services: ['db'] }])],
  ]);
  assert.match(lenses[0]!.command!.title, /Up all/);
});

test('no lenses for untitled documents or files without services', () => {
  assert.deepEqual(service.codeLenses!(doc('services:\n  web:\n    image: x\n', 'untitled:Untitled-1'), serviceContext()), []);
  assert.deepEqual(service.codeLenses!(doc('volumes:\n  data:\n'), serviceContext()), []);
});
