// Arguments written as a JSON array that is not valid JSON: ["node" "server.js"], ["a", "b",],
// ['a', 'b'], ["C:\app"], ["node", "app.js". BuildKit then falls back to the shell form (or, for
// COPY and VOLUME, to splitting at spaces), which the author cannot have meant. Only text made of
// quoted strings, commas and brackets counts, so a shell test such as [ "$a" = "b" ] is left alone.

export type JsonProblem =
  | { kind: 'missing-comma'; before: string; after: string }
  | { kind: 'stray-comma' }
  | { kind: 'single-quotes' }
  | { kind: 'bad-escape'; escape: string }
  | { kind: 'missing-bracket' }
  | { kind: 'not-strings'; element: string }
  | { kind: 'trailing-text'; text: string }
  | { kind: 'unquoted'; items: string[] }
  | { kind: 'wrong-brackets'; open: string; inner: string }
  | { kind: 'typographic-quotes'; fixed: string };

/** Typographic quotes: “ ” „ ‟ ″ ‘ ’ ‚ ‛. */
const TYPOGRAPHIC = /[\u201c\u201d\u201e\u201f\u2033\u2018\u2019\u201a\u201b]/;
const TYPOGRAPHIC_ALL = new RegExp(TYPOGRAPHIC.source, 'g');

const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);
const MAX_LENGTH = 20_000;

function isStringArray(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((e) => typeof e === 'string');
  } catch {
    return false;
  }
}

/**
 * The first element that is no string, as JSON, of text that is a valid JSON array. BuildKit
 * refuses such an array outright instead of reading the text as the shell form.
 */
function nonStringElement(text: string): string | undefined {
  if (!text.trimStart().startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const index = parsed.findIndex((e) => typeof e !== 'string');
  return index < 0 ? undefined : JSON.stringify(parsed[index]);
}

/**
 * What is wrong with text that is meant as a JSON array of strings; undefined when it is valid
 * JSON or not meant as one (a bare word between the brackets, or text after the closing bracket
 * unless `paths`: COPY, ADD and VOLUME take no shell test such as [ "$a" ] && b). `command`: the
 * line starts the container's process or its health check (CMD, ENTRYPOINT, HEALTHCHECK CMD),
 * where a list with commas and then a shell operator is an exec form with a fallback the shell
 * never runs as meant (round 41: HEALTHCHECK CMD ["/app/wa", "--healthcheck"] || exit 1).
 */
export function jsonProblem(text: string, paths = false, command = false): JsonProblem | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  // Every case below starts with a bracket, a brace or a parenthesis (after spaces): most
  // instructions' text does not, and is left at once (this runs for every instruction per check).
  let lead = 0;
  while (lead < text.length && /\s/.test(text[lead]!)) lead++;
  if (text[lead] !== '[' && text[lead] !== '(' && text[lead] !== '{') return undefined;
  // [“npm”, “start”]: the curly quotes a word processor or web page writes are not JSON's, and the
  // shell keeps them; with straight ones it is an array of strings (read before the bare-word case,
  // which would quote them again).
  if (TYPOGRAPHIC.test(text)) {
    const fixed = text.trim().replace(TYPOGRAPHIC_ALL, '"');
    if (fixed.startsWith('[') && isStringArray(fixed)) return { kind: 'typographic-quotes', fixed };
  }
  // [python, manage.py, runserver]: words between commas, none quoted, the first right after the
  // bracket (a shell test has a space there: [ -f x ]): an array with its quotes left out (round 13).
  const bare = /^\s*\[([^\s[\]"',][^[\]"',]*(?:,[^[\]"',]+)+)\]\s*$/.exec(text);
  if (bare) return { kind: 'unquoted', items: bare[1]!.split(',').map((w) => w.trim()) };
  // {"dotnet", "app.dll"} or ("npm", "start"): quoted strings and commas between braces or
  // parentheses, an array with the wrong brackets. The shell runs `{dotnet,` or `npm,` and the
  // container stops with "not found"; a brace group or subshell never has commas between its
  // quoted words (round 19's ENTRYPOINT {"dotnet", ...}).
  const braced = /^\s*([({])\s*("(?:[^"\\\n]|\\.)*"(?:\s*,\s*"(?:[^"\\\n]|\\.)*")+)\s*([)}])\s*$/.exec(text);
  if (braced && (braced[1] === '(') === (braced[3] === ')') && isStringArray(`[${braced[2]}]`)) return { kind: 'wrong-brackets', open: braced[1]!, inner: braced[2]! };
  const notString = nonStringElement(text);
  if (notString !== undefined) return { kind: 'not-strings', element: notString };
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  skip();
  if (text[i] !== '[') return undefined;
  i++;
  let problem: JsonProblem | undefined;
  let previous: string | undefined;
  let commaSince = true;
  let commas = 0;
  let closedAt = -1;
  for (let guard = 0; guard < MAX_LENGTH; guard++) {
    skip();
    const c = text[i];
    // The text ends inside the array: after a string, a closing ] is missing (["node", "app.js").
    if (c === undefined) return previous !== undefined ? problem ?? { kind: 'missing-bracket' } : undefined;
    if (c === ']') {
      i++;
      closedAt = i;
      if (previous !== undefined && commaSince) problem ??= { kind: 'stray-comma' };
      break;
    }
    if (c === ',') {
      if (commaSince) problem ??= { kind: 'stray-comma' };
      commas++;
      commaSince = true;
      i++;
      continue;
    }
    if (c !== '"' && c !== '\'') return undefined; // a bare word: not meant as JSON
    const quote = c;
    let value = '';
    i++;
    for (;;) {
      const d = text[i];
      if (d === undefined || d === '\n') return undefined;
      if (d === quote) break;
      if (d === '\\') {
        const e = text[i + 1] ?? '';
        if (quote === '"' && !ESCAPABLE.has(e)) problem ??= { kind: 'bad-escape', escape: `\\${e}` };
        value += d + e;
        i += 2;
        continue;
      }
      value += d;
      i++;
    }
    i++;
    if (quote === '\'') problem = { kind: 'single-quotes' };
    if (previous !== undefined && !commaSince) problem ??= { kind: 'missing-comma', before: previous, after: value };
    previous = value;
    commaSince = false;
  }
  skip();
  // After an array of paths any text is a slip; after a command's array only a comment is sure to
  // be one (CMD ["node", "app.js"]  # start): [ "$x" ] && run is a shell test, not an array. Nor
  // is a list of strings with commas followed by text that is no shell operator
  // (ENTRYPOINT ["java","-jar","app.jar"]lz, round 14): a test has no commas. Nor is text stuck to
  // the ] (CMD [ "./hello" ]clear, round 18): a test's ] is a word of its own.
  if (i < text.length) {
    const rest = text.slice(i).trim();
    const stuck = closedAt === i && !/[;&|<>)]/.test(text[i]!);
    return paths || text[i] === '#' || stuck || (commas > 0 && (command || !/^(&&|\|\||[;|&<>)])/.test(rest))) ? problem ?? { kind: 'trailing-text', text: rest } : undefined;
  }
  return problem;
}
