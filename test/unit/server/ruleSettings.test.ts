// Every rule the server knows can be configured from VS Code's settings UI: the manifest's
// dockerWorkbench.rules lists each rule id with its default severity and a title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { COMPOSE_RULES } from '../../../server/src/core/compose/checks/rules';
import { ALL_RULES } from '../../../server/src/core/dockerfile/rules/allRules';

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

test('every Dockerfile rule is in the setting with its default severity and its first explanation paragraph', () => {
  for (const rule of ALL_RULES) {
    const entry = ruleSettings[rule.meta.id];
    assert.ok(entry, `${rule.meta.id} is missing from package.json`);
    assert.equal(entry.default, rule.meta.severity, `${rule.meta.id} default`);
    assert.equal(nls[entry.description.slice(1, -1)], rule.meta.explain()[0], `${rule.meta.id} description`);
  }
});

test('the setting lists no rule the server does not have, and no id twice across languages', () => {
  const compose = [...COMPOSE_RULES.keys()];
  const dockerfile = ALL_RULES.map((r) => r.meta.id);
  assert.equal(new Set([...compose, ...dockerfile]).size, compose.length + dockerfile.length);
  assert.deepEqual(Object.keys(ruleSettings).sort(), [...compose, ...dockerfile].sort());
});
