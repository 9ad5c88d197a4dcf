// ssh engines: how long a request takes through Docker Workbench's ssh transport, side by side
// with docker-modem's own ssh support (what dockerode-based extensions use) and with the docker
// CLI over ssh (one `docker ps` per request, OpenSSH underneath). A private engine behind a
// private sshd on 127.0.0.1, so the numbers are the ssh and dial-stdio overhead, not a network.
// Needs root. `RUNS=…` changes the number of requests (default 50; 20 for the CLI).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { REPO } from '../test/harness/tiers.mjs';
import { bundleForExtensionHost } from '../test/harness/buildTests.mjs';
import { startPrivateEngine } from '../test/engine/privateEngine.mjs';
import { startPrivateSshd } from '../test/engine/privateSshd.mjs';

const RUNS = Number(process.env.RUNS || 50);
const CLI_RUNS = Math.min(RUNS, 20);
const outdir = path.join(REPO, 'out', 'bench-ssh');
await bundleForExtensionHost([path.join(REPO, 'bench', 'probes', 'sshProbe.ts')], outdir);
const probe = createRequire(import.meta.url)(path.join(outdir, 'sshProbe.js'));

const q = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];
const f = (n) => (n < 10 ? n.toFixed(1) : Math.round(n).toString());

const engine = await startPrivateEngine({ buildImage: false });
let sshd;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-ssh-'));
try {
  sshd = await startPrivateSshd({ sessions: { engine: { DOCKER_HOST: engine.host } } });
  const port = sshd.ports.engine;
  fs.mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  fs.copyFileSync(sshd.clientKey.privateKey, path.join(home, '.ssh', 'id_ed25519'));
  fs.chmodSync(path.join(home, '.ssh', 'id_ed25519'), 0o600);
  fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${port} ${sshd.hostKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`);
  const endpoint = `ssh://${sshd.user}@127.0.0.1:${port}`;
  // OpenSSH reads the user's real ~/.ssh whatever HOME says: the CLI gets an ssh that reads ours.
  fs.mkdirSync(path.join(home, 'bin'));
  fs.writeFileSync(path.join(home, '.ssh', 'config'), `UserKnownHostsFile ${path.join(home, '.ssh', 'known_hosts')}\nIdentityFile ${path.join(home, '.ssh', 'id_ed25519')}\nIdentitiesOnly yes\n`);
  fs.writeFileSync(path.join(home, 'bin', 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${path.join(home, '.ssh', 'config')} "$@"\n`, { mode: 0o755 });
  const env = { HOME: home, USER: sshd.user };

  const ours = await probe.measureWorkbench(endpoint, env, RUNS);
  const modem = await probe.measureDockerModem('127.0.0.1', port, sshd.user, fs.readFileSync(sshd.clientKey.privateKey), RUNS);
  const cli = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const t0 = performance.now();
    const result = spawnSync('docker', ['-H', endpoint, 'ps', '-a', '--format', '{{.ID}}'], { env: { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), PATH: `${path.join(home, 'bin')}:${process.env.PATH}` }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`docker over ssh failed: ${result.stderr}`);
    cli.push(performance.now() - t0);
  }

  console.log(`\nssh engine on 127.0.0.1 (list containers; ${RUNS} sequential requests, the CLI ${CLI_RUNS})`);
  console.log(`${'measure'.padEnd(30)}${'Docker Workbench'.padStart(18)}${'docker-modem ssh'.padStart(18)}${'docker CLI'.padStart(12)}`);
  console.log(`${'first request (connect) ms'.padEnd(30)}${f(ours.firstMs).padStart(18)}${f(modem.firstMs).padStart(18)}${f(cli[0]).padStart(12)}`);
  for (const [label, p] of [['request p50 ms', 0.5], ['request p95 ms', 0.95]]) {
    console.log(`${label.padEnd(30)}${f(q(ours.listMs, p)).padStart(18)}${f(q(modem.listMs, p)).padStart(18)}${f(q(cli, p)).padStart(12)}`);
  }
  console.log(`ratio (p50, peer / ours): docker-modem ${(q(modem.listMs, 0.5) / q(ours.listMs, 0.5)).toFixed(1)}x, docker CLI ${(q(cli, 0.5) / q(ours.listMs, 0.5)).toFixed(1)}x`);
} finally {
  await sshd?.stop();
  await engine.stop();
  fs.rmSync(home, { recursive: true, force: true });
}
