// Entry point of dist/serverWorker.js, the body of the server's worker threads: only what a
// language host needs (no connection, no LSP library), so a worker compiles and starts faster
// than with the whole server bundle. The server uses it when it lies beside server.js; without
// it, server.js starts its workers with itself (see main.ts).
import { isMainThread, workerData } from 'node:worker_threads';
import { HOST_ROLE, runHostWorker } from './lsp/hostWorker';

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === HOST_ROLE) runHostWorker();
