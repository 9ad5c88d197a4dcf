// The words for the kinds of names, as shown to the user.
import { t } from '../../l10n';
import type { SymbolKindName } from '../model/symbols';

export function kindLabel(kind: SymbolKindName): string {
  switch (kind) {
    case 'service': return t('service');
    case 'volume': return t('volume');
    case 'network': return t('network');
    case 'secret': return t('secret');
    case 'config': return t('config');
    case 'model': return t('model');
  }
}
