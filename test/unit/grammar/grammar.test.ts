// The TextMate grammars (syntaxes/): the scope tests in test/grammar/ run through
// vscode-tmgrammar-test's API, the grammar files are checked for dangling includes and regular
// expressions Oniguruma rejects, and the language configurations' Enter rules are exercised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRegistry, type IGrammarConfig } from 'vscode-tmgrammar-test/dist/common/index';
import { parseGrammarTestCase, runGrammarTestCase } from 'vscode-tmgrammar-test/dist/unit/index';

const REPO = path.resolve(__dirname, '..', '..', '..');
const TESTS = path.join(REPO, 'test', 'grammar');
const SHELL_STAND_IN = path.join(TESTS, 'fixtures', 'shell.tmLanguage.json');

interface Contribution { language?: string; scopeName: string; path: string }
interface LanguageContribution { id: string; filenames?: string[]; filenamePatterns?: string[]; extensions?: string[]; configuration?: string }
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  contributes: { grammars: Contribution[]; languages: LanguageContribution[] };
};
const grammars: IGrammarConfig[] = manifest.contributes.grammars.map((g) => ({ ...g, path: path.join(REPO, g.path) }));

const testFiles = fs.readdirSync(TESTS).filter((f) => /\.test\.docker(file|ignore)$/.test(f)).sort();

function describeFailures(file: string, failures: Awaited<ReturnType<typeof runGrammarTestCase>>): string[] {
  return failures.map((f) => `${file}:${f.line + 1} [${f.start}, ${f.end}) missing ${JSON.stringify(f.missing)} unexpected ${JSON.stringify(f.unexpected)} actual ${f.actual.join(' ')}`);
}

test('the grammar tests exist for every construct', () => {
  for (const name of ['directives', 'escape-backtick', 'directive-not-at-top', 'instructions', 'from-and-flags', 'variables', 'exec-form', 'continuation', 'heredocs']) {
    assert.ok(testFiles.includes(`${name}.test.dockerfile`), `${name}.test.dockerfile`);
  }
  assert.ok(testFiles.includes('dockerignore.test.dockerignore'));
});

test('no assertion line has two " - " exclusions (vscode-tmgrammar-test would backtrack for ever on it)', () => {
  for (const file of testFiles) {
    fs.readFileSync(path.join(TESTS, file), 'utf8').split('\n').forEach((line, i) => {
      if (/^#\s*(\^|<-)/.test(line)) assert.ok((line.match(/ - /g) ?? []).length <= 1, `${file}:${i + 1}`);
    });
  }
});

const standIn = createRegistry([{ scopeName: 'source.shell', path: SHELL_STAND_IN }, ...grammars]);
for (const file of testFiles) {
  test(`grammar: ${file}`, async () => {
    const testCase = parseGrammarTestCase(fs.readFileSync(path.join(TESTS, file), 'utf8'));
    assert.ok(testCase.assertions.length > 0, 'the file asserts something');
    assert.deepEqual(describeFailures(file, await runGrammarTestCase(standIn, testCase)), []);
  });
}

// The same files with VS Code's real shell grammar embedded run in the integration tier
// (test/integration/grammar.test.ts), where VS Code and its grammar are always present.

// ---- the grammar files themselves ----------------------------------------------------------

type Rule = Record<string, unknown> & { include?: string; patterns?: Rule[]; repository?: Record<string, Rule> };
const REGEX_KEYS = ['match', 'begin', 'end', 'while'] as const;

function walk(rule: unknown, visit: (rule: Rule, where: string) => void, where: string): void {
  if (!rule || typeof rule !== 'object') return;
  const r = rule as Rule;
  visit(r, where);
  r.patterns?.forEach((p, i) => walk(p, visit, `${where}/patterns/${i}`));
  for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures'] as const) {
    const captures = r[key] as Record<string, Rule> | undefined;
    for (const [n, capture] of Object.entries(captures ?? {})) walk(capture, visit, `${where}/${key}/${n}`);
  }
}

function grammarRules(grammar: Rule): Array<[Rule, string]> {
  const all: Array<[Rule, string]> = [];
  const visit = (r: Rule, where: string) => all.push([r, where]);
  walk({ patterns: grammar.patterns }, visit, '');
  for (const [name, rule] of Object.entries(grammar.repository ?? {})) walk(rule, visit, `#${name}`);
  for (const [selector, rule] of Object.entries((grammar.injections ?? {}) as Record<string, Rule>)) walk(rule, visit, `injection ${selector}`);
  return all;
}

const grammarFiles = grammars.map((g) => g.path);

test('the grammar files parse, name their scope, and every include names an existing rule', () => {
  for (const file of grammarFiles) {
    const grammar = JSON.parse(fs.readFileSync(file, 'utf8')) as Rule;
    const contributed = grammars.find((g) => g.path === file)!;
    assert.equal(grammar.scopeName, contributed.scopeName, file);
    const repository = grammar.repository ?? {};
    let includes = 0;
    for (const [rule, where] of grammarRules(grammar)) {
      if (rule.include === undefined) continue;
      includes++;
      const target = rule.include;
      if (target.startsWith('#')) assert.ok(repository[target.slice(1)], `${path.basename(file)} ${where}: include ${target} has no rule`);
      else assert.ok(['$self', '$base', 'source.shell', 'source.shell#typical_statements'].includes(target), `${path.basename(file)} ${where}: unexpected include ${target}`);
    }
    assert.ok(includes > 0 || Object.keys(repository).length > 0, file);
  }
});

test('the shell grammar rule the Dockerfile grammar includes exists in the stand-in (VS Code\'s own is checked in the integration tier)', () => {
  for (const file of [SHELL_STAND_IN]) {
    const shell = JSON.parse(fs.readFileSync(file, 'utf8')) as Rule;
    assert.equal(shell.scopeName, 'source.shell', file);
    assert.ok(shell.repository?.typical_statements, `${file} has typical_statements`);
  }
});

test('every rule is well formed: a match, a begin with an end or a while, an include or patterns', () => {
  for (const file of grammarFiles) {
    const grammar = JSON.parse(fs.readFileSync(file, 'utf8')) as Rule;
    for (const [rule, where] of grammarRules(grammar)) {
      if (/Captures\/\d+$|captures\/\d+$/.test(where)) continue;
      const shape = rule.match !== undefined ? 'match' : rule.begin !== undefined ? 'begin' : rule.include !== undefined ? 'include' : rule.patterns ? 'patterns' : 'none';
      assert.notEqual(shape, 'none', `${path.basename(file)} ${where}`);
      if (shape === 'begin') assert.ok((rule.end === undefined) !== (rule.while === undefined), `${path.basename(file)} ${where}: begin needs exactly one of end and while`);
    }
  }
});

test('Oniguruma compiles every regular expression of both grammars', async () => {
  // vscode-oniguruma is what vscode-tmgrammar-test (and VS Code) run the grammars with.
  const fromTool = createRequire(require.resolve('vscode-tmgrammar-test/package.json'));
  const onig = fromTool('vscode-oniguruma') as {
    loadWASM(data: ArrayBuffer): Promise<void>;
    OnigScanner: new (patterns: string[]) => { dispose(): void };
  };
  const wasm = fs.readFileSync(path.join(path.dirname(fromTool.resolve('vscode-oniguruma')), 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  let compiled = 0;
  for (const file of grammarFiles) {
    const grammar = JSON.parse(fs.readFileSync(file, 'utf8')) as Rule;
    for (const [rule, where] of grammarRules(grammar)) {
      for (const key of REGEX_KEYS) {
        const raw = rule[key];
        if (typeof raw !== 'string') continue;
        // end/while may refer to begin's captures (\1): vscode-textmate substitutes them first.
        const source = key === 'end' || key === 'while' ? raw.replace(/\\(\d+)/g, 'x') : raw;
        try {
          new onig.OnigScanner([source]).dispose();
          compiled++;
        } catch (error) {
          assert.fail(`${path.basename(file)} ${where} ${key}: ${String(error)}\n  ${source}`);
        }
      }
    }
  }
  assert.ok(compiled > 200, `compiled ${compiled}`);
});

test('syntaxes/dockerfile.tmLanguage.json is what its generator writes', () => {
  const result = spawnSync(process.execPath, [path.join(REPO, 'syntaxes', 'src', 'dockerfile.grammar.mjs'), '--check'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});

// ---- the contributions ------------------------------------------------------------------------

test('package.json replaces the built-in Dockerfile grammar under its own scope and adds dockerignore', () => {
  const dockerfile = manifest.contributes.grammars.find((g) => g.language === 'dockerfile');
  assert.deepEqual(dockerfile, { language: 'dockerfile', scopeName: 'source.dockerfile', path: './syntaxes/dockerfile.tmLanguage.json' });
  const ignore = manifest.contributes.languages.find((l) => l.id === 'dockerignore');
  assert.ok(ignore);
  assert.deepEqual([...(ignore.filenames ?? [])].sort(), ['.containerignore', '.dockerignore']);
  assert.deepEqual(ignore.filenamePatterns, ['*.dockerignore']);
  for (const language of manifest.contributes.languages.filter((l) => l.configuration)) {
    JSON.parse(fs.readFileSync(path.join(REPO, language.configuration!), 'utf8'));
  }
  for (const g of manifest.contributes.grammars) assert.ok(fs.existsSync(path.join(REPO, g.path)), g.path);
});

interface OnEnterRule { beforeText: string; afterText?: string; previousLineText?: string; action: { indent: string } }

/** What VS Code does with the language configuration's onEnterRules: the first rule that matches. */
function onEnter(rules: OnEnterRule[], beforeText: string, previousLineText = ''): string | undefined {
  return rules.find((r) => new RegExp(r.beforeText).test(beforeText) && (r.previousLineText === undefined || new RegExp(r.previousLineText).test(previousLineText)))?.action.indent;
}

test('Enter after a trailing backslash indents the continuation, keeps it, and comes back after the last line', () => {
  const config = JSON.parse(fs.readFileSync(path.join(REPO, 'syntaxes', 'dockerfile.language-configuration.json'), 'utf8')) as {
    onEnterRules: OnEnterRule[]; comments: { lineComment: string }; autoClosingPairs: unknown[];
  };
  const rules = config.onEnterRules;
  assert.equal(onEnter(rules, 'RUN apt-get update \\'), 'indent');
  assert.equal(onEnter(rules, 'RUN --mount=type=cache,target=/root/.cache \\  '), 'indent', 'blanks after the backslash');
  assert.equal(onEnter(rules, '    && apt-get install -y curl \\', 'RUN apt-get update \\'), 'none');
  assert.equal(onEnter(rules, '    && rm -rf /var/lib/apt/lists/*', '    && apt-get install -y curl \\'), 'outdent');
  assert.equal(onEnter(rules, 'RUN echo done'), undefined);
  assert.equal(onEnter(rules, '# a comment \\'), undefined, 'a comment line is no instruction');
  assert.equal(onEnter(rules, '    still indented', 'RUN echo done'), undefined, 'no continuation above');
  assert.equal(config.comments.lineComment, '#');
  assert.ok(config.autoClosingPairs.length >= 4);
});

test('the dockerignore language configuration has comments and brackets', () => {
  const config = JSON.parse(fs.readFileSync(path.join(REPO, 'syntaxes', 'dockerignore.language-configuration.json'), 'utf8')) as {
    comments: { lineComment: string }; brackets: string[][];
  };
  assert.equal(config.comments.lineComment, '#');
  assert.deepEqual(config.brackets, [['[', ']']]);
});
