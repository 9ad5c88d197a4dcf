import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-traefik-rule';

test('a Traefik router rule that does not parse: an unpaired backtick, an argument without quotes (round 22)', () => {
  const text = [
    'services:',
    '  front:',
    '    image: nginx',
    '    deploy:',
    '      labels:',
    '        - traefik.http.routers.front.rule=Host(quarto.affell.fr`)',
    '  api:',
    '    image: api',
    '    labels:',
    '      traefik.http.routers.api.rule: Host(api.example.com) && PathPrefix(`/v1`)',
    '      traefik.http.routers.api.entrypoints: web',
    '',
  ].join('\n');
  const found = findings(validate(text), code);
  assert.equal(found.length, 2);
  assert.equal(covered(text, found[0]!), 'traefik.http.routers.front.rule=Host(quarto.affell.fr`)');
  assert.equal(found[0]!.message, 'This router rule has an unpaired backtick (Host(quarto.affell.fr`)), so Traefik cannot parse it and creates no router: the service is not reachable through Traefik. Quote each argument with a pair of backticks: Host(`example.com`).');
  assert.equal(found[1]!.message, 'Host(api.example.com) has an argument without quotes, so Traefik cannot parse the rule and creates no router. Quote it with backticks: Host(`api.example.com`).');
  assert.equal(found[0]!.severity, 2);
});

test('rules Traefik parses, and labels that are not router rules', () => {
  for (const label of [
    'traefik.http.routers.a.rule=Host(`a.example.com`) && PathPrefix(`/api`)',
    'traefik.http.routers.a.rule=Host("a.example.com")',
    'traefik.http.routers.a.rule=Host(`${DOMAIN}`)',
    'traefik.http.routers.a.rule=HostRegexp(`{subdomain:[a-z]+}.example.com`)',
    'traefik.tcp.routers.db.rule=HostSNI(`*`)',
    'traefik.frontend.rule=Host:example.com',
    'traefik.http.routers.a.entrypoints=web`',
  ]) {
    const text = `services:\n  a:\n    image: nginx\n    labels:\n      - "${label.replace(/"/g, '\\"')}"\n`;
    assert.deepEqual(findings(validate(text), code), [], label);
  }
});
