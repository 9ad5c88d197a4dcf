import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-key-value-entry';
const data = (d: { data?: unknown }) => (d.data as { replacement?: string }).replacement;

test('quotes after "=" in a list-form item stay in the value: a warning on the item, the fix without them', () => {
  const text = 'services:\n  web:\n    image: nginx\n    environment:\n      - TZ="Europe/Paris"\n      - APP_OPTS=\'--max-old-space-size=2048\'\n      - OK=plain\n';
  const [tz, node, ...rest] = findings(validate(text), code);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, tz!), 'TZ="Europe/Paris"');
  assert.equal(tz!.severity, 2);
  assert.match(tz!.message, /"TZ" gets the value "Europe\/Paris", quotes included/);
  assert.equal(data(tz!), 'TZ=Europe/Paris');
  assert.equal(data(node!), 'APP_OPTS=--max-old-space-size=2048');
});

test('labels and build args too; a whole item in quotes keeps its escaped inner quotes; the fix quotes what YAML needs', () => {
  const text = 'services:\n  web:\n    build:\n      context: .\n      args:\n        - "VERSION=\\"1.2\\""\n    labels:\n      - traefik.http.routers.web.rule="Host(`a.example`)"\n      - \'note="a: b"\'\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => covered(text, d)), ['"VERSION=\\"1.2\\""', 'traefik.http.routers.web.rule="Host(`a.example`)"', '\'note="a: b"\'']);
  assert.equal(data(found[0]!), '"VERSION=1.2"');
  assert.equal(data(found[1]!), '"traefik.http.routers.web.rule=Host(`a.example`)"');
  assert.equal(data(found[2]!), '"note=a: b"');
});

test('a name ending with a space: an error for environment and build args (compose refuses it), a warning for a label', () => {
  const text = 'services:\n  web:\n    image: nginx\n    environment:\n      - PORT = 8080\n    labels:\n      - "tier =web"\n';
  const [env, label, ...rest] = findings(validate(text), code);
  assert.deepEqual(rest, []);
  assert.equal(env!.severity, 1);
  assert.match(env!.message, /"PORT " ends with a space/);
  assert.equal(data(env!), 'PORT=8080');
  assert.equal(label!.severity, 2);
  assert.equal(data(label!), '"tier=web"');
});

test('what compose reads as meant is left alone', () => {
  // NODE_OPTIONS: node reads quotes in it as a shell would.
  // PGADMIN_CONFIG_*: pgAdmin reads the value as Python, where a string keeps its quotes (round 7).
  for (const item of ['PGADMIN_CONFIG_LOGIN_BANNER="Authorised users only"', 'NODE_OPTIONS="--max-old-space-size=2048"', 'JAVA_OPTS=-Dname="a b"', '"TZ=Europe/Paris"', 'EMPTY=', 'PASS_THROUGH', 'A="x" "y"', 'Q="', '=novalue']) {
    const text = `services:\n  web:\n    image: nginx\n    environment:\n      - ${item}\n`;
    assert.deepEqual(findings(validate(text), code), [], item);
  }
  // The mapping form: YAML reads the quotes.
  assert.deepEqual(findings(validate('services:\n  web:\n    image: nginx\n    environment:\n      TZ: "Europe/Paris"\n'), code), []);
});

test('an extra_hosts item with neither "=" nor ":" is refused by compose: an error on it', () => {
  // cap_add commented out above its items, which YAML then reads as extra_hosts items.
  const text = 'services:\n  dns:\n    image: pihole/pihole\n    extra_hosts:\n      - "node1:10.0.0.1"\n      - node2=10.0.0.2\n      - "ip6:::1"\n      - ${HOST_1}\n    #cap_add:\n      - CAP_NET_BIND_SERVICE\n';
  const [problem, ...rest] = findings(validate(text), 'compose-invalid-value');
  assert.deepEqual(rest, []);
  assert.equal(covered(text, problem!), 'CAP_NET_BIND_SERVICE');
  assert.equal(problem!.severity, 1);
  assert.match(problem!.message, /missing IP/);
});

test('an x- fragment that services merge in is checked where it is written, once (round 9: Lemmy)', () => {
  const text = 'x-defaults: &defaults\n  restart: always\n  environment:\n    - RUST_LOG="warn,lemmy=debug"\nservices:\n  a:\n    <<: *defaults\n    image: lemmy\n  b:\n    <<: *defaults\n    image: lemmy-ui\n';
  const found = findings(validate(text), 'compose-key-value-entry');
  assert.deepEqual(found.map((d) => d.range.start.line), [3]);
  // A fragment with no such lists, or the mapping form, draws nothing.
  assert.deepEqual(findings(validate('x-logging: &logging\n  driver: json-file\n  options:\n    max-size: "10m"\nservices:\n  a:\n    image: x\n    logging: *logging\n'), 'compose-key-value-entry'), []);
});

test('an environment item written with the mapping form\'s colon and no "=" names a variable, and sets nothing (round 19)', () => {
  const text = 'services:\n  account:\n    image: acme/account\n    environment:\n      - EUREKA_SERVER:http://registry:8761/eureka\n      - SPRING_PROFILES_ACTIVE=docker\n      - "JAVA_OPTS: -Xmx512m"\n    labels:\n      - com.acme:team\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => covered(text, d)), ['EUREKA_SERVER:http://registry:8761/eureka', '"JAVA_OPTS: -Xmx512m"']);
  assert.equal(found[0]!.message, 'There is no "=" in "EUREKA_SERVER:http://registry:8761/eureka": compose reads the whole item as the name of a variable to take from the shell, so EUREKA_SERVER is not set. Write EUREKA_SERVER=http://registry:8761/eureka.');
  assert.deepEqual(found.map((d) => (d.data as { replacement: string }).replacement), ['EUREKA_SERVER=http://registry:8761/eureka', '"JAVA_OPTS=-Xmx512m"']);
  // A variable, or a name alone (taken from the shell on purpose), is left alone.
  assert.deepEqual(findings(validate('services:\n  a:\n    image: x\n    environment:\n      - HOME\n      - ${EXTRA}:x\n'), code), []);
});
