// Aligned plain-text tables (the "Top" document). Pure; no vscode import.

/**
 * Formats rows under titles with columns padded to their widest cell and separated by two spaces.
 * Columns whose every cell is a number are right-aligned; the last column is never padded (so a
 * long COMMAND does not add trailing blanks). Missing cells are empty; extra cells are kept.
 */
export function formatTable(titles: readonly string[], rows: readonly (readonly string[])[]): string {
  const columns = Math.max(titles.length, ...rows.map((r) => r.length));
  const cell = (row: readonly string[], c: number) => String(row[c] ?? '').replace(/[\r\n\t]/g, ' ');
  const widths: number[] = [];
  const numeric: boolean[] = [];
  for (let c = 0; c < columns; c++) {
    widths[c] = Math.max(cell(titles, c).length, ...rows.map((r) => cell(r, c).length));
    numeric[c] = rows.length > 0 && rows.every((r) => /^-?\d+(\.\d+)?$/.test(cell(r, c)));
  }
  const line = (row: readonly string[]) => {
    const parts: string[] = [];
    for (let c = 0; c < columns; c++) {
      const text = cell(row, c);
      if (c === columns - 1) parts.push(numeric[c] ? text.padStart(widths[c]!) : text);
      else parts.push(numeric[c] ? text.padStart(widths[c]!) : text.padEnd(widths[c]!));
    }
    return parts.join('  ').trimEnd();
  };
  return [line(titles), ...rows.map(line)].join('\n') + '\n';
}
