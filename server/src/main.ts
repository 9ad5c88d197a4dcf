// Entry point of the bundled server (dist/server.js). The transport comes from the command line,
// as vscode-languageserver reads it: `--stdio` for other editors, `--node-ipc` for VS Code's
// client, `--socket=PORT` or `--pipe=NAME` otherwise. The same file is the body of the server's
// worker threads (see lsp/hostProxy) when dist/serverWorker.js, the smaller bundle made for them,
// is not beside it; `--inline` runs everything in one thread instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, SERVER_NAME, SERVER_VERSION } from './lsp/server';
import { formatError } from './lsp/formatError';
import { HOST_ROLE, runHostWorker } from './lsp/hostWorker';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket=', '--pipe=', '--clientProcessId'];

function main(): void {
  if (process.argv.includes('--version')) {
    process.stdout.write(`${SERVER_NAME} ${SERVER_VERSION}\n`);
    process.exit(0);
  }
  if (!process.argv.some((arg) => TRANSPORTS.some((t) => arg.startsWith(t)))) {
    process.stderr.write(
      `${SERVER_NAME} ${SERVER_VERSION}: a language server for Dockerfiles and compose files.\n` +
        'Usage: node server.js --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME) [--inline]\n',
    );
    process.exit(2);
  }

  const connection = createConnection(ProposedFeatures.all);
  // stdout may be the transport: route console output to the client's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  process.on('unhandledRejection', (reason) => connection.console.error(formatError('unhandled rejection', reason)));
  process.on('uncaughtException', (error) => connection.console.error(formatError('uncaught exception', error)));

  const workerBundle = path.join(__dirname, 'serverWorker.js');
  startServer(connection, process.argv.includes('--inline') ? {} : { workerEntry: fs.existsSync(workerBundle) ? workerBundle : __filename });
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === HOST_ROLE) runHostWorker();
else if (isMainThread) main();
