import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, doc } from './helpers';

function decode(text: string): string[] {
  const legend = service.semanticTokensLegend!;
  const data = service.semanticTokens!(doc(text), context()).data;
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
    out.push(`${lines[line]!.slice(char, char + data[i + 2]!)}:${legend.tokenTypes[data[i + 3]!]}${data[i + 4] ? `+${data[i + 4]}` : ''}`);
  }
  return out;
}

test('tokens for directives, comments, keywords, flags, stages, images, variables and keys', () => {
  const tokens = decode('# escape=\\\n# note\nFROM --platform=$BUILDPLATFORM node:22 AS build\nENV A=1\nCOPY --from=build /a /b\nRUN echo $A\nEXPOSE 80\n');
  for (const expected of ['escape:macro', '\\:string', '# note:comment', 'FROM:keyword', '--platform:parameter', '$BUILDPLATFORM:variable', 'node:22:namespace', 'AS:keyword', 'build:class+1', 'A:variable+1', '--from:parameter', 'build:class', '$A:variable', '80:number']) {
    assert.ok(tokens.includes(expected), `${expected} in ${tokens.join(' ')}`);
  }
});

test('tokens are sorted, do not overlap and never span lines', () => {
  const text = 'FROM a\nRUN --mount=type=cache,target=/x \\\n  echo "${A} \\\n  b"\nMAINTAINER me\n';
  const data = service.semanticTokens!(doc(text), context()).data;
  assert.equal(data.length % 5, 0);
  const lines = text.split('\n');
  let line = 0;
  let char = 0;
  let lastEnd = -1;
  for (let i = 0; i < data.length; i += 5) {
    if (data[i]! > 0) lastEnd = -1;
    line += data[i]!;
    char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
    assert.ok(char >= lastEnd, 'no overlap');
    assert.ok(char + data[i + 2]! <= lines[line]!.length, 'within the line');
    lastEnd = char + data[i + 2]!;
  }
  assert.ok(decode(text).includes('MAINTAINER:keyword+2'));
});
