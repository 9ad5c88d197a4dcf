// A credential of a recognisable form written into the compose file itself (a Google client
// secret, a SendGrid key, an LLM provider's API key: rounds 73-76), in an environment value, a
// ${VAR:-default} or anywhere else. Whoever can read the file, or the repository's history, can use
// it; the fix is to revoke it and give it from an env file Git ignores. Names are not looked at
// (secret-looking names with placeholder values are everywhere in compose files): only the forms of
// secretTokens.ts.
import { t } from '../../l10n';
import { describeSecret, findSecretTokens } from '../../secretTokens';
import type { CheckContext } from './checkContext';

export function checkCommittedSecret({ file, out }: CheckContext): void {
  for (const token of findSecretTokens(file.text)) {
    out.push({
      rule: 'compose-committed-secret', start: token.start, end: token.end,
      message: t('This is {0}, written into the compose file: anyone who can read the file or the repository\'s history can use it. Revoke it, and give the new one from an env file Git ignores (${NAME} here, NAME=... in .env).', describeSecret(token.kind)),
      // A key given inline (configs: content:) is mostly a demo's or a test's own, made for it (the
      // corpus's mail server demo): information. A token an issuer gave out is live wherever it is.
      ...(token.kind === 'private key' ? { severity: 'information' as const } : {}),
    });
  }
}
