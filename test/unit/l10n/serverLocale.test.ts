// The language server speaks the locale the client passes at initialize: with zh-cn a
// diagnostic and a hover come back in Chinese, with en (or an unknown locale) in English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeLocale, tData, useLocale } from '../../../server/src/core/l10n';
import { registerBundles } from '../../../server/src/lsp/bundles';
import { dockerfileLanguageService as dockerfile } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { composeLanguageService as compose } from '../../../server/src/core/compose/composeLanguageService';
import { context as dockerfileContext, cursor, doc } from '../dockerfile/helpers';
import { serviceContext as composeContext, COMPOSE_URI } from '../compose/helpers';

registerBundles();
const CJK = /[\u4e00-\u9fff]/;
let n = 0;

function dockerfileDiagnostics(text: string) {
  return dockerfile.validate(doc(text, `file:///l10n/${n++}/Dockerfile`), dockerfileContext());
}

function dockerfileHover(marked: string): string {
  const { text, position } = cursor(marked);
  return dockerfile.hover!(doc(text, `file:///l10n/${n++}/Dockerfile`), position, dockerfileContext())?.contents.value ?? '';
}

function composeDiagnostics(text: string) {
  return compose.validate(doc(text, COMPOSE_URI.replace('compose.yaml', `${n++}/compose.yaml`)), composeContext());
}

function composeHover(marked: string): string {
  const { text, position } = cursor(marked);
  return compose.hover!(doc(text, COMPOSE_URI.replace('compose.yaml', `${n++}/compose.yaml`)), position, composeContext())?.contents.value ?? '';
}

test('every Simplified Chinese spelling of the locale selects zh-cn; Traditional Chinese does not', () => {
  for (const locale of ['zh-cn', 'zh-CN', 'zh_CN', 'zh-Hans', 'zh-hans-cn', 'zh-SG', 'zh']) assert.equal(normalizeLocale(locale), 'zh-cn', locale);
  for (const locale of ['zh-tw', 'zh-Hant', 'zh-HK', 'en', 'en-US']) assert.notEqual(normalizeLocale(locale), 'zh-cn', locale);
  assert.equal(normalizeLocale(undefined), 'en');
});

test('with zh-cn a Dockerfile diagnostic and hover come back in Chinese', () => {
  useLocale('zh-CN');
  try {
    const unknown = dockerfileDiagnostics('FROM busybox\nRUNN echo hello\n').find((d) => d.range.start.line === 1);
    assert.ok(unknown, 'a diagnostic on line 2');
    assert.match(unknown.message, CJK);
    assert.match(unknown.message, /RUNN/, 'the instruction itself stays as written');
    const hover = dockerfileHover('FROM busybox\nR|UN echo hello\n');
    assert.match(hover, CJK);
    assert.match(hover, /```dockerfile/, 'code blocks are kept');
  } finally {
    useLocale('en');
  }
});

test('with zh-cn a compose diagnostic and hover come back in Chinese', () => {
  useLocale('zh-cn');
  try {
    const diagnostics = composeDiagnostics('services:\n  web:\n    image: busybox\n    depends_on: [db]\n');
    const undefinedService = diagnostics.find((d) => /db/.test(d.message));
    assert.ok(undefinedService, `a diagnostic about the undefined service, got ${JSON.stringify(diagnostics)}`);
    assert.match(undefinedService.message, CJK);
    const hover = composeHover('services:\n  web:\n    image: busybox\n    depends|_on: [db]\n  db:\n    image: busybox\n');
    assert.match(hover, CJK);
    // The compose schema's own description of the key is translated too (through tData).
    const ports = composeHover('services:\n  web:\n    image: busybox\n    po|rts: ["8080:80"]\n');
    assert.match(ports, /发布容器端口/);
    assert.doesNotMatch(ports, /Expose container ports/);
  } finally {
    useLocale('en');
  }
});

test('tData translates texts that come from data, and returns unknown ones unchanged', () => {
  useLocale('zh-cn');
  try {
    assert.equal(tData('Expose container ports. Short format ([HOST:]CONTAINER[/PROTOCOL]).'), '发布容器端口。短格式（[HOST:]CONTAINER[/PROTOCOL]）。');
    assert.equal(tData('not a known text'), 'not a known text');
  } finally {
    useLocale('en');
  }
  assert.equal(tData('Expose container ports. Short format ([HOST:]CONTAINER[/PROTOCOL]).'), 'Expose container ports. Short format ([HOST:]CONTAINER[/PROTOCOL]).');
});

test('with en, or a locale without a bundle, the same texts are in English', () => {
  for (const locale of ['en', 'fr', undefined]) {
    useLocale(locale);
    const unknown = dockerfileDiagnostics('FROM busybox\nRUNN echo hello\n').find((d) => d.range.start.line === 1);
    assert.ok(unknown);
    assert.doesNotMatch(unknown.message, CJK);
    assert.doesNotMatch(dockerfileHover('FROM busybox\nR|UN echo hello\n'), CJK);
  }
});

test('switching the locale changes rule explanations produced afterwards (nothing is frozen at load)', () => {
  useLocale('zh-cn');
  const zh = dockerfileHover('FROM busybox\nR|UN echo hello\n');
  useLocale('en');
  const en = dockerfileHover('FROM busybox\nR|UN echo hello\n');
  assert.notEqual(zh, en);
  assert.match(zh, CJK);
  assert.doesNotMatch(en, CJK);
});
