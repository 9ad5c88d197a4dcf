// `./client:/home/node/app` on a service whose image ran `npm install` in /home/node/app: the bind
// mount hides the node_modules the image installed, and the project folder of a fresh clone has
// none (Git ignores it), so `npm start` stops with "react-scripts: not found" or "Cannot find
// module". It works on the author's machine, where node_modules was installed on the host (round
// 28's likely miss, the classic question of Node development stacks). The usual fix is an anonymous
// volume at <folder>/node_modules, which keeps the image's. Told only where the image installs the
// dependencies in the folder the source is mounted over, the service runs a Node program there,
// the mounted folder's package.json has dependencies and no node_modules beside it, and no file of
// the project mounts anything at <folder>/node_modules.
import { t } from '../../l10n';
import { parseDockerfile } from '../../dockerfile/syntax/parser';
import type { Instruction } from '../../dockerfile/syntax/ast';
import { folderLister, notesText } from '../../repositoryFiles';
import { entries, resolve } from '../model/access';
import { bindMounts, mountTargets } from '../model/bindMounts';
import { hasBrokenPart, isHeld } from '../model/brokenBlocks';
import { buildPaths } from '../model/buildPaths';
import { projectFiles, readText } from '../model/project';
import { symbolsOf } from '../model/symbols';
import { dirnameUri, resolvePath } from '../model/uris';
import type { MapNode } from '../model/nodes';
import type { ComposeFile } from '../model/composeFile';
import { servicesOf, valueAt, type CheckContext } from './checkContext';

/** A command of a RUN that installs a Node project's dependencies into the working directory. */
const LOCAL_INSTALL = /^(npm\s+(ci|i|install)|yarn(\s+install)?|pnpm\s+(i|install)|bun\s+(i|install))(\s|$)/;
const GLOBAL = /\s(-g|--global)(\s|$)/;
/** Programs a service starts that need the project's node_modules. */
const NODE_PROGRAM = /^(npm|npx|yarn|pnpm|bun|bunx|node|nodemon|ts-node|ts-node-dev|tsx|next|nuxt|nuxi|vite|ng|react-scripts|webpack|webpack-dev-server|vue-cli-service|nest)$/;
/** Notes that tell the reader to install on the host first. */
const NOTES_INSTALL = /\b(npm\s+(ci|i|install)|yarn(\s+install)?|pnpm\s+(i|install))\b/;

interface NodeImage {
  /** The working directory the image installed its dependencies in and runs from. */
  workdir: string;
  /** The image's start command as written (CMD, or ENTRYPOINT before it). */
  command: string | undefined;
  /** Whether a RUN installed the dependencies there (false: the built stage installs none). */
  installed: boolean;
  /** Whether a COPY or ADD brings files of another stage or image (COPY --from=deps /app/node_modules, a standalone build). */
  copiesFromStage: boolean;
}

/** What the Dockerfile's built stage does, read from its syntax: undefined where it installs them elsewhere, or its working directory is not known. */
function nodeImage(text: string, target: string | undefined): NodeImage | undefined {
  const doc = parseDockerfile(text);
  let stage = target ? doc.stages.find((s) => s.name?.value.toLowerCase() === target) : doc.stages[doc.stages.length - 1];
  const chain: Instruction[][] = [];
  for (let guard = 0; stage && guard < 16; guard++) {
    chain.unshift(stage.instructions);
    const parent = stage.image ? doc.stages.find((s) => s.index < stage!.index && s.name?.value.toLowerCase() === stage!.image!.value.toLowerCase()) : undefined;
    stage = parent;
  }
  let workdir = '/';
  let installedIn: string | undefined;
  let command: string | undefined;
  let copiesFromStage = false;
  for (const instructions of chain) {
    for (const i of instructions) {
      if (i.upper === 'WORKDIR') {
        const path = i.words[0]?.value;
        if (!path || path.includes('$')) return undefined;
        workdir = path.startsWith('/') ? path : `${workdir.replace(/\/+$/, '')}/${path}`;
        workdir = workdir.replace(/\/+$/, '') || '/';
      } else if (i.upper === 'RUN' && i.argText.split(/&&|;|\|\|/).some((part) => LOCAL_INSTALL.test(part.trim().replace(/^((then|else|do)\s+)+/, '')) && !GLOBAL.test(part))) {
        installedIn = workdir;
      } else if (i.upper === 'CMD' || i.upper === 'ENTRYPOINT') {
        command = i.argText;
      } else if ((i.upper === 'COPY' || i.upper === 'ADD') && i.flags.some((f) => f.name === 'from')) {
        copiesFromStage = true;
      }
    }
  }
  if (workdir === '/' || (installedIn !== undefined && installedIn !== workdir)) return undefined;
  return { workdir, command, installed: installedIn !== undefined, copiesFromStage };
}

/** The program a command starts: the first word of a shell or exec form, past env assignments and exec. */
function program(command: string): string | undefined {
  const words = command.trim().replace(/^\[/, '').split(/[\s,]+/).map((w) => w.replace(/^["']|["']$/g, '')).filter(Boolean);
  let k = 0;
  while (k < words.length && (/^\w+=/.test(words[k]!) || words[k] === 'exec' || words[k] === 'env' || words[k] === 'sh' || words[k] === '-c' || words[k] === '/bin/sh')) k++;
  return words[k]?.split('/').pop();
}

/** Whether a start command runs an install of the project's dependencies among its commands. */
function installsFirst(command: string): boolean {
  return command.replace(/^\s*\[|\]\s*$/g, '').split(/&&|\|\||;|\bsh\s+-c\b/).some((part) => {
    const words = part.trim().replace(/^["',\s]+|["',\s]+$/g, '');
    // Bare `yarn` installs; `yarn dev` runs a script.
    return /^(npm\s+(ci|i|install)|pnpm\s+(i|install)|bun\s+(i|install)|yarn\s+install)(\s|$)/.test(words) || /^yarn(\s+--?[\w-]+(=\S+)?)*$/.test(words);
  });
}

function hasDependencies(packageText: string | undefined): boolean {
  if (packageText === undefined || packageText.length > 1_000_000) return false;
  try {
    const json = JSON.parse(packageText) as Record<string, unknown>;
    return ['dependencies', 'devDependencies'].some((key) => json[key] !== null && typeof json[key] === 'object' && Object.keys(json[key] as object).length > 0);
  } catch {
    return false;
  }
}

/** Mount targets of the service in the project's other files, which compose adds to this file's. */
function otherTargets(ctx: CheckContext, name: string): string[] {
  const out: string[] = [];
  for (const other of projectFiles(ctx.project())) {
    if (other === ctx.file) continue;
    const service = symbolsOf(other).services.get(name);
    if (service?.map) out.push(...mountTargets(other, service.map).map((m) => m.text));
  }
  return out;
}

/** The service's command as written, when it gives one. */
function commandOf(file: ComposeFile, map: MapNode): string | undefined {
  const node = valueAt(file, map, 'command');
  if (node?.kind === 'scalar' && node.value !== null) return String(node.value);
  if (node?.kind === 'seq') return node.items.map((i) => resolve(file, i)).map((i) => (i?.kind === 'scalar' ? String(i.value) : '')).join(' ');
  return undefined;
}

/**
 * The other side of the same mistake: the volume at <folder>/node_modules that keeps the image's
 * dependencies, over an image (or build target) that installs none, starts empty, and it hides the
 * host's too (round 52: `target: base`, a stage that only copies package.json, with `.:/app` and
 * `/app/node_modules`: "nodemon: not found").
 */
function checkEmptyModulesVolume(ctx: CheckContext, map: MapNode, image: NodeImage, dockerfile: string, source: string, target: string | undefined): void {
  const { file, context, out } = ctx;
  // node_modules from another stage (COPY --from=deps), or a build's output that holds them: not empty.
  if (image.copiesFromStage) return;
  const modules = `${image.workdir}/node_modules`;
  const binds = new Set(bindMounts(file, map).map((m) => m.target.replace(/\/+$/, '')));
  const volume = mountTargets(file, map).find((m) => m.text.replace(/\/+$/, '') === modules && !binds.has(modules));
  if (!volume || isHeld(file, volume.start)) return;
  const start = commandOf(file, map) ?? (entries(file, map).some((e) => e.key === 'entrypoint') ? undefined : image.command);
  const started = start === undefined ? undefined : program(start);
  if (!started || !NODE_PROGRAM.test(started) || installsFirst(start!)) return;
  const folder = resolvePath(ctx.project().directory, source);
  if (!folder || !hasDependencies(context.files.readText(`${folder}/package.json`))) return;
  // Dependencies kept elsewhere (yarn's --modules-folder, NODE_PATH), as below.
  if (/modules-folder|NODE_PATH/.test(dockerfile)) return;
  out.push({
    rule: 'compose-dependencies-hidden',
    start: volume.start,
    end: volume.end,
    message: target
      ? t('The volume {0} starts with what the image has there, and the build target {1} installs no dependencies: {2} starts without them ("Cannot find module", "nodemon: not found"), and the volume hides the host\'s node_modules too. Build a target that installs them, or run the install in the command first.', modules, target, started)
      : t('The volume {0} starts with what the image has there, and the image installs no dependencies: {1} starts without them ("Cannot find module", "nodemon: not found"), and the volume hides the host\'s node_modules too. Install them in the Dockerfile, or run the install in the command first.', modules, started),
  });
}

export function checkHiddenDependencies(ctx: CheckContext): void {
  const { file, context, out } = ctx;
  // A relative source: ./app, ../web, or the project folder itself (.:/app, source: .; round 43).
  if (!file.text.includes('build') || !/(-|source:)\s*["']?\.\.?(\/|:|["']?[ \t]*$)/m.test(file.text)) return;
  let notes: string | undefined;
  for (const { name, map } of servicesOf(file)) {
    if (hasBrokenPart(file, map)) continue;
    const directory = ctx.project().directory;
    const mounts = bindMounts(file, map).filter((m) => /^\.\.?(\/|$)/.test(m.source.text));
    if (mounts.length === 0) continue;
    const paths = buildPaths(file, map, directory);
    if (!paths?.dockerfileUri || paths.inline) continue;
    const dockerfile = readText(paths.dockerfileUri, context);
    const target = valueAt(file, map, 'build', 'target');
    const image = dockerfile === undefined ? undefined : nodeImage(dockerfile, target?.kind === 'scalar' && target.value !== null ? String(target.value).toLowerCase() : undefined);
    if (!image) continue;
    const mount = mounts.find((m) => m.target.replace(/\/+$/, '') === image.workdir);
    if (!mount || isHeld(file, mount.source.start)) continue;
    if (!image.installed) {
      checkEmptyModulesVolume(ctx, map, image, dockerfile!, mount.source.text, target?.kind === 'scalar' && target.value !== null ? String(target.value) : undefined);
      continue;
    }
    const start = commandOf(file, map) ?? (entries(file, map).some((e) => e.key === 'entrypoint') ? undefined : image.command);
    const started = start === undefined ? undefined : program(start);
    if (!started || !NODE_PROGRAM.test(started)) continue;
    // The command installs into the mounted folder before it starts (sh -c "npm install && npm run dev"): nothing is missing (round 38).
    if (installsFirst(start!)) continue;
    const folder = resolvePath(directory, mount.source.text);
    if (!folder || context.files.exists(`${folder}/node_modules`) || !hasDependencies(context.files.readText(`${folder}/package.json`))) continue;
    // Dependencies kept elsewhere than <folder>/node_modules (yarn's --modules-folder /node_modules,
    // NODE_PATH): the mount hides nothing (round 35: a Rails app's .yarnrc).
    if (/modules-folder|NODE_PATH/.test(dockerfile!) || /modules-folder/.test(context.files.readText(`${folder}/.yarnrc`) ?? '')) continue;
    const modules = `${image.workdir}/node_modules`;
    if ([...mountTargets(file, map).map((m) => m.text), ...otherTargets(ctx, name)].some((t) => t.replace(/\/+$/, '') === modules)) continue;
    notes ??= notesText(context.files, [...new Set([dirnameUri(file.uri), folder])], folderLister(context.files));
    // The notes say to install on the host first: the user has been told.
    const told = NOTES_INSTALL.test(notes);
    const line = file.lines.positionAt(mount.source.start).line;
    const lineText = file.text.slice(file.lines.lineStart(line), file.lines.lineEnd(line));
    const item = /^(\s*)-\s/.exec(lineText);
    out.push({
      rule: 'compose-dependencies-hidden',
      start: mount.source.start,
      end: mount.source.end,
      message: t('This mounts {0} over {1}, which hides the node_modules the image installed there, and {0} has no node_modules of its own (a fresh clone has none): {2} starts without the dependencies ("Cannot find module", "sh: vite: not found"). Add the volume {3} below this line to keep the image\'s, or run the install in {0} first.', mount.source.text, image.workdir, started, modules),
      ...(told ? { severity: 'information' as const } : {}),
      ...(item ? { data: { insertLine: { offset: file.lines.lineEnd(line), text: `\n${item[1]}- ${modules}` } } } : {}),
    });
  }
}
