// The body of a language-host worker thread: messages in, replies out, one at a time.
import { parentPort } from 'node:worker_threads';
import { LanguageHost, type HostMessage } from './host';
import { flushCodeCache, ValidationCovers } from './codeCacheHook';
import { DeltaEncoder } from './diagnosticsDelta';
import { mark, marking } from '../timeline';

export { HOST_ROLE } from './workerStart';

export function runHostWorker(): void {
  const port = parentPort;
  if (!port) return;
  const host = new LanguageHost();
  const delta = new DeltaEncoder();
  const covers = new ValidationCovers();
  mark('worker thread: host loaded');
  port.on('message', (message: HostMessage) => {
    const marked = marking() && (message.type === 'open' || message.type === 'validate');
    if (marked) mark(`worker thread: ${message.type} ${message.uri} received`);
    const reply = host.handle(message);
    if (marked) mark(`worker thread: ${message.type} ${message.uri} done`);
    // A validation's diagnostics cross as what changed since the last answer for the file.
    if (message.type === 'validate' && reply) delta.encode(message.uri, reply);
    else if (message.type === 'close') {
      delta.forget(message.uri);
      covers.forget(message.uri);
    }
    if (!reply) return;
    port.postMessage(reply);
    // An answer has compiled what the next start needs: the cache is written now (once, and again
    // after a first check or the first edits of a kind of document the cache lacks).
    let cover: string | undefined;
    if (message.type === 'validate' && reply.error === undefined) {
      const kind = host.kindOf(message.uri);
      if (kind) cover = covers.after(kind, message.uri, reply.version);
    }
    flushCodeCache(cover);
  });
}
