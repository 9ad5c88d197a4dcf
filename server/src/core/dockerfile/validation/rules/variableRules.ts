// Rules about ARG and ENV variables: used before defined, self-references, secrets.
import { t } from '../../../l10n';
import { PREDEFINED_ARGS } from '../../analysis/variableScope';
import { keyValuesOf } from '../../syntax/words';
import { scanVariables } from '../../analysis/variables';
import type { VariableDef, VariableUse } from '../../analysis/variableScope';
import { closest, editDistance } from './suggest';
import { rule, type RuleContext } from './rule';
import { defsIn, usesIn } from './scope';
import { stageUse } from '../../analysis/stageUse';
import { composeRuns } from '../../analysis/buildContext';
import { OFFICIAL_IMAGES } from '../../../officialImages';
import { describeSecret, findSecretTokens } from '../../../secretTokens';
import type { Instruction, Stage } from '../../syntax/ast';

/** Variables base images commonly set; a "did you mean" for these would be wrong. */
const COMMON_ENV = new Set(['PATH', 'HOME', 'USER', 'HOSTNAME', 'LANG', 'LC_ALL', 'LANGUAGE', 'TERM', 'SHELL', 'PWD', 'TZ', 'LD_LIBRARY_PATH', 'JAVA_HOME', 'GOPATH', 'GOROOT', 'PYTHONPATH', 'NODE_VERSION', 'YARN_VERSION', 'PYTHON_VERSION', 'GOLANG_VERSION', 'RUBY_VERSION', 'GEM_HOME', 'BUNDLE_APP_CONFIG', 'PHP_INI_DIR', 'CATALINA_HOME', 'MAVEN_HOME', 'NGINX_VERSION', 'DEBIAN_FRONTEND']);

/**
 * The environment some official images set, beyond COMMON_ENV, by repository name: a global ARG of
 * that name (ARG PG_MAJOR=16 for FROM postgres:$PG_MAJOR) reads the image's value in the stage's RUN
 * and COPY lines (round 9: patroni).
 */
const IMAGE_ENV: Record<string, readonly string[]> = {
  postgres: ['PG_MAJOR', 'PG_VERSION', 'PGDATA'], postgis: ['PG_MAJOR', 'PG_VERSION', 'PGDATA', 'POSTGIS_MAJOR', 'POSTGIS_VERSION'],
  mysql: ['MYSQL_MAJOR', 'MYSQL_VERSION'], mariadb: ['MARIADB_VERSION'], mongo: ['MONGO_MAJOR', 'MONGO_VERSION'], redis: ['REDIS_VERSION'],
  ruby: ['RUBY_MAJOR', 'RUBY_VERSION'], php: ['PHP_VERSION', 'PHP_INI_DIR'], golang: ['GOLANG_VERSION', 'GOTOOLCHAIN'],
  rust: ['RUST_VERSION', 'CARGO_HOME', 'RUSTUP_HOME'], httpd: ['HTTPD_VERSION', 'HTTPD_PREFIX'], tomcat: ['TOMCAT_MAJOR', 'TOMCAT_VERSION'],
  'eclipse-temurin': ['JAVA_VERSION'], openjdk: ['JAVA_VERSION'], gradle: ['GRADLE_VERSION', 'GRADLE_HOME'], elixir: ['ELIXIR_VERSION'],
  erlang: ['OTP_VERSION'], haproxy: ['HAPROXY_VERSION'], rabbitmq: ['RABBITMQ_VERSION'], memcached: ['MEMCACHED_VERSION'],
};

/** Whether the stage's base image sets the variable, by the names such images commonly set or this image's own. */
function setByImage(ctx: RuleContext, stageIndex: number, name: string): boolean {
  if (COMMON_ENV.has(name)) return true;
  const stage = ctx.a.doc.stages[stageIndex];
  if (!stage) return false;
  const image = ctx.a.rootImage(stage).replace(/[@:][^/]*$/, '');
  return IMAGE_ENV[image.slice(image.lastIndexOf('/') + 1)]?.includes(name) ?? false;
}

/** Each name's last ARG or ENV in a stage, by instruction index: read once per stage and check. */
function declarationsOf(ctx: RuleContext, instructions: readonly Instruction[]): Map<string, Instruction> {
  const out = new Map<string, Instruction>();
  for (const i of instructions) {
    if (i.upper === 'ARG' || i.upper === 'ENV') for (const p of keyValuesOf(i, ctx.a.doc.escape)) out.set(p.key.value, i);
  }
  return out;
}

/** The automatic platform ARGs, which BuildKit defines in the global scope only. */
const PLATFORM_ARGS = new Set(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);

/** Whether a stage this one is built FROM declares the ARG: a stage inherits its parent stages' ARGs. */
function declaredUpChain(ctx: RuleContext, stageIndex: number, name: string): boolean {
  const stage = ctx.a.doc.stages[stageIndex];
  if (!stage) return false;
  for (const s of ctx.a.chainOf(stage)) {
    if (s !== stage && s.instructions.some((i) => i.upper === 'ARG' && keyValuesOf(i, ctx.a.doc.escape).some((p) => p.key.value === name))) return true;
  }
  return false;
}

export const undefinedVariable = rule({
  id: 'undefined-variable', severity: 'warning', buildkit: 'UndefinedVar', hadolint: ['SC2154'],
  explain: () => [
    t('BuildKit expands $VAR in instructions such as COPY, ENV, WORKDIR and USER from the ARG and ENV instructions above them in the same stage (and the base image\'s environment). An unknown variable silently becomes an empty string.'),
    t('Remember that an ARG declared before FROM must be declared again (ARG NAME) inside a stage to be used there. So must the platform arguments BuildKit sets (TARGETARCH, TARGETOS, TARGETPLATFORM, BUILDPLATFORM...): without ARG TARGETARCH in the stage, $TARGETARCH is empty in its RUN and COPY lines.'),
    t('Inside RUN the shell expands variables, so there only two cases are reported: a global ARG the stage does not declare again (the RUN does not get it; names base images commonly set, such as NODE_VERSION, are left alone), and a name that nothing defines, a typo away from a visible ARG or ENV (${VERSON} when VERSION is declared).'),
  ],
}, (ctx) => {
  const a = ctx.a;
  const globalNames = a.variables.unit(-1).defs.map((d) => d.name);
  const passedOn = new Map<number, VariableUse[]>();
  const declarations = new Map<number, Map<string, Instruction>>();
  for (const use of usesIn(ctx)) {
    // The platform ARGs are set for FROM lines; a stage gets them only by declaring them again.
    if (!use.def && use.scope >= 0 && PLATFORM_ARGS.has(use.ref.name) && use.instruction.upper !== 'FROM' && !use.instruction.trigger && !declaredUpChain(ctx, use.scope, use.ref.name)) {
      ctx.report(use.ref.span, t('{0} is set for the FROM lines only: this stage gets it by declaring ARG {0}; without that, it is empty here.', use.ref.name), { data: { declareArg: use.ref.name } });
      continue;
    }
    // BuildKit gives every Linux stage a default PATH, even one FROM scratch.
    if (use.def || use.scope < 0 || !use.ref.name || PREDEFINED_ARGS.has(use.ref.name) || use.ref.name === 'PATH') continue;
    // ${2NAME}: no name starts with a digit, so BuildKit stops there (unsupported-modifier says so).
    if (/^\$\{?\d/.test(a.text.slice(use.ref.span.start, use.ref.span.end))) continue;
    const m = use.ref.modifier;
    if (m === '-' || m === ':-' || m === '+' || m === ':+') continue;
    const stage = a.doc.stages[use.scope];
    if (!stage) continue;
    // LABEL version=${APP_VERSION} above ARG APP_VERSION (round 68): the stage means a build
    // argument or its own variable, and declares it only after this use, so here it is empty
    // (unless the base image sets it: RUN echo $JAVA_HOME above an ENV JAVA_HOME of its own).
    // (A use nothing defines has no declaration above it: one in the stage is further down.)
    if ((use.instruction.trigger ?? use.instruction).upper === 'RUN' || !use.inShell) {
      let declared = declarations.get(use.scope);
      if (!declared) declarations.set(use.scope, (declared = declarationsOf(ctx, stage.instructions)));
      const later = declared.get(use.ref.name);
      if (later && later.index > use.instruction.index && !setByImage(ctx, use.scope, use.ref.name)) {
        ctx.report(use.ref.span, t('{0} is declared by {1} further down this stage, so here, above it, it is not defined yet and expands to an empty string. Move the {1} above this line.', use.ref.name, later.upper));
        continue;
      }
    }
    if (use.inShell) {
      // CMD, ENTRYPOINT and HEALTHCHECK run when the container starts, with its environment: what
      // docker run -e or compose's environment gives is there, and no build argument is (round 25:
      // a shell-form CMD waiting on $POSTGRES_HOSTNAME, which compose sets).
      if ((use.instruction.trigger ?? use.instruction).upper !== 'RUN') continue;
      if (globalNames.includes(use.ref.name) && globalInShell(ctx, use)) {
        ctx.report(use.ref.span, t('{0} is a global ARG, which this RUN does not get: declare it again in this stage with ARG {0}, or the shell expands it to nothing.', use.ref.name), { data: { declareArg: use.ref.name } });
        continue;
      }
      const suggestion = shellTypo(ctx, use);
      if (suggestion) ctx.report(use.ref.span, t('{0} is not defined. Did you mean {1}?', use.ref.name, suggestion), { data: { replacement: suggestion, span: use.ref.nameSpan } });
      continue;
    }
    const visibleDefs = a.variables.visibleAt(use.instruction);
    const visible = [...visibleDefs.keys()];
    // ENV DB_PORT=${DB_PORT} passes the name on as it is: no slip for another name (round 44: "did you mean DB_HOST").
    const self = selfAssigned(ctx, use);
    const suggestion = self ? undefined : closest(use.ref.name, visible) ?? argPassedOn(ctx, use, visibleDefs);
    const fromScratch = a.rootImage(stage) === 'scratch';
    // A name base images commonly set (RUBY_VERSION on ruby's): the image's value, as in RUN.
    if (globalNames.includes(use.ref.name) && (fromScratch || !setByImage(ctx, use.scope, use.ref.name))) {
      ctx.report(use.ref.span, t('{0} is a global ARG; declare it again in this stage with ARG {0} to use it here.', use.ref.name), { data: { declareArg: use.ref.name } });
    } else if (suggestion && (fromScratch || !COMMON_ENV.has(use.ref.name))) {
      ctx.report(use.ref.span, t('{0} is not defined. Did you mean {1}?', use.ref.name, suggestion), { data: { replacement: suggestion, span: use.ref.nameSpan } });
    } else if (fromScratch) {
      ctx.report(use.ref.span, t('{0} is not defined by any ARG or ENV above, so it expands to an empty string.', use.ref.name));
    } else if (self && onOfficialImage(ctx, stage) && !setByImage(ctx, use.scope, use.ref.name)) {
      passedOn.set(use.scope, [...(passedOn.get(use.scope) ?? []), use]);
    }
  }
  // ENV ASANA_ACCESS_TOKEN=${ASANA_ACCESS_TOKEN} with no ARG (round 39): written to pass a value on,
  // it passes nothing, as neither --build-arg nor the host's environment reaches ENV. The container's
  // own environment (compose's environment:) may still set it at run time: information, once a stage.
  for (const [first, ...more] of passedOn.values()) {
    const name = first!.ref.name;
    ctx.report(first!.ref.span, more.length === 0
      ? t('{0} is not defined by any ARG or ENV above: ENV {0}={1} passes nothing on, as neither docker build --build-arg nor the host\'s environment reaches ENV without ARG {0}, so the image sets it to an empty string. Declare ARG {0} above it to take a build argument, or leave it to the container\'s environment at run time.', name, `\${${name}}`)
      : t('{0} and {1} more names this stage sets to themselves (ENV {0}={2}) are not defined by any ARG or ENV above: they pass nothing on, as neither docker build --build-arg nor the host\'s environment reaches ENV without an ARG, so the image sets them to empty strings. Declare an ARG for each above them to take build arguments, or leave them to the container\'s environment at run time.', name, String(more.length), `\${${name}}`),
    { severity: 'information', data: { declareArg: name } });
  }
});

/**
 * ENV NAME=$OTHER where the stage declares ARG NAME and nothing defines OTHER, a name that holds
 * NAME or is held in it: written to pass the build argument on, with a slip (round 43:
 * ARG DATABASE_URL, ENV DATABASE_URL=$DATABASE_URL_URL). NAME is what was meant.
 */
function argPassedOn(ctx: RuleContext, use: VariableUse, visible: ReadonlyMap<string, VariableDef>): string | undefined {
  if (use.instruction.upper !== 'ENV') return undefined;
  const name = use.ref.name;
  const pair = keyValuesOf(use.instruction, ctx.a.doc.escape).find((p) => p.value !== undefined && p.value.span.start <= use.ref.span.start && use.ref.span.end <= p.value.span.end);
  const key = pair?.key.value;
  if (!key || key === name || key.length < 4 || !(name.includes(key) || key.includes(name))) return undefined;
  return visible.get(key)?.kind === 'ARG' ? key : undefined;
}

/** Whether the use is the value of an ENV that sets the same name (ENV NAME=$NAME, ENV NAME=${NAME}). */
function selfAssigned(ctx: RuleContext, use: VariableUse): boolean {
  if (use.instruction.upper !== 'ENV') return false;
  return keyValuesOf(use.instruction, ctx.a.doc.escape).some((p) => p.key.value === use.ref.name && p.value !== undefined && p.value.span.start <= use.ref.span.start && use.ref.span.end <= p.value.span.end);
}

/** Whether the stage is built on an official image, whose environment is known not to hold a project's names. */
function onOfficialImage(ctx: RuleContext, stage: Stage): boolean {
  const image = ctx.a.rootImage(stage).replace(/[@:][^/]*$/, '').replace(/^(docker\.io\/)?(library\/)?/, '');
  return OFFICIAL_IMAGES.has(image);
}

/** Whether the script itself sets the variable (assignment, for, read, export, a sourced file...). */
function setInScript(text: string, name: string): boolean {
  if (/(^|[\s;&|(])(\.|source|eval)\s/.test(text)) return true;
  const n = name.replace(/[^A-Za-z0-9_]/g, '');
  return new RegExp(`(^|[^A-Za-z0-9_$])${n}(\\[[^\\]]*\\])?\\+?=|\\b(for|read|export|local|declare|typeset|readonly|getopts|select)\\b[^;&|\\n]*\\b${n}\\b`).test(text);
}

/** RUN --mount=type=secret,env=NAME defines NAME for the script, as does the script itself. */
function definedForScript(ctx: RuleContext, use: VariableUse): boolean {
  const target = use.instruction.trigger ?? use.instruction;
  if (target.flags.some((f) => f.name === 'mount' && new RegExp(`(^|,)env=${use.ref.name}(,|$)`).test(f.value ?? ''))) return true;
  return setInScript(ctx.a.shell(use.instruction)?.source.text ?? target.argText, use.ref.name);
}

/**
 * A global ARG used in a RUN of a stage that does not declare it again: build arguments reach a
 * RUN's environment only through the stage's own ARG, so the shell sees nothing (or, for the
 * names base images commonly set, such as NODE_VERSION, the image's value: not reported).
 */
function globalInShell(ctx: RuleContext, use: VariableUse): boolean {
  if (setByImage(ctx, use.scope, use.ref.name) || ctx.a.shellKind(use.instruction) === 'other') return false;
  return !definedForScript(ctx, use);
}

/**
 * A $NAME in a RUN script that nothing defines, a typo away from an ARG or ENV that is visible
 * there (${VERSON} for VERSION): the shell expands it to nothing, silently.
 */
function shellTypo(ctx: RuleContext, use: VariableUse): string | undefined {
  const name = use.ref.name;
  // PowerShell and cmd have variables of their own ($newPath, %PATH%).
  if (COMMON_ENV.has(name) || !/[A-Z]/.test(name) || name.length < 4 || ctx.a.shellKind(use.instruction) === 'other') return undefined;
  // One letter away only: the base image's own ENV (PKG_RELEASE beside NJS_RELEASE) is unknown
  // here, and a name further off is more likely one of those than a typo.
  const suggestion = [...ctx.a.variables.visibleAt(use.instruction).keys()].find((v) => v !== name && editDistance(name.toLowerCase(), v.toLowerCase(), 1) <= 1);
  if (!suggestion) return undefined;
  return definedForScript(ctx, use) ? undefined : suggestion;
}

/** Variables every Windows image defines (compared in lower case: Windows names ignore case). */
const WINDOWS_ENV = new Set(['programfiles', 'programfiles(x86)', 'programdata', 'systemroot', 'windir', 'systemdrive', 'userprofile', 'appdata', 'localappdata', 'public', 'allusersprofile', 'comspec', 'temp', 'tmp']);

export const envSelfReference = rule({
  id: 'env-self-reference', reach: 'instruction', severity: 'warning', hadolint: ['DL3044'],
  explain: () => [t('All values on one ENV line are expanded with the environment from before that line. A value that refers to a key set earlier on the same line gets the old value (often empty), not the new one. Split it into two ENV instructions.')],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    if (i.upper !== 'ENV') continue;
    const pairs = keyValuesOf(i, ctx.a.doc.escape);
    const earlier = new Set<string>();
    const stage = ctx.a.doc.stages[i.stage];
    const windows = stage !== undefined && ctx.a.family(stage) === 'windows';
    for (const pair of pairs) {
      if (pair.value) {
        for (const ref of scanVariables(pair.value.raw, 0, { logical: [0], doc: [pair.value.span.start] }, ctx.a.doc.escape)) {
          // Windows defines ProgramFiles and the like in every image: setting it to the same path
          // and using it on one line gets that value, as meant.
          if (earlier.has(ref.name) && !(windows && WINDOWS_ENV.has(ref.name.toLowerCase()))) ctx.report(ref.span, t('{0} is set on this same ENV line; here it still has its previous value.', ref.name));
        }
      }
      // KEY=$KEY (an ARG passed on to the environment) leaves the value as it was: using it on the line is the same.
      if (!sameValue(pair.key.value, pair.value?.raw)) earlier.add(pair.key.value);
    }
  }
});

/** Whether a value is only a reference to the key it is set to ($KEY, ${KEY}, in double quotes or none; single quotes keep it literal). */
function sameValue(key: string, raw: string | undefined): boolean {
  const text = raw !== undefined && raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return text === `$${key}` || text === `\${${key}}`;
}

// The words that make a variable name look like a secret, and those that make it name something
// about one instead (PASSWORD_FILE, KEY_ID). Looked up word by word rather than with two
// case-insensitive regular expressions of ~30 alternatives each: V8 compiles those on their first
// use in every server process, 1-3 ms of a small Dockerfile's first check.
const SECRET_WORDS = new Set(['APIKEY', 'AUTH', 'CREDENTIAL', 'CREDENTIALS', 'KEY', 'PASSWORD', 'PASSWD', 'PWORD', 'PASS', 'PASSPHRASE', 'SECRET', 'TOKEN', 'PAT']);
const NOT_SECRET_WORDS = new Set([
  'PUBLIC', 'FILE', 'PATH', 'DIR', 'URL', 'URI', 'ID', 'NAME', 'VERSION', 'GPG', 'FINGERPRINT', 'SERVER', 'HOST', 'PORT', 'TYPE',
  'FORMAT', 'LENGTH', 'SIZE', 'ALGORITHM', 'ALGO', 'SHA256', 'SHA', 'CHECKSUM', 'REGION', 'USER', 'USERNAME', 'KEYRING', 'KEYS',
  // Where a secret is kept (round 18: LDAP_TLS_KEY_FILENAME=ldap.key), how it is checked or how long
  // it lasts, not the secret (round 17: AUTH_SOURCE="admin", MongoDB's auth database).
  'FILENAME', 'FILEPATH', 'FILES', 'FOLDER', 'LOCATION',
  'SOURCE', 'MECHANISM', 'METHOD', 'MODE', 'PROVIDER', 'STRATEGY', 'SCHEME', 'PLUGIN', 'ISSUER', 'REALM', 'ENDPOINT', 'TIMEOUT', 'TTL', 'EXPIRY', 'EXPIRATION', 'LIFETIME',
  // A switch about a key, not one (round 25: APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE=DontWarn, apt-key's).
  'WARN', 'DONT', 'SKIP', 'DISABLE', 'DISABLED', 'ENABLE', 'ENABLED', 'VERIFY', 'REQUIRED',
  // A debugger's session name (round 43: XDEBUG_IDE_KEY=DOCKER, which the IDE filters on).
  'IDE', 'XDEBUG',
]);
/** Words that, beside AUTH alone, name where authentication happens (AUTH_DB=admin), though DB_PASSWORD is a secret. */
const AUTH_PLACE_WORDS = new Set(['DB', 'DATABASE', 'DOMAIN']);

const isCapital = (c: number) => c >= 65 && c <= 90;
const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * The name's words, upper-cased: split at underscores and where a lower-case letter or digit meets
 * a capital (apiKey: API, KEY). A word with a character outside ASCII is left as it is (it can
 * equal no listed word, as in a case-insensitive match without the u flag).
 */
function nameWords(name: string): string[] {
  const words: string[] = [];
  let start = 0;
  let ascii = true;
  const end = (k: number) => {
    const word = name.slice(start, k);
    words.push(ascii ? word.toUpperCase() : word);
    ascii = true;
  };
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c === 95) {
      end(k);
      start = k + 1;
      continue;
    }
    if (k > start && isCapital(c) && isLowerOrDigit(name.charCodeAt(k - 1))) {
      end(k);
      start = k;
    }
    if (c > 127) ascii = false;
  }
  end(name.length);
  return words;
}

export function looksSecret(name: string): boolean {
  const words = nameWords(name);
  if (!words.some((w) => SECRET_WORDS.has(w)) || words.some((w) => NOT_SECRET_WORDS.has(w))) return false;
  return !(words.some((w) => AUTH_PLACE_WORDS.has(w)) && words.every((w) => w === 'AUTH' || !SECRET_WORDS.has(w)));
}

/** One or more OpenPGP key ids or fingerprints (16 or 40 hex digits), as release keys are given. */
const FINGERPRINTS = /^\s*(?:(?:0x)?[0-9A-Fa-f]{16}(?:[0-9A-Fa-f]{24})?[\s,]*)+$/;
/** Whether every variable an ENV's value refers to is declared nowhere before it (so the build gives it nothing). */
function emptyReferences(ctx: RuleContext, def: VariableDef): boolean {
  const refs = valueUses(ctx, def);
  return refs.length > 0 && refs.every((u) => !u.def && !PREDEFINED_ARGS.has(u.ref.name));
}

/** The variable uses in a definition's value. */
function valueUses(ctx: RuleContext, def: VariableDef): VariableUse[] {
  const span = def.valueSpan;
  return span ? ctx.a.variables.usesIn(def.instruction).filter((u) => u.ref.span.start >= span.start && u.ref.span.end <= span.end) : [];
}

/** A name whose only secret word is KEY (a token or password of 40 hex digits is still a secret). */
function namesKeyOnly(name: string): boolean {
  const words = nameWords(name);
  return words.includes('KEY') && !words.some((w) => w !== 'KEY' && SECRET_WORDS.has(w));
}
/** Commands that take public keys: fetching, importing or checking a signature with them. */
const GPG_COMMAND = /(^|[\s;&|(])(gpg2?|gpgv|apt-key|pacman-key)\s|--recv-keys?\b|--receive-keys\b/;

/** A variable reference in a value ($NAME, ${NAME}); a $ before anything else ($@ in a generated secret) is a character of the value. */
const REFERENCE = /\$(\{|[A-Za-z_])/;

/** An ENV value that is one variable, whole: ENV TOKEN=$TOKEN, ENV TOKEN="${TOKEN}". */
const PASS_THROUGH = /^["']?\$\{?\w+\}?["']?$/;

/** Variables a front-end build puts into the page, which every visitor can read. */
const PUBLIC_PREFIX = /^(VITE_|NEXT_PUBLIC_|REACT_APP_|NUXT_PUBLIC_|EXPO_PUBLIC_|GATSBY_|PUBLIC_|VUE_APP_)/;
/** Names of a switch or setting about a secret rather than the secret itself. */
const SWITCH_NAME = /_(ENABLED|DISABLED|ENABLE|DISABLE|REQUIRED)$/;
/**
 * Keys public by design (analytics write keys, publishable and site keys, which pages carry), and
 * nginx's *_pass directives, which name an upstream (DD_UWSGI_PASS=uwsgi_server): round 10.
 */
const PUBLIC_NAME = /(SEGMENT(_\w+)?_WRITE_KEY|PUBLISHABLE_KEY|SITE_KEY|MIXPANEL(_PROJECT)?_TOKEN|POSTHOG(_PROJECT)?(_API)?_KEY|AMPLITUDE(_API)?_KEY|(UWSGI|PROXY|FASTCGI|GRPC|SCGI|MEMCACHED)_PASS)$|^GOOGLE_APPLICATION_CREDENTIALS$/;

export const secretInArgEnv = rule({
  id: 'secret-in-arg-env', severity: 'warning', hadolint: ['DL3064'], buildkit: 'SecretsUsedInArgOrEnv',
  explain: () => [
    t('ARG and ENV values are stored in the image: anyone who can pull it can read them with docker history or docker inspect, even if a later step deletes the variable.'),
    t('Pass secrets with a build secret instead: RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci, built with docker build --secret id=npm_token,env=NPM_TOKEN.'),
    t('A secret the running container needs (a database password) is given when it starts: docker run -e, or compose\'s environment or secrets. A default password baked in with ENV is the same for everyone who pulls the image.'),
  ],
}, (ctx) => {
  let keyNames: Set<string> | undefined;
  const defs = defsIn(ctx);
  // An ARG an ENV of a secret's name passes on whole (ARG KEY, ENV KEY=$KEY) is told once, on the
  // ENV, which keeps the value in the image (round 29: both told, the ARG judged a duplicate).
  let carried: Set<VariableDef> | undefined;
  const passedOn = (def: VariableDef): VariableDef | undefined => {
    if (def.kind !== 'ENV' || !PASS_THROUGH.test(def.raw ?? '')) return undefined;
    const refs = valueUses(ctx, def);
    const arg = refs.length === 1 && refs[0]!.def?.kind === 'ARG' ? refs[0]!.def : undefined;
    return arg?.imports ?? arg;
  };
  // Where compose builds the image, an ARG's default that no service passes another value for is
  // the value: written in the Dockerfile, as public as its text (round 29: a template's
  // DJANGO_SUPERUSER_PASSWORD=admin, set for real at run time).
  let runs: ReturnType<typeof composeRuns> | null | undefined;
  const writtenDefault = (arg: VariableDef | undefined): boolean => {
    if (arg?.kind !== 'ARG' || arg.raw === undefined || REFERENCE.test(arg.raw)) return false;
    if (runs === undefined) runs = composeRuns(ctx.uri, ctx.files) ?? null;
    return runs !== null && runs.buildArgs !== 'any' && !runs.buildArgs.has(arg.name);
  };
  for (const def of defs) {
    if (def.imports || !looksSecret(def.name)) continue;
    if (def.kind === 'ARG') {
      if (!carried) {
        carried = new Set();
        for (const other of defs) {
          const arg = looksSecret(other.name) ? passedOn(other) : undefined;
          if (arg) carried.add(arg);
        }
      }
      if (carried.has(def)) continue;
    }
    // A release key's fingerprint, or a name handed to gpg: public keys that verify downloads.
    if (namesKeyOnly(def.name) && FINGERPRINTS.test((def.value ?? def.raw ?? '').replace(/^["']|["']$/g, ''))) continue;
    keyNames ??= new Set(usesIn(ctx).filter((u) => GPG_COMMAND.test(u.instruction.argText)).map((u) => u.ref.name));
    if (keyNames.has(def.name)) continue;
    // Browser bundles' variables are public by design (Vite, Next.js, Create React App...); a
    // switch (GF_AUTH_BASIC_ENABLED=false) holds no secret.
    // (ENV COMPOSER_AUTH ${COMPOSER_AUTH} after ARG COMPOSER_AUTH=false holds the switch too: round 9.)
    if (PUBLIC_PREFIX.test(def.name) || SWITCH_NAME.test(def.name) || PUBLIC_NAME.test(def.name) || [def.raw, def.value].some((v) => v !== undefined && /^["']?(true|false|yes|no|on|off|0|1)["']?$/i.test(v))) continue;
    // A path to where the secret is mounted at run time (GOOGLE_APPLICATION_CREDENTIALS=/run/app/key.json, round 9).
    // (Also one built from variables: /home/${server_user}/pubsub_credentials, $HOME/secrets/db: round 29.)
    if (/^["']?(\/|~\/|\$\{?HOME\}?\/)[\w.@/${}-]*["']?$/.test(def.raw ?? '')) continue;
    // Or relative to the working directory, naming a key file (SECRET_KEY=config/jwt/private.pem: round 58).
    if (/^["']?(\.{1,2}\/)?[\w.@${}-]+(\/[\w.@${}-]+)+\.(pem|key|crt|cer|p12|pfx|jks|keystore|der|json|gpg|asc|pub)["']?$/i.test(def.raw ?? '')) continue;
    // ENV sa_password="_": a placeholder the container gets its real value for at run time.
    // (The legacy form's slip `ENV NAME = ''` sets the value to "= ": round 19.)
    const written = (def.value ?? def.raw ?? '').replace(/^\s*=\s*/, '').replace(/^["']+|["']+$/g, '').trim();
    if (def.kind === 'ENV' && /^(|[-_*x.<>]+|[*<]*(change[-_]?me|changeit|replace[-_]?me|your[-_][\w-]+|none|null|todo|secret|password|placeholder|dummy)[*>]*)$/i.test(written)) continue;
    // ENV pass pass, ENV bearer_token bearer_token: the name as its own placeholder (round 26).
    if (def.kind === 'ENV' && written.toLowerCase() === def.name.toLowerCase()) continue;
    // ENV HF_TOKEN=$HF_TOKEN with no ARG HF_TOKEN: the build sets it to nothing, so nothing leaks
    // (the container is meant to get the value at run time).
    if (def.kind === 'ENV' && def.valueSpan && /^["']?(\$\{?\w+\}?)+["']?$/.test(def.raw ?? '') && emptyReferences(ctx, def)) continue;
    // An ARG or ENV of a builder stage (not in the final image) stays in its layers and the build
    // cache, not in the history of the image people pull (rounds 9 and 10: langfuse's and
    // laravel.cm's builders). An ENV that writes the value itself is told as what it is: a secret
    // in the Dockerfile's own text.
    const finalImage = def.scope >= 0 ? stageUse(ctx.a).finalImage : undefined;
    if (finalImage && finalImage.size > 0 && !finalImage.has(def.scope)) {
      if (def.kind === 'ENV' && !/^["']?(\$\{?\w+\}?)+["']?$/.test(def.raw ?? '')) {
        ctx.report(def.nameSpan, t('{0} looks like a secret, and ENV keeps its value in this stage\'s layers: not in the final image, but in the build cache and any cache exported from it. Use a build secret (RUN --mount=type=secret).', def.name));
      }
      continue;
    }
    // A value of a form only real credentials have (ghp_..., sk-..., a private key; or GitHub's
    // older 40 hex digits under a GitHub token's name: round 82) is a live secret in the file's
    // own text, whoever reads it: a warning, not the information a default password is.
    const credential = findSecretTokens(written, 1)[0]?.kind ?? (/GITHUB|(^|_)GH_/i.test(def.name) && /^[0-9a-f]{40}$/.test(written) ? 'GitHub token' : undefined);
    if (credential) {
      ctx.report(def.nameSpan, t('{0} holds {1}, written into the Dockerfile: anyone who can read the file or pull the image has it. Revoke it, and give it when the container starts (docker run -e, compose secrets) or with a build secret.', def.name, describeSecret(credential)));
      continue;
    }
    // A value written in the Dockerfile itself is a default its readers have already, the same
    // for everyone who runs the image unless it is given at start (ENV MYSQL_ROOT_PASSWORD=root):
    // information. Rounds 7-15: all 8 such ENVs were judged not worth a warning; every true finding
    // was a value passed in at build time (ARG, or ENV NAME=$ARG).
    if (def.kind === 'ARG' && writtenDefault(def)) {
      ctx.report(def.nameSpan, t('{0} looks like a secret, and its value is the default written here, which no compose service that builds this image passes another value for: anyone who pulls the image can read it in its history (docker history). Pass a real secret with a build secret (RUN --mount=type=secret).', def.name), { severity: 'information' });
      continue;
    }
    if (def.kind === 'ENV' && def.raw !== undefined && !REFERENCE.test(def.raw) || writtenDefault(passedOn(def))) {
      ctx.report(def.nameSpan, t('{0} looks like a secret, and its value is written here: every container of the image starts with this same value unless it is given when the container starts (docker run -e, compose environment or secrets), and anyone who pulls the image can read it (docker inspect).', def.name), { severity: 'information' });
      continue;
    }
    ctx.report(def.nameSpan, def.kind === 'ENV'
      // An ENV is for the container: its value is better given when the container starts.
      ? t('{0} looks like a secret, and ENV keeps its value in the image, where anyone who pulls it can read it (docker inspect). Give it when the container starts (docker run -e, compose environment or secrets), or with a build secret if the build needs it.', def.name)
      : t('{0} looks like a secret; {1} values are visible in the image history. Use a build secret (RUN --mount=type=secret).', def.name, def.kind));
  }
});

export const variableRules = [undefinedVariable, envSelfReference, secretInArgEnv];
