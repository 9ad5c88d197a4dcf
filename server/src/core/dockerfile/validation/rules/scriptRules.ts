// Scripts the image runs as the build context holds them. A script COPY puts in the image keeps the
// mode and the bytes it has in the context, so one saved without the execute bit, with Windows line
// endings (CRLF) or without a #! line breaks the build's RUN or the container's start that runs it,
// with messages that do not name the cause ("permission denied", "exec /entrypoint.sh: no such
// file or directory", "exec format error"). Each is looked for only where the Dockerfile runs the
// script and does nothing about it (chmod, COPY --chmod, dos2unix).
import { t } from '../../../l10n';
import type { Instruction, Span, Stage, Word } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { buildContextOf } from '../../analysis/buildContext';
import { copiesFromContext, copyArgs, literalSource } from '../../analysis/copySources';
import { resolvePath, workdirAtEnd, workdirBefore } from '../../analysis/workdir';
import { stageUse } from '../../analysis/stageUse';
import { folderLister, foldersUp, scriptsText } from '../../../repositoryFiles';
import { entrypointOf } from './entrypointRules';
import { baseName, commandsOf, type RunShell } from './shellCommands';
import { repositoryAndTag } from '../../../officialImages';
import { rule, type RuleContext } from './rule';

/** A script the image runs: where, by which path in the image, and whether the kernel executes it itself (not `sh script`). */
interface Launch {
  instruction: Instruction;
  stage: Stage;
  span: Span;
  /** Paths in the image it may be (a bare name: each folder of the PATH). */
  paths: string[];
  shown: string;
  direct: boolean;
  /** Exec-form ENTRYPOINT, or CMD of an image without one: executed without a shell, which would run a file with no #! line itself. */
  noShell: boolean;
}

/** A script the context holds that a COPY puts at a launch's path. */
interface Copied {
  launch: Launch;
  copy: Instruction;
  uri: string;
  relative: string;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** Programs that start the next word as the real process (an init, a user switch). */
const INITS = new Set(['tini', 'dumb-init', 'catatonit']);
const USER_SWITCHES = new Set(['gosu', 'su-exec']);
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/**
 * Official images that set no ENTRYPOINT, so that a CMD of theirs is executed as it is. The others
 * (node, php, nginx, the databases) start a shell script that runs the CMD with exec, and a shell
 * runs a file without a #! line as a shell script.
 */
const NO_ENTRYPOINT = new Set(['alpine', 'debian', 'ubuntu', 'busybox', 'python', 'golang', 'ruby', 'rust', 'openjdk', 'amazoncorretto', 'centos', 'fedora', 'rockylinux', 'almalinux', 'oraclelinux', 'archlinux', 'gcc', 'httpd', 'scratch']);

/** A RUN's text that may run a script by its path: a .sh file, ./x or ../x, a Maven or Gradle wrapper. */
const MAY_RUN_SCRIPT = /\.(sh|bash)\b|(^|[\s;&|(`])\.\.?\/|\b(gradlew|mvnw)\b/;

/**
 * At most this many launches are followed to their COPY: each walks the instructions before it, so
 * a crafted file of thousands of `RUN ./x.sh` would cost launches × instructions.
 */
const MAX_LAUNCHES = 64;

/** Files the checks read: scripts by name, and files without an extension (bin/start). */
const SCRIPT_NAME = /\.(sh|bash)$|^[^.]+$/;

/** What a command line launches: the script after inits and user switches, run by a shell or itself. */
function launchOf(words: readonly { text: string }[]): { index: number; direct: boolean } | undefined {
  let k = 0;
  for (let guard = 0; guard < 4 && k < words.length; guard++) {
    const name = baseName(words[k]!.text);
    if (name === 'exec') k++;
    else if (INITS.has(name)) {
      k++;
      while (k < words.length && words[k]!.text.startsWith('-')) k++;
    } else if (USER_SWITCHES.has(name)) k += 2;
    else break;
  }
  const first = words[k];
  if (!first) return undefined;
  if (!SHELLS.has(baseName(first.text))) return { index: k, direct: true };
  // sh -c '...' runs a text, not a file; sh -e script.sh runs the file.
  for (let j = k + 1; j < words.length; j++) {
    const word = words[j]!.text;
    if (word === '-c' || /^-[a-z]*c/.test(word)) return undefined;
    if (!word.startsWith('-') && !word.startsWith('+')) return { index: j, direct: false };
  }
  return undefined;
}

/** The paths in the image a launched word may be: itself from the working directory, or a bare name in each PATH folder. */
function imagePaths(word: string, cwd: string | undefined, direct: boolean): string[] {
  if (word === '' || /[$`*?]/.test(word)) return [];
  if (!word.includes('/')) {
    if (direct) return PATH_DIRS.map((d) => join(d, word));
    return cwd === undefined ? [] : [resolvePath(cwd, word)];
  }
  if (!word.startsWith('/') && cwd === undefined) return [];
  return [resolvePath(cwd ?? '/', word)];
}

function launchFromWords(i: Instruction, stage: Stage, words: readonly Word[], cwdOf: () => string | undefined, noShell: boolean): Launch | undefined {
  const found = launchOf(words.map((w) => ({ text: w.value })));
  if (!found) return undefined;
  const word = words[found.index]!;
  // A bare name is looked up in the PATH: only a script's (docker-entrypoint.sh), not a program's (node).
  if (!word.value.includes('/') && !/\.(sh|bash)$/.test(word.value)) return undefined;
  // The working directory only for a relative path (working it out expands the stage's variables).
  const paths = imagePaths(word.value, word.value.startsWith('/') || (found.direct && !word.value.includes('/')) ? '/' : cwdOf(), found.direct);
  return paths.length === 0 ? undefined : { instruction: i, stage, span: word.span, paths, shown: word.value, direct: found.direct, noShell: noShell && found.direct };
}

/** Per validation: the four rules that read the launches get one scope object. */
const launchesMemo = new WeakMap<object, Launch[]>();

/** The scripts the build's RUNs and the images' ENTRYPOINT and CMD run. */
function launches(ctx: RuleContext): Launch[] {
  let out = launchesMemo.get(ctx.scope);
  if (!out) launchesMemo.set(ctx.scope, (out = findLaunches(ctx)));
  return out;
}

function findLaunches(ctx: RuleContext): Launch[] {
  const a = ctx.a;
  const out: Launch[] = [];
  const use = stageUse(a);
  // Only the RUNs whose text may run a script by its path are parsed (this rule reads the whole
  // file on every edit; parsing every RUN's shell for it doubled a large file's work per edit).
  for (const instruction of a.doc.instructions) {
    if (instruction.upper !== 'RUN' || !MAY_RUN_SCRIPT.test(instruction.argText)) continue;
    const stage = a.doc.stages[instruction.stage];
    const info = stage && !a.isWindows(stage) ? a.shell(instruction) : undefined;
    if (!stage || !info || info.summary.error) continue;
    const run: RunShell = { instruction, stage, info };
    let cwd: string | undefined | null = null;
    for (const c of commandsOf(run)) {
      if (out.length >= MAX_LAUNCHES) return out;
      const words = c.raw.words;
      const found = launchOf(words);
      if (!found) continue;
      const word = words[found.index]!;
      // A RUN's bare name is a program of the image's, unless given as a path or to a shell.
      if (!word.literal || (found.direct && !word.text.includes('/'))) continue;
      if (found.direct && !SCRIPT_NAME.test(baseName(word.text)) && !word.text.startsWith('./')) continue;
      if (cwd === null) cwd = workdirBefore(a, stage, run.instruction);
      const paths = imagePaths(word.text, cwd, found.direct);
      if (paths.length > 0) out.push({ instruction: run.instruction, stage, span: run.info.span(word.start, word.end), paths, shown: word.text, direct: found.direct, noShell: false });
    }
  }
  // What a container of the image runs: in the last stage and in stages nothing builds on (targets).
  for (const stage of a.doc.stages) {
    if (out.length >= MAX_LAUNCHES) break;
    if (use.used.has(stage.index) && stage.index !== a.doc.stages.length - 1) continue;
    if (a.isWindows(stage)) continue;
    const entrypoint = entrypointOf(a, stage);
    let start: Instruction | undefined = entrypoint;
    if (!entrypoint) {
      for (const s of a.chainOf(stage)) {
        start = s.instructions.filter((i) => i.upper === 'CMD').pop();
        if (start) break;
      }
    }
    if (!start) continue;
    const cwd = () => workdirAtEnd(a, stage);
    // A CMD is executed as it is only where no ENTRYPOINT, the Dockerfile's or the base image's, runs it.
    const executedAsIs = () => start!.upper === 'ENTRYPOINT' || NO_ENTRYPOINT.has(repositoryAndTag(a.rootImage(stage))?.repository ?? '');
    const launch = start.exec ? launchFromWords(start, stage, start.exec.items, cwd, true) : launchFromWords(start, stage, start.words, cwd, false);
    if (launch?.noShell) launch.noShell = executedAsIs();
    if (launch && !out.some((l) => l.instruction === launch.instruction && l.shown === launch.shown)) out.push(launch);
  }
  return out;
}

/** Whether a --chmod value gives an execute bit (755, 0775, u+x, +x). */
function chmodGivesExecute(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (/^[0-7]{3,4}$/.test(value)) return /[1357]/.test(value.slice(-3));
  return /x/.test(value) || value.includes('$');
}

/** `path` joined under the folder `folder` (which may be the root). */
const join = (folder: string, path: string) => (folder === '/' ? `/${path}` : `${folder}/${path}`);
/** The part of `path` under `folder`, or undefined when it is not under it. */
function under(path: string, folder: string): string | undefined {
  const prefix = folder === '/' ? '/' : `${folder}/`;
  return path.startsWith(prefix) && path.length > prefix.length ? path.slice(prefix.length) : undefined;
}

/** Where a COPY or ADD puts its files in the image, where that can be told (no variable, a known working directory). */
function copyTarget(a: Analysis, stage: Stage, i: Instruction): string | undefined {
  const dest = copyArgs(i).dest;
  if (!dest || dest.value.includes('$')) return undefined;
  const cwd = workdirBefore(a, stage, i);
  return cwd !== undefined || dest.value.startsWith('/') ? resolvePath(cwd ?? '/', dest.value) : undefined;
}

/** Whether a copy to `target` may put a file at one of the launch's paths (the path itself, or under it as a folder). */
const reaches = (launch: Launch, target: string) => launch.paths.some((p) => p === target || under(p, target) !== undefined);

/** Where a COPY from the context puts a source, for the paths asked about: the context path, or undefined. */
function sourceFor(a: Analysis, copy: Instruction, stage: Stage, paths: readonly string[], hasFile: (relative: string) => boolean): string | undefined {
  const { sources, dest } = copyArgs(copy);
  if (!dest || dest.value.includes('$')) return undefined;
  const cwd = workdirBefore(a, stage, copy);
  if (cwd === undefined && !dest.value.startsWith('/')) return undefined;
  const target = resolvePath(cwd ?? '/', dest.value);
  const intoFolder = dest.value.endsWith('/') || sources.length > 1;
  for (const path of paths) {
    const inside = under(path, target);
    for (const source of sources) {
      if (source.value === '.' || source.value === './') {
        if (inside !== undefined && hasFile(inside)) return inside;
        continue;
      }
      // A wildcard in the name only (scripts/*.sh): the file of that name in its folder.
      const glob = /^(?:\.\/)?((?:[\w.-]+\/)*)([^/]*[*?][^/]*)$/.exec(source.value);
      if (glob) {
        const name = path.slice(path.lastIndexOf('/') + 1);
        const pattern = new RegExp(`^${glob[2]!.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
        if (inside === name && pattern.test(name) && hasFile(glob[1]! + name)) return glob[1]! + name;
        continue;
      }
      const relative = literalSource(source.raw, source.value);
      if (relative === undefined) continue;
      const name = relative.slice(relative.lastIndexOf('/') + 1);
      if (!intoFolder && path === target && hasFile(relative)) return relative;
      if (inside === name && hasFile(relative)) return relative;
      // A folder copied: its files under the destination.
      if (inside !== undefined && hasFile(`${relative}/${inside}`)) return `${relative}/${inside}`;
    }
  }
  return undefined;
}

/**
 * The instructions of a stage and the stages it is built FROM, latest first: for a RUN those before
 * it; for an ENTRYPOINT or CMD (run in the finished image) all of them.
 */
function* earlierInChain(a: Analysis, stage: Stage, before: Instruction): Generator<{ i: Instruction; stage: Stage }> {
  for (const s of a.chainOf(stage)) {
    for (let k = s.instructions.length - 1; k >= 0; k--) {
      const i = s.instructions[k]!;
      if (before.upper !== 'RUN' || i.index < before.index || s !== stage) yield { i, stage: s };
    }
  }
}

/** Per validation: the three rules get one scope object (their contexts are their own). */
const scriptsMemo = new WeakMap<object, Copied[]>();

/**
 * The launched scripts a COPY takes from the build context, read once per validation for the three
 * rules. Past a COPY --from or ADD of something else to the same path, the file is not the context's.
 */
function copiedScripts(ctx: RuleContext): Copied[] {
  const memo = scriptsMemo.get(ctx.scope);
  if (memo) return memo;
  const out: Copied[] = [];
  scriptsMemo.set(ctx.scope, out);
  const a = ctx.a;
  if (!a.doc.instructions.some(copiesFromContext)) return out;
  const found = launches(ctx);
  if (found.length === 0) return out;
  const context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
  if (!context || context.entries.length === 0 || ctx.files.allowed?.(context.folderUri) === false) return out;
  const dockerfileFolder = ctx.uri.slice(0, ctx.uri.lastIndexOf('/'));
  // Where nothing names the context, it may be a folder above the Dockerfile's (docker build -f x/Dockerfile .).
  const folders = context.source === 'folder' ? foldersUp(ctx.files, dockerfileFolder).filter((f) => ctx.files.allowed?.(f) !== false) : [context.folderUri];
  for (const launch of found) {
    for (const { i, stage } of earlierInChain(a, launch.stage, launch.instruction)) {
      if (i.upper !== 'COPY' && i.upper !== 'ADD') continue;
      if (!copiesFromContext(i)) {
        // Another stage's or image's file at that path: not the context's.
        const target = copyTarget(a, stage, i);
        if (target && reaches(launch, target)) break;
        continue;
      }
      let hit: { uri: string; relative: string } | undefined;
      for (const folder of folders) {
        const relative = sourceFor(a, i, stage, launch.paths, (r) => ctx.files.exists(`${folder}/${r}`) && ctx.files.readText(`${folder}/${r}`) !== undefined);
        if (relative !== undefined) {
          hit = { uri: `${folder}/${relative}`, relative };
          break;
        }
      }
      if (hit) {
        // One finding per script: the first place that runs it (two RUNs of ./mvnw fail for one cause).
        if (!out.some((c) => c.uri === hit.uri && c.launch.direct === launch.direct && c.launch.noShell === launch.noShell)) out.push({ launch, copy: i, ...hit });
        break;
      }
    }
  }
  return out;
}

/** RUN texts of the launch's stage and the stages it is built FROM. */
/**
 * Whether a RUN of the stage's chain may give the script its execute permission: a chmod that
 * adds it to the script's name, to a pattern or variable, or recursively to a folder it may be in;
 * a chmod run by find or xargs, or in a script the parser did not read. Another file's chmod does
 * not (round 58: chmod a+x target/protoc-plugins beside ./mvnw install).
 */
function chmodMayCover(a: Analysis, stage: Stage, launch: Launch, relative: string): boolean {
  const name = baseName(relative);
  for (const s of a.chainOf(stage)) {
    for (const i of s.instructions) {
      if ((i.trigger ?? i).upper !== 'RUN' || !i.logical.includes('chmod')) continue;
      const info = a.shell(i);
      if (!info || info.summary.error) return true;
      for (const c of commandsOf({ instruction: i, stage: s, info })) {
        if (c.name !== 'chmod') {
          if (c.args.some((w) => /(^|\/)chmod$/.test(w.text))) return true;
          continue;
        }
        const words = c.args.map((w) => w.text);
        const recursive = words.some((w) => /^-[a-zA-Z]*R/.test(w) || w === '--recursive');
        const [mode, ...paths] = words.filter((w) => !w.startsWith('-') || /^-[rwxXst]+$/.test(w));
        if (mode === undefined || !chmodGivesExecute(mode.replace('X', 'x'))) continue;
        for (const p of paths) {
          // Its name in the context or where it is put (COPY entrypoint.sh /docker-entrypoint.sh, then chmod +x /docker-entrypoint.sh).
          const target = baseName(p.replace(/\/+$/, ''));
          if (/[$*?`]/.test(p) || target === name || launch.paths.some((l) => baseName(l) === target)) return true;
          const folder = p.replace(/\/+$/, '');
          if (recursive && (!folder.startsWith('/') || launch.paths.some((l) => l.startsWith(`${folder}/`)))) return true;
        }
      }
    }
  }
  return false;
}

function chainRunText(a: Analysis, stage: Stage): string {
  const texts: string[] = [];
  for (const s of a.chainOf(stage)) for (const i of s.instructions) if ((i.trigger ?? i).upper === 'RUN') texts.push(i.logical);
  return texts.join('\n');
}

const TEXT_LIMIT = 256 * 1024;

/** A text file's first bytes, or undefined for a binary (a NUL, an ELF header) or a file too large to be a script. */
function scriptText(ctx: RuleContext, uri: string): string | undefined {
  const text = ctx.files.readText(uri);
  if (text === undefined || text.length > TEXT_LIMIT || text.includes('\0') || text.startsWith('\x7fELF')) return undefined;
  return text;
}

function what(launch: Launch): string {
  return launch.instruction.upper === 'RUN' ? t('this RUN') : t('the container\'s start');
}

export const scriptNotExecutable = rule({
  id: 'script-not-executable', severity: 'error', reach: 'file',
  explain: () => [
    t('COPY keeps the mode a file has in the build context. A script saved or committed without the execute permission and then run by its path (ENTRYPOINT ["/entrypoint.sh"], RUN ./build.sh) stops the RUN or the container\'s start with "permission denied". Running it through a shell (sh ./build.sh) needs no permission.'),
    t('Give it the permission where it is kept (chmod +x, and git update-index --chmod=+x for Git to keep it), or in the Dockerfile: COPY --chmod=755, or RUN chmod +x. Not reported where the Dockerfile or a build script runs chmod, on Windows (docker build from Windows gives every file of the context the permission), nor where the file system does not tell.'),
  ],
}, (ctx) => {
  if (!ctx.files.executable) return;
  let scripts: string | undefined;
  const told = new Set<string>();
  for (const copied of copiedScripts(ctx)) {
    const { launch, copy } = copied;
    if (!launch.direct || told.has(copied.uri) || ctx.files.executable(copied.uri) !== false) continue;
    const flags = (copy.trigger ?? copy).flags;
    if (flags.some((f) => f.name === 'chmod' && chmodGivesExecute(f.value))) continue;
    if (chmodMayCover(ctx.a, launch.stage, launch, copied.relative)) continue;
    // A build script that runs chmod on it (or on everything) before docker build.
    const folder = copied.uri.slice(0, copied.uri.length - copied.relative.length - 1);
    scripts ??= scriptsText(ctx.files, [folder], folderLister(ctx.files));
    if (/(^|[^\w-])chmod([^\w-]|$)/.test(scripts)) continue;
    told.add(copied.uri);
    ctx.report(launch.span, t('{0} has no execute permission in the build context ({1}), and the Dockerfile gives it none: {2} stops with "permission denied". Run chmod +x on it (git update-index --chmod=+x for Git to keep it) or copy it with COPY --chmod=755.', launch.shown, copied.relative, what(launch)),
      copyArgs(copy).sources.length === 1 && !flags.some((f) => f.name === 'chmod') ? { data: { append: ' --chmod=755', appendAt: (copy.trigger ?? copy).keywordSpan.end } } : undefined);
  }
});

/** A script of the shell's: by its name or its #! line. */
function shellScript(relative: string, text: string): boolean {
  return /\.(sh|bash)$/.test(relative) || /^#![^\n]*\b(sh|bash|ash|dash|zsh|ksh)\b/.test(text);
}

export const scriptCrlf = rule({
  id: 'script-crlf', severity: 'error', reach: 'file',
  explain: () => [
    t('A script with Windows line endings (CRLF) keeps them in the image: its #! line asks for an interpreter whose name ends in a carriage return ("/bin/sh\\r"), which does not exist, so running it stops with "no such file or directory" although the file is there; run through a shell, each line\'s command ends in a carriage return ("$\'\\r\': command not found").'),
    t('Save it with LF line endings, and have Git keep them on every checkout with a .gitattributes line such as *.sh text eol=lf (Git for Windows otherwise may write CRLF). Not reported where the Dockerfile converts it (dos2unix, sed s/\\r//).'),
  ],
}, (ctx) => {
  let runs: Map<Stage, string> | undefined;
  const told = new Set<string>();
  for (const copied of copiedScripts(ctx)) {
    const { launch } = copied;
    if (told.has(copied.uri)) continue;
    const text = scriptText(ctx, copied.uri);
    if (text === undefined || !text.includes('\r\n')) continue;
    const firstLine = text.slice(0, text.indexOf('\n') + 1);
    const shebangBroken = launch.direct && firstLine.startsWith('#!') && firstLine.endsWith('\r\n');
    if (!shebangBroken && !shellScript(copied.relative, text)) continue;
    runs ??= new Map();
    let runText = runs.get(launch.stage);
    if (runText === undefined) runs.set(launch.stage, (runText = chainRunText(ctx.a, launch.stage)));
    if (/dos2unix|fromdos|\\r/.test(runText)) continue;
    told.add(copied.uri);
    if (shebangBroken) {
      ctx.report(launch.span, t('{0} has Windows line endings (CRLF) in the build context ({1}): its first line asks for "{2}" followed by a carriage return, which does not exist, so {3} stops with "no such file or directory". Save it with LF line endings (and *.sh text eol=lf in .gitattributes to keep them).', launch.shown, copied.relative, firstLine.slice(2).trim(), what(launch)));
    } else {
      ctx.report(launch.span, t('{0} has Windows line endings (CRLF) in the build context ({1}): the shell reads a carriage return at the end of each line\'s command ("$\'\\r\': command not found", a cd to a folder that does not exist). Save it with LF line endings (and *.sh text eol=lf in .gitattributes to keep them).', launch.shown, copied.relative), { severity: 'warning' });
    }
  }
});

export const scriptNoShebang = rule({
  id: 'script-no-shebang', severity: 'error', reach: 'file',
  explain: () => [
    t('An ENTRYPOINT or CMD in the exec form (["/entrypoint.sh"]) is executed without a shell. A script with no #! line as its first line cannot be executed so: the container stops at its start with "exec format error". A shell would have run it as a shell script, which is why the same script works from a RUN or a terminal.'),
    t('Add the interpreter as its first line (#!/bin/sh, #!/usr/bin/env bash), or run it through one (ENTRYPOINT ["sh", "/entrypoint.sh"]).'),
  ],
}, (ctx) => {
  for (const copied of copiedScripts(ctx)) {
    const { launch } = copied;
    if (!launch.noShell || !/\.(sh|bash)$/.test(copied.relative)) continue;
    const text = scriptText(ctx, copied.uri);
    if (text === undefined || text.trim() === '') continue;
    if (text.startsWith('#!')) continue;
    // A byte order mark before the #! hides it from the kernel as well.
    if (text.startsWith('\uFEFF#!')) {
      ctx.report(launch.span, t('{0} starts with a byte order mark before its #! line ({1} in the build context): executed without a shell, as this {2} does, it stops the container\'s start with "exec format error". Save it as UTF-8 without a byte order mark.', launch.shown, copied.relative, launch.instruction.upper));
      continue;
    }
    ctx.report(launch.span, t('{0} has no #! line ({1} in the build context): executed without a shell, as this {2} does, it stops the container\'s start with "exec format error". Add #!/bin/sh (or the interpreter it needs) as its first line, or run it with ["sh", "{0}"].', launch.shown, copied.relative, launch.instruction.upper));
  }
});

/** Commands of a RUN that may put a file in place: copies, downloads, archives, redirections. */
const MAY_MAKE_FILES = /(^|[\s;&|(])(cp|mv|ln|curl|wget|git|tar|unzip|touch|tee|rsync|envsubst)\s|>/;
/** A project's manifest, which tells a folder that is a build context. */
const PROJECT_MANIFEST = /^(package\.json|go\.mod|requirements\.txt|pyproject\.toml|Pipfile|Gemfile|composer\.json|pom\.xml|build\.gradle(\.kts)?|Cargo\.toml|mix\.exs|deno\.json)$/;

/** Official language and OS images, which have nothing of their own in a project's working directory. */
const EMPTY_WORKDIR_IMAGES = new Set(['node', 'python', 'golang', 'ruby', 'php', 'rust', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'debian', 'ubuntu', 'alpine', 'oven/bun', 'denoland/deno', 'elixir', 'perl']);

export const scriptMissing = rule({
  id: 'script-missing', severity: 'error', reach: 'file',
  explain: () => [
    t('A container that starts a script by its path (ENTRYPOINT ["/bin/sh", "./start.sh"], CMD ["./run.sh"]) needs the script in the image. Where only COPY . brings files into that folder and the build context has no such script, the container stops at once: "can\'t open \'./start.sh\'", "no such file or directory".'),
    t('Commit the script, or fix its name or path. Reported only on official language and OS images, where the script is in none of the folders that may be the build context, no other COPY brings it, and no RUN names it (which may make it).'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!a.doc.instructions.some(copiesFromContext)) return;
  // Scripts (.sh) only: a program without an extension is most often what a RUN builds (make: bin/app, round 39).
  const starts = launches(ctx).filter((l) => l.instruction.upper !== 'RUN' && !l.shown.startsWith('/') && /\.(sh|bash)$/.test(l.shown));
  if (starts.length === 0) return;
  const context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
  if (!context || context.entries.length === 0 || ctx.files.allowed?.(context.folderUri) === false) return;
  const dockerfileFolder = ctx.uri.slice(0, ctx.uri.lastIndexOf('/'));
  const folders = context.source === 'folder' ? foldersUp(ctx.files, dockerfileFolder).filter((f) => ctx.files.allowed?.(f) !== false) : [context.folderUri];
  const inAnyFolder = (relative: string) => folders.some((f) => ctx.files.exists(`${f}/${relative}`));
  // Where nothing names the context, a project's manifest in one of those folders says it is one
  // (a Dockerfile among others' test files has none: the shared corpus's parser test files).
  if (context.source === 'folder' && !folders.some((f) => ctx.files.list(f).some((e) => PROJECT_MANIFEST.test(e.name)))) return;
  for (const launch of starts) {
    if (!EMPTY_WORKDIR_IMAGES.has(repositoryAndTag(a.rootImage(launch.stage))?.repository ?? '')) continue;
    const name = launch.shown.slice(launch.shown.lastIndexOf('/') + 1);
    // Only COPY . brings the folder, and the context lacks the script: anything else may bring it.
    let wholeContext: string | undefined;
    let known = true;
    for (const { i, stage } of earlierInChain(a, launch.stage, launch.instruction)) {
      if (i.upper !== 'COPY' && i.upper !== 'ADD' && (i.trigger ?? i).upper !== 'RUN') continue;
      // A RUN that names the script or copies, fetches or writes files may make it.
      if ((i.trigger ?? i).upper === 'RUN') {
        if (i.trigger || i.logical.includes(name) || MAY_MAKE_FILES.test(i.argText) || i.heredocs.length > 0) {
          known = false;
          break;
        }
        continue;
      }
      const { sources } = copyArgs(i);
      const target = copyTarget(a, stage, i);
      // Another stage's or image's files where the script is looked for (node_modules elsewhere does not count).
      if (!copiesFromContext(i) || i.heredocs.length > 0) {
        if (target === undefined || reaches(launch, target)) {
          known = false;
          break;
        }
        continue;
      }
      const inside = target === undefined ? undefined : launch.paths.map((p) => under(p, target)).find((x) => x !== undefined);
      if (sources.length === 1 && (sources[0]!.value === '.' || sources[0]!.value === './') && inside !== undefined) {
        if (inAnyFolder(inside)) {
          known = false;
          break;
        }
        wholeContext ??= inside;
        continue;
      }
      // Another copy from the context may bring it: the file by its name, a pattern, or a folder
      // copied where the script is looked for (COPY package.json . brings only package.json).
      const covers = target === undefined || reaches(launch, target);
      if (sources.some((w) => {
        const base = w.value.replace(/\/+$/, '').split('/').pop() ?? '';
        return base === name || /[*?[$]/.test(w.value) || (covers && (base === '' || base === '.' || base === '..' || !base.includes('.')));
      })) {
        known = false;
        break;
      }
    }
    if (!known || wholeContext === undefined) continue;
    ctx.report(launch.span, t('{0} is not in the image: the build context has no {1} for COPY . to bring, so the container stops at start ("can\'t open", "no such file or directory"). Commit it, or fix the name or path.', launch.shown, wholeContext));
  }
});

export const scriptRules = [scriptNotExecutable, scriptCrlf, scriptNoShebang, scriptMissing];
