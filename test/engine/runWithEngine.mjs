// `node test/engine/runWithEngine.mjs [command...]`: starts a private engine, runs the command
// with DOCKER_HOST pointing at it (or waits for Ctrl-C when there is none), then removes it.
import { spawn } from 'node:child_process';
import { startPrivateEngine } from './privateEngine.mjs';

const engine = await startPrivateEngine();
const command = process.argv.slice(2);
if (command.length === 0) {
  console.log(`DOCKER_HOST=${engine.host}  (Ctrl-C stops and removes the engine)`);
  await new Promise(() => {});
}
const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, DOCKER_HOST: engine.host } });
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
await engine.stop();
process.exit(code);
