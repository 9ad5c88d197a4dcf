// A production-only install followed by a build that needs a development dependency:
// `npm ci --omit=dev` (or --only=production, --production, or NODE_ENV=production set first) leaves
// out devDependencies, and `npm run build` then runs tsc, vite or nest from one of them: "tsc: not
// found", the build stops (round 15: `npm ci --only=production` then `npm run build` with
// typescript a devDependency). The install itself runs the package's own lifecycle scripts too:
// `"prepare": "husky install"` with husky a devDependency stops `npm ci --omit=dev` with exit 127
// (round 16's misses, round 17). The scripts and the dependencies are read from the package.json
// the stage copies from the build context; without it nothing is said.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import { keyValuesOf } from '../../syntax/words';
import { buildContextOf } from '../../analysis/buildContext';
import { copiesFromContext, copyArgs } from '../../analysis/copySources';
import { repositoryAndTag } from '../../../officialImages';
import { rule, type RuleContext } from './rule';
import { commandSpan, commandsOf, hasOption, operands, type Cmd, type RunShell } from './shellCommands';

/** Programs whose package has another name than the program. */
const PACKAGE_OF: Record<string, readonly string[]> = {
  tsc: ['typescript'], ng: ['@angular/cli'], nest: ['@nestjs/cli'], 'vue-cli-service': ['@vue/cli-service'], 'svelte-kit': ['@sveltejs/kit'],
  nuxt: ['nuxt', 'nuxi'], nuxi: ['nuxi', 'nuxt'], babel: ['@babel/cli'], remix: ['@remix-run/dev'], craco: ['@craco/craco'], webpack: ['webpack-cli', 'webpack'],
  ncc: ['@vercel/ncc'], swc: ['@swc/cli'], gulp: ['gulp-cli', 'gulp'], 'react-router': ['@react-router/dev'],
};

export interface PackageJson {
  scripts: Record<string, string>;
  runtime: Set<string>;
  dev: Set<string>;
}

export function readPackageJson(ctx: RuleContext, folderUri: string): PackageJson | undefined {
  const text = ctx.files.readText(`${folderUri}/package.json`);
  if (text === undefined || text.length > 1_000_000) return undefined;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const names = (key: string) => new Set(json[key] && typeof json[key] === 'object' ? Object.keys(json[key] as object) : []);
    const scripts = json.scripts && typeof json.scripts === 'object' ? json.scripts as Record<string, string> : {};
    return { scripts, runtime: new Set([...names('dependencies'), ...names('optionalDependencies'), ...names('peerDependencies')]), dev: names('devDependencies') };
  } catch {
    return undefined;
  }
}

/** The program a package.json script starts with: `cross-env NODE_ENV=x tsc -p .` runs tsc. */
function firstProgram(script: string): string | undefined {
  const words = script.trim().split(/\s+/);
  let k = 0;
  while (k < words.length && (/^\w+=/.test(words[k]!) || words[k] === 'cross-env' || words[k] === 'env')) k++;
  const word = words[k];
  return word && /^[@\w][\w./@-]*$/.test(word) ? word : undefined;
}

/** The lifecycle scripts of the package itself that npm runs after `npm ci` / `npm install` without package names. */
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare'] as const;

/** What in a Dockerfile turns those scripts off or rewrites them. */
const SCRIPTS_OFF = /ignore[-_]scripts|scripts\.prepare|set-script|pkg\s+delete/i;

/** The devDependency a script's first program comes from, when no runtime dependency brings it too. */
function devOnlyProgram(pkg: PackageJson, body: unknown): { program: string; dev: string } | undefined {
  const program = typeof body === 'string' ? firstProgram(body) : undefined;
  if (!program) return undefined;
  const packages = PACKAGE_OF[program] ?? [program];
  const dev = packages.find((p) => pkg.dev.has(p));
  return dev && !packages.some((p) => pkg.runtime.has(p)) ? { program, dev } : undefined;
}

/** The first lifecycle script whose program only a devDependency brings, or undefined. */
function lifecycleNeedingDev(pkg: PackageJson): { script: string; body: string; program: string } | undefined {
  for (const script of LIFECYCLE) {
    const body = pkg.scripts[script];
    // `husky || true`, `is-ci || husky install`: the script tolerates a missing program.
    const found = typeof body === 'string' && !body.includes('||') ? devOnlyProgram(pkg, body) : undefined;
    if (found) return { script, body: body!.trim(), program: found.program };
  }
  return undefined;
}

/** How an install leaves out devDependencies, or undefined when it installs them. */
function omitsDev(c: Cmd, nodeEnvProduction: boolean): string | undefined {
  const args = c.args.map((w) => w.text);
  if (c.name === 'npm') {
    const sub = operands(c, ['--omit', '--only'])[0]?.text;
    if (sub !== 'ci' && sub !== 'install' && sub !== 'i' && sub !== 'clean-install') return undefined;
    if (args.some((a) => a === '--include=dev' || a === '--production=false')) return undefined;
    const flag = args.find((a, k) => a === '--omit=dev' || (a === '--omit' && args[k + 1] === 'dev') || /^--only=prod(uction)?$/.test(a) || a === '--production' || a === '--production=true');
    if (flag) return flag === '--omit' ? '--omit dev' : flag;
    return nodeEnvProduction && operands(c, ['--omit', '--only']).length === 1 ? 'NODE_ENV=production' : undefined;
  }
  if (c.name === 'yarn') {
    // Only Yarn 1 leaves them out, and only when told so: Yarn 2 and later (--immutable, corepack)
    // install every dependency whatever NODE_ENV says (round 16's rescore: standardnotes).
    const sub = operands(c)[0]?.text;
    if (sub !== undefined && sub !== 'install') return undefined;
    return hasOption(c, '', ['--production']) && !args.includes('--production=false') ? '--production' : undefined;
  }
  if (c.name === 'pnpm' && !PNPM_WORKSPACE.test(args.join(' '))) {
    // pnpm install leaves devDependencies out with --prod (-P), and by default where NODE_ENV is
    // production (round 28: ENV NODE_ENV=production, pnpm install, then pnpm type:check runs tsc).
    const sub = operands(c)[0]?.text;
    if (sub !== 'install' && sub !== 'i') return undefined;
    if (args.some((a) => a === '--dev' || a === '-D' || a === '--prod=false' || a === '--production=false')) return undefined;
    const flag = args.find((a) => a === '--prod' || a === '-P' || a === '--production' || a === '--prod=true' || a === '--production=true');
    return flag ?? (nodeEnvProduction ? 'NODE_ENV=production' : undefined);
  }
  return undefined;
}

/** pnpm's options that pick workspace packages, whose values its operands would be taken for. */
const PNPM_WORKSPACE = /(^|\s)(--filter|-F|-r|--recursive|-C|--dir)(\s|=|$)/;
/** pnpm's own commands; any other first word runs the package's script of that name (pnpm type:check). */
const PNPM_COMMANDS = new Set(['install', 'i', 'add', 'remove', 'rm', 'uninstall', 'update', 'up', 'upgrade', 'exec', 'dlx', 'store', 'fetch', 'deploy', 'prune', 'list', 'ls', 'why', 'config', 'env', 'setup', 'create', 'init', 'publish', 'pack', 'link', 'unlink', 'import', 'rebuild', 'audit', 'outdated', 'patch', 'patch-commit', 'licenses', 'root', 'bin', 'server', 'self-update', 'approve-builds', 'install-test', 'it', 'ci']);

/** Whether the command installs dependencies some other way (a full install, or named packages). */
function installs(c: Cmd): boolean {
  const sub = operands(c, ['--omit', '--only'])[0]?.text;
  return (c.name === 'npm' && (sub === 'ci' || sub === 'install' || sub === 'i' || sub === 'add' || sub === 'clean-install'))
    || (c.name === 'yarn' && (sub === undefined || sub === 'install' || sub === 'add' || sub === 'global'))
    // pnpm: its commands (an install, dlx, exec...), not a script it runs; any workspace pick counts.
    || (c.name === 'pnpm' && (sub === undefined || PNPM_COMMANDS.has(sub) || PNPM_WORKSPACE.test(c.args.map((w) => w.text).join(' ')))) || c.name === 'npx';
}

/** The script an `npm run build` / `yarn build` / `yarn run build` runs. */
function scriptRun(c: Cmd): string | undefined {
  const ops = operands(c).map((w) => w.text);
  if (c.name === 'npm' && (ops[0] === 'run' || ops[0] === 'run-script')) return ops[1];
  if (c.name === 'yarn') return ops[0] === 'run' ? ops[1] : ops[0] && !['install', 'add', 'global', 'remove', 'upgrade', 'workspace', 'workspaces', 'cache', 'config', 'set', 'dlx'].includes(ops[0]) ? ops[0] : undefined;
  if (c.name === 'pnpm' && !PNPM_WORKSPACE.test(c.args.map((w) => w.text).join(' '))) return ops[0] === 'run' ? ops[1] : ops[0] && !PNPM_COMMANDS.has(ops[0]) ? ops[0] : undefined;
  return undefined;
}

function setsNodeEnvProduction(ctx: RuleContext, i: Instruction): boolean {
  return i.upper === 'ENV' && keyValuesOf(i, ctx.a.doc.escape).some((p) => p.key.value === 'NODE_ENV' && p.value?.value.replace(/^["']|["']$/g, '') === 'production');
}

/** The folder (relative to the context) of the package.json a COPY brings in, and whether it copies the whole context. */
function packageJsonFolder(i: Instruction): { folder: string; whole: boolean } | undefined {
  if (!copiesFromContext(i)) return undefined;
  for (const source of copyArgs(i).sources) {
    const path = source.value.replace(/^\.\//, '');
    if (path === '.' || path === '' || path === '/') return { folder: '', whole: true };
    const m = /^(?:(.*)\/)?package(?:\*|\.json|\*\.json)$/.exec(path);
    if (m) return { folder: m[1] ?? '', whole: false };
  }
  return undefined;
}

/** What a Dockerfile that leaves out devDependencies writes somewhere. */
const OMIT_TEXT = /--omit[= ]dev|--only=prod|--production|--prod\b|\s-P\b|NODE_ENV[= ]["']?production/;
const omitMemo = new WeakMap<object, boolean>();

/**
 * A Dockerfile whose context is only guessed as its own folder, inside a package of a monorepo (a
 * package.json in a folder above): one that copies the whole context is mostly built from the
 * root, whose package.json is another one. (One that copies package.json by name, which its own
 * folder has, is read from there: round 15's listbud.)
 */
export function monorepoPackage(ctx: RuleContext, context: NonNullable<ReturnType<typeof buildContextOf>>): boolean {
  if (context.source !== 'folder') return false;
  let folder = context.folderUri;
  for (let level = 0; level < 3; level++) {
    const slash = folder.lastIndexOf('/');
    if (slash <= 'file://'.length) return false;
    folder = folder.slice(0, slash);
    if (ctx.files.exists(`${folder}/package.json`)) return true;
  }
  return false;
}

export const devDependencyOmitted = rule({
  id: 'dev-dependency-omitted', severity: 'error', reach: 'file',
  explain: () => [
    t('npm ci --omit=dev (also --only=production, --production, any npm ci after ENV NODE_ENV=production, or Yarn 1\'s yarn install --production) installs dependencies only, not devDependencies. Build tools usually are devDependencies: typescript (tsc), vite, webpack, @nestjs/cli, next when listed so. A later npm run build that starts one of them stops with "tsc: not found" (sh: 1: vite: not found).'),
    t('Build with everything installed, then keep only what runs: npm ci, npm run build, then npm prune --omit=dev; or install the production dependencies in a separate runtime stage and COPY the build output into it. The script and the dependency lists are read from the package.json the stage copies from the build context.'),
    t('The install itself runs the package\'s own preinstall, install, postinstall and prepare scripts: with "prepare": "husky" and husky a devDependency, npm ci --omit=dev stops with "husky: not found" (exit 127). npm ci --omit=dev --ignore-scripts skips them; "husky || true" tolerates the missing program.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  // A whole-file rule runs on every edit: one scan of the text, once per version, rules most files out.
  let mayOmit = omitMemo.get(a);
  if (mayOmit === undefined) omitMemo.set(a, (mayOmit = OMIT_TEXT.test(a.text)));
  if (!mayOmit) return;
  let context: ReturnType<typeof buildContextOf> | null = null;
  /** The package.json a COPY brought, read from the build context; 'none' when there is no context to read it from. */
  const copiedPackage = (copied: { folder: string; whole: boolean }): PackageJson | undefined | 'none' => {
    if (context === null) context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
    if (!context) return 'none';
    // COPY . of a Dockerfile in a monorepo's package may be built from the root.
    if (copied.whole && monorepoPackage(ctx, context)) return undefined;
    return readPackageJson(ctx, copied.folder ? `${context.folderUri}/${copied.folder}` : context.folderUri);
  };
  for (const stage of ctx.scope.stages) {
    const repository = repositoryAndTag(a.rootImage(stage))?.repository;
    // Only the official node images are known not to carry build tools of their own.
    if (repository !== 'node') continue;
    const chain: Stage[] = [...a.chainOf(stage)].reverse();
    let copied: { folder: string; whole: boolean } | undefined;
    let nodeEnvProduction = false;
    let omitted: { how: string } | undefined;
    for (const s of chain) {
      for (const i of s.instructions) {
        if (setsNodeEnvProduction(ctx, i)) nodeEnvProduction = true;
        copied = packageJsonFolder(i) ?? copied;
        if (i.upper !== 'RUN') continue;
        const info = a.shell(i);
        if (!info || info.summary.error) continue;
        const run: RunShell = { instruction: i, stage: s, info };
        for (const c of commandsOf(run)) {
          const how = omitsDev(c, nodeEnvProduction);
          if (how) {
            omitted = { how };
            if (c.name === 'npm' && s === stage && copied !== undefined && operands(c, ['--omit', '--only']).length === 1 && !SCRIPTS_OFF.test(a.text)) {
              const pkg = copiedPackage(copied);
              if (pkg === 'none') return;
              const found = pkg && lifecycleNeedingDev(pkg);
              if (found) ctx.report(commandSpan(run, c), t('npm {0} runs the package\'s {1} script, {2}, and {3} is a devDependency the install with {4} leaves out: it stops with "{3}: not found" (exit 127). Add --ignore-scripts to this install, or let the script tolerate it ("{2} || true").', operands(c, ['--omit', '--only'])[0]!.text, found.script, found.body, found.program, how));
            }
            continue;
          }
          if (installs(c)) {
            omitted = undefined;
            continue;
          }
          const script = scriptRun(c);
          if (!omitted || script === undefined || s !== stage || copied === undefined) continue;
          const pkg = copiedPackage(copied);
          if (pkg === 'none') return;
          const found = pkg && devOnlyProgram(pkg, pkg.scripts[script]);
          if (!found) continue;
          ctx.report(commandSpan(run, c), t('{0} runs {1}, from {2}, a devDependency the install with {3} left out: it stops with "{1}: not found". Install everything to build (npm ci), then npm prune --omit=dev, or install the production dependencies in the runtime stage.', `${c.name} ${c.name === 'npm' ? 'run ' : ''}${script}`, found.program, found.dev, omitted.how));
          omitted = undefined;
        }
      }
    }
  }
});

export const devDependencyRules = [devDependencyOmitted];
