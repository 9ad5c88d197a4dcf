// The main thread's host (small documents): answers as the workers' host does, tells a cold call
// from a warm one, and a call that runs past its limit is stopped where it stands, which retires
// the host for good (the caller hands the call to a worker).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MainThreadHost } from '../../../server/src/lsp/mainThreadHost';
import type { LanguageService } from '../../../server/src/core/languageService';

const URI = 'file:///tmp/dwb-main-thread/Dockerfile';

function service(overrides: Partial<LanguageService> = {}): LanguageService {
  return {
    validate: (document) => [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: `checked ${document.getText().length}`, severity: 2, code: 'test', source: 'test' }],
    hover: () => ({ contents: { kind: 'markdown', value: 'hover' } }),
    ...overrides,
  };
}

test('answers validations and requests, and tells a cold call from a warm one', () => {
  let fail = true;
  const logs: string[] = [];
  const host = new MainThreadHost({
    log: (m) => logs.push(m),
    services: {
      dockerfile: service({
        validate: (document) => {
          if (fail) throw new Error('first check fails');
          return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: `checked ${document.getText().length}`, severity: 2, code: 'test', source: 'test' }];
        },
      }),
    },
  });
  host.post({ type: 'open', uri: URI, languageId: 'dockerfile', version: 3, text: 'FROM alpine\n' });

  // A validation that threw is no complete check: the kind stays cold.
  const failed = host.call({ type: 'validate', uri: URI });
  assert.equal(failed.cold, true);
  assert.ok(failed.outcome.kind === 'reply' && failed.outcome.reply.error?.startsWith('first check fails'));
  fail = false;
  const first = host.call({ type: 'validate', uri: URI });
  assert.equal(first.cold, true, 'no complete check of this kind before it');
  assert.deepEqual(first.outcome.kind === 'reply' ? [first.outcome.reply.version, (first.outcome.reply.result as { message: string }[])[0]?.message] : [], [3, 'checked 12']);
  host.post({ type: 'change', uri: URI, version: 4, changes: [{ text: 'FROM alpine:3.20\n' }] });
  const warm = host.call({ type: 'validate', uri: URI });
  assert.equal(warm.cold, false);
  assert.equal(warm.outcome.kind === 'reply' && warm.outcome.reply.version, 4);
  const hover = host.call({ type: 'request', method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 0, character: 1 } } });
  assert.deepEqual(hover.outcome.kind === 'reply' && hover.outcome.reply.result, { contents: { kind: 'markdown', value: 'hover' } });
  assert.ok(host.usable);
  assert.deepEqual(logs, []);
});

test('a call that runs past its limit is stopped, and the host retires: later calls are lost at once, posts are ignored', () => {
  const logs: string[] = [];
  let spin = false;
  const host = new MainThreadHost({
    log: (m) => logs.push(m),
    stopMs: 200,
    coldStopMs: 400,
    services: {
      dockerfile: service({
        validate: () => {
          // A feature stuck on some input: it never returns on its own.
          while (spin) {
            // busy
          }
          return [];
        },
      }),
    },
  });
  host.post({ type: 'open', uri: URI, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' });
  assert.equal(host.call({ type: 'validate', uri: URI }).outcome.kind, 'reply');

  spin = true;
  const started = performance.now();
  const stuck = host.call({ type: 'validate', uri: URI });
  const waited = performance.now() - started;
  assert.deepEqual(stuck.outcome, { kind: 'lost', reason: 'stuck' });
  assert.ok(waited >= 190 && waited < 5000, `stopped after ${waited} ms (warm limit 200 ms)`);
  assert.equal(host.usable, false);
  assert.equal(logs.length, 1);
  assert.match(logs[0]!, /ran past 200 ms and was stopped; the worker threads take every document/);

  spin = false;
  const after = performance.now();
  assert.deepEqual(host.call({ type: 'validate', uri: URI }).outcome, { kind: 'lost', reason: 'crash' });
  assert.ok(performance.now() - after < 100);
  host.post({ type: 'close', uri: URI });
  assert.equal(logs.length, 1);
});

test('a cold call (the kind\'s first complete check) gets the longer limit', () => {
  const logs: string[] = [];
  const host = new MainThreadHost({
    log: (m) => logs.push(m),
    stopMs: 100,
    coldStopMs: 2000,
    services: {
      dockerfile: service({
        validate: () => {
          // Loading a service on a slow machine: longer than the warm limit, well inside the cold one.
          const until = performance.now() + 300;
          while (performance.now() < until) {
            // busy
          }
          return [];
        },
      }),
    },
  });
  host.post({ type: 'open', uri: URI, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' });
  const cold = host.call({ type: 'validate', uri: URI });
  assert.equal(cold.outcome.kind, 'reply');
  assert.equal(cold.cold, true);
  assert.ok(cold.ms >= 300);
  // Warm now: the same work runs past the 100 ms limit.
  assert.equal(host.call({ type: 'validate', uri: URI }).outcome.kind, 'lost');
  assert.equal(logs.length, 1);
});

test('calls asked for in one turn run together, before a change posted after them; a stop keeps the answers made before it', async () => {
  let spin = false;
  const host = new MainThreadHost({
    log: () => undefined,
    stopMs: 200,
    coldStopMs: 400,
    services: {
      dockerfile: service({
        hover: (document) => {
          while (spin && document.getText().includes('spin')) {
            // stuck on this text
          }
          return { contents: { kind: 'markdown', value: document.getText() } };
        },
      }),
    },
  });
  const hover = (uri: string) => host.callSoon({ type: 'request', method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 1 } } });
  const text = async (call: ReturnType<typeof hover>) => {
    const { outcome } = await call;
    return outcome.kind === 'reply' ? (outcome.reply.result as { contents: { value: string } }).contents.value : outcome.reason;
  };
  host.post({ type: 'open', uri: URI, languageId: 'dockerfile', version: 1, text: 'FROM a\n' });
  const first = hover(URI);
  const second = hover(URI);
  host.post({ type: 'change', uri: URI, version: 2, changes: [{ text: 'FROM b\n' }] });
  const third = hover(URI);
  assert.deepEqual(await Promise.all([text(first), text(second), text(third)]), ['FROM a\n', 'FROM a\n', 'FROM b\n']);

  const STUCK = 'file:///tmp/dwb-main-thread/stuck/Dockerfile';
  host.post({ type: 'open', uri: STUCK, languageId: 'dockerfile', version: 1, text: 'FROM spin\n' });
  spin = true;
  const batch = [hover(URI), hover(STUCK), hover(URI)];
  assert.deepEqual(await Promise.all(batch.map(text)), ['FROM b\n', 'stuck', 'stuck']);
  assert.equal(host.usable, false);
});

/** One turn of the event loop later (the LSP library hands the server one message per turn). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('requests asked over consecutive turns run as one batch under one limit; a validation is not held back for them', async () => {
  const ran: string[] = [];
  const host = new MainThreadHost({
    log: () => undefined,
    stopMs: 200,
    coldStopMs: 400,
    // However slow this machine's turns, the batch waits for the calls of the test.
    batchWaitMs: 60_000,
    services: {
      dockerfile: service({
        validate: () => {
          ran.push('validate');
          return [];
        },
        hover: (document) => {
          ran.push('hover');
          while (document.getText().includes('spin')) {
            // stuck on this text
          }
          return { contents: { kind: 'markdown', value: document.getText() } };
        },
      }),
    },
  });
  const hover = (uri: string) => host.callSoon({ type: 'request', method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 1 } } });
  const outcomes = async (calls: ReturnType<typeof hover>[]) => (await Promise.all(calls)).map((c) => (c.outcome.kind === 'reply' ? 'reply' : c.outcome.reason));
  host.post({ type: 'open', uri: URI, languageId: 'dockerfile', version: 1, text: 'FROM a\n' });
  // Warm: the next calls get the usual limit.
  await host.callSoon({ type: 'validate', uri: URI });

  // A validation runs in the turn after it was asked, however many requests keep coming after it.
  ran.length = 0;
  const validation = host.callSoon({ type: 'validate', uri: URI });
  const asked = [hover(URI)];
  await nextTurn();
  assert.deepEqual(ran, ['validate', 'hover'], 'the validation and the request asked in its turn ran at once');
  for (let turn = 0; turn < 3; turn++) {
    asked.push(hover(URI));
    await nextTurn();
  }
  assert.equal((await validation).outcome.kind, 'reply');
  assert.deepEqual(await outcomes(asked), ['reply', 'reply', 'reply', 'reply']);

  // Requests asked one per turn share a batch: when one of them is stopped, those after it in the
  // batch are lost with it ('stuck'), not run in a batch of their own after the host retired ('crash').
  const STUCK = 'file:///tmp/dwb-main-thread/batch/Dockerfile';
  host.post({ type: 'open', uri: STUCK, languageId: 'dockerfile', version: 1, text: 'FROM spin\n' });
  const batch = [hover(URI)];
  await nextTurn();
  batch.push(hover(STUCK));
  await nextTurn();
  batch.push(hover(URI));
  assert.deepEqual(await outcomes(batch), ['reply', 'stuck', 'stuck']);
  assert.equal(host.usable, false);
});

test('a call that leaves the heap past its limit keeps its answer, and the host retires', () => {
  const logs: string[] = [];
  const held: number[][] = [];
  const host = new MainThreadHost({
    log: (m) => logs.push(m),
    heapMb: 64,
    services: {
      dockerfile: service({
        validate: () => {
          // A check that keeps ~100 MB (8 bytes a number), as a cache gone wrong would.
          for (let i = 0; i < 100; i++) held.push(new Array<number>(131_072).fill(i + 0.5));
          return [];
        },
      }),
    },
  });
  host.post({ type: 'open', uri: URI, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' });
  const call = host.call({ type: 'validate', uri: URI });
  assert.deepEqual(call.outcome.kind === 'reply' && call.outcome.reply.result, []);
  assert.equal(host.usable, false);
  assert.match(logs[0] ?? '', /heap reached \d+ MB after a call; the worker threads take every document/);
  held.length = 0;
});
