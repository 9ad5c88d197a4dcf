// Shell inside RUN (and shell-form CMD/ENTRYPOINT), read by our own small bash parser
// (shellParser.ts) into a plain summary: commands with their words, pipes and bash-only syntax.
// Summaries are cached by source text, so an edit re-parses only the RUN it touched.
import { emptySummary, summarizeShell } from './shellParser';

export interface ShellWord {
  /** Quotes removed; expansions kept as written. */
  text: string;
  /** False when the word contains an expansion or command substitution. */
  literal: boolean;
  start: number;
  end: number;
}

export interface ShellCommand {
  name: string;
  words: ShellWord[];
  start: number;
  end: number;
  /** Inside a subshell, block, if/loop body, function or command substitution. */
  nested: boolean;
  inPipeline: boolean;
  background: boolean;
  /** Index of the top-level statement (a `&&`/`||` chain counts as one). */
  statement: number;
}

export interface Bashism {
  what: string;
  start: number;
  end: number;
  /** BusyBox ash (Alpine's /bin/sh) accepts it. */
  busybox: boolean;
}

export interface ShellSummary {
  /** Offsets are UTF-16 offsets into the parsed source. */
  error: { message: string; start: number; end: number } | undefined;
  /** Set when the script was not parsed: longer than MAX_SHELL_LENGTH or nested deeper than MAX_SHELL_DEPTH. */
  limit?: ShellLimit;
  commands: ShellCommand[];
  /** Start of each `|` pipeline. */
  pipelines: number[];
  bashisms: Bashism[];
  statements: number;
}

/**
 * Scripts the parser reads. Real RUN scripts are a few kilobytes, nested a few levels; the limits
 * keep a pasted blob or a generated monster from costing more than a glance.
 */
export const MAX_SHELL_LENGTH = 64 * 1024;
export const MAX_SHELL_DEPTH = 48;

export type ShellLimit = 'length' | 'depth';

/** Why a script is not parsed, if it is not: found with one pass over its characters. */
export function shellLimit(source: string): ShellLimit | undefined {
  if (source.length > MAX_SHELL_LENGTH) return 'length';
  // Brackets and braces as written, quotes ignored: an overestimate, which is the safe side.
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 40 /* ( */ || c === 123 /* { */) {
      if (++depth > MAX_SHELL_DEPTH) return 'depth';
    } else if ((c === 41 /* ) */ || c === 125 /* } */) && depth > 0) depth--;
  }
  return undefined;
}

const cache = new Map<string, ShellSummary>();
const CACHE_LIMIT = 5000;

/** Characters of script text the cache may hold (its keys): 5,000 long scripts would be hundreds of MB. */
const CACHE_CHARS = 4 * 1024 * 1024;
let cachedChars = 0;

export function parseShell(source: string): ShellSummary {
  const hit = cache.get(source);
  if (hit) {
    // Refresh its place so often-used scripts stay cached.
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const summary = summarize(source);
  cache.set(source, summary);
  cachedChars += source.length;
  while (cache.size > CACHE_LIMIT || (cachedChars > CACHE_CHARS && cache.size > 1)) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
  return summary;
}

/** The summary of a script, not cached (parseShell caches it; tests compare it with another parser's). */
export function summarize(source: string): ShellSummary {
  const limit = shellLimit(source);
  if (limit) return emptySummary({ error: undefined, limit });
  return summarizeShell(source, MAX_SHELL_DEPTH);
}
