import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { looksSecret } from '../../../../server/src/core/dockerfile/validation/rules/variableRules';

test('variable rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'undefined-variable', bad: 'FROM node:22\nARG APP_DIR=/app\nWORKDIR $APP_DRI\n', good: 'FROM node:22\nARG APP_DIR=/app\nWORKDIR $APP_DIR\nWORKDIR ${OTHER:-/x}\nRUN echo $UNKNOWN\n', line: 2 },
    { rule: 'env-self-reference', bad: 'FROM a\nENV A=1 B=$A\n', good: 'FROM a\nENV A=1\nENV B=$A\n', line: 1 },
    { rule: 'secret-in-arg-env', bad: 'FROM a\nARG NPM_TOKEN\n', good: 'FROM a\nARG NODE_VERSION=1\nENV GPG_KEY=ABC PUBLIC_KEY=x\n', line: 1 },
  ], assert);
});

test('undefined-variable: global ARGs must be re-declared in the stage; scratch stages know their whole environment', () => {
  const [global] = runRule('undefined-variable', 'ARG V=1\nFROM a:1\nCOPY app-$V.tgz /\n');
  assert.match(global!.message, /global ARG/);
  assert.deepEqual(global!.data, { declareArg: 'V' });
  assert.equal(runRule('undefined-variable', 'FROM scratch\nCOPY $NOPE /\n').length, 1);
  assert.equal(runRule('undefined-variable', 'FROM node:22\nCOPY $FROM_BASE_IMAGE /\n').length, 0);
  assert.equal(runRule('undefined-variable', 'ARG V=1\nFROM a:1\nARG V\nCOPY app-$V.tgz /\n').length, 0);
});

test('ENV is inherited by stages built FROM another stage', () => {
  assert.equal(runRule('undefined-variable', 'FROM scratch AS base\nENV HOME_DIR=/h\nFROM base\nWORKDIR $HOME_DIR\n').length, 0);
});

test('secret names follow whole-word tokens', () => {
  assert.ok(looksSecret('DB_PASSWORD'));
  assert.ok(looksSecret('apiKey'));
  assert.ok(looksSecret('GITHUB_TOKEN'));
  assert.ok(!looksSecret('TOKENIZER_VERSION'));
  assert.ok(!looksSecret('PASSWORD_FILE'));
  assert.ok(!looksSecret('KEYBOARD'));
});
