// Splits a command the user typed ("Attach Shell with command…") into an argument array, the way
// a POSIX shell would split words, without running a shell: no variables, globs, pipes or
// redirections (`;`, `|`, `>` are ordinary characters). Pure; no vscode import.

export type CommandLineProblem = 'unterminatedSingleQuote' | 'unterminatedDoubleQuote' | 'trailingBackslash' | 'empty';

const PROBLEM_TEXT: Record<CommandLineProblem, string> = {
  unterminatedSingleQuote: 'unterminated single quote',
  unterminatedDoubleQuote: 'unterminated double quote',
  trailingBackslash: 'trailing backslash',
  empty: 'empty command',
};

export class CommandLineError extends Error {
  constructor(
    /** What is wrong, for a translated message; `message` is the English text. */
    readonly problem: CommandLineProblem,
    /** Offset in the input where the problem is. */
    readonly offset: number,
  ) {
    super(PROBLEM_TEXT[problem]);
    this.name = 'CommandLineError';
  }
}

const DOUBLE_QUOTE_ESCAPABLE = new Set(['"', '\\', '$', '`', '\n']);

/**
 * Words separated by unquoted blanks. Single quotes keep everything literally; double quotes keep
 * everything except that a backslash escapes `"`, `\`, `$`, `` ` `` and newline; outside quotes a
 * backslash escapes the next character (backslash-newline joins lines). Quoted empty strings give
 * empty arguments. Throws CommandLineError for an unterminated quote or a trailing backslash.
 */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw new CommandLineError('unterminatedSingleQuote', i);
      word += text.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (ch === '"') {
      const open = i;
      i++;
      for (;;) {
        if (i >= text.length) throw new CommandLineError('unterminatedDoubleQuote', open);
        const c = text[i];
        if (c === '"') {
          i++;
          break;
        }
        if (c === '\\' && i + 1 < text.length && DOUBLE_QUOTE_ESCAPABLE.has(text[i + 1]!)) {
          if (text[i + 1] !== '\n') word += text[i + 1];
          i += 2;
          continue;
        }
        word += c;
        i++;
      }
      continue;
    }
    if (ch === '\\') {
      if (i + 1 >= text.length) throw new CommandLineError('trailingBackslash', i);
      const next = text[i + 1];
      if (next === '\n') {
        // line continuation: not part of any word
        if (word === '') inWord = false;
      } else {
        word += next;
      }
      i += 2;
      continue;
    }
    word += ch;
    i++;
  }
  if (inWord) words.push(word);
  return words;
}
