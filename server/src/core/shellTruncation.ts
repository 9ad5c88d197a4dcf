// `envsubst < nginx.conf > nginx.conf`, `cat a.conf > a.conf`, `sort list > list`: the shell opens
// the output of a command (and empties it) before the command starts, so the command reads an empty
// file and the original is gone (round 77: nginx started with an empty configuration). Found in a
// script's text: each simple command (between unquoted ; & | && || newlines and parentheses) whose
// output redirection names the same word as its input redirection, or as a file argument of a
// command that reads its files. Shared by the Dockerfile rule and the compose check.

export interface Truncation {
  /** The output redirection's target word, as written, and where it is in the script. */
  file: string;
  start: number;
  end: number;
}

/** Commands that read the files named as their arguments (a redirection to one of them empties it first). */
const READS_ARGUMENTS = new Set(['cat', 'sort', 'uniq', 'grep', 'egrep', 'fgrep', 'sed', 'awk', 'gawk', 'head', 'tail', 'cut', 'jq', 'yq', 'tac', 'nl', 'fold', 'column', 'expand', 'unexpand']);

/** A script longer than this is not read (a RUN or a command line is far shorter). */
const MAX_LENGTH = 65_536;

interface Token { text: string; start: number; end: number }

/** The simple commands of a script, as lists of words with their offsets (quotes kept, as written). */
function simpleCommands(script: string): Token[][] {
  const commands: Token[][] = [];
  let words: Token[] = [];
  let word = '';
  let start = -1;
  let quote = '';
  const endWord = (at: number) => {
    if (start >= 0) words.push({ text: word, start, end: at });
    word = '';
    start = -1;
  };
  const endCommand = (at: number) => {
    endWord(at);
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let k = 0; k < script.length; k++) {
    const ch = script[k]!;
    if (quote) {
      word += ch;
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && k + 1 < script.length) word += script[++k];
      continue;
    }
    if (ch === '\\' && k + 1 < script.length) {
      if (start < 0) start = k;
      // A line continuation joins; any other escaped character is part of the word.
      if (script[k + 1] !== '\n') word += ch + script[k + 1];
      k++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      if (start < 0) start = k;
      quote = ch;
      word += ch;
      continue;
    }
    if (ch === ';' || ch === '|' || ch === '\n' || ch === '(' || ch === ')' || (ch === '&' && script[k - 1] !== '>' && script[k + 1] !== '>')) {
      endCommand(k);
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      endWord(k);
      continue;
    }
    // Redirection operators are words of their own: `>file` is `>` and `file`.
    if (ch === '<' || ch === '>') {
      endWord(k);
      let op = ch;
      const from = k;
      while (k + 1 < script.length && (script[k + 1] === '>' || script[k + 1] === '<' || script[k + 1] === '&' || script[k + 1] === '|')) op += script[++k];
      words.push({ text: op, start: from, end: k + 1 });
      continue;
    }
    if (start < 0) start = k;
    word += ch;
  }
  endCommand(script.length);
  return commands;
}

/** Shells whose -c takes a script: a quoted script after it is read as one (sh -c "..." in a compose command). */
const SHELL = /^(ba|a|da|z|k)?sh$/;

/** The output redirections of a script that empty a file the same command reads. */
export function truncatedReads(script: string, depth = 0): Truncation[] {
  if (script.length > MAX_LENGTH || !script.includes('>')) return [];
  const found: Truncation[] = [];
  for (const words of simpleCommands(script)) {
    const inputs: string[] = [];
    const outputs: Token[] = [];
    const argTokens: Token[] = [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      const next = words[k + 1];
      // An fd number written before the operator (2>) is part of it.
      const fd = /^\d$/.test(w.text) && next && next.start === w.end && /^[<>]/.test(next.text) ? w.text : undefined;
      const op = fd !== undefined ? next!.text : w.text;
      if (/^[<>]/.test(op)) {
        const target = words[fd !== undefined ? k + 2 : k + 1];
        if (target && !/^[<>&|]/.test(target.text)) {
          if (op === '<') inputs.push(target.text);
          else if ((op === '>' || op === '>|') && (fd === undefined || fd === '1')) outputs.push(target);
        }
        k += fd !== undefined ? 2 : 1;
        continue;
      }
      argTokens.push(w);
    }
    const args = argTokens.map((a) => a.text);
    // sh -c "script": the quoted script's own commands (two levels at most).
    const shell = args.findIndex((a) => !/^\w+=/.test(a));
    if (depth < 2 && shell >= 0 && SHELL.test(args[shell]!.replace(/^.*\//, ''))) {
      const option = args.findIndex((a, k) => k > shell && /^-[a-z]*c[a-z]*$/.test(a));
      const quoted = option > 0 ? argTokens[option + 1] : undefined;
      if (quoted && /^(["']).*\1$/s.test(quoted.text) && quoted.end - quoted.start === quoted.text.length) {
        for (const inner of truncatedReads(quoted.text.slice(1, -1), depth + 1)) found.push({ file: inner.file, start: quoted.start + 1 + inner.start, end: quoted.start + 1 + inner.end });
      }
    }
    if (outputs.length === 0) continue;
    // The command's name after assignments, and the files it reads (its words that are no options).
    const named = args.filter((a) => !/^\w+=/.test(a));
    const name = named[0]?.replace(/^.*\//, '');
    const read = name && READS_ARGUMENTS.has(name) ? named.slice(1).filter((a) => !a.startsWith('-')) : [];
    for (const out of outputs) {
      if (out.text === '/dev/null' || out.text === '-') continue;
      if (inputs.includes(out.text) || read.includes(out.text)) found.push({ file: out.text, start: out.start, end: out.end });
    }
  }
  return found;
}
