// A quoted value written over several lines whose later lines are not indented past its key:
//
//   SPRING_APPLICATION_JSON: '{
//     "spring.datasource.url": "...",
//   }'
//
// YAML 1.2 wants every line of the value indented more than the key, so the `yaml` package stops at
// the `}'` line ("Missing closing 'quote") and reads the rest of the file as broken. libyaml and
// go-yaml, which compose uses, do not look at those lines' indentation, so compose reads the file
// (round 56: three errors on a Spring service's JSON settings). Where the parser missed a closing
// quote, the file is read again with each such line joined to the line before it: the line break
// becomes a space, which is what folding makes of it anyway, and every offset stays where it was.

/** Lines looked at, at most: past them the text is read as written. */
const MAX_LINES = 200_000;

/** The offset after the quote that closes a `quote`-quoted scalar, reading the line from `from`, or -1 if it does not close there. */
function closeAfter(line: string, from: number, quote: string): number {
  for (let k = from; k < line.length; k++) {
    const ch = line[k];
    if (quote === '"' && ch === '\\') k++;
    else if (ch === quote) {
      if (quote === "'" && line[k + 1] === "'") k++;
      else return k + 1;
    }
  }
  return -1;
}

/** The quote that opens a value left open at the end of the line, and the indentation its later lines need to pass; undefined if none. */
function openQuote(line: string): { quote: string; indent: number } | undefined {
  let k = 0;
  while (line[k] === ' ') k++;
  // Sequence entries' dashes belong to the indentation of what follows them.
  while (line[k] === '-' && (line[k + 1] === ' ' || line[k + 1] === undefined)) {
    k++;
    while (line[k] === ' ') k++;
  }
  const indent = k;
  // Where the line's comment may start, found again only once passed (one scan of the line in all).
  let hash = line.indexOf(' #', k);
  while (k < line.length) {
    const ch = line[k]!;
    if (ch === '#' && (k === 0 || line[k - 1] === ' ' || line[k - 1] === '\t')) return undefined;
    if (ch === '{' || ch === '[') return undefined;
    if (ch === '"' || ch === "'") {
      const end = closeAfter(line, k + 1, ch);
      if (end < 0) return { quote: ch, indent };
      k = end;
      continue;
    }
    // A plain key or value: on to the next `: ` (a value after its key), or the end.
    const colon = line.indexOf(': ', k);
    if (hash >= 0 && hash < k) hash = line.indexOf(' #', k);
    if (colon < 0 || (hash >= 0 && hash < colon)) return undefined;
    k = colon + 2;
    while (line[k] === ' ') k++;
  }
  return undefined;
}

/**
 * The text with the line breaks before under-indented lines of multi-line quoted values turned into
 * spaces (a CR LF into two), the same length; the text itself where there are none.
 */
export function joinUnderIndentedQuotedLines(text: string): string {
  /** Line breaks to turn into spaces, as [offset, length]. */
  const joins: [number, number][] = [];
  /** The joins of the value being read, kept only if it closes as a value does: at its line's end. */
  let pending: [number, number][] = [];
  let open: { quote: string; indent: number } | undefined;
  for (let at = 0, n = 0; at <= text.length && n < MAX_LINES; n++) {
    const lineEnd = text.indexOf('\n', at);
    const end = lineEnd < 0 ? text.length : lineEnd;
    const line = text.slice(at, end).replace(/\r$/, '');
    if (!open) {
      open = openQuote(line);
      pending = [];
    } else {
      let indent = 0;
      while (line[indent] === ' ') indent++;
      // A document marker ends any scalar; a blank line is part of the value (a line break in it).
      if (/^(---|\.\.\.)(\s|$)/.test(line)) {
        open = undefined;
      } else {
        if (indent < line.length && indent <= open.indent && at > 0) {
          const breakAt = text[at - 2] === '\r' ? at - 2 : at - 1;
          pending.push([breakAt, at - breakAt]);
        }
        const close = closeAfter(line, 0, open.quote);
        if (close >= 0) {
          // What a closing quote is followed by on its line: nothing, a comment, or the `,` or `}` of a flow collection.
          if (/^\s*([#,\]}].*)?$/.test(line.slice(close))) joins.push(...pending);
          open = undefined;
        }
      }
    }
    if (lineEnd < 0) break;
    at = lineEnd + 1;
  }
  if (joins.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [offset, length] of joins) {
    out += text.slice(from, offset) + ' '.repeat(length);
    from = offset + length;
  }
  return out + text.slice(from);
}
