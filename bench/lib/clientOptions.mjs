// What VS Code's client starts the language server with (server/src/protocol/serverEnvironment.ts:
// its environment, Node options and start-up arguments), read from the source once, for the
// benchmarks that start the server as VS Code does.
import * as path from 'node:path';
import { REPO } from '../../test/harness/tiers.mjs';

let loaded;

/** `{ SERVER_ENVIRONMENT, SERVER_EXEC_ARGV, startupArgs }` of serverEnvironment.ts. */
export async function vsCodeClientOptions() {
  if (!loaded) {
    const { tsImport } = await import('tsx/esm/api');
    loaded = await tsImport(path.join(REPO, 'server', 'src', 'protocol', 'serverEnvironment.ts'), import.meta.url);
  }
  return loaded;
}
