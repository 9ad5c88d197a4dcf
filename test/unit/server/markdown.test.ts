import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeBlock, escapeMarkdown, inlineCode } from '../../../server/src/core/markdown';

test('a value with backticks stays one code span: nothing after it is read as Markdown', () => {
  assert.equal(inlineCode('plain'), '`plain`');
  assert.equal(inlineCode('a`b'), '``a`b``');
  assert.equal(inlineCode('x` ![](https://example.com/t.png) `'), '`` x` ![](https://example.com/t.png) ` ``');
  assert.equal(inlineCode('```'), '```` ``` ````');
  assert.equal(inlineCode(''), '`""`');
  assert.equal(inlineCode('two\nlines'), '`two lines`');
  assert.equal(inlineCode('a'.repeat(500)).length, 200 + 2);
});

test('a code block is fenced longer than any backtick run inside', () => {
  assert.equal(codeBlock('a: 1', 'yaml'), '```yaml\na: 1\n```');
  assert.equal(codeBlock('x: "```"\n````', 'yaml'), '`````yaml\nx: "```"\n````\n`````');
});

test('plain text has its Markdown punctuation escaped', () => {
  assert.equal(escapeMarkdown('web_1 ![x](http://a)'), 'web\\_1 \\!\\[x\\]\\(http\\://a\\)');
  assert.equal(escapeMarkdown('<img src=x>'), '\\<img src=x\\>');
});
