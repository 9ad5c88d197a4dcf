// Every rule the server knows can be configured from VS Code's settings UI: the manifest's
// dockerWorkbench.rules lists each rule id with its default severity and a title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { COMPOSE_RULES } from '../../../server/src/core/compose/checks/rules';

const REPO = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8'));
const ruleSettings = manifest.contributes.configuration.properties['dockerWorkbench.rules'].properties as Record<string, { default: string; description: string }>;

test('every compose rule is in the dockerWorkbench.rules setting with its default severity and a title', () => {
  for (const rule of COMPOSE_RULES.values()) {
    const entry = ruleSettings[rule.id];
    assert.ok(entry, `${rule.id} is missing from package.json`);
    assert.equal(entry.default, rule.severity, `${rule.id} default`);
    assert.equal(nls[entry.description.slice(1, -1)], rule.title(), `${rule.id} title`);
  }
});

test('the setting lists no rule the server does not have', () => {
  const known = new Set([...COMPOSE_RULES.keys()]);
  for (const id of Object.keys(ruleSettings).filter((id) => id.startsWith('compose-'))) assert.ok(known.has(id), `${id} is not a compose rule`);
});
