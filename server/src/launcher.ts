// Entry point of dist/server.js: the server's start-up, small enough to compile at once. In the
// main thread it loads the server (dist/serverMain.js) through the code cache, and with
// --no-main-thread or --start-validation-worker starts the validation worker first (so it boots
// while the rest of the server loads and answers initialize; otherwise the main thread checks the
// first, small, files itself and the worker starts with the first large one);
// in a worker thread it loads the worker's body (dist/serverWorker.js) the same way.
// The transport and options come from the command line (see main.ts); --code-cache=<folder> and
// --no-code-cache choose the cache folder (codeCache.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { isMainThread, workerData, type Worker } from 'node:worker_threads';
import { installCodeCacheHook, loadBundle, requestedCacheFolder, usableCacheFolder } from './codeCache';
import { NO_MAIN_THREAD, START_VALIDATION_WORKER, servesLanguageServer } from './commandLine';
import { HOST_ROLE, WORKER_MEMORY_MB, startHostWorker, type HostWorkerData } from './lsp/workerStart';
import { mark } from './timeline';

function startMainThread(): void {
  mark('process started (node ready)');
  installCodeCacheHook();
  const serving = servesLanguageServer(process.argv);
  if (serving) limitHeapGrowth();
  // --version and the usage text create no cache folder.
  const codeCache = serving ? usableCacheFolder(requestedCacheFolder(process.argv, process.env)) : undefined;
  const data: HostWorkerData = { role: HOST_ROLE, ...(codeCache ? { codeCache } : {}) };
  let started: Worker | undefined;
  const early = process.argv.includes(NO_MAIN_THREAD) || process.argv.includes(START_VALIDATION_WORKER);
  if (serving && early && !process.argv.includes('--inline')) {
    const worker = startHostWorker(__filename, WORKER_MEMORY_MB, data);
    started = worker;
    // Until the server takes it, it must not keep a process alive that ends for another reason.
    worker.unref();
    worker.once('exit', () => {
      if (started === worker) started = undefined;
    });
  }
  const takeStartedWorker = () => {
    const worker = started;
    started = undefined;
    worker?.ref();
    return worker;
  };
  const server = loadBundle(path.join(__dirname, 'serverMain.js'), codeCache) as typeof import('./main');
  mark('main thread: server loaded');
  server.runServer({ workerEntry: __filename, workerData: data, takeStartedWorker });
}

/**
 * The main thread checks small files itself (lsp/mainThreadHost.ts) and has no heap cap of its own
 * as the workers do: between full collections V8 let its heap grow to several times what was live
 * (the 5,000-edit fuzz run peaked at 418 MB, against 238 MB with every check in capped workers).
 * Growing 20% over what is live after each full collection: 263 MB there, edit times unchanged.
 * V8 reads this at every collection, so it can be set now; a user's own choice is left alone.
 */
function limitHeapGrowth(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /--heap[-_]growing[-_]percent/.test(a));
  if (!given) v8.setFlagsFromString('--heap-growing-percent=20');
}

function startWorkerThread(data: HostWorkerData): void {
  mark('worker thread: node ready');
  installCodeCacheHook();
  // The worker's own bundle; serverMain.js holds the same body when it is missing.
  const body = path.join(__dirname, 'serverWorker.js');
  loadBundle(fs.existsSync(body) ? body : path.join(__dirname, 'serverMain.js'), data.codeCache);
}

if (isMainThread) startMainThread();
else if ((workerData as HostWorkerData | undefined)?.role === HOST_ROLE) startWorkerThread(workerData as HostWorkerData);
