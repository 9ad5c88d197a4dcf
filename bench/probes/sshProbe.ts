// Requests to an ssh engine through Docker Workbench's transport, and through docker-modem's own
// ssh support (what dockerode-based tools get), for bench/sshEngine.mjs.
import Dockerode from 'dockerode';
import { DockerodeEngine } from '../../client/src/engine/dockerodeEngine';
import { parseEndpoint } from '../../client/src/engine/engineTarget';

export interface SshTimings {
  firstMs: number;
  listMs: number[];
}

async function time<T>(work: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** Our transport: one connection, keep-alive channels; HOME and SSH_AUTH_SOCK come from `env`. */
export async function measureWorkbench(endpoint: string, env: NodeJS.ProcessEnv, runs: number): Promise<SshTimings> {
  const engine = new DockerodeEngine(parseEndpoint(endpoint), undefined, { env });
  try {
    const firstMs = await time(() => engine.ping());
    const listMs: number[] = [];
    for (let i = 0; i < runs; i++) listMs.push(await time(() => engine.listContainers()));
    return { firstMs, listMs };
  } finally {
    engine.dispose();
  }
}

/** docker-modem's ssh agent: an ssh connection (and handshake) per request. */
export async function measureDockerModem(host: string, port: number, username: string, privateKey: Buffer, runs: number): Promise<SshTimings> {
  const docker = new Dockerode({ protocol: 'ssh', host, port, username, sshOptions: { privateKey } });
  const firstMs = await time(() => docker.ping());
  const listMs: number[] = [];
  for (let i = 0; i < runs; i++) listMs.push(await time(() => docker.listContainers({ all: true })));
  return { firstMs, listMs };
}
