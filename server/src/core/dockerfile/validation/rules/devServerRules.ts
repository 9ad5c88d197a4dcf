// The final image starts a development server: `uvicorn --reload`, `flask run`, `manage.py
// runserver`, `nodemon`, `next dev`, `npm run dev`, `php artisan serve`. Their own documentation says
// not to serve users with them (a debugger, file watchers, unminified bundles, one request at a
// time), and a learner copies them from a tutorial's compose setup into the image they deploy.
// None of the peers reports it. Information: a file may be built only for local use without saying
// so; files and stages named for development are left alone.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { baseName, cmd } from './shellCommands';
import { copiesFromContext, copyArgs } from '../../analysis/copySources';
import { rule } from './rule';
import { composeRuns } from '../../analysis/buildContext';
import { workdirBefore } from '../../analysis/workdir';
import type { FileAccess } from '../../../languageService';

interface DevServer {
  /** What the command line runs, as written (`uvicorn --reload`). */
  what: string;
  /** Why it is for development, and what to run instead. */
  why: () => string;
}

const RELOAD = () => t('it watches the source files and restarts on every change; drop --reload in an image you ship.');
const PYTHON_DEV = () => t('its own documentation says not to use it in production; run a WSGI or ASGI server such as gunicorn or uvicorn.');
const NODE_WATCH = () => t('it watches the source files and restarts the program on every change; run node on the built code.');
const FRONTEND_DEV = () => t('it serves unoptimised bundles and rebuilds on every change; build the files in the image and serve them (nginx) or run the framework\'s start command.');
const DEV_SCRIPT = () => t('a dev script usually starts a watcher or a development server; build in the image and run the start script.');
const PHP_DEV = () => t('PHP\'s built-in server handles one request at a time and is meant for development; run php-fpm behind a web server.');
const DOTNET_WATCH = () => t('it rebuilds and restarts on every change; run the published output with dotnet.');

/** Prefixes that run the next word as the program: `npx`, `poetry run`, `python -m`, `bundle exec`. */
const RUNNERS: Record<string, string[]> = {
  npx: [], bunx: [], pnpx: [], exec: [], 'dumb-init': [], tini: ['--'], gosu: ['*'], 'su-exec': ['*'],
  poetry: ['run'], pipenv: ['run'], uv: ['run'], pdm: ['run'], hatch: ['run'], rye: ['run'], bundle: ['exec'],
  pnpm: ['exec'], yarn: ['exec'], python: ['-m'], python3: ['-m'], 'python3.11': ['-m'], 'python3.12': ['-m'],
};

const FRONTEND: Record<string, string[]> = {
  next: ['dev'], nuxt: ['dev'], nuxi: ['dev'], astro: ['dev'], remix: ['dev'], gatsby: ['develop'], ng: ['serve'],
  'react-scripts': ['start'], 'vue-cli-service': ['serve'], webpack: ['serve'], 'webpack-dev-server': ['*'], vite: ['', 'dev', 'serve'],
};

/** Skips the leading words that only run the program named after them. */
function programAt(words: readonly string[]): number {
  let i = 0;
  for (let guard = 0; guard < 6 && i < words.length; guard++) {
    const after = RUNNERS[baseName(words[i]!)];
    if (!after) break;
    i++;
    if (after.length === 0) continue;
    if (after[0] === '*') { i++; continue; } // gosu user program
    if (words[i] === after[0]) i++;
    else if (after[0] !== '--') return i - 1; // `python app.py`, `yarn dev`: the runner is the program
  }
  return i < words.length ? i : -1;
}

/** Node's options that take the next word as their value. */
const NODE_VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-e', '--eval', '-p', '--print', '--env-file', '--title', '--watch-path', '--input-type', '-C', '--conditions']);

/** The words before node's script (its own options), skipping the values of options that take one. */
function nodeOptions(args: readonly string[]): string[] {
  let k = 0;
  while (k < args.length && args[k]!.startsWith('-')) k += NODE_VALUE_OPTIONS.has(args[k]!) ? 2 : 1;
  return args.slice(0, k);
}

/** The development server a command line starts, if any. */
export function devServer(words: readonly string[]): DevServer | undefined {
  const at = programAt(words);
  if (at < 0) return undefined;
  const name = baseName(words[at]!);
  const args = words.slice(at + 1);
  const first = args.find((w) => !w.startsWith('-')) ?? '';
  if (['uvicorn', 'gunicorn', 'hypercorn'].includes(name) && args.some((w) => w === '--reload' || w === '--reload=true')) return { what: `${name} --reload`, why: RELOAD };
  if (name === 'flask' && first === 'run') return { what: 'flask run', why: PYTHON_DEV };
  if ((name === 'manage.py' || name === 'django-admin') && first === 'runserver') return { what: `${name} runserver`, why: PYTHON_DEV };
  if (/^python(\d(\.\d+)?)?$/.test(name) && args[0] && baseName(args[0]) === 'manage.py' && args[1] === 'runserver') return { what: 'manage.py runserver', why: PYTHON_DEV };
  if (['nodemon', 'ts-node-dev', 'tsnd', 'node-dev'].includes(name)) return { what: name, why: NODE_WATCH };
  // Node's own option comes before the script: after it, --watch is the script's argument (round
  // 83: node src/runner.js --watch, a runner's "stay up" switch).
  if (name === 'node' && nodeOptions(args).some((w) => w === '--watch' || w.startsWith('--watch-path'))) return { what: 'node --watch', why: NODE_WATCH };
  if (name === 'tsx' && first === 'watch') return { what: 'tsx watch', why: NODE_WATCH };
  const frontend = FRONTEND[name];
  if (frontend && (frontend.includes(first) || frontend[0] === '*')) return { what: first && frontend[0] !== '*' ? `${name} ${first}` : name, why: FRONTEND_DEV };
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(name)) {
    const script = first === 'run' || first === 'run-script' ? args.filter((w) => !w.startsWith('-'))[1] : name === 'npm' ? undefined : first;
    if (script && /^(dev|develop|serve:dev|start:dev|dev:server|watch)$/.test(script)) return { what: `${name} ${first === script ? '' : `${first} `}${script}`, why: DEV_SCRIPT };
  }
  if (name === 'php' && args[0] === 'artisan' && args[1] === 'serve') return { what: 'php artisan serve', why: PHP_DEV };
  if (name === 'php' && args[0] === '-S') return { what: 'php -S', why: PHP_DEV };
  if (name === 'dotnet' && first === 'watch') return { what: 'dotnet watch', why: DOTNET_WATCH };
  return undefined;
}

/** Stages and files named for development, tests or debugging: their command is meant so. */
const DEV_NAME = /(^|[-_.])(dev|devel|develop|development|local|debug|test|tests|testing|watch|e2e)($|[-_.\d])/i;
/** Folders named so (docker/local/Dockerfile). */
const DEV_FOLDER = /\/(dev|devel|development|local|debug|test|tests|e2e)\//i;

/** The words of a CMD or ENTRYPOINT: the exec form's items, or each top-level command of the shell form. */
export function commandLines(a: Analysis, i: Instruction): string[][] {
  if (i.exec) {
    const items = i.exec.items.map((w) => w.value);
    // ["sh", "-c", "cd app && flask run"]: the script is parsed as the shell form would be.
    if (items.length === 3 && /^(\/bin\/)?(ba)?sh$/.test(items[0]!) && items[1] === '-c') return items[2]!.split(/&&|;|\|\|/).map((part) => part.trim().split(/\s+/).filter(Boolean));
    return [items];
  }
  const info = a.shell(i);
  return (info?.summary.commands ?? []).filter((c) => !c.nested).map((c) => cmd(c)).map((c) => [c.name, ...c.args.map((w) => w.text)]);
}

/** The CMD and ENTRYPOINT the final image runs: the nearest stage of its FROM chain that sets either. */
export function finalCommands(a: Analysis, last: Stage): Instruction[] {
  for (const s of a.chainOf(last)) {
    const found = s.instructions.filter((i) => i.upper === 'CMD' || i.upper === 'ENTRYPOINT');
    if (found.length > 0) {
      const cmdLast = found.filter((i) => i.upper === 'CMD').pop();
      const entryLast = found.filter((i) => i.upper === 'ENTRYPOINT').pop();
      return [entryLast, cmdLast].filter((i): i is Instruction => i !== undefined);
    }
  }
  return [];
}

export const devServerCmd = rule({
  id: 'dev-server-cmd', severity: 'information', reach: 'file', shipped: true,
  explain: () => [
    t('The final image starts a development server: uvicorn or gunicorn with --reload, flask run, manage.py runserver, nodemon, node --watch, next dev, vite, ng serve, npm run dev, php artisan serve, php -S or dotnet watch. They watch files, rebuild on change, show debug pages or serve one request at a time; their own documentation says not to serve users with them.'),
    t('For an image you ship, run the production server (gunicorn or uvicorn without --reload, node on the built code, next start, php-fpm, the published .NET output). A file or stage named for development (Dockerfile.dev, a stage named dev or debug) is left alone; mount the source and use the development server from compose instead.'),
  ],
}, (ctx) => {
  const stages = ctx.a.doc.stages;
  const last = stages[stages.length - 1];
  if (!last || (last.name && DEV_NAME.test(last.name.value))) return;
  const file = ctx.uri.slice(ctx.uri.lastIndexOf('/') + 1);
  if (DEV_NAME.test(file.replace(/dockerfile/i, '')) || DEV_FOLDER.test(ctx.uri)) return;
  // Read only when there is something to report (a listing per validation would cost more).
  const found = finding(ctx.a, last);
  if (!found || !copiesSource(ctx.a, last)) return;
  // A Dockerfile.prod (prod.Dockerfile, Dockerfile.production) beside this one ships the image;
  // this one is the development setup (round 9: homecontrol-api).
  const folder = ctx.uri.slice(0, ctx.uri.lastIndexOf('/'));
  if (ctx.files.list(folder).some((f) => !f.isDirectory && f.name !== file && PRODUCTION_SIBLING.test(f.name))) return;
  ctx.report(found.at.args, t('The image starts {0}, a development server: {1}', found.server.what, found.server.why()), runAsDevelopmentSetup(ctx.a, ctx.uri, ctx.files, last, found.at) ? { severity: 'hint' } : undefined);
});

/** A comment of the final stage that says it is for development (`# start the dev server`, `# development image`). */
const DEV_COMMENT = /#.*\b(dev|development|develop)\b/i;

/**
 * Whether the file shows it is a development setup: a comment of the final stage says so, or the
 * compose files that build it mount the project's files where the image works (`./api:/app` over
 * WORKDIR /app, for the development server to watch) or each give their own command, so compose
 * never runs this CMD (unseen rounds 13-23: 8 of the 14 findings judged noise were such setups).
 * The image may still be run as it is, so it stays a hint.
 */
function runAsDevelopmentSetup(a: Analysis, uri: string, files: FileAccess, last: Stage, at: Instruction): boolean {
  const chain = [...a.chainOf(last)];
  if (chain.some((s) => DEV_COMMENT.test(a.text.slice(s.span.start, s.span.end)))) return true;
  const runs = composeRuns(uri, files);
  if (!runs) return false;
  if (runs.allSetCommand) return true;
  const stage = chain.find((s) => s.instructions.includes(at)) ?? last;
  const workdir = workdirBefore(a, stage, at)?.replace(/\/+$/, '');
  return workdir !== undefined && workdir !== '' && runs.mountsByBuilder.flat().some((m) => m === workdir || workdir.startsWith(`${m}/`) || m.startsWith(`${workdir}/`));
}

/** Dependency manifests: an image that copies only these gets its source from a mount. */
const MANIFEST = /^(package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|\.yarnrc\.yml|pnpm-(lock|workspace)\.yaml|\.npmrc|bun\.lockb?|requirements[\w.-]*\.(txt|in)|pipfile(\.lock)?|pyproject\.toml|poetry\.lock|uv\.lock|setup\.(py|cfg)|composer\.(json|lock)|gemfile(\.lock)?|go\.(mod|sum)|cargo\.(toml|lock)|[\w.-]+\.csproj|pom\.xml|build\.gradle(\.kts)?|mix\.(exs|lock))$/i;

/**
 * Whether the final image copies the project's source in (COPY . ., COPY src/ ...), not only its
 * dependency manifests: an image built to run a development server over source that compose
 * mounts copies package.json and installs, nothing more (round 10: Django-CRM's frontend).
 */
function copiesSource(a: Analysis, last: Stage): boolean {
  for (const s of a.chainOf(last)) {
    for (const i of s.instructions) {
      if (i.trigger || !copiesFromContext(i)) continue;
      if (copyArgs(i).sources.some((src) => !MANIFEST.test(baseName(src.value.replace(/\/+$/, ''))))) return true;
    }
  }
  return false;
}

/** A sibling Dockerfile named for production. */
const PRODUCTION_SIBLING = /^(dockerfile[-_.](prod|production|prd|release)|(prod|production|release)[-_.]?dockerfile)$/i;

/** The CMD or ENTRYPOINT of the final image that starts a development server. */
function finding(a: Analysis, last: Stage): { at: Instruction; server: DevServer } | undefined {
  const list = finalCommands(a, last);
  const entry = list.find((i) => i.upper === 'ENTRYPOINT');
  const command = list.find((i) => i.upper === 'CMD');
  const candidates: { at: Instruction; lines: string[][] }[] = [];
  if (entry) candidates.push({ at: entry, lines: commandLines(a, entry) });
  if (command) {
    // ENTRYPOINT ["uvicorn"] with CMD ["app:app", "--reload"]: the container runs them as one line.
    const joined = entry?.exec && command.exec ? [[...entry.exec.items.map((w) => w.value), ...command.exec.items.map((w) => w.value)]] : [];
    candidates.push({ at: command, lines: [...commandLines(a, command), ...joined] });
  }
  for (const { at, lines } of candidates) {
    const server = lines.map(devServer).find((d) => d !== undefined);
    if (server) return { at, server };
  }
  return undefined;
}

export const devServerRules = [devServerCmd];
