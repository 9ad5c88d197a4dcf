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

/** Validations of changed versions of one kind after which its edit path counts as compiled. */
export const EDIT_VALIDATIONS = 3;

/**
 * What a thread's validations stand for in the code cache's covers: a kind's first complete check
 * (`dockerfile`), and its edits (`dockerfile-edit`) once EDIT_VALIDATIONS validations of a changed
 * version have run. An edit runs code a first check never does (the incremental parse, the
 * validation that reuses what the edit left), which a cache without it compiles again on the first
 * keystrokes of every start.
 */
export class ValidationCovers {
  private readonly versions = new Map<string, number>();
  private readonly first = new Set<string>();
  private readonly edits = new Map<string, number>();

  /** The cover this complete validation of `uri` at `version` (a document of `kind`) completes, if any. */
  after(kind: string, uri: string, version: number | undefined): string | undefined {
    const before = this.versions.get(uri);
    if (version !== undefined) this.versions.set(uri, version);
    if (!this.first.has(kind)) {
      this.first.add(kind);
      return kind;
    }
    if (before === undefined || version === undefined || before === version) return undefined;
    const edits = (this.edits.get(kind) ?? 0) + 1;
    this.edits.set(kind, edits);
    return edits === EDIT_VALIDATIONS ? `${kind}-edit` : undefined;
  }

  /** Whether a complete check of a document of `kind` has been seen (its service is loaded). */
  checked(kind: string): boolean {
    return this.first.has(kind);
  }

  forget(uri: string): void {
    this.versions.delete(uri);
  }
}
