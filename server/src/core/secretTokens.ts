// Credentials recognisable by their own form, whatever they are called: the prefixes and shapes
// the issuers give their tokens so that leaks can be found (GitHub's ghp_, Google's GOCSPX-, Slack's
// xoxb-, a Telegram bot's id:AA...). A value of such a form in a committed file is a live secret far
// more surely than a variable named PASSWORD is (rounds 73-76: a Google client secret, a SendGrid
// key and an LLM API key in compose files and a committed .env). Keys that are public by design
// (Google's AIza browser keys, AWS key ids without their secret) are left out.

import { t } from './l10n';

export interface SecretToken {
  /** What the token is, for a message ("a GitHub token"). */
  kind: string;
  start: number;
  end: number;
}

interface Form {
  kind: string;
  pattern: RegExp;
}

// Each pattern starts where no letter, digit or `_` comes before it, nor a `-` after one, so that
// the prefix is not the end of a longer word (s3desk-demo-...: round 39); `${KEY:-sk-...}` counts.
const FORMS: readonly Form[] = [
  { kind: 'GitHub token', pattern: /(?<!\w|\w-)(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{70,251})(?![\w-])/g },
  { kind: 'GitLab token', pattern: /(?<!\w|\w-)glpat-[A-Za-z0-9_-]{20,}(?![\w-])/g },
  { kind: 'Slack token', pattern: /(?<!\w|\w-)xox[bpas]-\d{6,}-[A-Za-z0-9-]{10,}(?![\w-])/g },
  { kind: 'Stripe secret key', pattern: /(?<!\w|\w-)(sk|rk)_live_[A-Za-z0-9]{20,}(?![\w-])/g },
  { kind: 'Google OAuth client secret', pattern: /(?<!\w|\w-)GOCSPX-[A-Za-z0-9_-]{28}(?![\w-])/g },
  { kind: 'SendGrid API key', pattern: /(?<!\w|\w-)SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![\w-])/g },
  { kind: 'Anthropic API key', pattern: /(?<!\w|\w-)sk-ant-(api|admin)\d\d-[A-Za-z0-9_-]{80,}(?![\w-])/g },
  // OpenAI's (sk-proj-, sk-svcacct-, the older sk-...T3BlbkFJ...) and the many services that copied
  // the form (DeepSeek's sk- and 32 hex digits).
  { kind: 'API key', pattern: /(?<!\w|\w-)sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}(?![\w-])/g },
  { kind: 'Hugging Face token', pattern: /(?<!\w|\w-)hf_[A-Za-z]{34}(?![\w-])/g },
  { kind: 'npm token', pattern: /(?<!\w|\w-)npm_[A-Za-z0-9]{36}(?![\w-])/g },
  { kind: 'Telegram bot token', pattern: /(?<![\w:]|\w-)\d{8,10}:AA[A-Za-z0-9_-]{33}(?![\w-])/g },
  { kind: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/g },
];

/** A cheap first test: no form can be in a text without one of these. */
const ANY = /gh[pousr]_|github_pat_|glpat-|xox[bpas]-|_live_|GOCSPX-|SG\.|sk-|hf_|npm_|:AA|PRIVATE KEY|AKIA/;

/**
 * An AWS secret access key has no form of its own (40 characters of base64), but beside its key id
 * (AKIA and 16 more) under a name with SECRET in it, it is one (round 83: AWS_UPLOAD_ACCESS_KEY_ID
 * and AWS_UPLOAD_SECRET_KEY in a compose file's environment). The id alone is no secret.
 */
const AWS_KEY_ID = /(?<![A-Z0-9])AKIA[0-9A-Z]{16}(?![A-Z0-9])/;
const AWS_SECRET = /[\w.-]*SECRET[\w.-]*["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;

/** What a placeholder looks like: a word people write in examples, or a run of one character. */
const PLACEHOLDER = /your|example|placeholder|change|replace|dummy|sample|fake|xxxx|here|redacted|\*{3}|(.)\1{5}/i;

/** Whether the token's characters look drawn at random: digits and letters both, not a placeholder. */
function random(token: string): boolean {
  const body = token.replace(/^[a-z]+[_-]|^[A-Z]+[-.]/, '');
  return /\d/.test(body) && /[A-Za-z]/.test(body) && !PLACEHOLDER.test(token);
}

/** The tokens of known forms in a text, in order, at most `limit` (a text of more than `maxLength` characters is read that far). */
export function findSecretTokens(text: string, limit = 20, maxLength = 1_000_000): SecretToken[] {
  const source = text.length > maxLength ? text.slice(0, maxLength) : text;
  if (!ANY.test(source)) return [];
  const found: SecretToken[] = [];
  for (const { kind, pattern } of FORMS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(source); m && found.length < limit * 2; m = pattern.exec(source)) {
      if (kind !== 'private key' && !random(m[0])) continue;
      // An Anthropic key also has the form of the general one: the first form that took a span keeps it.
      if (found.some((f) => f.start < m!.index + m![0].length && m!.index < f.end)) continue;
      found.push({ kind, start: m.index, end: m.index + m[0].length });
    }
  }
  if (AWS_KEY_ID.test(source)) {
    AWS_SECRET.lastIndex = 0;
    for (let m = AWS_SECRET.exec(source); m && found.length < limit * 2; m = AWS_SECRET.exec(source)) {
      const start = m.index + m[0].length - m[1]!.length;
      if (random(m[1]!) && !found.some((f) => f.start < start + 40 && start < f.end)) found.push({ kind: 'AWS secret access key', start, end: start + 40 });
    }
  }
  return found.sort((a, b) => a.start - b.start).slice(0, limit);
}

/** Kinds, as the message names them. */
export function describeSecret(kind: string): string {
  switch (kind) {
    case 'GitHub token': return t('a GitHub token');
    case 'GitLab token': return t('a GitLab token');
    case 'Slack token': return t('a Slack token');
    case 'Stripe secret key': return t('a Stripe secret key');
    case 'Google OAuth client secret': return t('a Google OAuth client secret');
    case 'SendGrid API key': return t('a SendGrid API key');
    case 'Anthropic API key': return t('an Anthropic API key');
    case 'Hugging Face token': return t('a Hugging Face token');
    case 'npm token': return t('an npm token');
    case 'Telegram bot token': return t('a Telegram bot token');
    case 'private key': return t('a private key');
    case 'AWS secret access key': return t('an AWS secret access key');
    default: return t('an API key');
  }
}
