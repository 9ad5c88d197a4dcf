// The environment and Node options VS Code's client starts the language server with (other
// editors may set the same). glibc reads these when a process starts, so the server cannot set them for itself.
// MALLOC_ARENA_MAX: the server's threads (main, validation, requests, V8's compiler and GC helpers)
// would otherwise each grow a malloc arena of their own. MALLOC_MMAP_THRESHOLD_: a fixed threshold,
// so reading the megabyte-sized bundles at start-up does not raise glibc's dynamic one and keep
// freed memory in the heap. Measured in BENCHMARKS.md ("Second memory pass"): 4-9 MB less at peak.
import { START_VALIDATION_WORKER } from '../commandLine';

export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/**
 * The Node options VS Code's client starts the server with (V8 reads them when a thread's heap is
 * made, so the server cannot set them for its main thread itself). --max-semi-space-size=1: the
 * main thread, which checks small files itself (lsp/mainThreadHost.ts), would otherwise let its
 * young generation grow to 48 MB over a few hundred edits; at 1 MB per semi-space the 105-line
 * file's peak after 300 edits is 78 instead of 102 MB, and its first answers come sooner
 * (BENCHMARKS.md, "Eighth pass"). V8 gives this flag precedence over a worker's own
 * `maxYoungGenerationSizeMb` (workerStart.ts), so the workers get 1 MB semi-spaces too. Kept on
 * purpose: giving the workers back their own young generation (the flag cleared once the main
 * thread's heap is made) cost 5-7 MB at the peak of a 10,016-line Dockerfile or 1,000 compose
 * services for no faster edits, and first answers within 0-3% (BENCHMARKS.md, "Eleventh pass").
 * --no-lazy-feedback-allocation: V8 otherwise gives a function its inline caches only after it
 * has run a while, so code that runs once or a few times (a first check runs each rule once, the
 * first edits the incremental path) looks every property up the slow way. With them from the first
 * call a 105-line Dockerfile's first answer came ~2 ms (10%) sooner and the first edits' ~0.5 ms,
 * at the same peak memory (BENCHMARKS.md, "Fourteenth pass").
 * --interrupt-budget=600000: V8 sends a function to its optimizing compiler (TurboFan) once it has
 * run this much bytecode (66 KB by default in Node 20, 132 KB in newer V8s). A first check runs
 * each rule's loops thousands of times: 18 functions were optimized during that of a 1,006-line
 * Dockerfile and 108 during a 10,016-line one's, compiled beside it on a 2-core machine for code
 * that is then run a few times, and the first edits compiled more. Nine times the budget (1 and 21
 * functions) leaves that to code that stays hot over a session: the first answers came 5-45%
 * sooner, the first 50 edits' p95 nearly halved on small files, peaks 2-6 MB lower, and 300-500
 * edits ran as fast as before (BENCHMARKS.md, "Seventeenth pass"; one stage of 10,000 lines, whose
 * every edit is a big check, had its first edits' p95 ~20% higher). Turning the optimizing compiler
 * off altogether did as well at first but left a 1,000-service compose file's edits about 2.5 times
 * slower in a long session.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=1', '--no-lazy-feedback-allocation', '--interrupt-budget=600000'];

/** The settings not already in `env` (a user's own choice wins). */
export function serverEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(SERVER_ENVIRONMENT).filter(([key]) => env[key] === undefined));
}

/**
 * While the open documents together are at most this long (about 1,900 Dockerfile lines, or a
 * compose project of 190 services like the benchmarks'), the main thread checks and answers them
 * (lsp/mainThreadHost.ts): their checks take a few milliseconds, less than a worker's hop, and far
 * less than its start. Longer, the validation worker takes them.
 */
export const MAIN_THREAD_MAX_CHARS = 64 * 1024;

/**
 * What the client adds to the server's command line for the documents open when it starts the
 * server (`openChars`: their length together). Past MAIN_THREAD_MAX_CHARS the first of them goes to
 * the validation worker, which otherwise starts only then and takes ~100 ms to come up: started
 * with the process, it boots while the main thread loads. Otherwise nothing: small files never
 * start it.
 */
export function startupArgs(openChars: number): string[] {
  return openChars > MAIN_THREAD_MAX_CHARS ? [START_VALIDATION_WORKER] : [];
}
