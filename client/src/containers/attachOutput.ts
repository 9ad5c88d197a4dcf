// An attach stream on a terminal, shared by "Attach" (attachTerminal.ts) and an attached run
// (run/attachedRun.ts): the output as the CLI prints it, and the one moment the stream is over.
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { DockerEngine } from '../engine/dockerEngine';
import { style, toTerminalNewlines } from './ansi';

/** Writes the output: a TTY's bytes as they come (the TTY made the newlines); else stdout, and stderr in red. */
export function showAttachOutput(engine: Pick<DockerEngine, 'demux'>, stream: NodeJS.ReadableStream, tty: boolean, write: (text: string) => void): void {
  if (tty) {
    const decoder = new StringDecoder('utf8');
    stream.on('data', (chunk: Buffer) => write(decoder.write(chunk)));
    return;
  }
  const sink = (red: boolean) => {
    const decoder = new StringDecoder('utf8');
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        const text = toTerminalNewlines(decoder.write(chunk));
        write(red && text ? style.red(text) : text);
        done();
      },
    });
  };
  engine.demux(stream, sink(false), sink(true));
}

/** Calls `ended` once, at the first of the stream's end, close or error. */
export function onceStreamEnds(stream: NodeJS.ReadableStream, ended: () => void): void {
  let over = false;
  const end = () => {
    if (over) return;
    over = true;
    ended();
  };
  stream.on('end', end);
  stream.on('close', end);
  stream.on('error', end);
}
