// A validation worker's answer as the part that changed since its last answer for the same file.
// An edit changes a few diagnostics of a large file, but a whole list crossing threads is a new
// copy of every diagnostic: up to 1,000 of them for each edit of a 10,000-line Dockerfile, which
// the main thread keeps until the next edit and so carries into its old generation, where such
// garbage waits for a full collection. Here the worker sends only the changed middle of the list
// and how many diagnostics at each end are the same as in its previous answer; the main thread
// rebuilds the list from the one it kept, so the unchanged diagnostics stay the same objects.
// Both sides keep one list per file, in the order the answers cross (one port, in order). The
// main thread tells the request worker its published lists the same way (publishedChange).
import type { Diagnostic } from '../core/types';
import type { HostMessage, HostReply } from './host';

/** The fields a validation's reply gains in a worker (see HostReply). */
export interface DeltaFields {
  /** The validated document: its list is the one the next answer for it builds on. */
  uri?: string;
  /** `result` holds the diagnostics between the first `head` and the last `tail` of the previous list. */
  reuse?: { head: number; tail: number };
}

/** Deeply equal plain data (what crosses a thread: objects, arrays, primitives), bounded in depth. */
export function sameData(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 8) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** The worker's side: turns each validation reply into the part that changed. */
export class DeltaEncoder {
  private readonly sent = new Map<string, readonly Diagnostic[]>();

  encode(uri: string, reply: HostReply & DeltaFields): void {
    if (!Array.isArray(reply.result)) return;
    const list = reply.result as Diagnostic[];
    const previous = this.sent.get(uri);
    this.sent.set(uri, list);
    reply.uri = uri;
    if (!previous) return;
    const most = Math.min(previous.length, list.length);
    let head = 0;
    while (head < most && sameData(previous[head], list[head])) head++;
    let tail = 0;
    while (tail < most - head && sameData(previous[previous.length - 1 - tail], list[list.length - 1 - tail])) tail++;
    if (head === 0 && tail === 0) return;
    reply.result = list.slice(head, list.length - tail);
    reply.reuse = { head, tail };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

/** The main thread's side: rebuilds each list from the one kept for its file. */
export class DeltaDecoder {
  private readonly kept = new Map<string, Diagnostic[]>();

  /**
   * Makes `result` the whole list again. A reply that builds on a list no longer kept (its file
   * was closed meanwhile) loses its result: nobody waits for it.
   */
  decode(reply: HostReply & DeltaFields): void {
    const uri = reply.uri;
    if (uri === undefined) return;
    delete reply.uri;
    const reuse = reply.reuse;
    delete reply.reuse;
    if (!Array.isArray(reply.result)) return;
    let list = reply.result as Diagnostic[];
    if (reuse) {
      const base = this.kept.get(uri);
      if (!base || reuse.head + reuse.tail > base.length) {
        this.kept.delete(uri);
        reply.result = undefined;
        return;
      }
      list = base.slice(0, reuse.head).concat(list, base.slice(base.length - reuse.tail));
      reply.result = list;
    }
    this.kept.set(uri, list);
  }

  forget(uri: string): void {
    this.kept.delete(uri);
  }

  clear(): void {
    this.kept.clear();
  }
}

/**
 * The message that brings a host's published list of a file from `previous` to `list`: the
 * diagnostics both share at their ends (the validation worker's answers keep the unchanged ones
 * as the same objects, see DeltaDecoder) are not copied into the request worker again.
 */
export function publishedChange(uri: string, list: Diagnostic[], previous: readonly Diagnostic[] | undefined): Extract<HostMessage, { type: 'published' }> {
  if (!previous) return { type: 'published', uri, diagnostics: list };
  const most = Math.min(previous.length, list.length);
  let head = 0;
  while (head < most && previous[head] === list[head]) head++;
  let tail = 0;
  while (tail < most - head && previous[previous.length - 1 - tail] === list[list.length - 1 - tail]) tail++;
  if (head === 0 && tail === 0) return { type: 'published', uri, diagnostics: list };
  return { type: 'published', uri, diagnostics: list.slice(head, list.length - tail), reuse: { head, tail } };
}
