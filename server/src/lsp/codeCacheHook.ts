// The bundles' way to the code cache that loaded them (codeCache.ts, in dist/server.js): a global
// hook, so serverMain.js and serverWorker.js do not carry a second copy of the cache. Nothing
// happens when they were loaded without it (`node serverMain.js`, tests).
export const CODE_CACHE_HOOK = Symbol.for('dockerWorkbench.codeCache');

/**
 * Writes the caches of the bundles loaded in this thread that still need writing; `covering`, the
 * kind of document whose first check just ran, also those that lack its code (see codeCache.ts).
 */
export function flushCodeCache(covering?: string): void {
  const hook = (globalThis as Record<symbol, { flush?: (covering?: string) => void } | undefined>)[CODE_CACHE_HOOK];
  try {
    hook?.flush?.(covering);
  } catch {
    // A cache that cannot be written only costs the next start its speed.
  }
}
