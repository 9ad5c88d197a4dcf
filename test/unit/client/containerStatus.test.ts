// Status texts computed when a row is drawn, the once-a-minute redraw timer, and the description
// template (unit tier).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary } from '../../../client/src/engine/dockerEngine';
import { containerStatus, hasRelativeTime, humanDuration, MinuteTicker } from '../../../client/src/views/containerStatus';
import { DEFAULT_DESCRIPTION_TEMPLATE, parseTemplate, placeholdersIn, renderDescription, TemplateError } from '../../../client/src/views/containerTemplate';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

test('durations read like the engine\'s (Docker\'s HumanDuration)', () => {
  const cases: Array<[number, string]> = [
    [0, 'Less than a second'], [999, 'Less than a second'], [S, '1 second'], [59 * S, '59 seconds'], [M, 'About a minute'],
    [119 * S, 'About a minute'], [2 * M, '2 minutes'], [59 * M, '59 minutes'], [60 * M, 'About an hour'], [89 * M, 'About an hour'],
    [90 * M, '2 hours'], [47 * H, '47 hours'], [48 * H, '2 days'], [13 * D, '13 days'], [14 * D, '2 weeks'], [59 * D, '8 weeks'],
    [60 * D, '2 months'], [729 * D, '24 months'], [730 * D, '2 years'], [-5 * S, 'Less than a second'],
  ];
  for (const [ms, text] of cases) assert.equal(humanDuration(ms), text, `${ms} ms`);
});

const started = Date.parse('2024-05-01T10:00:00Z');
const container = (over: Partial<ContainerSummary> = {}) => ({
  Id: 'b'.repeat(64), Names: ['/web'], Image: 'nginx:1.27', ImageID: 'sha256:1', Command: 'nginx -g "daemon off;"', Created: started / 1000 - 5,
  Ports: [{ IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }], Labels: {}, State: 'running', Status: 'Up Less than a second',
  HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: { bridge: { NetworkID: 'n' } as never } }, Mounts: [], ...over,
});

test('the status is computed from StartedAt/FinishedAt at render, not the text read at list time', () => {
  const c = container();
  assert.equal(containerStatus(c, { startedAt: started }, started + 16 * M), 'Up 16 minutes', 'not "Up Less than a second" 16 minutes later');
  assert.equal(containerStatus(c, undefined, started + 16 * M), 'Up Less than a second', 'the engine\'s text until the times are known');
  assert.equal(containerStatus(container({ Status: 'Up 3 seconds (healthy)' }), { startedAt: started }, started + 2 * H), 'Up 2 hours (healthy)');
  assert.equal(containerStatus(container({ Status: 'Up 3 seconds (health: starting)' }), { startedAt: started }, started + 5 * S), 'Up 5 seconds (health: starting)');
  assert.equal(containerStatus(container({ State: 'paused', Status: 'Up 3 seconds (Paused)' }), { startedAt: started }, started + 3 * D), 'Up 3 days (Paused)');
  assert.equal(containerStatus(container({ State: 'exited', Status: 'Exited (137) Less than a second ago' }), { startedAt: started, finishedAt: started + M }, started + 4 * H), 'Exited (137) 4 hours ago');
  assert.equal(containerStatus(container({ State: 'restarting', Status: 'Restarting (1) 1 second ago' }), { finishedAt: started }, started + 30 * S), 'Restarting (1) 30 seconds ago');
  assert.equal(containerStatus(container({ State: 'created', Status: 'Created' }), undefined, started), 'Created');
  assert.ok(hasRelativeTime(container()) && hasRelativeTime(container({ State: 'exited' })));
  assert.ok(!hasRelativeTime(container({ State: 'created' })));
});

function fakeTimers() {
  const pending: Array<{ cb: () => void; ms: number }> = [];
  return {
    pending,
    timers: { setTimeout: (cb: () => void, ms: number) => { const t = { cb, ms }; pending.push(t); return t; }, clearTimeout: (h: unknown) => { const i = pending.indexOf(h as never); if (i >= 0) pending.splice(i, 1); } },
    fire: () => pending.shift()!.cb(),
  };
}

test('rows with a time are redrawn once a minute only while the view is visible and shows a time', () => {
  const clock = fakeTimers();
  let ticks = 0;
  const ticker = new MinuteTicker(() => ticks++, clock.timers);
  ticker.setActive(true);
  assert.equal(clock.pending.length, 0, 'hidden: no timer');
  ticker.setVisible(true);
  assert.equal(ticks, 1, 'becoming visible redraws at once (rows may be stale)');
  assert.deepEqual(clock.pending.map((p) => p.ms), [60_000], 'one timer, a minute');
  clock.fire();
  assert.equal(ticks, 2);
  assert.equal(clock.pending.length, 1, 'the chain continues (setTimeout, not setInterval)');
  ticker.setVisible(false);
  assert.equal(clock.pending.length, 0, 'hidden again: the timer is gone');
  ticker.setVisible(true);
  ticker.setActive(false);
  assert.equal(clock.pending.length, 0, 'idle (nothing shows a time): no timer');
  ticker.setActive(true);
  assert.equal(clock.pending.length, 1);
  ticker.dispose();
  assert.equal(clock.pending.length, 0);
  assert.ok(!ticker.running);
});

test('description templates in the style of docker ps --format', () => {
  const now = started + 16 * M;
  const times = { startedAt: started };
  const render = (template: string, c = container()) => renderDescription(parseTemplate(template), c, times, now);
  assert.equal(render(DEFAULT_DESCRIPTION_TEMPLATE), 'nginx:1.27 · Up 16 minutes · 127.0.0.1:8080→80/tcp');
  assert.equal(render(DEFAULT_DESCRIPTION_TEMPLATE, container({ Ports: [] })), 'nginx:1.27 · Up 16 minutes', 'an empty field takes its separator along');
  assert.equal(render('{{.Ports}} · {{.Image}}', container({ Ports: [] })), 'nginx:1.27', 'also when it comes first');
  assert.equal(render('{{ .Names }} ({{.State}}) {{.ID}}'), `web (running) ${'b'.repeat(12)}`);
  assert.equal(render('{{.Command}}'), '"nginx -g "daemon off…"');
  assert.equal(render('{{.RunningFor}}'), '16 minutes ago');
  assert.equal(render('{{.Networks}}'), 'bridge');
  assert.equal(render('{{.Label "tier"}} {{.Labels}}', container({ Labels: { tier: 'front', a: 'b' } })), 'front tier=front,a=b');
  assert.match(render('{{.CreatedAt}}'), /^2024-05-0[12] \d\d:\d\d:\d\d [+-]\d{4}$/);
  assert.equal(render('table {{.Image}}\t{{.State}}'), 'nginx:1.27  running', 'a copied "table" template works');
  const compose = container({ Names: ['/shop-web-1'], Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' } });
  assert.equal(render('{{.Status}}', compose), 'shop-web-1 · Up 16 minutes', 'compose containers get their name in front');
  assert.equal(render('{{.Names}}: {{.Status}}', compose), 'shop-web-1: Up 16 minutes', 'unless the template shows it');

  const problem = (template: string): string[] | undefined => { try { parseTemplate(template); return undefined; } catch (e) { return e instanceof TemplateError ? [e.problem, e.placeholder] : [String(e)]; } };
  assert.deepEqual(problem('{{.Foo}}'), ['unknown', '{{.Foo}}']);
  assert.deepEqual(problem('{{json .Labels}}'), ['syntax', '{{json .Labels}}']);
  assert.deepEqual(problem('{{.Label}}'), ['unknown', '{{.Label}}']);
  assert.equal(problem('{{.Image')![0], 'unclosed');
  assert.equal(problem('x'.repeat(501))![0], 'tooLong');
  assert.deepEqual(placeholdersIn('  "dockerWorkbench.containers.description": "{{.Image}} · {{.Nope}}"').map((p) => [p.name, p.text]), [['Image', '{{.Image}}'], [undefined, '{{.Nope}}']]);
});
