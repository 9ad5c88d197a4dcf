// Small formatting helpers shared by the views. Pure: unit-tested without VS Code.
import { english, timeAgo, type Translator } from './containerStatus';

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

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
