// Text from the user's files inside Markdown (hovers). A value holding a backtick would end a
// code span and what follows would be read as Markdown: `![](https://…)` would load an image.
// These helpers put such text where nothing in it is interpreted.

/** Longest value shown in a hover; the rest is cut (a hover is not where a 64 KB value is read). */
export const MAX_SHOWN = 200;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text[i] === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * An inline code span holding `text` literally: fenced with more backticks than any run in it,
 * padded when it starts or ends with a backtick, on one line, cut at `max` characters.
 */
export function inlineCode(text: string, max = MAX_SHOWN): string {
  const value = shorten(text.replace(/[\r\n\u2028\u2029]+/g, ' '), max);
  if (value === '') return '`""`';
  const fence = '`'.repeat(longestRun(value, '`') + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || (value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A fenced code block no line of `text` can close. */
export function codeBlock(text: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Text shown as plain Markdown (names in bold, file names): every punctuation character escaped, cut at `max`. */
export function escapeMarkdown(text: string, max = MAX_SHOWN): string {
  return shorten(text.replace(/[\r\n\u2028\u2029]+/g, ' '), max).replace(/[\\`*_{}[\]()#+\-.!|<>~&:"']/g, '\\$&');
}
