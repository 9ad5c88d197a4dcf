// The stats panel's page: a table with one row per container, filled in by a small script from
// messages the extension posts. Content Security Policy: nothing by default; the one inline
// script and the one inline style carry a fresh nonce; no remote resources, no eval, no inline
// event handlers; text is set with textContent. Pure; no vscode import.
import { randomBytes } from 'node:crypto';

export interface StatsPageOptions {
  nonce: string;
  /** The webview's own origin (webview.cspSource). */
  cspSource: string;
  title: string;
  rows: Array<{ id: string; name: string }>;
  labels: {
    container: string;
    cpu: string;
    memory: string;
    memoryPercent: string;
    network: string;
    block: string;
    pids: string;
    waiting: string;
  };
}

/** Messages the extension posts to the page. */
export type StatsPageMessage =
  | { type: 'sample'; id: string; cpu: number; cells: { cpu: string; memory: string; memoryPercent: string; network: string; block: string; pids: string } }
  | { type: 'status'; id: string; text: string };

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [`default-src 'none'`, `style-src ${cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource} data:`].join('; ');
}

export function statsPageHtml(options: StatsPageOptions): string {
  const { nonce, labels } = options;
  const rows = options.rows
    .map(
      (row) => `<tr data-id="${escapeHtml(row.id)}">
  <th scope="row" title="${escapeHtml(row.id)}">${escapeHtml(row.name)}</th>
  <td data-cell="cpu">–</td><td class="spark"><svg viewBox="0 0 60 20" preserveAspectRatio="none" aria-hidden="true"><polyline points=""/></svg></td>
  <td data-cell="memory">–</td><td data-cell="memoryPercent">–</td><td data-cell="network">–</td><td data-cell="block">–</td><td data-cell="pids">–</td>
  <td data-cell="status" class="status">${escapeHtml(labels.waiting)}</td>
</tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, options.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 8px 16px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,0.3)); white-space: nowrap; }
  td { font-family: var(--vscode-editor-font-family); font-variant-numeric: tabular-nums; }
  thead th { font-weight: 600; color: var(--vscode-descriptionForeground); }
  td.spark svg { width: 60px; height: 18px; }
  td.spark polyline { fill: none; stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
  td.status { color: var(--vscode-descriptionForeground); font-family: var(--vscode-font-family); }
</style>
</head>
<body>
<table>
<thead><tr><th>${escapeHtml(labels.container)}</th><th>${escapeHtml(labels.cpu)}</th><th></th><th>${escapeHtml(labels.memory)}</th><th>${escapeHtml(labels.memoryPercent)}</th><th>${escapeHtml(labels.network)}</th><th>${escapeHtml(labels.block)}</th><th>${escapeHtml(labels.pids)}</th><th></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const history = new Map();
  function row(id) {
    for (const tr of document.querySelectorAll('tr[data-id]')) if (tr.getAttribute('data-id') === id) return tr;
    return undefined;
  }
  function set(tr, cell, text) {
    const td = tr.querySelector('[data-cell="' + cell + '"]');
    if (td) td.textContent = text;
  }
  window.addEventListener('message', function (event) {
    const message = event.data;
    if (!message || typeof message.id !== 'string') return;
    const tr = row(message.id);
    if (!tr) return;
    if (message.type === 'status') { set(tr, 'status', message.text); return; }
    if (message.type !== 'sample') return;
    for (const key of ['cpu', 'memory', 'memoryPercent', 'network', 'block', 'pids']) set(tr, key, String(message.cells[key]));
    set(tr, 'status', '');
    const values = history.get(message.id) || [];
    values.push(Number(message.cpu) || 0);
    if (values.length > 60) values.shift();
    history.set(message.id, values);
    const max = Math.max(100, ...values);
    const points = values.map(function (v, i) { return (i * 60 / 59).toFixed(1) + ',' + (20 - (v / max) * 20).toFixed(1); }).join(' ');
    const line = tr.querySelector('polyline');
    if (line) line.setAttribute('points', points);
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
