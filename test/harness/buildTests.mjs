// Bundles modules that run inside the extension host (the integration suite, bench probes) into
// out/. Packages stay external and load from node_modules; `vscode` comes from the host.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, findFiles } from './tiers.mjs';

export const INTEGRATION_OUT = path.join(REPO, 'out', 'integration');

export async function bundleForExtensionHost(entryPoints, outdir) {
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

export async function buildIntegrationTests() {
  const dir = path.join(REPO, 'test', 'integration');
  const entryPoints = findFiles(dir, '.ts').filter((f) => f.endsWith('.test.ts') || path.basename(f) === 'index.ts');
  await bundleForExtensionHost(entryPoints, INTEGRATION_OUT);
  return path.join(INTEGRATION_OUT, 'index.js');
}
