// The peer language servers are benchmark-only: they live in bench/package.json, not in the
// extension's devDependencies, and are installed into bench/node_modules the first time a
// benchmark needs them (from the npm registry, pinned by bench/package-lock.json).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const PEERS = {
  'compose-language-service': { pkg: '@microsoft/compose-language-service', bin: 'bin/docker-compose-langserver' },
  'dockerfile-language-server': { pkg: 'dockerfile-language-server-nodejs', bin: 'bin/docker-langserver' },
};

/** The absolute path of a peer server's executable script, installing the peers first if needed. */
export function peerServer(name) {
  const peer = PEERS[name];
  if (!peer) throw new Error(`unknown peer ${name}`);
  const bin = path.join(BENCH, 'node_modules', ...peer.pkg.split('/'), peer.bin);
  if (!fs.existsSync(bin)) {
    console.log(`[bench] installing the peer language servers into ${path.join(BENCH, 'node_modules')} (once)`);
    // The compose peer declares Node >= 22 but runs on 20; engine-strict is off so npm only warns here.
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error', '--engine-strict=false'], { cwd: BENCH, stdio: 'inherit' });
    if (result.status !== 0 || !fs.existsSync(bin)) throw new Error(`could not install the peer servers (npm ci in ${BENCH} exited ${result.status})`);
  }
  return bin;
}
