import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, ruleById } from '../../../../server/src/core/dockerfile/validation/rules/allRules';

test('rule ids are unique, kebab-case, with a severity and an explanation', () => {
  const ids = ALL_RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of ALL_RULES) {
    assert.match(r.meta.id, /^[a-z][a-z0-9-]+$/);
    assert.ok(['error', 'warning', 'information', 'hint', 'off'].includes(r.meta.severity));
    const paragraphs = r.meta.explain();
    assert.ok(paragraphs.length > 0 && paragraphs.every((p) => p.length > 20), r.meta.id);
    assert.equal(ruleById(r.meta.id), r);
  }
});

test('every rule has a bad and a good example in the rule tests', () => {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts') && f !== 'allRules.test.ts').map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
  const missing = ALL_RULES.map((r) => r.meta.id).filter((id) => !sources.includes(`rule: '${id}'`));
  assert.deepEqual(missing, []);
});

test('the hadolint rules from the catalog are mapped ', () => {
  const mapped = new Set(ALL_RULES.flatMap((r) => r.meta.hadolint ?? []));
  const expected = ['DL3000', 'DL3001', 'DL3002', 'DL3003', 'DL3004', 'DL3006', 'DL3007', 'DL3008', 'DL3009', 'DL3010', 'DL3011', 'DL3012', 'DL3013', 'DL3014', 'DL3015', 'DL3016', 'DL3018', 'DL3019', 'DL3020', 'DL3021', 'DL3022', 'DL3023', 'DL3024', 'DL3025', 'DL3027', 'DL3028', 'DL3029', 'DL3030', 'DL3032', 'DL3033', 'DL3034', 'DL3035', 'DL3036', 'DL3037', 'DL3038', 'DL3040', 'DL3041', 'DL3042', 'DL3043', 'DL3044', 'DL3045', 'DL3046', 'DL3047', 'DL3048', 'DL3057', 'DL3059', 'DL3060', 'DL3061', 'DL3062', 'DL3063', 'DL3064', 'DL3065', 'DL3066', 'DL3067', 'DL4000', 'DL4001', 'DL4003', 'DL4004', 'DL4005', 'DL4006', 'DL1001', 'DL3026', 'DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'];
  assert.deepEqual(expected.filter((id) => !mapped.has(id)), []);
});

test('the BuildKit checks are mapped', () => {
  const mapped = new Set(ALL_RULES.map((r) => r.meta.buildkit).filter(Boolean));
  const expected = ['StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName', 'ReservedStageName', 'JSONArgsRecommended', 'MaintainerDeprecated', 'UndefinedArgInFrom', 'WorkdirRelativePath', 'UndefinedVar', 'MultipleInstructionsDisallowed', 'LegacyKeyValueFormat', 'RedundantTargetPlatform', 'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed', 'CopyIgnoredFile', 'InvalidDefinitionDescription', 'ExposeProtoCasing', 'ExposeInvalidFormat', 'InvalidBaseImagePlatform'];
  assert.deepEqual(expected.filter((id) => !mapped.has(id)), []);
});
