import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommandLineError, splitCommandLine } from '../../../client/src/containers/commandLine';

test('splits on blanks and keeps shell metacharacters as ordinary text', () => {
  assert.deepEqual(splitCommandLine('  ls   -la\t/tmp  '), ['ls', '-la', '/tmp']);
  assert.deepEqual(splitCommandLine('echo a;b | c > d && $HOME'), ['echo', 'a;b', '|', 'c', '>', 'd', '&&', '$HOME']);
  assert.deepEqual(splitCommandLine(''), []);
});

test('single quotes are literal, double quotes allow \\" \\\\ \\$ \\`', () => {
  assert.deepEqual(splitCommandLine(`sh -c 'echo "$HOME" \\n'`), ['sh', '-c', 'echo "$HOME" \\n']);
  assert.deepEqual(splitCommandLine(`echo "a \\"b\\" \\\\ \\$x \\n"`), ['echo', 'a "b" \\ $x \\n']);
});

test('adjacent quoted and unquoted parts form one word; empty quotes give an empty word', () => {
  assert.deepEqual(splitCommandLine(`a"b c"'d e'f`), ['ab cd ef']);
  assert.deepEqual(splitCommandLine(`cmd "" ''`), ['cmd', '', '']);
});

test('backslash escapes outside quotes and joins continued lines', () => {
  assert.deepEqual(splitCommandLine('touch my\\ file \\"q\\"'), ['touch', 'my file', '"q"']);
  assert.deepEqual(splitCommandLine('a \\\n b'), ['a', 'b']);
  assert.deepEqual(splitCommandLine('ab\\\ncd'), ['abcd']);
});

test('unterminated quotes and a trailing backslash are errors with an offset', () => {
  assert.throws(() => splitCommandLine(`echo 'oops`), (e: unknown) => e instanceof CommandLineError && e.problem === 'unterminatedSingleQuote' && e.offset === 5);
  assert.throws(() => splitCommandLine('echo "oops'), (e: unknown) => e instanceof CommandLineError && e.problem === 'unterminatedDoubleQuote' && /double/.test(e.message));
  assert.throws(() => splitCommandLine('echo \\'), (e: unknown) => e instanceof CommandLineError && e.problem === 'trailingBackslash');
});

test('unicode and names with spaces survive', () => {
  assert.deepEqual(splitCommandLine(`cat "/data/my file ü.txt"`), ['cat', '/data/my file ü.txt']);
});
