import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeHtml, newNonce, statsPageHtml } from '../../../client/src/containers/statsHtml';

const labels = { container: 'Container', cpu: 'CPU %', memory: 'Memory', memoryPercent: 'Mem %', network: 'Net', block: 'Block', pids: 'PIDs', waiting: 'waiting' };

test('the CSP allows nothing by default, scripts only with the nonce, styles from the webview origin or the nonce', () => {
  const csp = contentSecurityPolicy('N0nce', 'https://webview.origin');
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-N0nce'(;|$)/);
  assert.match(csp, /style-src https:\/\/webview\.origin 'nonce-N0nce'/);
  assert.ok(!/unsafe-inline|unsafe-eval|https?:\/\/(?!webview\.origin)|\*/.test(csp));
});

test('the page carries the CSP, nonces every script and style, loads nothing remote and escapes names', () => {
  const nonce = newNonce();
  const html = statsPageHtml({ nonce, cspSource: 'vscode-resource:', title: 'Stats <x>', labels, rows: [{ id: 'abc', name: '<img src=x onerror=alert(1)>' }] });
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, 'vscode-resource:')}">`));
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  for (const tag of [...scripts, ...(html.match(/<style[^>]*>/g) ?? [])]) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
  assert.ok(!/\bsrc=["']?https?:|<link\b|\bon[a-z]+=["']/i.test(html.replace(/&lt;img src=x onerror=alert\(1\)&gt;/, '')));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes('innerHTML'));
});

test('nonces are fresh and escapeHtml covers the five characters', () => {
  assert.notEqual(newNonce(), newNonce());
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
