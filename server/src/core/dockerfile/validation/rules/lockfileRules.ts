// An install that must follow the lock file, run where the Dockerfile copied the manifest but not
// the lock: `COPY package.json ./` then `RUN npm ci` stops with "The `npm ci` command can only
// install with an existing package-lock.json"; pnpm's --frozen-lockfile with ERR_PNPM_NO_LOCKFILE;
// Yarn's --immutable, cargo's --locked and uv's --locked refuse to write the lock they would need.
// A first Dockerfile's classic slip, and a later one's when the lock file is renamed (round 49's
// likely miss, a pnpm workspace that copies package.json files only). Told only where every earlier
// copy names its files, none of which can be the lock, and nothing else can have made it.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { copyArgs, isUrl } from '../../analysis/copySources';
import { buildContextOf } from '../../analysis/buildContext';
import { repositoryAndTag } from '../../../officialImages';
import { folderLister, foldersUp, scriptsText } from '../../../repositoryFiles';
import { commandsOf, commandSpan, hasOption, operands, runShells, runsByPath, type Cmd, type RunShell } from './shellCommands';
import { EMPTY_IMAGES, MAKES_NO_PROJECT, effectOf, installsToolByName } from './projectNotCopiedRules';
import { rule } from './rule';

interface Locked {
  /** The command as the message names it. */
  what: string;
  /** The lock files it accepts (any one of them). */
  locks: string[];
  /** Its own words for the failure. */
  failure: string;
  /** The manifest beside the lock, which tells a folder of the project. */
  manifest: string;
}

/** Words of a RUN that may run such an install. */
const LOCKED_WORDS = /\bci\b|--frozen-lockfile|--immutable|--locked|--frozen|clean-install/;

/** An install that needs the lock file already there. */
function lockedInstall(c: Cmd): Locked | undefined {
  const sub = operands(c, ['-C', '--dir', '--prefix', '--cwd', '--manifest-path', '--directory', '--project'])[0]?.text;
  switch (c.name) {
    case 'npm':
      if (hasOption(c, '', ['--prefix'])) return undefined;
      return sub === 'ci' || sub === 'clean-install' ? { what: `npm ${sub}`, locks: ['package-lock.json', 'npm-shrinkwrap.json'], failure: 'The `npm ci` command can only install with an existing package-lock.json', manifest: 'package.json' } : undefined;
    case 'pnpm':
      return (sub === 'install' || sub === 'i') && hasOption(c, '', ['--frozen-lockfile']) && !c.args.some((w) => w.text === '--frozen-lockfile=false') && !hasOption(c, 'C', ['--dir'])
        ? { what: 'pnpm install --frozen-lockfile', locks: ['pnpm-lock.yaml'], failure: 'ERR_PNPM_NO_LOCKFILE', manifest: 'package.json' } : undefined;
    case 'yarn':
      return (sub === undefined || sub === 'install') && hasOption(c, '', ['--immutable']) && !hasOption(c, '', ['--cwd'])
        ? { what: 'yarn install --immutable', locks: ['yarn.lock'], failure: 'The lockfile would have been created by this install, which is explicitly forbidden', manifest: 'package.json' } : undefined;
    case 'cargo':
      return ['build', 'fetch', 'test', 'run', 'install'].includes(sub ?? '') && hasOption(c, '', ['--locked', '--frozen']) && !hasOption(c, '', ['--manifest-path']) && (sub !== 'install' || hasOption(c, '', ['--path']))
        ? { what: `cargo ${sub} --locked`, locks: ['Cargo.lock'], failure: 'the lock file needs to be updated but --locked was passed', manifest: 'Cargo.toml' } : undefined;
    case 'uv':
      return sub === 'sync' && hasOption(c, '', ['--locked', '--frozen']) && !hasOption(c, '', ['--directory', '--project'])
        ? { what: 'uv sync --locked', locks: ['uv.lock'], failure: 'Unable to find lockfile at `uv.lock`', manifest: 'pyproject.toml' } : undefined;
    default:
      return undefined;
  }
}

/** A COPY source as a test of names: a glob (package*.json) as a pattern, else the name itself. */
function namesMatch(source: string, name: string): boolean {
  const base = source.replace(/\/+$/, '').split('/').pop() ?? '';
  if (!/[*?[]/.test(base)) return base === name;
  const pattern = base.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  try {
    return new RegExp(`^${pattern}$`).test(name);
  } catch {
    return true;
  }
}

/** File names without an extension that are files, not folders. */
const PLAIN_FILES = /^(Gemfile|Makefile|Dockerfile|LICENSE|Procfile|Pipfile|Justfile|VERSION)$/i;

type Seen = { brings: 'lock' | 'unknown' } | { brings: 'files'; names: string[]; wholeContext: boolean };

/**
 * What the instructions before a RUN (from the root of its stage's FROM chain) brought into the
 * image: the lock (or what may be it), or only these named files.
 */
function broughtBefore(a: Analysis, stage: Stage, before: Instruction, locked: Locked, matching: (folder: string, pattern: string) => string[] | undefined): Seen {
  const locks = locked.locks;
  const names: string[] = [];
  let wholeContext = false;
  for (const s of [...a.chainOf(stage)].reverse()) {
    for (const i of s.instructions) {
      if (i === s.from) continue;
      if (i === before) return { brings: 'files', names, wholeContext };
      const target = i.trigger ?? i;
      // After the whole context came in, another working directory is another folder of it.
      if (wholeContext && target.upper === 'WORKDIR') return { brings: 'unknown' };
      if (target.upper === 'COPY' || target.upper === 'ADD') {
        // Another stage's or image's files, a heredoc, a build argument's path: what they hold is not known.
        if (i.trigger || i.heredocs.length > 0 || target.flags.some((f) => f.name === 'from' || f.name === 'parents')) return { brings: 'unknown' };
        for (const word of copyArgs(i).sources) {
          const value = word.value;
          if (isUrl(value)) continue;
          if (value.includes('$')) return { brings: 'unknown' };
          const base = value.replace(/\/+$/, '').split('/').pop() ?? '';
          // A pattern (apps/web/package*.json): the names it matches in the build context, where that
          // folder is there to list and has what it copies (round 50: the lock at the workspace's root).
          if (/[*?[]/.test(base) && !/[*?[]/.test(value.slice(0, -base.length))) {
            const folder = value.slice(0, value.length - base.length).replace(/^(\.\/)+/, '').replace(/\/+$/, '');
            if (folder.includes('..')) return { brings: 'unknown' };
            // A pattern that matches nothing in a folder the context has (package-lock.json* where no
            // lock was committed) brings nothing: BuildKit copies nothing for it.
            const matched = matching(folder, base) ?? (matching(folder, '*') ? [] : undefined);
            if (!matched) return { brings: 'unknown' };
            if (matched.some((name) => locks.includes(name))) return { brings: 'lock' };
            names.push(...matched);
            continue;
          }
          if (locks.some((lock) => namesMatch(value, lock))) return { brings: 'lock' };
          // The whole context into the working directory: its root, where the project's manifest is
          // and no lock file is in any folder up to the repository's root (a lock Git ignores, never committed).
          if ((value === '.' || value === './') && /^\.\/?$/.test(copyArgs(i).dest?.value ?? '')) {
            const listed = matching('', '*');
            if (!listed || !listed.includes(locked.manifest)) return { brings: 'unknown' };
            if (listed.some((name) => locks.includes(name))) return { brings: 'lock' };
            wholeContext = true;
            continue;
          }
          // The context itself, or a folder (no extension): it may hold the lock.
          if (base === '' || base === '.' || base === '..' || (!base.includes('.') && !PLAIN_FILES.test(base)) || /[*?[]/.test(base)) return { brings: 'unknown' };
          names.push(base);
        }
        continue;
      }
      const effect = effectOf(a, i);
      if (effect === 'brings') return { brings: 'unknown' };
      if (effect === 'nothing') continue;
      const run: RunShell = { instruction: i, stage: s, info: effect };
      for (const c of commandsOf(run)) {
        // A command that may make or fetch files (npm install writes the lock): not known.
        if (runsByPath(c) || (!MAKES_NO_PROJECT.has(c.name) && !installsToolByName(c))) return { brings: 'unknown' };
      }
    }
  }
  return { brings: 'unknown' };
}

export const lockfileNotCopied = rule({
  id: 'lockfile-not-copied', severity: 'error',
  explain: () => [
    t('npm ci, pnpm install --frozen-lockfile, yarn install --immutable, cargo build --locked and uv sync --locked install exactly what the lock file says, and stop without one: "The `npm ci` command can only install with an existing package-lock.json", ERR_PNPM_NO_LOCKFILE. A COPY of package.json alone (or Cargo.toml, pyproject.toml) leaves the lock file out of the image.'),
    t('Copy the lock file beside the manifest before the install (COPY package.json package-lock.json ./), and commit it if the repository has none. Reported only on official language and OS images, where every earlier COPY names its files, or a pattern (package*.json) that matches no lock file in its folder of the build context, and none of them is the lock file.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  // Only RUNs of the instructions being checked that name such an install (not the whole text on every edit).
  if (!ctx.scope.instructions.some((i) => (i.trigger ?? i).upper === 'RUN' && LOCKED_WORDS.test(i.argText))) return;
  // The build context, read once per validation and only where a pattern or COPY . asks.
  let known: { context: ReturnType<typeof buildContextOf> } | undefined;
  const contextOnce = () => (known ??= { context: buildContextOf(ctx.uri, ctx.files, ctx.facts) }).context;
  for (const run of runShells(ctx)) {
    // A bind mount may bring the lock for this step alone (--mount=type=bind,source=package-lock.json).
    if (!run.stage || effectOf(a, run.instruction) === 'brings') continue;
    const commands = commandsOf(run);
    for (let k = 0; k < commands.length; k++) {
      const c = commands[k]!;
      const locked = lockedInstall(c);
      if (!locked) continue;
      // Something earlier in the same RUN may make it (npm install --package-lock-only && npm ci).
      if (commands.slice(0, k).some((p) => runsByPath(p) || (!MAKES_NO_PROJECT.has(p.name) && !installsToolByName(p)))) break;
      // A fallback after it (pnpm install --frozen-lockfile || pnpm install) installs without the lock.
      if (run.info.source.text.slice(c.raw.end).includes('||')) break;
      const ref = repositoryAndTag(a.rootImage(run.stage));
      if (!ref || !EMPTY_IMAGES.has(ref.repository) || ref.tag.includes('onbuild') || a.isWindows(run.stage)) break;
      // A cd first: the install runs in another folder than the one the copies were read for.
      if (commands.slice(0, k).some((p) => p.name === 'cd')) break;
      const seen = broughtBefore(a, run.stage, run.instruction, locked, (folder, pattern) => {
        const context = contextOnce();
        if (!context) return undefined;
        // Where nothing names the context, every folder from the Dockerfile's up to the repository's
        // root that has what the pattern copies may be it: the lock in any of them may be the one.
        const candidates = context.source === 'folder' ? foldersUp(ctx.files, ctx.uri.slice(0, ctx.uri.lastIndexOf('/'))) : [context.folderUri];
        const found = candidates.filter((c) => ctx.files.allowed?.(c) !== false)
          .map((c) => ctx.files.list(folder === '' ? c : `${c}/${folder}`).map((e) => e.name).filter((name) => namesMatch(pattern, name)))
          .filter((names) => names.length > 0);
        return found.length === 0 ? undefined : found.find((names) => names.some((name) => locked.locks.includes(name))) ?? found[0];
      });
      // Nothing copied at all is project-not-copied's to tell.
      if (seen.brings !== 'files' || (seen.names.length === 0 && !seen.wholeContext)) break;
      if (seen.wholeContext) {
        // The manifest's own scripts or a script of the repository that name the lock may put it into a
        // folder made for the build (round 51: a postbuild copying package-lock.json into dist/, built from there).
        const folder = contextOnce()?.folderUri;
        const manifestText = folder ? ctx.files.readText(`${folder}/${locked.manifest}`) ?? '' : '';
        const scripts = folder ? scriptsText(ctx.files, foldersUp(ctx.files, folder), folderLister(ctx.files)) : '';
        if (!folder || locked.locks.some((lock) => manifestText.includes(lock) || scripts.includes(lock))) break;
        ctx.report(commandSpan(run, c), t('{0} needs {1}, and the build context has none for COPY . to bring: the step stops ("{2}"). Make the lock file with the tool and commit it (check that .gitignore does not leave it out).', locked.what, locked.locks[0]!, locked.failure));
        break;
      }
      ctx.report(commandSpan(run, c), t('{0} needs {1}, and the copies before it bring only {2}: the step stops ("{3}"). Copy {1} beside them first (and commit it if the repository has none).',
        locked.what, locked.locks[0]!, [...new Set(seen.names)].join(', '), locked.failure));
      break;
    }
  }
});

export const lockfileRules = [lockfileNotCopied];
