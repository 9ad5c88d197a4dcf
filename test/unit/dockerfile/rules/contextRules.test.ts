import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';

const folder = 'file:///work/app';
const withIgnore = (ignore?: string, extra: Record<string, string> = {}) => () =>
  context({ files: files({ ...(ignore === undefined ? {} : { [`${folder}/.dockerignore`]: ignore }), [`${folder}/package.json`]: '{}', ...extra }, [folder]) });

test('build context rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'dockerignore-missing', bad: 'FROM a\nCOPY . .\n', good: 'FROM a\nCOPY app.py .\n', line: 1, ctx: withIgnore() },
    { rule: 'dockerignore-incomplete', bad: 'FROM a\nCOPY . /app\n', good: 'FROM a\nCOPY src /app\n', line: 1, ctx: withIgnore('.git\n') },
    { rule: 'copy-ignored-file', bad: 'FROM a\nCOPY secrets/key.pem /x\n', good: 'FROM a\nCOPY secrets/public.pem /x\n', line: 1, ctx: withIgnore('secrets\n!secrets/public.pem\n') },
  ], assert);
});

test('dockerignore rules pass when the ignore file is complete, and skip non-file documents', () => {
  assert.equal(runRule('dockerignore-incomplete', 'FROM a\nCOPY . .\n', withIgnore('.git\nnode_modules\n')()).length, 0);
  assert.equal(runRule('dockerignore-missing', 'FROM a\nCOPY . .\n', withIgnore()(), 'untitled:Untitled-1').length, 0);
  const [d] = runRule('dockerignore-missing', 'FROM a\nCOPY . .\n', withIgnore()());
  assert.deepEqual(d!.data, { folderUri: folder });
});

test('a Dockerfile-specific ignore file wins', () => {
  const ctx = withIgnore(undefined, { [`${folder}/Dockerfile.dockerignore`]: '.git\nnode_modules\n' })();
  assert.equal(runRule('dockerignore-missing', 'FROM a\nCOPY . .\n', ctx).length, 0);
});
