// The language server (dist/serverMain.js), started by dist/server.js (launcher.ts), which loads it
// through the code cache and hands it the validation worker it has already started. The transport
// comes from the command line, as vscode-languageserver reads it: `--stdio` for other editors,
// `--node-ipc` for VS Code's client, `--socket=PORT` or `--pipe=NAME` otherwise; `--inline` runs
// everything in one thread with no time limit, `--no-main-thread` sends small documents to the
// worker threads too, `--start-validation-worker` starts the validation worker with the process
// (a client that knows a large document is open). Run directly (`node serverMain.js --stdio`) it
// works the same without the cache. The same file is the body of the server's worker threads when
// dist/serverWorker.js, the smaller bundle made for them, is not beside it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, workerData, type Worker } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, SERVER_NAME, SERVER_VERSION } from './lsp/server';
import { formatError } from './lsp/formatError';
import { runHostWorker } from './lsp/hostWorker';
import { HOST_ROLE, type HostWorkerData } from './lsp/workerStart';
import { NO_MAIN_THREAD, START_VALIDATION_WORKER, servesLanguageServer } from './commandLine';

/** What the start-up (launcher.ts) hands the server. */
export interface Boot {
  /** The script a host worker starts from. */
  workerEntry: string;
  workerData?: HostWorkerData;
  /** The validation worker the start-up already started, if it did and it still runs (once). */
  takeStartedWorker?: () => Worker | undefined;
}

export function runServer(boot?: Boot): void {
  if (process.argv.includes('--version')) {
    process.stdout.write(`${SERVER_NAME} ${SERVER_VERSION}\n`);
    process.exit(0);
  }
  if (!servesLanguageServer(process.argv)) {
    process.stderr.write(
      `${SERVER_NAME} ${SERVER_VERSION}: a language server for Dockerfiles and compose files.\n` +
        'Usage: node server.js --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME) [--inline | --no-main-thread | --start-validation-worker]\n' +
        '                                [--code-cache=FOLDER | --no-code-cache]\n',
    );
    process.exit(2);
  }

  const connection = createConnection(ProposedFeatures.all);
  // stdout may be the transport: route console output to the client's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  process.on('unhandledRejection', (reason) => connection.console.error(formatError('unhandled rejection', reason)));
  process.on('uncaughtException', (error) => connection.console.error(formatError('uncaught exception', error)));

  if (process.argv.includes('--inline')) {
    startServer(connection, {});
    return;
  }
  const workerBundle = path.join(__dirname, 'serverWorker.js');
  const mainThread = !process.argv.includes(NO_MAIN_THREAD);
  const startValidationWorker = process.argv.includes(START_VALIDATION_WORKER);
  startServer(connection, { mainThread, startValidationWorker, ...(boot ?? { workerEntry: fs.existsSync(workerBundle) ? workerBundle : __filename }) });
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === HOST_ROLE) runHostWorker();
else if (isMainThread && require.main === module) runServer();
