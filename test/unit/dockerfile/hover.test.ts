import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, cursor, doc } from './helpers';

function hoverText(marked: string, ctx = context()): string {
  const { text, position } = cursor(marked);
  return service.hover!(doc(text, `file:///h/${Math.random()}`), position, ctx)?.contents.value ?? '';
}

test('instructions are explained with an example', () => {
  const run = hoverText('FROM a\nR|UN x');
  assert.match(run, /built/);
  assert.match(run, /```dockerfile/);
  assert.match(hoverText('FROM a\nC|MD ["x"]'), /last CMD/);
  assert.match(hoverText('FROM a\nEX|POSE 80'), /docker run -p/);
});

test('flags and mount options are explained', () => {
  assert.match(hoverText('FROM a AS b\nFROM c\nCOPY --fr|om=b x y'), /--from/);
  assert.match(hoverText('FROM a\nRUN --mount=type=cache,sha|ring=locked x'), /sharing/);
});

test('variables show their value, kind and line', () => {
  const h = hoverText('ARG V=1\nFROM a\nARG V\nENV P=/x/$V\nWORKDIR $|P');
  assert.match(h, /\*\*P\*\* = `\/x\/1`/);
  assert.match(h, /line 4/);
  assert.match(hoverText('ARG V=1\nFROM a\nARG |V'), /global ARG declared on line 1/);
  assert.match(hoverText('FROM a\nWORKDIR $NO|PE'), /not defined/);
});

test('stage names and FROM images', () => {
  assert.match(hoverText('FROM alpine:3 AS base\nFROM b|ase'), /Build stage \*\*base\*\*/);
  const ctx = context({ facts: { images: [{ name: 'node:22', id: '1', size: 150_000_000, created: 1_700_000_000, digest: 'sha256:abc' }] } });
  const image = hoverText('FROM no|de:22', ctx);
  assert.match(image, /150 MB/);
  assert.match(image, /2023-11-14/);
  assert.match(image, /sha256:abc/);
  assert.match(image, /hub\.docker\.com\/_\/node/);
  assert.match(hoverText('FROM no|de:23', ctx), /Not pulled/);
});

test('the rule behind a diagnostic is explained on hover, with its peer ids', () => {
  const h = hoverText('FROM node:la|test\n');
  assert.match(h, /latest-tag/);
  assert.match(h, /DL3007/);
});

test('directives and nothing else', () => {
  assert.match(hoverText('# esc|ape=`\nFROM a'), /escape/);
  assert.equal(hoverText('FROM a\n\n|\n'), '');
});

test('ARG and ENV values are shown as code nothing inside can end: no image or link renders from a value', () => {
  const value = hoverText('FROM a\nARG X="a` ![](https://example.com/p.png) `b"\nRUN echo $|X\n');
  assert.ok(value.includes('``a` ![](https://example.com/p.png) `b``'), value);
  const env = hoverText('FROM a\nENV E=``` Y\nRUN echo ${|E}\n');
  assert.ok(env.includes('```` ``` ````'), env);
  // Names and images from the file are escaped too.
  const stage = hoverText('FROM a`![](https://e/x)` AS b\nFROM b\nCOPY --from=|b / /\n');
  const outsideCode = (md: string) => md.replace(/(`+)[\s\S]*?\1/g, '');
  assert.ok(!outsideCode(stage).includes(']('), stage);
  // An invalid reference gets no page link (a link to it could point anywhere).
  const image = hoverText('FROM ngi|nx)[x](https://e\n');
  assert.ok(!outsideCode(image).includes(']('), image);
  assert.ok(hoverText('FROM ngi|nx:1.27\n').includes('<https://hub.docker.com/_/nginx>'));
});

test('the hover range always holds the position', () => {
  // A diagnostic's explanation away from the keyword: the range is the finding, not the keyword.
  const text = 'FROM ubuntu\nRUN apt-get update && apt-get install -y curl\n';
  for (let offset = 0; offset <= text.length; offset++) {
    const before = text.slice(0, offset).split('\n');
    const position = { line: before.length - 1, character: before.at(-1)!.length };
    const h = service.hover!(doc(text, 'file:///h/ranges'), position, context());
    if (!h?.range) continue;
    const { start, end } = h.range;
    const after = (p: typeof start, q: typeof start) => p.line < q.line || (p.line === q.line && p.character <= q.character);
    assert.ok(after(start, position) && after(position, end), `offset ${offset}: ${JSON.stringify(h.range)}`);
  }
});

test('an instruction\'s hover tells its layer in the last build: size, cache, wasted and hidden bytes, and what to do', () => {
  const uri = 'file:///w/Dockerfile';
  const layers = [
    { createdBy: 'RUN /bin/sh -c dd if=/dev/zero of=/big # buildkit', size: 1_048_576, wasted: 1_048_576, cached: true },
    { createdBy: 'RUN /bin/sh -c rm /big # buildkit', size: 0, hides: 1_048_576 },
  ];
  const ctx = context({ facts: { builtImages: [{ dockerfileUri: uri, image: 'app:dev', imageId: 'sha256:1', layers }] } });
  const at = (marked: string) => {
    const { text, position } = cursor(marked);
    return service.hover!(doc(text, uri), position, ctx)?.contents.value ?? '';
  };
  const first = at('FROM busybox\nR|UN dd if=/dev/zero of=/big\nRUN rm /big\n');
  assert.match(first, /\*\*Layer\*\* of `app:dev`: 1\.0 MB · from the build cache/);
  assert.match(first, /1\.0 MB of it is wasted/);
  assert.match(first, /same RUN that creates them/);
  const second = at('FROM busybox\nRUN dd if=/dev/zero of=/big\nR|UN rm /big\n');
  assert.match(second, /Deletes or overwrites 1\.0 MB from earlier layers/);
  assert.doesNotMatch(at('FROM busybox\nRUN dd if=/dev/zero of=/big\nRUN rm /b|ig\n'), /\*\*Layer\*\*/, 'only on the keyword');
});
