// Service names reach the compose CLI as bare arguments, so one starting with "-" is read as an
// option: `docker compose up -web` (the schema allows the "-"). Profiles are not flagged: they
// reach it only as the value of --profile, and pflag takes the word after a flag that needs a
// value whatever it starts with (`--profile -debug` enables "-debug"); COMPOSE_PROFILES is a plain list.
import { t } from '../../l10n';
import { symbolsOf } from '../model/symbols';
import type { CheckContext } from './checkContext';

export function checkOptionLikeNames({ file, out }: CheckContext): void {
  const symbols = symbolsOf(file);
  for (const [name, service] of symbols.services) {
    if (!name.startsWith('-')) continue;
    const { start, end } = service.declaration;
    out.push({ rule: 'compose-name-like-option', start, end, message: t('Service name "{0}" starts with "-", so the compose CLI would read it as an option (as in "docker compose up {0}"). Start it with a letter or digit.', name) });
  }
}
