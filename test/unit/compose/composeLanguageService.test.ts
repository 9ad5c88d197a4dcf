import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService, validateCompose } from '../../../server/src/core/compose/composeLanguageService';
import { doc, serviceContext } from './helpers';

test('the service offers every feature the issue lists', () => {
  for (const feature of ['validate', 'forget', 'complete', 'hover', 'definition', 'references', 'documentHighlights', 'prepareRename', 'rename', 'documentSymbols', 'foldingRanges', 'selectionRanges', 'documentLinks', 'format', 'formatRange', 'codeActions', 'codeLenses', 'inlayHints'] as const) {
    assert.equal(typeof composeLanguageService[feature], 'function', feature);
  }
  assert.ok(composeLanguageService.completionTriggerCharacters?.includes(':'));
});

test('validateCompose checks a text on its own', () => {
  assert.deepEqual(validateCompose('services:\n  web:\n    image: x\n'), []);
  assert.deepEqual(validateCompose('services:\n  web:\n    depends_on: [db]\n    image: x\n').map((d) => d.code), ['compose-undefined-service']);
});

test('features never throw on malformed input', () => {
  const inputs = ['services:\n  web: [\n', ':\n- : -\n', '\u0000\u0001', 'services:\n  web:\n    image: *nope\n    <<: *gone\n', '&a [*a]', '? [a]\n: b\n'];
  const context = serviceContext();
  for (const text of inputs) {
    const document = doc(text);
    composeLanguageService.validate(document, context);
    composeLanguageService.complete!(document, { line: 1, character: 3 }, context);
    composeLanguageService.hover!(document, { line: 0, character: 1 }, context);
    composeLanguageService.documentSymbols!(document, context);
    composeLanguageService.format!(document, { tabSize: 2, insertSpaces: true }, context);
    composeLanguageService.inlayHints!(document, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, context);
    composeLanguageService.forget!(document.uri);
  }
});
