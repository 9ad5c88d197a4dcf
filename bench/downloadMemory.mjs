// Download-from-a-container benchmark: peak memory (and time) of copying one large file out of a
// container, the way the extension does it now (streamed to disk, safeExtract.ts) and the way it
// did before issue 14 (each file collected in memory, then written). Each variant runs in a fresh
// Node process (bench/probes/downloadProbe.ts) so its peak RSS is its own. Needs root (private
// engine) and SIZE_MB × 3 of free disk. `SIZE_MB=256 node bench/downloadMemory.mjs` for a quick look.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Dockerode from 'dockerode';
import { REPO } from '../test/harness/tiers.mjs';
import { startPrivateEngine, TEST_IMAGE } from '../test/engine/privateEngine.mjs';

const SIZE_MB = Number(process.env.SIZE_MB || 1536);
const RUNS = Number(process.env.RUNS || 3);
const engine = await startPrivateEngine();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-download-'));
const results = { streaming: [], buffered: [] };
try {
  const docker = new Dockerode({ socketPath: engine.socketPath });
  const container = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['dd', 'if=/dev/zero', 'of=/big.bin', 'bs=1048576', `count=${SIZE_MB}`] });
  await container.start();
  await container.wait();
  for (let run = 0; run < RUNS; run++) {
    for (const variant of ['streaming', 'buffered']) {
      const target = fs.mkdtempSync(path.join(scratch, `${variant}-`));
      const probe = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench', 'probes', 'downloadProbe.ts'), variant, engine.socketPath, container.id, '/big.bin', target], { cwd: REPO, encoding: 'utf8' });
      fs.rmSync(target, { recursive: true, force: true });
      if (probe.status !== 0) throw new Error(`${variant}: ${probe.stderr}`);
      const result = JSON.parse(probe.stdout.trim().split('\n').at(-1));
      if (result.bytes !== SIZE_MB * 1048576) throw new Error(`${variant} wrote ${result.bytes} bytes`);
      results[variant].push(result);
      console.log(`${variant.padEnd(9)} ${SIZE_MB} MiB file: peak RSS ${result.maxRssMiB.toFixed(0)} MiB, ${result.seconds.toFixed(1)} s`);
    }
  }
  await container.remove({ force: true });
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
  await engine.stop();
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rss = (v) => median(results[v].map((r) => r.maxRssMiB));
const time = (v) => median(results[v].map((r) => r.seconds));
console.log(`\nmedian of ${RUNS}: streaming ${rss('streaming').toFixed(0)} MiB / ${time('streaming').toFixed(1)} s; buffered ${rss('buffered').toFixed(0)} MiB / ${time('buffered').toFixed(1)} s; peak memory ratio ${(rss('buffered') / rss('streaming')).toFixed(1)}×`);
