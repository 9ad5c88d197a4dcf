// `FROM node:alpine`, `COPY ./ ./`, `CMD ["npm", "start"]`, and no install anywhere: the image has
// the project's code but none of the packages its package.json depends on, so `node index.js`
// stops at its first require with "Cannot find module 'express'" (round 25: a course project's
// server and worker images, deployed as they are). Told only where it is sure: the final image is
// on the official node image, copies the whole build context, whose package.json lists runtime
// dependencies and whose node_modules is not there (or left out by the .dockerignore), runs node or
// a package manager's start, and nothing before could have installed them: no package manager at
// all, no script, no COPY --from or ADD, no ONBUILD.
import { t } from '../../../l10n';
import { repositoryAndTag } from '../../../officialImages';
import { isIgnored } from '../../../ignorePatterns';
import { buildContextOf, composeRuns } from '../../analysis/buildContext';
import { workdirAtEnd } from '../../analysis/workdir';
import { sourceMountedOver } from '../../analysis/developmentImage';
import type { Instruction, Stage } from '../../syntax/ast';
import { copiesWholeContext } from './contextRules';
import { monorepoPackage, readPackageJson } from './devDependencyRules';
import { commandLines, finalCommands } from './devServerRules';
import { rule } from './rule';
import { commandsOf, runsByPath, type Cmd } from './shellCommands';

/** Commands that install packages or may (a package manager of any kind, a script, a build tool). */
const MAY_INSTALL = /^(npm|npx|yarn|pnpm|pnpx|bun|bunx|corepack|volta|nvm|sh|bash|dash|zsh|ash|source|\.|make|just|task|eval|node|deno)$/;
/** The same, as a word of a RUN's text: most RUNs of a node image name one, and are not parsed for this. */
const NAMES_MANAGER = /(^|[^\w-])(npm|npx|yarn|pnpm|bun|corepack)([^\w-]|$)/;
/** A global install's option, as a word of a RUN's text. */
const GLOBAL_WORD = /(^|\s)(-g|--global|global)(\s|$)/;

/**
 * `npm install -g pm2`, `yarn global add serve`, `pnpm add -g nodemon`: a tool put on the PATH, not
 * the project's dependencies (round 56: pm2 installed, the app's packages never). Without a package
 * name, `npm install -g` installs the project in the working directory, with its dependencies.
 */
function globalToolInstall(c: Cmd): boolean {
  const words = c.args.map((w) => w.text);
  const names = words.filter((w) => !w.startsWith('-'));
  if (c.name === 'yarn') return names[0] === 'global' && names[1] === 'add' && names.length > 2 && names.slice(2).every(namesPackage);
  if (c.name !== 'npm' && c.name !== 'pnpm') return false;
  if (!words.some((w) => w === '-g' || w === '--global')) return false;
  return ['install', 'i', 'add'].includes(names[0] ?? '') && names.length > 1 && names.slice(1).every(namesPackage);
}

/** A registry package's name (with a version or tag), not a folder, file or URL. */
function namesPackage(word: string): boolean {
  return /^(@[\w.-]+\/)?[\w.-]+(@[\w.^~<>=*-]+)?$/.test(word) && !word.startsWith('.');
}

/** A path of build output, where a bundler may have put the dependencies in the file itself. */
const BUNDLE = /^(\.\/)?(dist|build|out|\.output|\.next|bundle|lib)\/|bundle\.c?js$/;
/** What starts the app: node on a file, or a package manager's start. */
const STARTS = /^(node|nodejs|npm|yarn|pnpm|nodemon|ts-node|tsx|pm2|pm2-runtime)$/;

export const dependenciesNotInstalled = rule({
  id: 'dependencies-not-installed', severity: 'warning', reach: 'file',
  explain: () => [
    t('The image copies the project and starts it with node or npm start, but nothing in it installs the dependencies its package.json lists, and the build context has no node_modules to copy (or the .dockerignore leaves it out). The app stops at its first require: "Error: Cannot find module \'express\'".'),
    t('Copy package.json and the lock file first and install: COPY package*.json ./ then RUN npm ci --omit=dev, before COPY . . (which keeps the install cached while only the code changes). Reported only on the official node images, where nothing before the start (a package manager, a script, a COPY --from or an ADD) could have installed them; an image compose runs with the project mounted over it gets a hint, since the mounted folder may bring them.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  const last = a.doc.stages[a.doc.stages.length - 1];
  // baseImageRef, not rootImage: it reads only the global ARGs' defaults, where rootImage works out
  // every variable's scope in the file, on each edit (4 MB of peak memory at 105 lines).
  if (!last || repositoryAndTag(a.baseImageRef(last))?.repository !== 'node') return;
  // A whole-file rule runs on every edit: what rules most files out is read from the instructions'
  // text first, and scripts are parsed only after (a parse per edit of a stage that did not change
  // cost 4 MB of peak memory on the 105-line benchmark).
  let whole: Instruction | undefined;
  const runs: { i: Instruction; s: Stage }[] = [];
  for (const s of a.chainOf(last)) {
    for (const i of s.instructions) {
      if (i.trigger || i.upper === 'ADD' || (i.upper === 'COPY' && i.flags.some((f) => f.name === 'from'))) return;
      if (i.upper === 'RUN') {
        runs.push({ i, s });
        // A RUN that names a package manager installs, unless it may install a tool globally only (read below).
        if (NAMES_MANAGER.test(i.argText) && !GLOBAL_WORD.test(i.argText)) return;
      }
      if (!whole && copiesWholeContext(i)) whole = i;
    }
  }
  if (!whole) return;
  const commands = finalCommands(a, last);
  const lines = commands.flatMap((i) => commandLines(a, i));
  // An ENTRYPOINT script, or a start that installs first (npm install && npm start), may install them.
  if (commands.some((i) => i.upper === 'ENTRYPOINT') || lines.length === 0 || !lines.every((words) => STARTS.test(words[0] ?? '') && !words.some((w) => /^(install|i|ci|add)$/.test(w)))) return;
  // A start of built output (node dist/server.js, .output/server/index.mjs) may run a bundle that
  // holds its dependencies.
  if (lines.some((words) => words.some((w) => BUNDLE.test(w)))) return;
  for (const { i, s } of runs) {
    const info = a.shell(i);
    if (!info || info.summary.error) return;
    if (commandsOf({ instruction: i, stage: s, info }).some((c) => (MAY_INSTALL.test(c.name) && !globalToolInstall(c)) || runsByPath(c))) return;
  }
  const context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
  if (!context || monorepoPackage(ctx, context)) return;
  if (context.entries.includes('node_modules') && !isIgnored(context.patterns, 'node_modules')) return;
  const pkg = readPackageJson(ctx, context.folderUri);
  const needed = pkg ? [...pkg.runtime] : [];
  if (needed.length === 0) return;
  // Every service that builds it mounts something at <workdir>/node_modules (a volume a compose
  // installer service fills: round 30): the dependencies come from there.
  const workdir = workdirAtEnd(a, last)?.replace(/\/+$/, '');
  const compose = workdir ? composeRuns(ctx.uri, ctx.files) : undefined;
  if (compose && compose.targetsByBuilder.length > 0 && compose.targetsByBuilder.every((targets) => targets.includes(`${workdir}/node_modules`))) return;
  const start = commands[commands.length - 1]!;
  const names = needed.length > 2 ? t('{0}, {1} and {2} more', needed[0]!, needed[1]!, String(needed.length - 2)) : needed.join(', ');
  ctx.report(start.args, t('This starts the app, but nothing in the image installs the dependencies package.json lists ({0}) and the build context has no node_modules: it stops with "Cannot find module \'{1}\'". Install them after copying package.json: RUN npm ci --omit=dev.', names, needed[0]!),
    sourceMountedOver(a, ctx.uri, ctx.files) ? { severity: 'hint' } : undefined);
});

export const nodeDependencyRules = [dependenciesNotInstalled];
