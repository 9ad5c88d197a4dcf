// Build options shared by esbuild.mjs and the tests that build the language server on their own
// (test/unit/server/*, test/unit/l10n/standaloneLocale.test.ts), so a test runs the server as
// `npm run build` lays it out and the two cannot drift.
import * as esbuild from 'esbuild';
import * as path from 'node:path';

export const ROOT = path.dirname(new URL(import.meta.url).pathname);

/** Options every bundle of the extension is built with. */
export const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning',
  absWorkingDir: ROOT,
  external: ['vscode', '*.node'],
};

/**
 * Node modules the libraries the server bundles require when they load but use only for what the
 * server never does over stdio or IPC: vscode-jsonrpc's `crypto` (names for pipes),
 * vscode-languageserver's `child_process` (its `Files` helpers), @vscode/l10n's `fs/promises`
 * (bundles read from files; ours are handed over). Each is loaded on first use instead: ~5 ms of
 * every start (crypto alone ~3 ms, 17 modules). Only for these importers; anything else gets the
 * real module at once.
 */
const LAZY_BUILTINS = {
  crypto: /vscode-jsonrpc[\\/]lib[\\/]node[\\/]main\.js$/,
  child_process: /vscode-languageserver[\\/]lib[\\/]node[\\/]files\.js$/,
  'fs/promises': /@vscode[\\/]l10n[\\/]dist[\\/]main\.js$/,
};
export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^(crypto|child_process|fs\/promises)$/ }, (args) => (LAZY_BUILTINS[args.path]?.test(args.importer) ? { path: args.path, namespace: 'lazy-builtin' } : undefined));
    // A stand-in whose every property read loads the real module (the importers only read properties).
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: `let real; const load = () => (real ??= require(${JSON.stringify(`node:${args.path}`)}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const found = Object.getOwnPropertyDescriptor(load(), key); return found && { ...found, configurable: true }; },
});`,
    }));
  },
};

/**
 * The language server into `outdir`: server.js, a small start-up that starts the validation worker
 * and loads the rest through the V8 code cache (server/src/launcher.ts); serverMain.js, the server;
 * serverWorker.js, the workers' body. The shell parser is part of the language-service code (our
 * own small parser: nothing to load apart).
 */
export function serverBuilds(outdir) {
  return {
    server: { ...COMMON, entryPoints: { server: 'server/src/launcher.ts' }, outdir },
    serverMain: { ...COMMON, outdir, entryPoints: { serverMain: 'server/src/main.ts' }, plugins: [lazyBuiltins] },
    // The worker threads' body: no connection or LSP library, about a quarter less to compile per worker.
    serverWorker: { ...COMMON, outdir, entryPoints: { serverWorker: 'server/src/workerMain.ts' }, plugins: [lazyBuiltins] },
  };
}

/** Builds the server into `outdir` exactly as `npm run build` does (for tests; quiet). */
export async function buildServer(outdir) {
  await Promise.all(Object.values(serverBuilds(outdir)).map((options) => esbuild.build({ ...options, logLevel: 'silent' })));
}
