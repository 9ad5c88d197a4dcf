// Runs one non-interactive command in a container through the engine's exec API and collects
// its output and exit code. The command is an argument array; no shell is involved unless the
// array itself starts one. No vscode import.
import { Writable } from 'node:stream';
import type { DockerEngine } from '../engine/dockerEngine';

export interface ExecResult {
  /** null when the engine did not report one in time. */
  exitCode: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Exit codes of an exec whose program could not be started (not found: 127, not executable: 126). */
export function isCannotRunExitCode(code: number | null): boolean {
  return code === 126 || code === 127;
}

type ExecEngine = Pick<DockerEngine, 'exec' | 'demux'>;

export async function runCapture(
  engine: ExecEngine,
  containerId: string,
  cmd: string[],
  options: { stdin?: Buffer; maxOutputBytes?: number; user?: string } = {},
): Promise<ExecResult> {
  const session = await engine.exec(containerId, { cmd, tty: false, user: options.user });
  const max = options.maxOutputBytes ?? 64 * 1024 * 1024;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let outBytes = 0;
  let overflow = false;
  const collector = (into: Buffer[], counted: boolean) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (counted) {
          outBytes += chunk.length;
          if (outBytes > max) overflow = true;
        }
        if (!overflow) into.push(Buffer.from(chunk));
        done();
      },
    });
  const stream = session.stream as NodeJS.ReadWriteStream & { destroy?: () => void };
  const finished = new Promise<void>((resolve, reject) => {
    let over = false;
    const end = (error?: Error) => {
      if (over) return;
      over = true;
      if (error) reject(error);
      else resolve();
    };
    stream.on('end', () => end());
    stream.on('close', () => end());
    stream.on('error', (error: Error) => end(error));
  });
  engine.demux(stream, collector(out, true), collector(err, false));
  // Send the input (if any) and close stdin so commands that read it do not wait forever.
  if (options.stdin) stream.write(options.stdin);
  stream.end();
  await finished;
  if (overflow) throw new Error(`the command printed more than ${max} bytes`);
  return { exitCode: await settledExitCode(session.exitCode), stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
}

/** The engine may report the exec as still running for a moment after its output ended. */
export async function settledExitCode(read: () => Promise<number | null>, attempts = 40, delayMs = 50): Promise<number | null> {
  for (let i = 0; i < attempts; i++) {
    const code = await read().catch(() => null);
    if (code !== null) return code;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  return null;
}
