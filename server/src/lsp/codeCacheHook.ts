// The bundles' way to the code cache that loaded them (codeCache.ts, in dist/server.js): a global
// hook, so serverMain.js and serverWorker.js do not carry a second copy of the cache. Nothing
// happens when they were loaded without it (`node serverMain.js`, tests).
export const CODE_CACHE_HOOK = Symbol.for('dockerWorkbench.codeCache');

/** Writes the caches of the bundles loaded in this thread that still need writing. */
export function flushCodeCache(): void {
  const hook = (globalThis as Record<symbol, { flush?: () => void } | undefined>)[CODE_CACHE_HOOK];
  try {
    hook?.flush?.();
  } catch {
    // A cache that cannot be written only costs the next start its speed.
  }
}
