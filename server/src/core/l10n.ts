// The core's user-visible strings go through `t`, keyed by their English text with {0}-style
// placeholders (the @vscode/l10n convention). The adapter picks the bundle from the locale the
// client sends at initialize; the core never learns where the locale came from.
import * as l10n from '@vscode/l10n';

export type MessageBundle = Record<string, string | { message: string; comment?: string[] }>;

/** A bundle, or how to load it: a locale nobody uses costs no memory and no start-up time. */
const bundles = new Map<string, MessageBundle | (() => MessageBundle)>();
let active: MessageBundle = {};

/** Registers the translations for a locale (lower-case, e.g. `zh-cn`). */
export function registerBundle(locale: string, bundle: MessageBundle | (() => MessageBundle)): void {
  bundles.set(normalizeLocale(locale), bundle);
}

/**
 * The bundle key for a locale: lower case with `-`, and every Simplified Chinese spelling
 * (`zh-CN`, `zh_cn`, `zh-Hans`, `zh-Hans-CN`, `zh-SG`, bare `zh`) as `zh-cn`, the name VS Code uses.
 * Traditional Chinese (`zh-TW`, `zh-HK`, `zh-Hant`) is not mapped, as VS Code would not either.
 */
export function normalizeLocale(locale: string | undefined): string {
  const key = (locale ?? 'en').trim().toLowerCase().replace(/_/g, '-');
  if (/^zh(-hans(-.*)?|-cn|-sg|-my)?$/.test(key)) return 'zh-cn';
  return key;
}

/** Selects the messages for `locale`; unknown locales fall back to English. */
export function useLocale(locale: string | undefined): void {
  const key = normalizeLocale(locale);
  const found = bundles.has(key) ? key : key.split('-')[0]!;
  let bundle = bundles.get(found) ?? {};
  if (typeof bundle === 'function') {
    bundle = bundle();
    bundles.set(found, bundle);
  }
  active = bundle;
  l10n.config({ contents: bundle as l10n.l10nJsonFormat });
}

export const t: typeof l10n.t = l10n.t;

/**
 * Translates English text that comes from data rather than from a `t('…')` in the code, such as
 * the compose schema's descriptions: looked up in the same bundle, returned as is when missing.
 * `npm run l10n` puts these texts into the server bundle from their data files.
 */
export function tData(text: string): string {
  const entry = active[text];
  const message = typeof entry === 'string' ? entry : entry?.message;
  return message || text;
}
