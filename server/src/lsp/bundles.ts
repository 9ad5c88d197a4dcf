// The translations the bundled server carries. They are required (esbuild inlines the JSON into
// dist/server.js), so the server needs no files beside it; each is evaluated only when its
// locale is chosen (a `require` inside a function stays lazy in the bundle). `npm run l10n` regenerates the English
// bundle from the sources; the Chinese one is translated by hand (see l10n/GLOSSARY.md).
import { registerBundle, type MessageBundle } from '../core/l10n';

let registered = false;

/** Registers every shipped translation once; `useLocale` then picks one at initialize. */
export function registerBundles(): void {
  if (registered) return;
  registered = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  registerBundle('zh-cn', () => require('../../l10n/bundle.l10n.zh-cn.json') as MessageBundle);
}
