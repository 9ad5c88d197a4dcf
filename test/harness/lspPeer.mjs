// A minimal LSP client over stdio for benchmarks: spawns a server, sends requests and
// notifications, and waits for messages. Also reads the server's peak memory from /proc.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export class LspPeer {
  constructor(command, args, options = {}) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.observers = [];
    this.child.stdout.on('data', (chunk) => this.read(chunk));
    this.child.stderr.on('data', () => undefined);
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ id, method, params });
    });
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /** Calls `observer` with every notification the server sends from now on. */
  observe(observer) {
    this.observers.push(observer);
  }

  /** Resolves with the next message for which `match` is true. */
  next(match, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the server')), timeoutMs);
      this.listeners.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  read(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && this.pending.has(message.id) && !message.method) {
        const { resolve, reject } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
        else resolve(message.result);
        continue;
      }
      if (message.id !== undefined && message.method) {
        // Server → client requests (configuration, registration…): answer with nothing useful.
        this.send({ id: message.id, result: message.method === 'workspace/configuration' ? (message.params?.items ?? []).map(() => null) : null });
        continue;
      }
      for (const observer of this.observers) observer(message);
      for (const listener of [...this.listeners]) {
        if (listener.match(message)) {
          this.listeners.splice(this.listeners.indexOf(listener), 1);
          listener.resolve(message);
        }
      }
    }
  }

  /** Peak resident memory of the server process so far, in MB. */
  peakMemoryMb() {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  }

  async stop() {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    setTimeout(() => this.child.kill('SIGKILL'), 1000).unref();
  }
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * Runs one server through the standard scenario on one document: open → first diagnostics,
 * `edits` single-character edits each followed by its diagnostics, then completion and hover
 * requests at `probe`. Returns the timings in ms.
 */
export async function measureServer({ command, args, languageId, uri, text, edit, completionAt, hoverAt, edits = 100, requests = 100, initializationOptions }) {
  const peer = new LspPeer(command, args);
  const now = () => performance.now();
  try {
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true } }, hover: {} } }, initializationOptions });
    peer.notify('initialized', {});
    // An edit's publish is the one for its version (or any, if unversioned).
    const isMine = (m, v) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri
      && (v === undefined || m.params.version === undefined || m.params.version === v);
    let t = now();
    const firstDiagnostics = peer.next(isMine, 60_000);
    peer.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const first = await firstDiagnostics;
    const openMs = now() - t;
    const editMs = [];
    let version = 1;
    for (let i = 0; i < edits; i++) {
      version++;
      const change = edit(i);
      const edited = version;
      const published = peer.next((m) => isMine(m, edited), 60_000);
      t = now();
      peer.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await published;
      editMs.push(now() - t);
    }
    const completionMs = [];
    const hoverMs = [];
    for (let i = 0; i < requests; i++) {
      t = now();
      await peer.request('textDocument/completion', { textDocument: { uri }, position: completionAt });
      completionMs.push(now() - t);
      t = now();
      await peer.request('textDocument/hover', { textDocument: { uri }, position: hoverAt });
      hoverMs.push(now() - t);
    }
    return { openMs, diagnostics: first.params.diagnostics.length, editMs, completionMs, hoverMs, peakMb: peer.peakMemoryMb() };
  } finally {
    await peer.stop();
  }
}
