// Our own explanations for the keys learners meet first, shown under the schema's description
// in hovers and completion documentation. Keyed by the key's path pattern (`*` = any name).
import { t } from '../../l10n';
import type { PathSegment } from '../schema/schemaMessages';

const EXPLANATIONS: [pattern: string, text: () => string][] = [
  ['services', () => t('Each entry is one service: a container (or several replicas) started from an image or built from a Dockerfile. The entry\'s name is also the host name other services use to reach it on the project\'s network.')],
  ['services.*.image', () => t('The image to start, as `name[:tag]` or `name@digest`, e.g. `nginx:1.27` or `ghcr.io/org/app:2`. Without a tag, `latest` is used, which can change under you; pin a tag. With `build` as well, the built image gets this name.')],
  ['services.*.build', () => t('Build the service\'s image from a Dockerfile instead of (or as well as) pulling it. The short form is the folder to build from (`build: ./app`); the long form adds `dockerfile`, `target` (a stage), `args` and more. `docker compose up --build` rebuilds.')],
  ['services.*.ports', () => t('Publishes container ports on the host, written `HOST:CONTAINER` (e.g. `"8080:80"`: the host\'s port 8080 reaches the container\'s port 80). Add an address to limit who can connect (`"127.0.0.1:8080:80"`) and `/udp` for UDP. Quote mappings so YAML reads them as text. Other services do not need published ports: they reach this one at `service-name:CONTAINER_PORT`.')],
  ['services.*.volumes', () => t('Mounts storage into the container as `SOURCE:TARGET[:ro]`. A source starting with `./` or `/` is a host folder (a bind mount, handy for code during development); a plain name is a named volume that compose manages and keeps between runs (declare it under the top-level `volumes`). Add `:ro` for read-only.')],
  ['services.*.depends_on', () => t('Starts the listed services first and stops them last. By default it only waits for them to start, not to be ready: use the long form with `condition: service_healthy` (and a `healthcheck` on the other service) to wait until it is ready to accept connections.')],
  ['services.*.environment', () => t('Environment variables for the container, as a mapping (`KEY: value`) or a list (`- KEY=value`). A name without a value is passed through from the shell that runs compose. `${VAR}` in values is replaced by compose from the shell or the `.env` file first; write `$$` for a literal `$`.')],
  ['services.*.env_file', () => t('Reads environment variables for the container from files of `KEY=value` lines. This is not the `.env` file compose reads for `${VAR}` substitution in this file, although both can be the same file.')],
  ['services.*.networks', () => t('The networks the service joins. Without this key a service joins the project\'s `default` network, which is enough for services to reach each other by name. Use your own networks to keep groups of services apart.')],
  ['services.*.healthcheck', () => t('How the engine tests that the container works, e.g. `test: ["CMD", "curl", "-f", "http://localhost"]` every `interval`. Other services can wait for it with `depends_on` and `condition: service_healthy`.')],
  ['services.*.restart', () => t('When the engine restarts the container: `"no"` (never, the default), `always`, `on-failure` (after a non-zero exit) or `unless-stopped` (like always, but not after you stopped it).')],
  ['services.*.command', () => t('Replaces the image\'s default command (CMD). A string is split like a shell would, a list is passed as is; use `["sh", "-c", "…"]` when you need shell features such as `&&` or variables.')],
  ['services.*.container_name', () => t('A fixed name for the container instead of the generated `project-service-1`. It must be unique on the engine, so the service cannot be scaled beyond one container.')],
  ['volumes', () => t('Named volumes: storage managed by the engine that outlives containers. Declaring a name (an empty entry is enough) lets services mount it with `name:/path`.')],
  ['networks', () => t('Networks for services to join. Services on the same network reach each other by service name.')],
];

function matches(pattern: string, path: readonly PathSegment[]): boolean {
  const parts = pattern.split('.');
  if (parts.length !== path.length) return false;
  return parts.every((p, i) => p === '*' || p === path[i]);
}

/** Our explanation for the key at `path`, if there is one. */
export function explanationFor(path: readonly PathSegment[]): string | undefined {
  const found = EXPLANATIONS.find(([pattern]) => matches(pattern, path));
  return found?.[1]();
}
