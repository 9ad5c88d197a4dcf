// ESLint for the whole repository (flat config): the recommended JavaScript and typescript-eslint
// sets, plus the import boundaries between layers that CONTRIBUTING.md draws. Syntax-only rules
// (no type information), so `npm run lint` stays fast enough to run in every `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** The language server's core is plain functions: no editor API, no protocol library. */
export const coreBoundary = {
  paths: [
    { name: 'vscode', message: 'server/src/core knows nothing of VS Code; put editor glue in server/src/lsp.' },
  ],
  patterns: [
    { group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'server/src/core knows nothing of LSP; the adapter in server/src/lsp converts.' },
    { group: ['**/lsp', '**/lsp/*', '**/client/src/*', '**/client/src'], message: 'server/src/core imports only itself (and plain libraries); the adapter and the client import it, not the reverse.' },
  ],
};

/**
 * The Dockerfile service's stage folders import only downward:
 * syntax -> analysis -> validation -> quickFixes -> features -> dockerfileLanguageService.
 */
const dockerfileStages = ['syntax', 'analysis', 'validation', 'quickFixes', 'features'];
function stageBoundary(stage) {
  const above = dockerfileStages.slice(dockerfileStages.indexOf(stage) + 1);
  return {
    paths: coreBoundary.paths,
    patterns: [
      ...coreBoundary.patterns,
      {
        group: [...above.flatMap((s) => [`**/${s}`, `**/${s}/*`]), '**/dockerfileLanguageService'],
        message: `server/src/core/dockerfile/${stage} imports only the stage folders below it (${dockerfileStages.join(' -> ')}); move the shared piece down instead.`,
      },
    ],
  };
}

/** The client sees the engine through the DockerEngine interface (client/src/engine), never through dockerode itself. */
export const engineBoundary = {
  patterns: [
    { group: ['dockerode', 'dockerode/*', 'docker-modem', 'docker-modem/*', 'ssh2', 'ssh2/*'], message: 'Only client/src/engine talks to dockerode (and its ssh transport); add a named method to the DockerEngine interface instead.' },
    { group: ['**/engine/dockerodeEngine', '**/engine/sshTransport'], message: 'The rest of the client sees the engine through the DockerEngine interface (engine/dockerEngine.ts); engine/activeEngine.ts makes the dockerode one.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-vsix/', 'out/', '.test-output/', 'test/fixtures/', '**/*.d.mts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: {
      // A disable comment that no longer suppresses anything is an error, so they do not pile up.
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // Unused names are already compile errors (noUnusedLocals/noUnusedParameters); `_name` marks the deliberate ones.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Terminal output and byte ranges are matched on purpose (ANSI escapes, ASCII-only checks).
      'no-control-regex': 'off',
      // require() inside a function is how a module is loaded on first use (esbuild keeps it lazy):
      // dockerode, ssh2, the language client, the features bundle, the shell parser, translations.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Tests read loosely typed JSON (engine answers, LSP messages, SBOM documents) and poke at it.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Playwright runs these callbacks inside the browser page.
    files: ['test/harness/**/*.mjs', 'bench/*.mjs'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The run form's webview script runs in the browser, inside VS Code's webview.
    files: ['media/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
  },
  {
    files: ['server/src/core/**'],
    rules: { 'no-restricted-imports': ['error', coreBoundary] },
  },
  ...dockerfileStages.map((stage) => ({
    files: [`server/src/core/dockerfile/${stage}/**`],
    rules: { 'no-restricted-imports': ['error', stageBoundary(stage)] },
  })),
  {
    files: ['client/src/**'],
    ignores: ['client/src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', engineBoundary],
      // no-restricted-imports sees import statements only; a lazy require() of the engine library is caught here.
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.name='require'][arguments.0.value=/^(dockerode|docker-modem|ssh2)(\\/|$)|engine\\/(dockerodeEngine|sshTransport)$/]",
        message: 'Only client/src/engine loads dockerode, docker-modem or ssh2; the rest of the client uses the DockerEngine interface.',
      }],
    },
  },
);
