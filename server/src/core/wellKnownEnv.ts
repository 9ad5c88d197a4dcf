// Environment variables that tools read by their exact name. A name one or two letters away from
// one of them (PYTHONUNBUFFRED, GO111MODULES, DEBIAN_FRONTENT) is read by nothing: the setting the
// author meant silently does not apply. Shared by the Dockerfile rule and the compose check.
import { editDistance, swapped } from './dockerfile/validation/rules/suggest';

/** Who reads each name, for the message. Only names whose reader is a tool, never the app's own code. */
const READERS: Array<[reader: string, names: string]> = [
  ['Python', 'PYTHONPATH PYTHONUNBUFFERED PYTHONDONTWRITEBYTECODE PYTHONHASHSEED PYTHONFAULTHANDLER PYTHONIOENCODING PYTHONOPTIMIZE PYTHONWARNINGS PYTHONUTF8'],
  ['pip', 'PIP_NO_CACHE_DIR PIP_DISABLE_PIP_VERSION_CHECK PIP_DEFAULT_TIMEOUT PIP_EXTRA_INDEX_URL PIP_ROOT_USER_ACTION PIP_BREAK_SYSTEM_PACKAGES PIP_NO_COMPILE PIP_PREFER_BINARY PIP_INDEX_URL PIP_TRUSTED_HOST'],
  ['Poetry', 'POETRY_VIRTUALENVS_CREATE POETRY_VIRTUALENVS_IN_PROJECT POETRY_NO_INTERACTION POETRY_CACHE_DIR POETRY_VIRTUALENVS_PATH'],
  ['uv', 'UV_COMPILE_BYTECODE UV_PYTHON_DOWNLOADS UV_SYSTEM_PYTHON UV_PROJECT_ENVIRONMENT UV_PYTHON_PREFERENCE UV_LINK_MODE'],
  ['Django', 'DJANGO_SETTINGS_MODULE'],
  ['apt', 'DEBIAN_FRONTEND DEBCONF_NONINTERACTIVE_SEEN'],
  ['Node.js', 'NODE_OPTIONS NODE_EXTRA_CA_CERTS'],
  ['npm', 'NPM_CONFIG_LOGLEVEL NPM_CONFIG_PREFIX NPM_CONFIG_UPDATE_NOTIFIER'],
  ['Next.js', 'NEXT_TELEMETRY_DISABLED'],
  // Other frameworks' own opt-outs, one letter from Next.js's (round 38: NUXT_TELEMETRY_DISABLED).
  ['Nuxt', 'NUXT_TELEMETRY_DISABLED'],
  ['Astro', 'ASTRO_TELEMETRY_DISABLED'],
  ['Gatsby', 'GATSBY_TELEMETRY_DISABLED'],
  ['Turborepo', 'TURBO_TELEMETRY_DISABLED'],
  ['Go', 'GO111MODULE CGO_ENABLED GOMODCACHE GOTOOLCHAIN GONOSUMDB GOPRIVATE GOINSECURE'],
  ['.NET', 'DOTNET_CLI_TELEMETRY_OPTOUT DOTNET_RUNNING_IN_CONTAINER DOTNET_SKIP_FIRST_TIME_EXPERIENCE DOTNET_SYSTEM_GLOBALIZATION_INVARIANT DOTNET_USE_POLLING_FILE_WATCHER DOTNET_GCHEAPHARDLIMIT'],
  ['ASP.NET Core', 'ASPNETCORE_URLS ASPNETCORE_ENVIRONMENT ASPNETCORE_HTTP_PORTS ASPNETCORE_HTTPS_PORTS ASPNETCORE_HTTPS_PORT ASPNETCORE_FORWARDEDHEADERS_ENABLED DOTNET_ENVIRONMENT DOTNET_URLS'],
  ['Rails', 'RAILS_LOG_TO_STDOUT RAILS_SERVE_STATIC_FILES RAILS_MASTER_KEY'],
  ['Bundler', 'BUNDLE_WITHOUT BUNDLE_DEPLOYMENT BUNDLE_APP_CONFIG BUNDLE_FROZEN BUNDLE_JOBS BUNDLE_RETRY BUNDLE_WITH BUNDLE_PATH BUNDLE_GEMFILE BUNDLE_BIN'],
  ['Composer', 'COMPOSER_ALLOW_SUPERUSER COMPOSER_NO_INTERACTION COMPOSER_MEMORY_LIMIT'],
  ['ld.so', 'LD_LIBRARY_PATH'],
  ['NVIDIA Container Toolkit', 'NVIDIA_VISIBLE_DEVICES NVIDIA_DRIVER_CAPABILITIES'],
  ['Spring Boot', 'SPRING_PROFILES_ACTIVE'],
  ['Java', 'JAVA_TOOL_OPTIONS'],
  ['Rust', 'RUST_BACKTRACE CARGO_NET_GIT_FETCH_WITH_CLI CARGO_REGISTRIES_CRATES_IO_PROTOCOL'],
];

/** Readers that match names whatever their case (npm's npm_config_*, .NET's configuration, Spring's relaxed binding). */
const CASE_BLIND = new Set(['npm', '.NET', 'ASP.NET Core', 'Spring Boot']);

const READER = new Map<string, string>();
for (const [reader, names] of READERS) for (const name of names.split(' ')) READER.set(name, reader);
const KNOWN = [...READER.keys()];

/**
 * The well-known name `name` misspells, with its reader; undefined when it is one, or is not close
 * to one. One letter off counts from 10 letters, two from 16 (shorter names have real neighbours:
 * GOOS, NODE_ENV); a swapped pair of letters counts as one.
 */
export function misspeltWellKnownEnv(name: string): { meant: string; reader: string } | undefined {
  if (name.length < 9 || name.length > 48 || READER.has(name)) return undefined;
  const upper = name.toUpperCase();
  for (const known of KNOWN) {
    if (Math.abs(known.length - name.length) > 2 || known.length < 10) continue;
    const limit = known.length >= 16 ? 2 : 1;
    if (upper === known && CASE_BLIND.has(READER.get(known)!)) return undefined;
    // Spring Boot also binds the property's own name from the environment (spring.profiles.active:
    // its DefaultPropertyMapper beside the SYSTEM_ENVIRONMENT one; round 27).
    if (READER.get(known) === 'Spring Boot' && upper.replace(/[.-]/g, '_') === known) return undefined;
    if (upper === known || swapped(upper, known) || editDistance(upper, known, limit) <= limit) {
      return { meant: known, reader: READER.get(known)! };
    }
  }
  return undefined;
}

