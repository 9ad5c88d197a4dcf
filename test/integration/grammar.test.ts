// Our Dockerfile grammar with the shell grammar of the VS Code it runs in: the scope tests of
// test/grammar/ (without the stand-in shell's own scopes) and shell colouring inside RUN,
// heredoc scripts and shell-form CMD.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createRegistry, type IGrammarConfig } from 'vscode-tmgrammar-test/dist/common/index';
import { parseGrammarTestCase, runGrammarTestCase } from 'vscode-tmgrammar-test/dist/unit/index';
import { EXTENSION_ID } from './helpers';

describe('grammar with VS Code\'s own shell grammar', () => {
  const extensionRoot = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const tests = path.join(extensionRoot, 'test', 'grammar');
  const shellGrammar = path.join(vscode.env.appRoot, 'extensions', 'shellscript', 'syntaxes', 'shell-unix-bash.tmLanguage.json');
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { grammars: IGrammarConfig[] } };
  const registry = () => createRegistry([
    { scopeName: 'source.shell', path: shellGrammar },
    ...manifest.contributes.grammars.map((g) => ({ ...g, path: path.join(extensionRoot, g.path) })),
  ]);

  it('finds VS Code\'s shell grammar, with the rule our grammar includes', () => {
    const shell = JSON.parse(fs.readFileSync(shellGrammar, 'utf8')) as { scopeName: string; repository?: Record<string, unknown> };
    assert.equal(shell.scopeName, 'source.shell');
    assert.ok(shell.repository?.typical_statements, 'typical_statements');
  });

  it('keeps every Dockerfile scope assertion with the real shell grammar embedded', async () => {
    const failures: string[] = [];
    const files = fs.readdirSync(tests).filter((f) => f.endsWith('.test.dockerfile')).sort();
    assert.ok(files.length >= 9);
    for (const file of files) {
      const testCase = parseGrammarTestCase(fs.readFileSync(path.join(tests, file), 'utf8'));
      for (const line of testCase.assertions) {
        line.scopeAssertions = line.scopeAssertions.filter((a) => ![...a.scopes, ...a.exclude].some((s) => s.endsWith('.shell')));
      }
      for (const f of await runGrammarTestCase(registry(), testCase)) failures.push(`${file}:${f.line + 1} missing ${JSON.stringify(f.missing)} unexpected ${JSON.stringify(f.unexpected)}`);
    }
    assert.deepEqual(failures, []);
  });

  it('colours commands inside RUN, heredoc scripts and shell-form CMD as shell', async () => {
    const grammar = await registry().loadGrammar('source.dockerfile');
    assert.ok(grammar);
    const lines = ['RUN apt-get update && echo "hi"', 'RUN <<EOF', 'if true; then echo "it\'s"; fi', 'EOF', 'CMD exec node server.js', 'EXPOSE 80'];
    let state: Parameters<typeof grammar.tokenizeLine>[1] = null;
    const scopes: string[][][] = [];
    for (const line of lines) {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      scopes.push(result.tokens.map((t) => t.scopes));
    }
    const shellScopes = (i: number) => scopes[i]!.flat().filter((s) => s.endsWith('.shell'));
    assert.ok(shellScopes(0).length > 0, 'RUN shell form');
    assert.ok(shellScopes(2).some((s) => s.startsWith('keyword.control')), 'heredoc script');
    assert.ok(shellScopes(4).length > 0, 'CMD shell form');
    assert.deepEqual(scopes[5]![0], ['source.dockerfile', 'meta.instruction.expose.dockerfile', 'keyword.control.dockerfile']);
  });
});
