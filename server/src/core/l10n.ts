// The core's user-visible strings go through `t`, keyed by their English text with {0}-style
// placeholders (the @vscode/l10n convention). The adapter picks the bundle from the locale the
// client sends at initialize; the core never learns where the locale came from.
import * as l10n from '@vscode/l10n';

export type MessageBundle = Record<string, string | { message: string; comment?: string[] }>;

const bundles = new Map<string, MessageBundle>();

/** Registers the translations for a locale (lower-case, e.g. `zh-cn`). */
export function registerBundle(locale: string, bundle: MessageBundle): void {
  bundles.set(locale.toLowerCase(), bundle);
}

/** Selects the messages for `locale`; unknown locales fall back to English. */
export function useLocale(locale: string | undefined): void {
  const key = (locale ?? 'en').toLowerCase();
  const bundle = bundles.get(key) ?? bundles.get(key.split('-')[0]!) ?? {};
  l10n.config({ contents: bundle as l10n.l10nJsonFormat });
}

export const t: typeof l10n.t = l10n.t;
