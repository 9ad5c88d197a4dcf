// How a language-host worker thread is started: by the server's start-up (dist/server.js starts
// the validation worker before it even loads the rest of the server) and by WorkerHost. Kept
// apart from the host so the start-up can use it without loading the language services.
import { Worker } from 'node:worker_threads';

export const HOST_ROLE = 'docker-workbench-language-host';

/** Heap limit of each worker thread, in MB (the whole server stays near 300 MB at worst). */
export const WORKER_MEMORY_MB = 96;

/** What a host worker is started with (structured-cloned into the thread). */
export interface HostWorkerData {
  role: typeof HOST_ROLE;
  /** The code cache folder, already checked by the main thread (see codeCache.ts). */
  codeCache?: string;
}

export function startHostWorker(entry: string, memoryMb: number, data: HostWorkerData): Worker {
  return new Worker(entry, {
    workerData: data,
    // The young generation's 8 MB hold where the process has no --max-semi-space-size; under
    // VS Code's client it has (protocol/serverEnvironment.ts), and V8 takes the flag instead.
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 8 },
    // Not the process's own streams: stdout may be the LSP transport. What a worker prints goes to the log.
    stdout: true,
    stderr: true,
  });
}
