// The one place that decides what is secret in anything the extension shows or logs: inspect
// documents, the `docker run` line (log, run-task terminal, task detail), `docker build` lines and
// build-argument summaries, the resolved compose configuration. Two tests, applied together:
//   by name   a variable, label, flag or YAML key whose name looks secret (PASSWORD, PASS, PWD, _PW,
//             SECRET, TOKEN, KEY, DSN, CREDENTIAL, AUTH…) has its value replaced;
//   by shape  a value that looks like a credential whatever its name (`://user:pass@`, GitHub,
//             Slack, AWS, GitLab, Stripe, Google and npm tokens, JWTs, private-key blocks) is replaced.
// Structured data (inspect) is walked: Env, Cmd, Args, Entrypoint, Command, Healthcheck.Test,
// Labels by their meaning, every other string by shape. Pure; no vscode import.

export const MASK = '***';

/** Fragments that mark a name as secret wherever they appear, also fused (PGPASSWORD, OAUTH_CLIENT). */
const SECRET_FRAGMENT = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|PRIVATE|APIKEY|ACCESSKEY|SIGNATURE|COOKIE|SESSION|AUTH(?!OR)/;

/** Short words that mark a name as secret only as a word of their own (DB_PASS, MYSQL_PWD, LDAP_BIND_PW, SENTRY_DSN). */
const SECRET_WORDS = new Set(['PASS', 'PWD', 'PW', 'KEY', 'KEYS', 'DSN', 'PAT', 'CREDS', 'SALT']);

/** Names that contain such a word but are well known not to be secret. */
const NOT_SECRET = new Set(['PWD', 'OLDPWD']);

/** The words of a name: split at separators and at camelCase boundaries, upper-cased. */
function wordsOf(name: string): string[] {
  const words: string[] = [];
  for (const part of name.split(/[^A-Za-z0-9]+/)) {
    for (const word of part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []) words.push(word.toUpperCase());
  }
  return words;
}

export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper === '' || NOT_SECRET.has(upper)) return false;
  if (SECRET_FRAGMENT.test(upper)) return true;
  return wordsOf(name).some((w) => SECRET_WORDS.has(w));
}

/** Credential shapes, each replaced whole (the URL rule keeps the user and the host). */
const SHAPES: ReadonlyArray<{ pattern: RegExp; replace: (match: string, ...groups: string[]) => string }> = [
  // Private-key blocks (PEM, OpenSSH, PGP), terminated or running to the end of the text.
  {
    pattern: /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----)(?:[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----)|[\s\S]*$)/g,
    replace: (_m, begin, end) => `${begin}${MASK}${end ?? ''}`,
  },
  // scheme://user:password@host
  { pattern: /([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s:@/'"]*):([^\s@/'"]+)@/g, replace: (m, scheme, user, password) => (password === MASK ? m : `${scheme}${user}:${MASK}@`) },
  // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens; fine-grained PATs.
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, replace: () => MASK },
  // Slack bot, app, user and other tokens.
  { pattern: /\bxox[abposre]-[A-Za-z0-9-]{8,}/g, replace: () => MASK },
  // AWS access key ids (long-term and temporary).
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: () => MASK },
  // JSON Web Tokens: header.payload.signature, both JSON objects in base64url.
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => MASK },
  // GitLab personal access tokens, Stripe secret/restricted keys, Google API keys, npm tokens.
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, replace: () => MASK },
  { pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g, replace: () => MASK },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}/g, replace: () => MASK },
  { pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, replace: () => MASK },
];

/** Replaces every credential-shaped part of `text`. */
export function maskShapes(text: string): string {
  let result = text;
  for (const { pattern, replace } of SHAPES) {
    pattern.lastIndex = 0;
    result = result.replace(pattern, replace as (substring: string, ...args: unknown[]) => string);
  }
  return result;
}

/** A flag whose value is secret (`--password`, `--api-key`, `--db-pass`); `--password-stdin` takes none. */
/** Flags whose name has a secret-looking word but whose value is not a secret (docker's key sequence to detach). */
const NOT_SECRET_FLAGS = new Set(['detach-keys']);

function isSecretFlag(flag: string): boolean {
  const name = flag.replace(/^-+/, '');
  return name.length > 1 && !/stdin$/i.test(name) && !NOT_SECRET_FLAGS.has(name.toLowerCase()) && isSecretName(name);
}

/**
 * Free text (a `sh -c` script, a YAML document, a log line): credential shapes, then values of
 * secret-named `NAME=value` assignments, `--flag value`/`--flag=value` options, `KEY: value`
 * lines, `curl -u user:password`, `Authorization:` headers and MySQL's `-pPASSWORD`.
 */
export function maskText(text: string): string {
  let result = maskShapes(text);
  // NAME=value (shell assignments, env lines, KEY=VALUE lists)
  result = result.replace(/(^|[\s"'`;&|(,])((?:export\s+)?)([A-Za-z_][A-Za-z0-9_.]*)=("[^"\n]*"|'[^'\n]*'|[^\s"';&|)]+)/g,
    (m, before: string, exported: string, name: string, value: string) => (isSecretName(name) && value !== MASK ? `${before}${exported}${name}=${MASK}` : m));
  // --flag=value and --flag value
  result = result.replace(/(^|[\s"'])(--?[A-Za-z][A-Za-z0-9_-]*)(=|[ \t]+)("[^"\n]*"|'[^'\n]*'|[^\s"'-][^\s"']*)/g,
    (m, before: string, flag: string, separator: string, value: string) => (isSecretFlag(flag) && value !== MASK ? `${before}${flag}${separator}${MASK}` : m));
  // KEY: value (YAML, `docker inspect` text); quoted, since a bare * starts a YAML alias
  result = result.replace(/^([ \t]*(?:-[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*:[ \t]+)(?![|>][-+]?[ \t]*$)(\S[^\n]*)$/gm,
    (m, indent: string, key: string, colon: string, value: string) => (isSecretName(key) && value !== `'${MASK}'` ? `${indent}${key}${colon}'${MASK}'` : m));
  // curl -u user:password / --user user:password
  result = result.replace(/((?:^|\s)(?:-u|--user)(?:[ \t]+|=))([^\s:'"]+):([^\s'"]+)/g, (m, flag: string, user: string, password: string) => (password === MASK ? m : `${flag}${user}:${MASK}`));
  // Authorization: Bearer xyz
  result = result.replace(/(Authorization:[ \t]*(?:Bearer|Basic|Token|Digest)?[ \t]*)([^\s"',]+)/gi, (m, header: string, value: string) => (value === MASK ? m : `${header}${MASK}`));
  // mysql -pPASSWORD (only where a MySQL client is named)
  if (/\bmysql(?:admin|dump|sh)?\b|\bmariadb(?:-admin|-dump)?\b/.test(result)) {
    result = result.replace(/(^|\s)-p(?!\s)([^\s'"]+)/g, (m, before: string, value: string) => (value === MASK || value.startsWith('$') ? m : `${before}-p${MASK}`));
  }
  return result;
}

/** `NAME=value` with a secret-looking NAME becomes `NAME=***`; other values are masked by shape. */
export function maskEnvEntry(entry: string): string {
  const equals = entry.indexOf('=');
  if (equals <= 0) return entry; // `NAME` alone (inherit) or malformed: no value to hide
  const name = entry.slice(0, equals);
  const value = entry.slice(equals + 1);
  if (value === '') return entry;
  if (isSecretName(name)) return `${name}=${MASK}`;
  return `${name}=${maskShapes(value)}`;
}

/**
 * An argument vector (a command line, a container's Cmd/Entrypoint/Args, a healthcheck test):
 * the value after a secret flag, `--secret-flag=value`, `NAME=value` with a secret name (as after
 * -e, --build-arg, --label), and anything shaped like a credential inside any argument.
 */
export function maskArgv(args: readonly string[]): string[] {
  const masked: string[] = [];
  const mysql = args.some((a) => /(?:^|\/)(?:mysql(?:admin|dump|sh)?|mariadb(?:-admin|-dump)?)$/.test(a));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const previous = i > 0 ? args[i - 1]! : '';
    if (/^-/.test(previous) && !previous.includes('=') && isSecretFlag(previous) && !arg.startsWith('-') && arg !== '') {
      masked.push(MASK);
      continue;
    }
    const flagValue = /^(--?[A-Za-z][A-Za-z0-9_-]*)=([\s\S]*)$/.exec(arg);
    if (flagValue && isSecretFlag(flagValue[1]!) && flagValue[2] !== '') {
      masked.push(`${flagValue[1]}=${MASK}`);
      continue;
    }
    if (mysql && /^-p(?!\s)\S/.test(arg) && !arg.startsWith('-p$')) {
      masked.push(`-p${MASK}`);
      continue;
    }
    const assignment = /^([A-Za-z_][A-Za-z0-9_.-]*)=([\s\S]*)$/.exec(arg);
    if (assignment && isSecretName(assignment[1]!) && assignment[2] !== '') {
      masked.push(`${assignment[1]}=${MASK}`);
      continue;
    }
    masked.push(maskText(arg));
  }
  return masked;
}

export interface MaskResult<T> {
  value: T;
  /** How many values were replaced (0 when nothing looked secret). */
  masked: number;
  /** What was masked, in order: variable and label names, or `Cmd`, `Labels`… for other fields. */
  names: string[];
}

/** Fields that hold an argument vector (or one command string). */
const ARGV_FIELDS = new Set(['Cmd', 'Entrypoint', 'Args', 'Command', 'Test', 'OnBuild']);

/**
 * Returns a masked copy of structured data such as `docker inspect` output (containers, images,
 * volumes, networks, services…): Env arrays at any depth by name and shape, argument fields
 * (Cmd, Entrypoint, Args, Command, Healthcheck.Test) with maskArgv, Labels by key and shape, and
 * every other string by shape. The input is not modified.
 */
export function maskSecrets<T>(value: T): MaskResult<T> {
  const names: string[] = [];
  const note = (before: string, after: string, name: string): string => {
    if (after !== before) names.push(name);
    return after;
  };
  const visit = (node: unknown, key: string | undefined, depth: number): unknown => {
    if (depth > 64) return node; // engine data is shallow; refuse pathological nesting
    if (typeof node === 'string') {
      if (key !== undefined && ARGV_FIELDS.has(key)) return note(node, maskText(node), key);
      return note(node, maskShapes(node), key ?? 'value');
    }
    if (Array.isArray(node)) {
      if (key === 'Env') {
        return node.map((item) => {
          if (typeof item !== 'string') return visit(item, undefined, depth + 1);
          const equals = item.indexOf('=');
          return note(item, maskEnvEntry(item), equals > 0 ? item.slice(0, equals) : item);
        });
      }
      if (key !== undefined && ARGV_FIELDS.has(key) && node.every((item) => typeof item === 'string')) {
        const masked = maskArgv(node);
        masked.forEach((item, i) => note(node[i] as string, item, key));
        return masked;
      }
      return node.map((item) => visit(item, undefined, depth + 1));
    }
    if (node !== null && typeof node === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (key === 'Labels' && typeof v === 'string') {
          copy[k] = note(v, isSecretName(k) && v !== '' ? MASK : maskShapes(v), k);
        } else {
          copy[k] = visit(v, k, depth + 1);
        }
      }
      return copy;
    }
    return node;
  };
  const result = visit(value, undefined, 0) as T;
  return { value: result, masked: names.length, names };
}
