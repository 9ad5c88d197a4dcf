// The environment VS Code's client adds when it starts the language server (other editors may set
// the same). glibc reads these when a process starts, so the server cannot set them for itself.
// MALLOC_ARENA_MAX: the server's threads (main, validation, requests, V8's compiler and GC helpers)
// would otherwise each grow a malloc arena of their own. MALLOC_MMAP_THRESHOLD_: a fixed threshold,
// so reading the megabyte-sized bundles at start-up does not raise glibc's dynamic one and keep
// freed memory in the heap. Measured in BENCHMARKS.md ("Second memory pass"): 4-9 MB less at peak.
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** The settings not already in `env` (a user's own choice wins). */
export function serverEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(SERVER_ENVIRONMENT).filter(([key]) => env[key] === undefined));
}
