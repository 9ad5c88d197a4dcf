// The one byte formatter of the project: the explorer, the hovers, the inlay hints and the
// explanation all show sizes the same way. Decimal units as the Docker CLI (1 kB = 1000 B); one
// decimal below 10 and whole numbers above, so a size takes at most four digits. Plain: the client
// bundle imports it too.
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** "512 B", "2.0 kB", "15 MB", "123 MB"; '' for what is not a size (undefined, NaN, negative). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  for (;;) {
    const shown = unit > 0 && value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
    // 999.7 kB rounds to 1000: say 1.0 MB instead.
    if (shown < 1000 || unit === UNITS.length - 1) {
      return `${unit > 0 && shown < 10 ? shown.toFixed(1) : shown} ${UNITS[unit]}`;
    }
    value /= 1000;
    unit++;
  }
}
