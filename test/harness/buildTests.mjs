// Bundles the integration suite (test/integration/*.ts) into out/integration/, one file per test
// plus index.js. Packages stay external and load from node_modules; `vscode` comes from the host.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, findFiles } from './tiers.mjs';

export const INTEGRATION_OUT = path.join(REPO, 'out', 'integration');

export async function buildIntegrationTests() {
  fs.rmSync(INTEGRATION_OUT, { recursive: true, force: true });
  const dir = path.join(REPO, 'test', 'integration');
  const entryPoints = findFiles(dir, '.ts').filter((f) => f.endsWith('.test.ts') || path.basename(f) === 'index.ts');
  await esbuild.build({
    entryPoints,
    outdir: INTEGRATION_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return path.join(INTEGRATION_OUT, 'index.js');
}
