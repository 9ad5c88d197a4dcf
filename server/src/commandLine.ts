// The server's command line, shared by its start-up (launcher.ts) and the server (main.ts).

/** The transports, as vscode-languageserver reads them from the command line. */
export const TRANSPORTS = ['--stdio', '--node-ipc', '--socket=', '--pipe=', '--clientProcessId'];

/** Whether the command line asks for a language server (not --version or the usage text). */
export function servesLanguageServer(argv: readonly string[]): boolean {
  return !argv.includes('--version') && argv.some((arg) => TRANSPORTS.some((t) => arg.startsWith(t)));
}

/** Small documents are checked in the worker threads too, not on the main thread (see mainThreadHost.ts). */
export const NO_MAIN_THREAD = '--no-main-thread';

/**
 * Starts the validation worker with the process, while small documents stay on the main thread:
 * for a client that knows a document too large for the main thread is open already (VS Code's
 * client, see protocol/serverEnvironment.ts), so the worker has booted by the time it arrives.
 */
export const START_VALIDATION_WORKER = '--start-validation-worker';
