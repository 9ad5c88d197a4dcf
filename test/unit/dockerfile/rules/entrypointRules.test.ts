import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const check = (text: string) => runRule('cmd-ignored', text);

test('cmd-ignored rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'cmd-ignored', bad: 'FROM elixir:1.16\nENTRYPOINT mix phx.server\nCMD ["foreground"]\n', good: 'FROM elixir:1.16\nENTRYPOINT ["mix", "phx.server"]\nCMD ["foreground"]\n', line: 2 },
  ], assert);
});

test('cmd-ignored: a CMD under a shell-form ENTRYPOINT, its own or a parent stage\'s (round 22)', () => {
  const [d, ...rest] = check('FROM elixir:1.16\nCMD foreground\nENTRYPOINT /app/bin/app\n');
  assert.deepEqual(rest, []);
  assert.equal(d!.message, 'The ENTRYPOINT on line 3 is in the shell form, so it never reads this CMD: it runs /bin/sh -c with its own text only. Write the ENTRYPOINT in the exec form (["program", "arg"]) for the CMD to be its arguments, or leave the CMD out.');
  assert.equal(check('FROM node:22 AS base\nENTRYPOINT npm start\nFROM base\nCMD ["--port", "80"]\n').length, 1);
  for (const text of [
    'FROM node:22\nENTRYPOINT ["npm"]\nCMD ["start"]\n',
    'FROM node:22\nENTRYPOINT exec node server.js "$@"\nCMD ["--port", "80"]\n',
    'FROM node:22\nENTRYPOINT npm start\n',
    'FROM node:22 AS base\nENTRYPOINT npm start\nFROM base\nENTRYPOINT ["node"]\nCMD ["server.js"]\n',
  ]) assert.deepEqual(check(text), [], text);
  // Its form is not advised on either: the CMD does not run.
  assert.deepEqual(runRule('json-args-recommended', 'FROM elixir:1.16\nENTRYPOINT ["mix"]\nCMD mix phx.server\n').length, 1);
  assert.deepEqual(runRule('json-args-recommended', 'FROM debian:12\nENTRYPOINT /app/run\nCMD /app/other --flag\n').map((x) => x.range.start.line), [1]);
});
