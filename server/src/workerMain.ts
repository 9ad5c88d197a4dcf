// Entry point of dist/serverWorker.js, the body of the server's worker threads: only what a
// language host needs (no connection, no LSP library), so a worker compiles and starts faster
// than with the whole server bundle. dist/server.js loads it in each worker (through the code
// cache); without it, serverMain.js is the body (see launcher.ts).
import { isMainThread, workerData } from 'node:worker_threads';
import { runHostWorker } from './lsp/hostWorker';
import { HOST_ROLE } from './lsp/workerStart';

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === HOST_ROLE) runHostWorker();
