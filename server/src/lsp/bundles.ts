// The translations the bundled server carries. They are imported (esbuild inlines the JSON into
// dist/server.js), so the server needs no files beside it. `npm run l10n` regenerates the English
// bundle from the sources; the Chinese one is translated by hand (see l10n/GLOSSARY.md).
import { registerBundle, type MessageBundle } from '../core/l10n';
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';

let registered = false;

/** Registers every shipped translation once; `useLocale` then picks one at initialize. */
export function registerBundles(): void {
  if (registered) return;
  registered = true;
  registerBundle('zh-cn', zhCn as MessageBundle);
}
