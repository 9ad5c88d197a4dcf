// The WWW-Authenticate header a registry answers 401 with (RFC 7235): one or more challenges,
// each a scheme and comma-separated parameters whose values may be quoted strings:
//   Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"
//   Basic realm="Registry Realm"
// Pure and bounded; unknown schemes and token68 forms are read past, never trusted.

export interface AuthChallenge {
  /** Lower case: `basic`, `bearer`… */
  scheme: string;
  /** Parameter names in lower case; values unquoted. */
  params: Record<string, string>;
}

const MAX_HEADER = 16 * 1024;
const TCHAR = /[A-Za-z0-9!#$%&'*+.^_`|~-]/;

export function parseAuthChallenges(header: string | string[] | undefined): AuthChallenge[] {
  if (header === undefined) return [];
  const text = (Array.isArray(header) ? header.join(', ') : header).slice(0, MAX_HEADER);
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const skip = (chars: string) => {
    while (i < text.length && chars.includes(text[i]!)) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < text.length && TCHAR.test(text[i]!)) i++;
    return text.slice(start, i);
  };
  const quoted = (): string => {
    let value = '';
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      value += text[i];
      i++;
    }
    i++; // closing quote (or the end)
    return value;
  };

  while (i < text.length) {
    skip(' \t,');
    const scheme = token();
    if (!scheme) {
      i++; // a character no challenge starts with
      continue;
    }
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    for (;;) {
      const before = i;
      skip(' \t,');
      const name = token();
      skip(' \t');
      if (!name || text[i] !== '=') {
        // Not a parameter: the next challenge's scheme (or a token68, read past below).
        i = before;
        break;
      }
      i++; // '='
      skip(' \t');
      const value = text[i] === '"' ? quoted() : token();
      challenge.params[name.toLowerCase()] = value;
      if (i >= text.length) break;
    }
    // A scheme without parameters, or with a token68 (`Negotiate abc`): read past it to the next comma.
    if (Object.keys(challenge.params).length === 0) {
      while (i < text.length && text[i] !== ',') i++;
    }
    challenges.push(challenge);
  }
  return challenges;
}

/** The bearer challenge's token service, when the registry uses one. */
export function bearerChallenge(challenges: AuthChallenge[]): { realm: string; service?: string; scopes: string[]; error?: string } | undefined {
  const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
  if (!bearer) return undefined;
  const scopes = (bearer.params.scope ?? '').split(' ').filter(Boolean);
  return { realm: bearer.params.realm!, service: bearer.params.service, scopes, error: bearer.params.error };
}

export function hasBasicChallenge(challenges: AuthChallenge[]): boolean {
  return challenges.some((c) => c.scheme === 'basic');
}
