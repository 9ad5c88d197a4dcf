// The table of diagnostic codes (server/src/core/diagnosticCodes.ts) is the one list: the rules
// and compose checks are exactly its codes with its default severities, the settings schema, both
// READMEs and the translations follow it, and the types make an unknown code or a wrong default a
// compile error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { DIAGNOSTIC_CODES, codeInfo, isDiagnosticCode, type CodeInfo, type DiagnosticCode } from '../../../server/src/core/diagnosticCodes';
import { COMPOSE_RULES } from '../../../server/src/core/compose/checks/rules';
import { ALL_RULES } from '../../../server/src/core/dockerfile/validation/rules/allRules';
import type { RuleMeta } from '../../../server/src/core/dockerfile/validation/rules/rule';

const REPO = path.resolve(__dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8'));
const rows = Object.entries(DIAGNOSTIC_CODES) as [DiagnosticCode, CodeInfo][];
const codesOf = (language: CodeInfo['language']) => rows.filter(([, info]) => info.language === language).map(([code]) => code);

test('the Dockerfile rules are exactly the table\'s Dockerfile codes, with its default severities', () => {
  assert.deepEqual(ALL_RULES.map((r) => r.meta.id).sort(), codesOf('dockerfile').sort());
  for (const r of ALL_RULES) assert.equal(r.meta.severity, codeInfo(r.meta.id).severity, r.meta.id);
});

test('the compose checks are exactly the table\'s compose codes, with its default severities', () => {
  assert.deepEqual([...COMPOSE_RULES.keys()].sort(), codesOf('compose').sort());
  for (const r of COMPOSE_RULES.values()) assert.equal(r.severity, codeInfo(r.id).severity, r.id);
});

/** The page of the peer check a rule stands for: BuildKit's build checks first, then hadolint's wiki. */
function peerPage(meta: RuleMeta): string | undefined {
  if (meta.buildkit) return `https://docs.docker.com/reference/build-checks/${meta.buildkit.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}/`;
  if (meta.hadolint?.[0]?.startsWith('DL')) return `https://github.com/hadolint/hadolint/wiki/${meta.hadolint[0]}`;
  return undefined;
}

test('a code\'s docs link is the page of the peer check its rule stands for', () => {
  for (const r of ALL_RULES) assert.equal(codeInfo(r.meta.id).docs, peerPage(r.meta), r.meta.id);
  assert.equal(codeInfo('latest-tag').docs, 'https://github.com/hadolint/hadolint/wiki/DL3007');
  assert.equal(codeInfo('from-as-casing').docs, 'https://docs.docker.com/reference/build-checks/from-as-casing/');
  for (const code of codesOf('compose')) assert.equal(codeInfo(code).docs, undefined, code);
});

test('isDiagnosticCode knows the table and nothing else', () => {
  assert.ok(isDiagnosticCode('latest-tag'));
  assert.ok(isDiagnosticCode('compose-yaml-syntax'));
  assert.ok(!isDiagnosticCode('DL3007'));
  assert.ok(!isDiagnosticCode('toString'));
  assert.ok(!isDiagnosticCode(''));
});

test('the dockerWorkbench.rules setting has one entry per code: its default, every severity, its title', () => {
  const settings = readJson('package.json').contributes.configuration.properties['dockerWorkbench.rules'].properties as Record<string, { enum: string[]; default: string; description: string }>;
  assert.deepEqual(Object.keys(settings).sort(), rows.map(([code]) => code).sort());
  for (const [code, info] of rows) {
    assert.equal(settings[code]!.default, info.severity, code);
    assert.deepEqual(settings[code]!.enum, ['off', 'error', 'warning', 'information', 'hint'], code);
    assert.equal(settings[code]!.description, `%rule.${code}%`, code);
  }
});

test('every code has its title in English and Chinese, and no title is left for a code that is gone', () => {
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = readJson(file) as Record<string, string>;
    for (const [code] of rows) assert.ok(typeof nls[`rule.${code}`] === 'string' && nls[`rule.${code}`]!.trim().length > 0, `${file}: rule.${code}`);
    const stray = Object.keys(nls).filter((k) => k.startsWith('rule.') && !isDiagnosticCode(k.slice('rule.'.length)));
    assert.deepEqual(stray, [], file);
  }
});

for (const [file, count] of [['README.md', /(\d+) checks with stable ids/], ['README.zh-CN.md', /(\d+) 项带稳定 ID 的检查/]] as const) {
  test(`${file}: the rule table is the table's Dockerfile codes with their defaults, and the count is right`, () => {
    const text = fs.readFileSync(path.join(REPO, file), 'utf8');
    const table = new Map<string, string>();
    for (const line of text.split('\n')) {
      const m = /^\| `([a-z0-9-]+)` \| (error|warning|information|hint|off) \|/.exec(line);
      if (m) table.set(m[1]!, m[2]!);
    }
    const dockerfile = codesOf('dockerfile');
    assert.deepEqual([...table.keys()].sort(), [...dockerfile].sort());
    for (const code of dockerfile) assert.equal(table.get(code), codeInfo(code).severity, code);
    assert.equal(Number(count.exec(text)?.[1]), dockerfile.length, 'the feature table\'s number of checks');
  });
}

/** Type errors of a snippet placed in server/src/core/dockerfile/validation/rules (so its imports resolve). */
function typeErrors(snippet: string): string[] {
  const file = path.join(REPO, 'server/src/core/dockerfile/validation/rules/__snippet__.ts');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [], lib: ['lib.es2022.d.ts'] };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? snippet : read(f));
  host.fileExists = (f) => path.resolve(f) === file || exists(f);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

test('an unknown code or a default that differs from the table does not compile', () => {
  // The real rule() of the Dockerfile rules, with the smallest meta it takes.
  const header = "import type { ComposeCode } from '../../../diagnosticCodes';\nimport { rule } from './rule';\n";
  const meta = (id: string, severity: string) => `rule({ id: '${id}', severity: '${severity}', explain: () => [] }, () => undefined);\n`;
  assert.deepEqual(typeErrors(`${header}${meta('latest-tag', 'information')}export const c: ComposeCode = 'compose-yaml-syntax';\n`), []);
  const unknown = typeErrors(`${header}${meta('latest-tags', 'warning')}`);
  assert.equal(unknown.length, 1);
  assert.match(unknown[0]!, /latest-tags/);
  const wrongDefault = typeErrors(`${header}${meta('latest-tag', 'error')}`);
  assert.equal(wrongDefault.length, 1);
  assert.match(wrongDefault[0]!, /"error"/);
  const wrongLanguage = typeErrors(`${header}export const c: ComposeCode = 'latest-tag';\n`);
  assert.equal(wrongLanguage.length, 1);
});
