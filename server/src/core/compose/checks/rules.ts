// Every compose check: a stable id (what settings, tests and quick fixes key on), a default
// severity, a one-line title and a longer explanation. Text is produced on demand through `t`
// so it follows the locale chosen when the server starts.
import { t } from '../../l10n';
import type { ComposeCode, DefaultSeverity } from '../../diagnosticCodes';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface ComposeRule {
  id: ComposeCode;
  severity: Severity;
  title(): string;
  explanation(): string;
}

/** A code of the table in diagnosticCodes.ts, with the default severity of its row. */
function rule<Id extends ComposeCode>(id: Id, severity: DefaultSeverity<Id> & Severity, title: () => string, explanation: () => string): ComposeRule {
  return { id, severity, title, explanation };
}

const list: ComposeRule[] = [
  rule('compose-yaml-syntax', 'error', () => t('YAML syntax error'),
    () => t('The file is not valid YAML, so compose cannot read it at all. The message is the YAML parser\'s; the range shows where it stopped understanding the text. Indentation must use spaces, and a "key: value" needs a space after the colon.')),
  rule('compose-yaml-warning', 'warning', () => t('YAML warning'),
    () => t('The YAML parser accepted the text but something in it is probably not what was meant, for example a tag it does not know.')),
  rule('compose-duplicate-key', 'error', () => t('Duplicate key'),
    () => t('A key appears twice in the same mapping. YAML does not allow it and compose refuses the file; merge the two entries into one.')),
  rule('compose-file-skipped', 'information', () => t('File not analysed'),
    () => t('The file is very large or is not text, so only a quick check was made. Compose files are normally small text files.')),
  rule('compose-interpolation', 'error', () => t('Malformed variable'),
    () => t('Compose replaces ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+value}, ${NAME+value} and $NAME with values from the environment and the .env file before it reads the file. Any other "${" is an error. To pass a "$" through to a container (for example to a shell command), write "$$".')),
  rule('compose-unknown-key', 'error', () => t('Unknown key'),
    () => t('The Compose Specification does not define this key at this place, so compose refuses the file. It is often a typo or a key indented under the wrong parent. Keys starting with "x-" are free for your own use.')),
  rule('compose-invalid-type', 'error', () => t('Wrong kind of value'),
    () => t('The value has the wrong shape: for example a single string where compose expects a list, or a mapping where it expects a string. The message names what is expected here.')),
  rule('compose-invalid-value', 'error', () => t('Invalid value'),
    () => t('The value is of the right kind but not one compose accepts here, for example a word outside the allowed set or a number out of range, or it contradicts another key compose checks it against (network_mode with networks, scale with a different deploy.replicas, a secret with two sources).')),
  rule('compose-missing-key', 'error', () => t('Missing required key'),
    () => t('This block needs a key that is not there. For example, a long-form depends_on entry needs a "condition", and a long-form volume needs a "type".')),
  rule('compose-duplicate-item', 'error', () => t('Duplicate list item'),
    () => t('The same value is listed twice in a list whose items must be unique. In depends_on, security_opt, extra_hosts, volumes_from, group_add and external_links compose refuses the file. In the lists it merges by key (environment, labels, ports, volumes, capabilities, dns...) it drops the repeat and keeps one, so there the repeat is only clutter, shown as a faded hint.')),
  rule('compose-deprecated-key', 'warning', () => t('Deprecated key'),
    () => t('The key still works but is deprecated in the Compose Specification; the message says what replaces it.')),
  rule('compose-obsolete-version', 'warning', () => t('Obsolete "version"'),
    () => t('The top-level "version" key is a leftover of the old Compose file formats. Compose ignores it and prints a warning; the file format is now chosen automatically. Remove it.')),
  rule('compose-undefined-service', 'error', () => t('Undefined service'),
    () => t('A service is referenced (by depends_on, links, extends, volumes_from or a "service:" network, ipc or pid mode) but no service of that name is defined in this file or the files combined with it. In files that are usually combined with others through "-f" (names other than compose.yaml and docker-compose.yml and their override files), this is reported as a warning.')),
  rule('compose-undefined-volume', 'error', () => t('Undefined volume'),
    () => t('A service mounts a named volume that is not declared under the top-level "volumes" key. Declare it (an empty entry is enough), or, if a host folder was meant, start the path with "./" or "/".')),
  rule('compose-undefined-network', 'error', () => t('Undefined network'),
    () => t('A service joins a network that is not declared under the top-level "networks" key. Only the "default" network exists without a declaration.')),
  rule('compose-undefined-secret', 'error', () => t('Undefined secret'),
    () => t('A service uses a secret that is not declared under the top-level "secrets" key. Declare it with a "file", "environment" or "external" source.')),
  rule('compose-undefined-config', 'error', () => t('Undefined config'),
    () => t('A service uses a config that is not declared under the top-level "configs" key. Declare it with a "file", "content", "environment" or "external" source.')),
  rule('compose-undefined-model', 'error', () => t('Undefined model'),
    () => t('A service uses a model that is not declared under the top-level "models" key.')),
  rule('compose-invalid-port', 'error', () => t('Invalid port mapping'),
    () => t('A port mapping is written [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], where ports are numbers from 1 to 65535 or ranges like 8000-8010, the protocol is tcp, udp or sctp, and an IPv6 host address is written in brackets. A host range needs a container range of the same length (or a single container port).')),
  rule('compose-duplicate-host-port', 'error', () => t('Host port published twice'),
    () => t('Two mappings publish the same host port (on the same or on all host addresses, with the same protocol). Only one container can listen on it, so "compose up" fails with "port is already allocated". Services that are never started together (different profiles) are not compared.')),
  rule('compose-port-quoting', 'information', () => t('Unquoted port mapping'),
    () => t('An unquoted mapping such as 22:22 is a base-60 number for YAML 1.1 parsers (22:22 reads as 1342). Compose reads it correctly, but other tools may not; quoting port mappings ("22:22") is the safe habit.')),
  rule('compose-invalid-duration', 'error', () => t('Invalid duration'),
    () => t('Durations are written as a number followed by a unit, and may combine several: 10s, 1m30s, 500ms, 2h. Units are ns, us, ms, s, m, h, d (days) and w (weeks).')),
  rule('compose-invalid-byte-size', 'error', () => t('Invalid size'),
    () => t('Sizes are a number of bytes, optionally followed by a unit: b, k, m or g (also kb, mb, gb), for example 512m or 2g.')),
  rule('compose-invalid-restart', 'error', () => t('Invalid restart policy'),
    () => t('The restart policy is one of "no", "always", "on-failure" (optionally "on-failure:N" for at most N retries) and "unless-stopped". Quote "no", since some YAML parsers read it as false.')),
  rule('compose-invalid-volume', 'error', () => t('Invalid volume'),
    () => t('A service volume in the short syntax is written [SOURCE:]TARGET[:OPTIONS]: SOURCE is a host path (starting with ., / or ~) or a volume name, TARGET the absolute path in the container, OPTIONS such as ro, rw, z or nocopy. Compose refuses an empty part between colons and a fourth part, and the engine refuses a container path that is not absolute.')),
  rule('compose-duplicate-container-name', 'error', () => t('Container name used twice'),
    () => t('Two services set the same container_name. Container names are unique on an engine, so the second container cannot be created. Services that are never started together (different profiles) are not compared. A service that runs several containers (scale or deploy.replicas above 1) cannot have a container_name either: compose refuses it.')),
  rule('compose-dependency-cycle', 'error', () => t('Dependency cycle'),
    () => t('Services depend on each other in a circle, so compose cannot decide which to start first and refuses the file. Besides depends_on, compose counts links, volumes_from and a "service:" network_mode, ipc or pid as dependencies.')),
  rule('compose-dependency-disabled', 'warning', () => t('Dependency only a profile starts'),
    () => t('A service without profiles depends on a service that only a profile starts. A plain "docker compose up" starts the first but not the second, and then refuses to start at all ("service is required but is disabled"). Give both the same profile, run with that --profile (or set COMPOSE_PROFILES in .env), or mark the dependency required: false.')),
  rule('compose-healthcheck-missing', 'warning', () => t('Waits for a health no check gives'),
    () => t('depends_on with condition: service_healthy waits until the other service reports healthy, which only a healthcheck does. Without one compose stops the whole up ("container has no healthcheck configured"). Reported when the healthcheck is disabled (an error), or when there is none in the compose files and the image cannot define one: Docker\'s official images define none, and neither does a Dockerfile of the project with no HEALTHCHECK built on them.')),
  rule('compose-misspelt-variable', 'warning', () => t('Misspelt variable'),
    () => t('A ${VARIABLE} whose name is one slip away from a name the project sets: compose does not stop for an unset variable, it substitutes an empty string (or the default written after :-), so the service starts with a wrong value. Reported when the project\'s .env does not set the name but sets a near one (a letter added, dropped, swapped or in another case), or when the name is used once while a near one is used several times. The quick fix uses the near name.')),
  rule('compose-env-not-copied', 'information', () => t('Example .env not copied'),
    () => t('Compose substitutes ${VARIABLE} from the shell and from the .env file in the project folder, and from no other file. A project that ships .env.example (or .sample, .dist, .template) expects it copied to .env and filled in; until then every variable it sets is substituted as unset, an empty string, with only a warning when compose runs.')),
  rule('compose-foreign-file', 'hint', () => t('Not a compose file'),
    () => t('A YAML file opened as a compose file that has none of compose\'s own top-level keys (services, networks, volumes, secrets, configs, include, models or an x- key; version and name alone do not count, other tools use them too), or whose top level is a list, and whose name does not say compose: it is most likely another tool\'s configuration (Prometheus, Loki, an OpenTelemetry collector, an Ansible task list) that a service mounts. Its keys are not reported one by one as unknown. A file named for compose is always checked.')),
  rule('compose-healthcheck-no-tool', 'warning', () => t('Healthcheck runs a tool the image lacks'),
    () => t('A healthcheck runs inside the container, with the programs its image has. The slim Debian images (python:*-slim, node:*-slim), the official postgres and redis images and ollama\'s have neither curl nor wget, and the Alpine ones only BusyBox\'s wget. A test that calls curl there fails every time: the service never turns healthy, and a service that waits for it with condition: service_healthy never starts. Use a command the image has (python -c with urllib, node -e with fetch, pg_isready, redis-cli ping, wget -qO- on Alpine), or install the tool in the service\'s Dockerfile. For a service that builds, its Dockerfile\'s final base image is read, and any mention of the tool in the Dockerfile counts as installing it.')),
  rule('compose-invalid-image', 'error', () => t('Invalid image reference'),
    () => t('An image reference is [registry/]name[:tag][@digest], with the name in lower case. Compose refuses anything else with "invalid reference format", both to pull the image and to tag what build makes: image: MyApp fails, as does a placeholder such as <registry>/app left in the file. The fix writes the name in lower case.')),
  rule('compose-healthcheck-always-passes', 'warning', () => t('Healthcheck that always passes'),
    () => t('A healthcheck reports healthy when its test exits 0. A script that ends with || exit 0, || true, || echo ... or ; true exits 0 whatever the probe before it found: the service never turns unhealthy, and a service waiting for it with condition: service_healthy starts while it is down. End the script with || exit 1, or leave the probe\'s own exit status.')),
  rule('compose-healthcheck-shell-items', 'warning', () => t('CMD-SHELL with the command split into items'),
    () => t('The engine runs a CMD-SHELL test as /bin/sh -c followed by the test\'s items, so the first item after CMD-SHELL is the whole shell command and the items after it are the shell\'s own $0, $1…, never the command\'s arguments. test: ["CMD-SHELL", "curl", "-f", "http://localhost"] runs bare curl, which fails every time: the service never turns healthy, and a service waiting for it with condition: service_healthy never starts. Write the command as one string after CMD-SHELL, or use CMD with one item per argument. The fix joins the items into one string when each is a plain word.')),
  rule('compose-traefik-rule', 'warning', () => t('Traefik router rule that does not parse'),
    () => t('Traefik reads a router\'s rule (traefik.http.routers.<name>.rule) as matchers such as Host, PathPrefix or Headers, each with its arguments in backticks or double quotes: Host(`example.com`) && PathPrefix(`/api`). A rule with an argument without quotes or a backtick without its pair does not parse: Traefik logs the error and creates no router, so requests for the site get 404 from Traefik while every container runs. Read from the service\'s labels and from deploy.labels, where Traefik reads them in Swarm mode.')),
  rule('compose-image-env-unread', 'warning', () => t('Variable the image does not read'),
    () => t('Official database images read a fixed set of variables in their entrypoint: postgres reads POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB, POSTGRES_INITDB_ARGS (each also as *_FILE), POSTGRES_INITDB_WALDIR and POSTGRES_HOST_AUTH_METHOD; mysql its MYSQL_ROOT_PASSWORD, MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD and a few switches; mongo MONGO_INITDB_ROOT_USERNAME, MONGO_INITDB_ROOT_PASSWORD and MONGO_INITDB_DATABASE; rabbitmq RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS and RABBITMQ_DEFAULT_VHOST. Another name with the same prefix changes nothing, so the database starts without the password, user or database meant. A warning with a fix where a read name is one slip away; information otherwise, for postgres and mongo (mysql\'s own programs read more MYSQL_ names). Not for a service that builds its own image, replaces the entrypoint or mounts init scripts, which may read anything.')),
  rule('compose-postgres-data-mount', 'error', () => t('Data mount PostgreSQL 18 refuses'),
    () => t('From PostgreSQL 18 the official postgres images (and those built on them: postgis, pgvector, timescaledb) keep their data in a folder per major version, /var/lib/postgresql/18/docker, so that pg_upgrade can run between two of them. Their entrypoint refuses to start while something is mounted at /var/lib/postgresql/data, where earlier versions kept it, also on a new empty volume. image: postgres with no tag, latest or alpine pulls 18 since September 2025, so compose files written before stop at their first up. For a new database, mount the volume at /var/lib/postgresql. A database made by an older PostgreSQL needs pg_upgrade: until then, pin its major (postgres:17). Setting PGDATA to /var/lib/postgresql/data also keeps the old layout; a service that sets it, builds its own image or replaces the entrypoint is not reported.')),
  rule('compose-database-no-password', 'warning', () => t('Database with no superuser password'),
    () => t('The official postgres, mysql and mariadb images refuse to create a new database until they are told the superuser\'s password, or told on purpose that there is none: postgres reads POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD: trust), mysql MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD, mariadb the same or their MARIADB_ forms, each password also as *_FILE. Without any of them the container stops at its first start on a new volume, and services that depend on it fail with it. A volume that already holds a database starts anyway, hence a warning. Not reported where an env file that cannot be read, an extends, or another file of the project may set them.')),
  rule('compose-host-variable', 'warning', () => t('Variable meant for the container'),
    () => t('Compose substitutes $NAME and ${NAME} everywhere in the file when it reads it, with values from the shell that runs compose and the project\'s .env, not from the container. In a healthcheck test or an sh -c command, $POSTGRES_USER therefore becomes what the shell has (mostly nothing, and compose warns that the variable is not set), even though the service sets POSTGRES_USER under environment. Write $$POSTGRES_USER: compose turns it into $POSTGRES_USER, which the shell in the container reads. Reported for names the service sets to a value of its own that the .env does not set.')),
  rule('compose-removed-server-option', 'error', () => t('Server option the image\'s version removed'),
    () => t('MySQL 8.4 removed the default_authentication_plugin setting, and mysqld refuses an option it does not know: a command with --default-authentication-plugin=mysql_native_password, written for MySQL 8.0 and copied into many compose files, stops the server at start with "unknown variable". The official image\'s mysql:8 tag has meant 8.4 since April 2024, and mysql (latest) means 9, so such a file breaks at its next pull. Remove the option (the default, caching_sha2_password, works with current clients), or pin mysql:8.0 where a client still needs mysql_native_password. Likewise Prometheus 3.0 removed --storage.tsdb.retention (write --storage.tsdb.retention.time), --alertmanager.timeout and --storage.tsdb.allow-overlapping-blocks, and stops at start on a flag it does not know ("unknown long flag"). prom/prometheus with no tag, latest or main runs 3 since November 2024.')),
  rule('compose-deleted-image', 'error', () => t('Image Docker Hub no longer serves'),
    () => t('Some images people still write are gone from Docker Hub under that name, and docker compose up stops at the pull. Bitnami kept only latest, for a smaller set of images, in its bitnami/ repositories: every versioned tag (bitnami/postgresql:15, bitnami/kafka:3.4) moved to bitnamilegacy in September 2025, where it gets no updates. Docker Hub deleted openjdk\'s tags other than exact old versions (openjdk:17, openjdk:8-jdk-alpine, latest) in November 2025; eclipse-temurin is the maintained build of the same Java. Microsoft deleted microsoft/dotnet and microsoft/aspnetcore in 2021; they are on mcr.microsoft.com. A service that also builds is left alone: its image names what it builds.')),
  rule('compose-stack-env', 'information', () => t('.env a stack does not read'),
    () => t('docker stack deploy substitutes ${VARIABLE} from the shell only: unlike docker compose it reads no .env file, so a variable the .env beside a stack file sets is an empty string there unless the shell exports it. Export the file before deploying (set -a; . ./.env; set +a), or let compose do the substitution: docker compose -f stack.yml config | docker stack deploy -c - name. Reported only in files that are surely stacks.')),
  rule('compose-key-value-entry', 'warning', () => t('KEY=VALUE item read otherwise'),
    () => t('In the list form of environment, build args and labels, compose splits each item at the first "=" and keeps the rest as written. Quotes after the "=" stay in the value (TZ="Europe/Paris" gives a zone name with quotes in it), and spaces before the "=" stay in the name (compose refuses such an environment variable or build argument). Quote the whole item, or use the mapping form, where YAML reads the quotes. An item with the mapping form\'s colon and no "=" (- EUREKA_SERVER:http://registry) is read as the name of a variable to take from the shell, so the container gets nothing.')),
  rule('compose-empty-override', 'warning', () => t('Empty value that clears nothing'),
    () => t('Compose merges the files of a project: an override file\'s lists are added to the base file\'s and its mappings merged into them, so an empty list or mapping (ports: []) adds nothing and the base\'s values stay. To drop them write !reset [] (or !reset {}); to replace them, !override followed by the new value. command, entrypoint and healthcheck.test are replaced, not merged.')),
  rule('compose-port-added', 'information', () => t('Port added to the base file\'s'),
    () => t('Compose merges the ports of the files it combines: a mapping in an override or -f layer is added to the base file\'s, not put in its place. A layer that publishes a container port on another host port leaves the base\'s mapping published too, and that host port taken. ports: !override [...] replaces the base\'s list.')),
  rule('compose-missing-file', 'warning', () => t('File or folder not found'),
    () => t('A path in the file (an env_file, a build context or Dockerfile, an extends or include file) does not exist relative to the compose file. Compose will fail when it needs it, unless the path is created first.')),
  rule('compose-unknown-build-target', 'error', () => t('Unknown build stage'),
    () => t('build.target names a stage that the Dockerfile does not define with "FROM … AS name". The build fails with "target stage could not be found".')),
  rule('compose-unused-build-arg', 'warning', () => t('Build argument no ARG declares'),
    () => t('A build argument reaches the build only through an ARG instruction that declares it. One the Dockerfile never declares is dropped without a word, so a misspelt name, or an ARG that was removed, leaves the image without the value. The proxy arguments (HTTP_PROXY and the like) need no ARG.')),
  rule('compose-secret-file-path', 'warning', () => t('Secret path and value mixed up'),
    () => t('Images read a variable ending in _FILE (POSTGRES_PASSWORD_FILE, MYSQL_ROOT_PASSWORD_FILE) as the path of a file holding the value. Compose mounts a service\'s secret at /run/secrets/<name>, or at the target given, so the secret\'s name alone is a path the program does not find: the container stops, or starts without the value. The other way round, a path such as /run/secrets/db_password given to the variable without _FILE (POSTGRES_PASSWORD) is taken as the value itself: the password becomes that text.')),
  rule('compose-missing-image', 'error', () => t('Service without image or build'),
    () => t('Every service needs something to run: an "image", or a "build" that makes one. It may come from a file combined with this one or from the service it extends; without either, compose refuses the file ("has neither an image nor a build context specified").')),
  rule('compose-extends-cycle', 'error', () => t('Extends cycle'),
    () => t('A service extends itself, directly or through other services (in this file or others named with "extends.file"). Compose cannot work out its definition and refuses the file. The message shows the chain; break it at one link.')),
  rule('compose-name-like-option', 'error', () => t('Name read as an option'),
    () => t('A service name is passed to the compose CLI as an argument ("docker compose up NAME"). A name that starts with "-" is read as an option there, so the service cannot be named on the command line. Start the name with a letter or digit. (Profiles may start with "-": they follow --profile, which takes the next word as its value.)')),
  rule('compose-swarm-ignored', 'information', () => t('Ignored by Swarm'),
    () => t('In a file deployed as a Swarm stack (docker stack deploy), this service key is accepted but not applied: Swarm services have no such setting, or Swarm does it another way (the message says which). Shown only for files used as stacks: the ones deployed from Docker Workbench, and files named like docker-stack.yml.')),
  rule('compose-swarm-unsupported', 'information', () => t('Refused by docker stack deploy'),
    () => t('docker stack deploy reads compose file format 3, not the whole Compose Specification: keys added since (profiles, cpus, mem_limit, platform, pull_policy, a top-level name…) make it refuse the file. Shown only for files used as stacks.')),
  rule('compose-swarm-no-image', 'information', () => t('Stack service without an image'),
    () => t('docker stack deploy does not build images: each service of a stack needs an "image" that every node can pull (push it to a registry first). Shown only for files used as stacks.')),
  rule('compose-swarm-only', 'hint', () => t('Only Swarm honours this'),
    () => t('docker stack deploy applies the whole deploy section; docker compose up applies only replicas, resources and restart_policy and ignores deploy.mode, placement, update_config, rollback_config, endpoint_mode and labels. Shown only for files used as stacks.')),
];

export const COMPOSE_RULES: ReadonlyMap<string, ComposeRule> = new Map(list.map((r) => [r.id, r]));

export function composeRule(id: string): ComposeRule | undefined {
  return COMPOSE_RULES.get(id);
}
