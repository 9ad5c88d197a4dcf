// The translation bundles stay complete: the committed English bundles are exactly what the
// sources say (a new string without `npm run l10n` fails here), every English key has a Chinese
// translation, and the placeholders and code spans of each translation match its English text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUNDLES, MANIFEST, REPO, changedManifestKeys, extract, messageText, placeholders, readJson, serialize } from '../../harness/l10nExport.mjs';

const sides = ['client', 'server'] as const;

/** `code` spans of a Markdown text, sorted: translations keep them verbatim. */
function codeSpans(text: string): string[] {
  return (text.match(/`[^`\n]+`/g) ?? []).sort();
}

function pairs(english: Record<string, unknown>, chinese: Record<string, unknown>) {
  return Object.keys(english).map((key) => ({ key, en: messageText(english[key]) ?? '', zh: messageText(chinese[key]) }));
}

for (const side of sides) {
  const config = BUNDLES[side];

  test(`${config.english} is what the sources under ${config.sources} say (run npm run l10n after changing a string)`, () => {
    const { bundle } = extract(side);
    const committed = fs.readFileSync(path.join(REPO, config.english), 'utf8');
    if (committed !== serialize(bundle)) {
      const have = new Set(Object.keys(JSON.parse(committed)));
      const want = new Set(Object.keys(bundle));
      const added = [...want].filter((k) => !have.has(k)).slice(0, 5);
      const removed = [...have].filter((k) => !want.has(k)).slice(0, 5);
      assert.fail(`stale ${config.english}: run npm run l10n\n  new in the sources: ${JSON.stringify(added)}\n  gone from the sources: ${JSON.stringify(removed)}`);
    }
  });

  test(`every message in ${config.english} has a Chinese translation in ${config.chinese}`, () => {
    const english = readJson(config.english);
    const chinese = readJson(config.chinese) ?? {};
    const missing = pairs(english, chinese).filter((p) => typeof p.zh !== 'string' || p.zh.trim() === '').map((p) => p.key);
    assert.deepEqual(missing.slice(0, 20), [], `${missing.length} messages lack a translation`);
    const stale = Object.keys(chinese).filter((k) => !(k in english));
    assert.deepEqual(stale, [], `${config.chinese} has translations of messages the sources no longer have`);
  });

  test(`the placeholders and code spans of each ${side} translation match its English text`, () => {
    const wrong: string[] = [];
    for (const { key, en, zh } of pairs(readJson(config.english), readJson(config.chinese) ?? {})) {
      if (typeof zh !== 'string') continue;
      if (placeholders(en).join() !== placeholders(zh).join()) wrong.push(`placeholders ${placeholders(en)} vs ${placeholders(zh)} in ${JSON.stringify(key)}`);
      if (codeSpans(en).join('\u0000') !== codeSpans(zh).join('\u0000')) wrong.push(`code spans differ in ${JSON.stringify(key)}: ${JSON.stringify(codeSpans(zh))}`);
    }
    assert.deepEqual(wrong, []);
  });
}

test(`${MANIFEST.chinese} translates every key of ${MANIFEST.english}, with the same placeholders`, () => {
  const english = readJson(MANIFEST.english);
  const chinese = readJson(MANIFEST.chinese) ?? {};
  const missing = Object.keys(english).filter((k) => typeof messageText(chinese[k]) !== 'string' || messageText(chinese[k])!.trim() === '');
  assert.deepEqual(missing, []);
  assert.deepEqual(Object.keys(chinese).filter((k) => !(k in english)), [], 'keys no longer in package.nls.json');
  const wrong = pairs(english, chinese).filter((p) => typeof p.zh === 'string' && placeholders(p.en).join() !== placeholders(p.zh).join());
  assert.deepEqual(wrong.map((p) => p.key), []);
});

test(`every translation in ${MANIFEST.chinese} follows the current English (${MANIFEST.source})`, () => {
  const changed = changedManifestKeys();
  assert.deepEqual(changed, [], `the English of these keys changed since they were translated: update ${MANIFEST.chinese}, then npm run l10n -- --accept-manifest`);
});

test('the extractor finds every form of call and refuses a message that is not a literal', () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-l10n-'));
  try {
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), text);
    };
    write('client/src/a.ts', [
      "import * as vscode from 'vscode';",
      "vscode.l10n.t('Hello {0}', name);",
      'vscode.l10n.t(`Template {0} and {1}`, a, b);',
      "export function f(l10n: { t(m: string): string }) { return l10n.t('From a ' + 'translator'); }",
      "vscode.l10n.t({ message: 'With {0}', args: [x], comment: ['a note'] });",
      "other.t('not a message');",
    ].join('\n'));
    write('server/src/core/l10n.ts', 'export const t = (m: string) => m;');
    write('server/src/core/x/b.ts', [
      "import { t } from '../l10n';",
      "import { t as tr } from '../l10n';",
      "export const a = () => t('Server {0}', 1);",
      "export const b = () => tr(\n  'Aliased'\n);",
      "const u = { t: (m: string) => m }; u.t('not ours');",
    ].join('\n'));
    write('server/src/core/x/c.ts', "function t(m: string) { return m; }\nt('a local t, not the translator');");
    assert.deepEqual(Object.keys(extract('client', repo).bundle), ['Hello {0}', 'Template {0} and {1}', 'From a translator', 'With {0}/a note']);
    assert.deepEqual(Object.keys(extract('server', repo).bundle), ['Server {0}', 'Aliased']);
    write('server/src/core/x/d.ts', "import { t } from '../l10n';\nconst key = 'x';\nexport const d = () => t(key);");
    assert.throws(() => extract('server', repo), /d\.ts:3:.*must be a string literal/);
    write('client/src/e.ts', "import * as vscode from 'vscode';\nvscode.l10n.t(`Hi ${name}`);");
    assert.throws(() => extract('client', repo), /e\.ts:2:.*must be a string literal/);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
