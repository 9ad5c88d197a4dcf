// Runs a docker credential helper the way the docker CLI does: the program
// `docker-credential-<name>` found on PATH, one action (`get`, `store`, `erase`, `list`) as its
// only argument, the request on standard input, the answer as JSON on standard output. The
// name comes from the user's docker config, so it must be a plain name (never a path), and the
// program gets an argument array, no shell. Output is bounded and a helper that hangs is killed.
import { spawn } from 'node:child_process';

export type HelperAction = 'get' | 'store' | 'erase' | 'list';

export interface HelperResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one helper action; the seam tests replace. Rejects only when the program cannot run. */
export type HelperRunner = (helper: string, action: HelperAction, input: string) => Promise<HelperResult>;

export class CredentialHelperError extends Error {
  constructor(readonly helper: string, message: string) {
    super(message);
    this.name = 'CredentialHelperError';
  }
}

const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_OUTPUT = 1024 * 1024;
/** Some helpers ask the desktop to unlock a keyring first; give a person time to answer. */
const HELPER_TIMEOUT_MS = 60_000;

export function isValidHelperName(name: string): boolean {
  return HELPER_NAME.test(name);
}

export function helperProgram(helper: string): string {
  return `docker-credential-${helper}`;
}

export const runCredentialHelper: HelperRunner = (helper, action, input) => {
  if (!isValidHelperName(helper)) return Promise.reject(new CredentialHelperError(helper, `"${helper}" is not a credential helper name`));
  return new Promise((resolve, reject) => {
    const program = helperProgram(helper);
    const child = spawn(program, [action], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new CredentialHelperError(helper, `${program} ${action} did not answer within ${HELPER_TIMEOUT_MS / 1000} s`)));
    }, HELPER_TIMEOUT_MS);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) {
        child.kill('SIGKILL');
        finish(() => reject(new CredentialHelperError(helper, `${program} ${action} wrote more than ${MAX_OUTPUT} bytes`)));
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(() => reject(new CredentialHelperError(helper, error.code === 'ENOENT'
        ? `${program} is not installed or not on PATH (the docker config names the credential helper "${helper}")`
        : `${program} could not run: ${error.message}`)));
    });
    child.on('close', (code) => finish(() => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') })));
    // A helper that exits without reading its input closes the pipe; that is its answer, not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
};

/** The message helpers print when they hold nothing for a server (the CLI matches the same text). */
export function isCredentialsNotFound(output: string): boolean {
  return /credentials not found/i.test(output);
}
