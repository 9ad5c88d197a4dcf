import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { doc, serviceContext, withCursor, ROOT, type ContextOptions } from './helpers';

function hover(marked: string, options: ContextOptions = {}) {
  const { text, position } = withCursor(marked);
  const document = doc(text);
  const context = serviceContext(options);
  service.validate(document, context);
  return service.hover!(document, position, context);
}

test('a key shows the schema description and our explanation', () => {
  const result = hover('services:\n  web:\n    image: nginx\n    depe|nds_on: []\n');
  assert.ok(result);
  assert.match(result.contents.value, /\*\*depends_on\*\*/);
  assert.match(result.contents.value, /Express dependency between services/);
  assert.match(result.contents.value, /service_healthy/);
  assert.deepEqual(result.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 14 } });
});

test('a key without schema entry and a plain value show nothing', () => {
  assert.equal(hover('x-custom:\n  fo|o: 1\n'), null);
  assert.equal(hover('services:\n  web:\n    image: ngi|nx\n'), null);
});

test('a reference shows the YAML it points at', () => {
  const result = hover('services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    depends_on: [d|b]\n');
  assert.match(result!.contents.value, /```yaml\ndb:\n {2}image: postgres\n```/);
});

test('a declaration shows who uses it', () => {
  const result = hover('services:\n  web:\n    image: nginx\n    volumes: [data:/d]\nvolumes:\n  da|ta:\n');
  assert.match(result!.contents.value, /used by: web/);
});

test('a variable shows its value from .env, its default and whether it is required', () => {
  const files = { [`${ROOT}/.env`]: '# settings\nTAG=1.27\nexport PORT="8080"\n' };
  assert.match(hover('services:\n  web:\n    image: nginx:${T|AG:-latest}\n', { files })!.contents.value, /`1\.27`[\s\S]*Default when unset: `latest`/);
  assert.match(hover('services:\n  web:\n    image: nginx:${OTH|ER:?set OTHER}\n', { files })!.contents.value, /Not set in `\.env`[\s\S]*Required/);
});

test('a diagnostic range adds the rule explanation', () => {
  const result = hover('services:\n  web:\n    image: nginx\n    restart: alw|ays-ish\n');
  assert.match(result!.contents.value, /compose-invalid-restart/);
});

test('.env values, defaults and names are shown as code that nothing inside can end', () => {
  const env = { [`${ROOT}/.env`]: 'TAG=x` ![](https://example.com/p.png) `\n' };
  const value = hover('services:\n  web:\n    image: "nginx:${T|AG:-a`b}"\n', { files: env })!.contents.value;
  assert.ok(value.includes('`` x` ![](https://example.com/p.png) ` ``'), value);
  assert.ok(value.includes('``a`b``'), value);
  // A declaration snippet whose text holds a fence: the block's fence is longer.
  const snippet = hover('services:\n  web:\n    image: nginx\n    volumes: [da|ta:/d]\nvolumes:\n  data:\n    labels: {x: "```"}\n')?.contents.value ?? '';
  assert.match(snippet, /^````yaml\ndata:\n {2}labels: \{x: "```"\}\n````$/m);
});
