// Names that reach the compose CLI as arguments must not start with "-": `docker compose up -web`
// or `docker compose --profile -debug up` read them as options. Service names and profiles are
// such names (the schema allows the "-").
import { t } from '../../l10n';
import { resolve } from '../model/access';
import { symbolsOf } from '../model/symbols';
import { entryAt, servicesOf, type CheckContext } from './checkContext';

export function checkOptionLikeNames({ file, out }: CheckContext): void {
  const symbols = symbolsOf(file);
  for (const [name, service] of symbols.services) {
    if (!name.startsWith('-')) continue;
    const { start, end } = service.declaration;
    out.push({ rule: 'compose-name-like-option', start, end, message: t('Service name "{0}" starts with "-", so the compose CLI would read it as an option (as in "docker compose up {0}"). Start it with a letter or digit.', name) });
  }
  for (const { map } of servicesOf(file)) {
    const profiles = entryAt(file, map, 'profiles')?.value;
    if (profiles?.kind !== 'seq') continue;
    for (const item of profiles.items) {
      const value = resolve(file, item);
      if (!item || value?.kind !== 'scalar' || typeof value.value !== 'string' || !value.value.startsWith('-')) continue;
      out.push({ rule: 'compose-name-like-option', start: item.start, end: item.end, message: t('Profile "{0}" starts with "-", so the compose CLI would read it as an option (as in "docker compose --profile {0} up"). Start it with a letter or digit.', value.value) });
    }
  }
}
