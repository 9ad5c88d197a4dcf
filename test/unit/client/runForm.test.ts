import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeHtml, formLabels, jsonForScript, newNonce, runFormHtml } from '../../../client/src/run/runFormHtml';
import { draftFromImage, draftToSpec, emptyDraft, problemAnchor, specToDraft, suggestVolumeName, type RunFormData } from '../../../client/src/run/runFormProtocol';
import type { RunSpec } from '../../../client/src/run/runSpec';

function page(overrides: Partial<RunFormData> = {}, image = 'nginx:1.27') {
  const nonce = newNonce();
  const data: RunFormData = {
    draft: draftFromImage(image, { ExposedPorts: { '80/tcp': {} }, Volumes: { '/data': {} } }),
    imageDetail: 'abc123 · 10 MB',
    imageLocal: true,
    exposedPorts: ['80/tcp'],
    volumes: ['web-data'],
    networks: [{ name: 'shop', builtIn: false }, { name: 'host', builtIn: true }],
    logDrivers: ['json-file', 'local'],
    ...overrides,
  };
  const html = runFormHtml({
    nonce, cspSource: 'https://webview.origin', styleUri: 'https://webview.origin/media/runForm.css', scriptUri: 'https://webview.origin/media/runForm.js',
    title: `Run ${image}`, data, labels: formLabels(undefined, data.exposedPorts),
  });
  return { html, nonce };
}

test('the CSP allows nothing by default, scripts only with the nonce, styles only from the webview origin', () => {
  const csp = contentSecurityPolicy('N0nce', 'https://webview.origin');
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-N0nce'(;|$)/);
  assert.match(csp, /style-src https:\/\/webview\.origin(;|$)/);
  assert.ok(!/unsafe-inline|unsafe-eval|\*|http:/.test(csp));
});

test('the page carries the CSP, a nonce on every script, and loads only from the webview origin', () => {
  const { html, nonce } = page();
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, 'https://webview.origin')}">`));
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 2, 'the data block and the page script');
  for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
  assert.ok(scripts.some((s) => s.includes('src="https://webview.origin/media/runForm.js"')));
  for (const match of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) assert.ok(match[1]!.startsWith('https://webview.origin/'), match[1]);
  assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
  assert.ok(!/<style\b/.test(html), 'no inline styles');
});

test('values are escaped: in the HTML as entities, in the data block without "<"', () => {
  const evil = 'evil"><img src=x onerror=alert(1)>';
  const { html } = page({ volumes: [evil], networks: [{ name: evil, builtIn: false }], logDrivers: [] }, `x:</script><script>alert(1)</script>`);
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes('<script>alert'));
  assert.ok(html.includes('evil&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
  const block = /<script type="application\/json" id="form-data"[^>]*>([\s\S]*?)<\/script>/.exec(html)![1]!;
  assert.ok(!block.includes('<'));
  assert.equal(JSON.parse(block).data.draft.image, `x:</script><script>alert(1)</script>`, 'the JSON still reads back exactly');
  assert.equal(jsonForScript({ a: '\u2028</' }), '{"a":"\\u2028\\u003c/"}');
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('the page has every section, the networks to choose, the copy/run/save/cancel buttons and problem slots', () => {
  const { html } = page();
  for (const id of ['section-container', 'section-ports', 'section-mounts', 'section-environment', 'section-network', 'section-process', 'section-resources', 'section-logging']) assert.ok(html.includes(`id="${id}"`), id);
  for (const id of ['name', 'mode-detached', 'mode-attached', 'mode-interactive', 'mode-stdin', 'detachKeys', 'links', 'remove', 'publishAll', 'network', 'aliases', 'command', 'entrypoint', 'workdir', 'user', 'memory', 'cpus', 'restart', 'maxRetries', 'readOnly', 'logDriver', 'commandLine', 'copy', 'run', 'save', 'cancel']) {
    assert.ok(html.includes(`id="${id}"`), id);
  }
  assert.ok(html.includes('<option value="shop">shop</option>'));
  assert.ok(html.includes('<option value="host">host (built-in)</option>'));
  assert.ok(html.includes('<option value="web-data"></option>'));
  assert.ok(html.includes('The image exposes 80/tcp.'));
  for (const anchor of ['name', 'networkAliases', 'restart', 'memory', 'ports', 'env', 'logOptions']) assert.ok(html.includes(`data-for="${anchor}"`), anchor);
});

test('a new draft for an image publishes its exposed ports on 127.0.0.1 and names its volumes', () => {
  const draft = draftFromImage('registry.example:5000/team/web:1.0', { ExposedPorts: { '80/tcp': {}, '53/udp': {} }, Volumes: { '/var/lib/data': {} } });
  assert.deepEqual(draft.ports, [
    { hostIp: '127.0.0.1', hostPort: '80', containerPort: '80', protocol: 'tcp' },
    { hostIp: '127.0.0.1', hostPort: '53', containerPort: '53', protocol: 'udp' },
  ]);
  assert.deepEqual(draft.mounts, [{ type: 'volume', source: 'web-data', target: '/var/lib/data', readOnly: false, create: true, size: '' }]);
  assert.deepEqual(draftFromImage('busybox', undefined), emptyDraft('busybox'));
  assert.equal(suggestVolumeName('sha256:abc', '/'), 'sha256-data');
  assert.equal(suggestVolumeName('x', '/y'), 'x-y');
});

test('a draft becomes a spec: empty fields and rows left out, command split like a shell, aliases split', () => {
  const draft = {
    ...emptyDraft(' busybox '),
    name: ' web ',
    mode: 'interactive' as const,
    remove: true,
    ports: [{ hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' as const }, { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'udp' as const }],
    mounts: [{ type: 'bind' as const, source: '/src', target: '/app', readOnly: true, create: true, size: '9m' }, { type: 'tmpfs' as const, source: 'ignored', target: '/t', readOnly: false, create: false, size: '' }],
    env: [{ key: 'A', value: 'x y' }, { key: '', value: '' }],
    envFiles: ['', '.env'],
    network: 'shop',
    aliases: 'db, cache  api',
    command: `sh -c 'echo "hi there"'`,
    restart: 'on-failure',
    maxRetries: '4',
    cpus: '0.5',
    logOptions: [{ key: 'max-size', value: '1m' }],
  };
  const { spec, problems } = draftToSpec(draft);
  assert.deepEqual(problems, []);
  assert.deepEqual(spec, {
    image: 'busybox', name: 'web', interactive: true, remove: true,
    ports: [{ containerPort: '80', hostPort: '8080', hostIp: '127.0.0.1', protocol: 'udp' }],
    mounts: [{ type: 'bind', source: '/src', target: '/app', readOnly: true }, { type: 'tmpfs', target: '/t' }],
    envFiles: ['.env'], env: { A: 'x y' }, network: 'shop', networkAliases: ['db', 'cache', 'api'],
    command: ['sh', '-c', 'echo "hi there"'], cpus: '0.5', restart: 'on-failure:4', logOptions: { 'max-size': '1m' },
  });
  const broken = draftToSpec({ ...emptyDraft('x'), command: `echo 'open` });
  assert.equal(broken.problems[0]!.field, 'command');
  assert.match(broken.problems[0]!.message, /cannot be split into words: unterminated single quote/);
});

test('a spec shown in the form and read back is the same spec', () => {
  const specs: RunSpec[] = [
    { image: 'busybox' },
    {
      image: 'nginx:1.27', name: 'web', remove: true, ports: [{ containerPort: '80', hostPort: '8080', hostIp: '127.0.0.1' }, { containerPort: '53', protocol: 'udp' }],
      publishAll: true, mounts: [{ type: 'volume', source: 'data', target: '/data', create: true, readOnly: true }, { type: 'volume', target: '/anon' }, { type: 'tmpfs', target: '/tmp', size: '1g' }],
      env: { A: '1', B: `it's "q"` }, envFiles: ['/x/.env'], network: 'shop', networkAliases: ['a', 'b'], workdir: '/srv', user: 'me', entrypoint: '/bin/sh',
      command: ['-c', `echo 'a b' "$HOME" \\`, ''], memory: '1g', cpus: '2', restart: 'on-failure:2', readOnly: true, logDriver: 'local', logOptions: { 'max-size': '5m' },
    },
    { image: 'x', interactive: true, restart: 'unless-stopped' },
    { image: 'alpine', detach: false, remove: true, command: ['echo', 'hi'] },
    { image: 'busybox', interactive: true, tty: false, command: ['cat'] },
    { image: 'python', interactive: true, detachKeys: 'ctrl-x,x' },
    { image: 'web', network: 'shop', links: ['db:database', 'cache'] },
  ];
  for (const spec of specs) assert.deepEqual(draftToSpec(specToDraft(spec)).spec, spec);
});

test('problems land on the row or field they name', () => {
  assert.equal(problemAnchor('ports[2]'), 'ports.2');
  assert.equal(problemAnchor('mounts[0]'), 'mounts.0');
  assert.equal(problemAnchor('envFiles[1]'), 'envFiles.1');
  assert.equal(problemAnchor('env[A=B]'), 'env');
  assert.equal(problemAnchor('logOptions[]'), 'logOptions');
  assert.equal(problemAnchor('networkAliases'), 'networkAliases');
  assert.equal(problemAnchor('links[1]'), 'links');
});
