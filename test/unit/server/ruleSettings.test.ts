// Every rule the server knows can be configured from VS Code's settings UI: the manifest's
// dockerWorkbench.rules lists each rule id with its default severity and a title, in English and
// Chinese; and both READMEs list every Dockerfile rule with the same default severity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { COMPOSE_RULES } from '../../../server/src/core/compose/checks/rules';
import { ALL_RULES } from '../../../server/src/core/dockerfile/validation/rules/allRules';

const REPO = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8'));
const nlsZh = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.zh-cn.json'), 'utf8'));
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

test('every Dockerfile rule has a Chinese explanation in the settings', () => {
  for (const rule of ALL_RULES) {
    const key = `rule.${rule.meta.id}`;
    assert.ok(typeof nlsZh[key] === 'string' && nlsZh[key].length > 0, `${key} is missing from package.nls.zh-cn.json`);
  }
});

/** The rows of a README's Dockerfile rule table: id → default severity. */
function readmeRules(file: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(REPO, file), 'utf8').split('\n')) {
    const m = /^\| `([a-z0-9-]+)` \| (error|warning|information|hint|off) \|/.exec(line);
    if (!m) continue;
    assert.ok(!rows.has(m[1]!), `${file} lists ${m[1]} twice`);
    rows.set(m[1]!, m[2]!);
  }
  return rows;
}

for (const file of ['README.md', 'README.zh-CN.md']) {
  test(`${file} lists every Dockerfile rule with its default severity, and no other`, () => {
    const rows = readmeRules(file);
    assert.deepEqual([...rows.keys()].sort(), ALL_RULES.map((r) => r.meta.id).sort());
    for (const rule of ALL_RULES) assert.equal(rows.get(rule.meta.id), rule.meta.severity, `${file}: ${rule.meta.id}`);
  });
}
