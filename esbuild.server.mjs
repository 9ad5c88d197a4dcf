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
 * The language server into `outdir`: server.js, a small start-up that starts the validation worker
 * and loads the rest through the V8 code cache (server/src/launcher.ts); serverMain.js, the server;
 * serverWorker.js, the workers' body. The shell parser is part of the language-service code (our
 * own small parser: nothing to load apart).
 */
export function serverBuilds(outdir) {
  return {
    server: { ...COMMON, entryPoints: { server: 'server/src/launcher.ts' }, outdir },
    serverMain: { ...COMMON, outdir, entryPoints: { serverMain: 'server/src/main.ts' } },
    // The worker threads' body: no connection or LSP library, about a quarter less to compile per worker.
    serverWorker: { ...COMMON, outdir, entryPoints: { serverWorker: 'server/src/workerMain.ts' } },
  };
}

/** Builds the server into `outdir` exactly as `npm run build` does (for tests; quiet). */
export async function buildServer(outdir) {
  await Promise.all(Object.values(serverBuilds(outdir)).map((options) => esbuild.build({ ...options, logLevel: 'silent' })));
}
