import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('typographic quote rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'typographic-quotes', bad: 'FROM python:3.12\nRUN pip install \u201cflask\u201d\n', good: 'FROM python:3.12\nRUN pip install "flask"\n', line: 1 },
  ], assert);
});

test('typographic-quotes: curly quotes around a value or a shell word stay in it (round 20: ENV ASPNETCORE_ENVIRONMENT=\u201ddevelopment\u201d)', () => {
  const [env, ...rest] = runRule('typographic-quotes', 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_ENVIRONMENT=\u201ddevelopment\u201d\n');
  assert.deepEqual(rest, []);
  assert.equal(env!.message, '\u201ddevelopment\u201d is written with curly quotes, which are part of the text here, not quotes: the value keeps them. Write straight quotes ("development").');
  assert.deepEqual(env!.data, { replacement: '"development"', span: { start: 68, end: 81 } });
  assert.equal(runRule('typographic-quotes', 'FROM a\nLABEL maintainer=\u2018me@example.com\u2019\n').length, 1);
  assert.equal(runRule('typographic-quotes', 'FROM a\nARG MODE=\u201cprod\u201d\n').length, 1);
  assert.equal(runRule('typographic-quotes', 'FROM a\nENV MODE \u201cprod\u201d\n').length, 1);
  // Text: inside straight quotes, in the middle of a word, or an echo of words with spaces.
  for (const text of ['FROM a\nLABEL description="the \u201cbest\u201d app"\n', 'FROM a\nRUN echo "\u201chello\u201d"\n', 'FROM a\nRUN echo \u201chello world\u201d\n', 'FROM a\nENV A=it\u2019s\n']) {
    assert.deepEqual(runRule('typographic-quotes', text), [], text);
  }
});

test('invalid-json-form: an exec form with curly quotes, with the straight-quoted array as the fix (not quoted again)', () => {
  const [d] = runRule('invalid-json-form', 'FROM node:22\nCMD [\u201cnpm\u201d, \u201cstart\u201d]\n');
  assert.equal(d!.message, 'This is not valid JSON (its quotes are typographic (\u201c \u201d), not the straight quotes (") JSON needs), so it is not the exec form: Docker hands the whole text to the shell, where it is no command.');
  assert.equal((d!.data as { replacement: string }).replacement, '["npm", "start"]');
  assert.deepEqual(runRule('typographic-quotes', 'FROM node:22\nCMD [\u201cnpm\u201d, \u201cstart\u201d]\nRUN [\u201cnpm\u201d, \u201cci\u201d]\n'), [], 'one finding for one mistake');
});
