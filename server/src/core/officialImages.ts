// Docker Hub's official images (docker.io/library/*). For Dockerfiles, the one-word image names a
// COPY --from or RUN --mount from= can plausibly mean when no stage has that name (any other bare
// word is far more likely a stage name gone wrong); for compose, images known to define no
// HEALTHCHECK. Shared by both services, so it lives outside either one's folders.
export const OFFICIAL_IMAGES: ReadonlySet<string> = new Set([
  'adminer', 'aerospike', 'almalinux', 'alpine', 'alt', 'amazoncorretto', 'amazonlinux', 'api-firewall', 'arangodb', 'archlinux',
  'backdrop', 'bash', 'bonita', 'buildpack-deps', 'busybox', 'caddy', 'cassandra', 'chronograf', 'cirros', 'clearlinux',
  'clickhouse', 'clojure', 'composer', 'convertigo', 'couchbase', 'couchdb', 'crate', 'dart', 'debian', 'docker', 'drupal',
  'eclipse-mosquitto', 'eclipse-temurin', 'eggdrop', 'elasticsearch', 'elixir', 'emqx', 'erlang', 'fedora', 'flink', 'fluentd',
  'friendica', 'gazebo', 'gcc', 'geonetwork', 'ghost', 'golang', 'gradle', 'groovy', 'haproxy', 'haskell', 'haxe',
  'hello-world', 'hitch', 'httpd', 'hylang', 'ibm-semeru-runtimes', 'ibmjava', 'influxdb', 'irssi', 'jetty', 'joomla', 'jruby',
  'julia', 'kapacitor', 'kibana', 'kong', 'krakend', 'lightstreamer', 'liquibase', 'logstash', 'mageia', 'mariadb', 'matomo',
  'maven', 'memcached', 'mongo', 'mongo-express', 'monica', 'mono', 'mysql', 'nats', 'neo4j', 'neurodebian', 'nextcloud',
  'nginx', 'node', 'notary', 'odoo', 'open-liberty', 'openjdk', 'oraclelinux', 'orientdb', 'percona', 'perl', 'photon', 'php',
  'php-zendserver', 'phpmyadmin', 'plone', 'postfixadmin', 'postgres', 'pypy', 'python', 'r-base', 'rabbitmq', 'rakudo-star',
  'redis', 'redmine', 'registry', 'rethinkdb', 'rockylinux', 'ruby', 'rust', 'sapmachine', 'satosa', 'silverpeas', 'solr',
  'sonarqube', 'spark', 'spiped', 'storm', 'swift', 'swipl', 'teamspeak', 'telegraf', 'tomcat', 'tomee', 'traefik', 'ubuntu',
  'unit', 'varnish', 'websphere-liberty', 'wordpress', 'xwiki', 'yourls', 'znc', 'zookeeper',
]);

/**
 * The repository and tag of an image reference, lower-cased, with Docker Hub's `docker.io/` and
 * `library/` left out (`docker.io/library/postgres:16` is postgres and 16; no tag is latest).
 * Undefined when a variable decides it.
 */
export function repositoryAndTag(reference: string): Readonly<{ repository: string; tag: string }> | undefined {
  // Rules ask for the same few references once per instruction: each is split once (a long one,
  // as typed text may be, is not kept).
  if (reference.length > 256) return splitReference(reference);
  let known = splitReferences.get(reference);
  if (known === undefined) {
    if (splitReferences.size >= MAX_SPLIT_REFERENCES) splitReferences.clear();
    splitReferences.set(reference, (known = splitReference(reference) ?? null));
  }
  return known ?? undefined;
}

const splitReferences = new Map<string, Readonly<{ repository: string; tag: string }> | null>();
const MAX_SPLIT_REFERENCES = 512;

function splitReference(reference: string): Readonly<{ repository: string; tag: string }> | undefined {
  const ref = reference.trim().toLowerCase().split('@')[0]!;
  if (ref === '' || ref.includes('$')) return undefined;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const path = colon > slash ? ref.slice(0, colon) : ref;
  return Object.freeze({ repository: path.replace(/^(docker\.io\/|index\.docker\.io\/)?(library\/)?/, ''), tag: colon > slash ? ref.slice(colon + 1) : 'latest' });
}
