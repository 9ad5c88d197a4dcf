// Small formatting helpers shared by the views. Pure: unit-tested without VS Code.
import { english, timeAgo, type Translator } from './containerStatus';

// Sizes: the project's one byte formatter, shared with the language server's hovers.
export { formatBytes } from '../../../server/src/core/formatBytes';

/** "3 days ago" style age from epoch seconds, in the engine's wording (Docker's HumanDuration). */
export function formatAge(epochSeconds: number, nowMs = Date.now(), l10n: Translator = english): string {
  return timeAgo(epochSeconds * 1000, nowMs, l10n);
}

/** Escapes text for a MarkdownString so names with `_`, `*` or `<` show as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Case-insensitive match of a filter text against any of the given fields. */
export function matchesFilter(filter: string, ...fields: Array<string | undefined>): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return fields.some((f) => f !== undefined && f.toLowerCase().includes(needle));
}
