// Rules that teach how layers and the build cache work: install order, cleanup placement and
// stale package lists. None of the peer linters has them.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { ARCHIVE, copyArgs, isUrl, shellWordInCopy } from '../../analysis/copySources';
import { stageUse } from '../../analysis/stageUse';
import { afterInstruction, removes, resolvePath, workdirAtStart } from '../../analysis/workdir';
import { baseName, commandsOf, commandSpan, runShells, runShellsByStage, runsByPath, subcommand, type Cmd } from './shellCommands';
import { rule } from './rule';

/** Dependency installs that only need a manifest, and the manifest files to copy first. */
export function dependencyInstall(c: Cmd): { what: string; manifests: string[] } | undefined {
  const sub = c.args.find((w) => !w.text.startsWith('-'))?.text;
  const args = c.args.map((w) => w.text);
  switch (c.name) {
    case 'npm':
      if ((sub === 'ci' || sub === 'install' || sub === 'i') && args.filter((x) => !x.startsWith('-')).length === 1) return { what: `npm ${sub}`, manifests: ['package.json', 'package-lock.json*'] };
      return undefined;
    case 'yarn':
      if (sub === undefined || sub === 'install') return { what: 'yarn install', manifests: ['package.json', 'yarn.lock'] };
      return undefined;
    case 'pnpm':
      if (sub === 'install' || sub === 'i') return { what: 'pnpm install', manifests: ['package.json', 'pnpm-lock.yaml'] };
      return undefined;
    case 'pip': case 'pip3': {
      const r = args.findIndex((x) => x === '-r' || x === '--requirement');
      if (sub === 'install' && r >= 0 && args[r + 1]) return { what: 'pip install -r', manifests: [args[r + 1]!] };
      return undefined;
    }
    case 'python': case 'python3': {
      // python -m pip install -r requirements.txt
      const r = args.findIndex((x) => x === '-r' || x === '--requirement');
      if (args[0] === '-m' && (args[1] === 'pip' || args[1] === 'pip3') && args[2] === 'install' && r >= 0 && args[r + 1]) return { what: 'pip install -r', manifests: [args[r + 1]!] };
      return undefined;
    }
    case 'uv': {
      if (sub === 'sync') return { what: 'uv sync', manifests: ['pyproject.toml', 'uv.lock'] };
      const r = args.findIndex((x) => x === '-r' || x === '--requirement' || x === '--requirements');
      if (sub === 'pip' && args.includes('install') && r >= 0 && args[r + 1]) return { what: 'uv pip install -r', manifests: [args[r + 1]!] };
      return undefined;
    }
    case 'poetry':
      return sub === 'install' ? { what: 'poetry install', manifests: ['pyproject.toml', 'poetry.lock'] } : undefined;
    case 'pipenv':
      return sub === 'install' ? { what: 'pipenv install', manifests: ['Pipfile', 'Pipfile.lock'] } : undefined;
    case 'go':
      return sub === 'mod' && args.includes('download') ? { what: 'go mod download', manifests: ['go.mod', 'go.sum'] } : undefined;
    case 'bundle':
      return sub === undefined || sub === 'install' ? { what: 'bundle install', manifests: ['Gemfile', 'Gemfile.lock'] } : undefined;
    case 'composer':
      return sub === 'install' ? { what: 'composer install', manifests: ['composer.json', 'composer.lock'] } : undefined;
    case 'mvn': case 'mvnw':
      return args.some((x) => x.startsWith('dependency:')) ? { what: 'mvn dependency', manifests: ['pom.xml'] } : undefined;
    case 'dotnet':
      return sub === 'restore' ? { what: 'dotnet restore', manifests: ['*.csproj'] } : undefined;
    case 'cargo':
      return sub === 'fetch' ? { what: 'cargo fetch', manifests: ['Cargo.toml', 'Cargo.lock'] } : undefined;
    default:
      return undefined;
  }
}

function isCopyAll(i: Instruction): boolean {
  if ((i.upper !== 'COPY' && i.upper !== 'ADD') || i.flags.some((f) => f.name === 'from')) return false;
  // `COPY poetry.lock* ./ 2>/dev/null || true`: ./ meant as the destination (copy-shell-syntax's finding).
  return copyArgs(i).sources.some((s) => s.value === '.' || s.value === './') && !shellWordInCopy(i);
}

export const copyAllBeforeInstall = rule({
  // Information: rebuild time, not correctness (rounds 38 and 39: 4 of 12 judged worth acting on;
  // dev images with the source mounted, monorepos whose install needs every workspace manifest).
  id: 'copy-all-before-install', severity: 'information', namesLines: true,
  explain: () => [
    t('Docker reuses a cached layer only while everything that went into it is unchanged. After COPY . . every edit to any source file changes that layer, so the dependency install that follows runs again from scratch on every build.'),
    t('Copy only the dependency manifest first (package.json and its lock file, requirements.txt, go.mod and go.sum...), install, and copy the rest of the source afterwards. Then dependencies are reinstalled only when the manifest changes.'),
  ],
}, (ctx) => {
  const runs = runShellsByStage(ctx);
  for (const stage of ctx.scope.stages) {
    const copyAll = stage.instructions.find(isCopyAll);
    if (!copyAll) continue;
    for (const run of runs.get(stage) ?? []) {
      const commands = commandsOf(run);
      const installs = commands.map(dependencyInstall).filter((x) => x !== undefined);
      if (installs.length === 0) continue;
      // One install per lock file the project may have (if [ -f yarn.lock ]; then yarn; elif ... npm ci: the
      // Next.js template, round 45): each manifest, the lock files as patterns that may match nothing.
      const whats = [...new Set(installs.map((x) => x.what))];
      const install = whats.length === 1 ? installs[0]! : {
        what: whats.join(' / '),
        manifests: [...new Set(installs.flatMap((x) => x.manifests).map((m) => (m === 'package.json' || m.endsWith('*') ? m : `${m}*`)))],
      };
      if (run.instruction.index < copyAll.index) break; // installed before copying everything: the right order
      // A stage it is built FROM installed with the same tool: the dependencies are in the image, and
      // this install after COPY . only links the workspace again (round 49: FROM builder AS development).
      if (installedAbove(ctx.a, stage, installs.map((x) => x.what.split(' ')[0]!))) break;
      // pnpm fetch on the lock file alone, then install --offline after the sources: the download
      // is cached by the lock file and the install only links (pnpm's Docker recipe; round 10).
      if (commands.some((c) => c.name === 'pnpm' && c.args.some((w) => w.text === '--offline'))
        || (runs.get(stage) ?? []).some((r) => r.instruction.index < copyAll.index && commandsOf(r).some((c) => c.name === 'pnpm' && subcommand(c) === 'fetch'))) break;
      // The install names the manifest where the copy put it (ADD . /tmp/, pip install -r /tmp/requirements.txt):
      // what to copy first is its path in the context (round 44).
      const dest = copyArgs(copyAll).dest?.value.replace(/\/+$/, '');
      const manifests = install.manifests.map((m) => (dest && dest.startsWith('/') && m.startsWith(`${dest}/`) ? m.slice(dest.length + 1) : m));
      ctx.report(copyAll.span, t('{3} . before {0} (line {1}): every source change re-runs the install. Copy {2} first, install, then copy the rest.',
        install.what, String(ctx.a.lines.positionAt(run.instruction.span.start).line + 1), manifests.join(' '), copyAll.upper), {
        data: { manifests, runAt: run.instruction.span.start },
      });
      break;
    }
  }
});

/** Whether a stage that `stage` is built FROM (not itself) runs a dependency install of one of these tools (npm, pip...). */
function installedAbove(a: Analysis, stage: Stage, tools: readonly string[]): boolean {
  for (const s of a.chainOf(stage)) {
    if (s === stage) continue;
    for (const instruction of s.instructions) {
      if ((instruction.trigger ?? instruction).upper !== 'RUN') continue;
      const info = a.shell(instruction);
      if (!info || info.summary.error) continue;
      if (commandsOf({ instruction, stage: s, info }).some((c) => tools.includes(dependencyInstall(c)?.what.split(' ')[0] ?? ''))) return true;
    }
  }
  return false;
}

/** Words of a RUN that may install a Debian package, directly or through a script it runs. */
const MAY_INSTALL = /\bapt(-get|itude)?\b|\bdpkg\b|--with-deps\b|\binstall-deps\b|\.sh\b|\b(ba|da|z)?sh\b|\bmake\b|\binstall-packages\b|\$|^[ \t]*\[?\s*"?\.?\//m;

export const aptGetUpdateAlone = rule({
  id: 'apt-get-update-alone', severity: 'warning',
  explain: () => [
    t('The layer of RUN apt-get update is cached on its own. Later, when you add a package to the next RUN apt-get install, Docker reuses the old package lists from the cache and the install fails or gets outdated versions.'),
    t('Always run apt-get update and apt-get install in the same RUN, and remove /var/lib/apt/lists/* at its end.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const commands = commandsOf(run).filter((c) => c.name !== 'set' && c.name !== 'true');
    if (commands.length === 0) continue;
    if (!commands.every((c) => (c.name === 'apt-get' || c.name === 'apt') && subcommand(c, ['-o']) === 'update')) continue;
    // Nothing later in the stage that can install a package (apt, dpkg, a script, a shell): the
    // lists are never used, only shipped (round 20: RUN apt-get update under node:lts, then echo).
    const later = run.stage?.instructions.filter((i) => i.index > run.instruction.index && (i.upper === 'RUN' || i.upper === 'ONBUILD')) ?? [];
    // Stages built FROM this one start with its lists (round 47: RUN apt-get update in base, the
    // install in FROM base AS runtime): they may install with them, so this stage's alone says little.
    const parent = run.stage !== undefined && ctx.a.doc.stages.some((s) => ctx.a.parentOf(s.index) === run.stage!.index);
    if (run.stage && !parent && !later.some((i) => MAY_INSTALL.test(i.argText))) {
      ctx.report(run.instruction.span, t('Nothing after this apt-get update in its stage installs a package: it only adds the package lists (tens of MB) to the image. Remove it, or run it in the RUN that installs.'), { severity: 'information', data: { deleteLine: true } });
      continue;
    }
    // Every later install updates the lists itself first: this update is only a layer more (round 23).
    if (run.stage && !parent && later.every((i) => updatesBeforeInstalling(ctx.a, i))) {
      // (Where no later RUN names apt at all, the message must not speak of its installs: round 27.)
      const aptLater = later.some((i) => /\bapt(-get|itude)?\b|--with-deps\b/.test(i.argText));
      ctx.report(run.instruction.span, aptLater
        ? t('Each later install in this stage runs its own apt-get update first, so this one only adds a layer. Remove it.')
        : t('No later RUN in this stage installs with apt, so this update only adds a layer of package lists. Remove it.'), { severity: 'hint', data: { deleteLine: true } });
      continue;
    }
    ctx.report(run.instruction.span, t('apt-get update alone in a RUN goes stale in the build cache; combine it with the apt-get install that needs it.'), { data: { mergeUpdate: true } });
  }
});

/** Whether a later RUN installs nothing, or updates the package lists before its first apt install (and runs no script that might install). */
function updatesBeforeInstalling(a: Analysis, i: Instruction): boolean {
  if (!MAY_INSTALL.test(i.argText)) return true;
  const info = i.upper === 'RUN' && !i.exec ? a.shell(i) : undefined;
  if (!info || info.summary.error) return false;
  for (const c of commandsOf({ instruction: i, stage: undefined, info })) {
    const apt = c.name === 'apt-get' || c.name === 'apt' || c.name === 'aptitude';
    const sub = apt ? subcommand(c, ['-o']) : undefined;
    if (apt && sub === 'update') return true;
    if (apt || c.name === 'dpkg' || c.name.includes('$') || runsByPath(c) || ['sh', 'bash', 'dash', 'zsh', 'make', 'install-packages'].includes(c.name)) return false;
  }
  return true;
}

interface Created {
  instruction: Instruction;
}

/** What a cleanup command removes: kinds (apt lists, a cache) and paths, resolved against `cwd`. */
function cleanupOf(c: Cmd, cwd: string | undefined): { kinds: string[]; paths: string[] } {
  const sub = subcommand(c, ['-o']);
  if (c.name === 'apt-get' && (sub === 'clean' || sub === 'autoclean')) return { kinds: ['apt-cache'], paths: [] };
  // apt-get dist-clean (Debian 13 and later) removes the package lists as well.
  if (c.name === 'apt-get' && (sub === 'dist-clean' || sub === 'distclean')) return { kinds: ['apt-cache', 'apt-lists'], paths: [] };
  if ((c.name === 'yum' || c.name === 'dnf' || c.name === 'microdnf') && sub === 'clean') return { kinds: [`${c.name === 'microdnf' ? 'dnf' : c.name}-cache`], paths: [] };
  if (c.name === 'apk' && sub === 'cache') return { kinds: ['apk-cache'], paths: [] };
  const kinds: string[] = [];
  const paths: string[] = [];
  if (c.name !== 'rm') return { kinds, paths };
  for (const w of c.args) {
    if (w.text.startsWith('-') || !w.literal) continue;
    if (w.text.startsWith('/var/lib/apt/lists')) kinds.push('apt-lists');
    else if (w.text.startsWith('/var/cache/apt')) kinds.push('apt-cache');
    else if (w.text.startsWith('/var/cache/apk')) kinds.push('apk-cache');
    else if (w.text.startsWith('/var/cache/yum')) kinds.push('yum-cache');
    else if (w.text.startsWith('/var/cache/dnf')) kinds.push('dnf-cache');
    else if (cwd !== undefined || w.text.startsWith('/')) paths.push(resolvePath(cwd ?? '/', w.text.replace(/\/\*?$/, '') || '/'));
  }
  return { kinds, paths };
}

/** The commands cleanupOf finds anything in. */
const CLEANERS = new Set(['apt-get', 'yum', 'dnf', 'microdnf', 'apk', 'rm']);
const hasCleanup = (gone: { kinds: string[]; paths: string[] }) => gone.kinds.length > 0 || gone.paths.length > 0;

/** Where each kind of leftover lives. */
const KIND_FOLDERS: Record<string, string> = {
  'apt-lists': '/var/lib/apt/lists', 'apt-cache': '/var/cache/apt', 'apk-cache': '/var/cache/apk', 'yum-cache': '/var/cache/yum', 'dnf-cache': '/var/cache/dnf',
};

/** What a command leaves behind that a cleanup might target: kinds, and files (resolved against `cwd`). */
function createdBy(c: Cmd, cwd: string | undefined): { kinds: string[]; paths: string[] } {
  const sub = subcommand(c, ['-o']);
  if (c.name === 'apt-get' && sub === 'update') return { kinds: ['apt-lists'], paths: [] };
  if (c.name === 'apt-get' && sub === 'install') return { kinds: ['apt-cache'], paths: [] };
  if ((c.name === 'yum' || c.name === 'dnf' || c.name === 'microdnf') && sub === 'install') return { kinds: [`${c.name === 'microdnf' ? 'dnf' : c.name}-cache`], paths: [] };
  // apk add --no-cache keeps neither the index nor the packages (round 48: a later rm -rf /var/cache/apk/* removes nothing of it).
  if (c.name === 'apk' && sub === 'add') return { kinds: c.args.some((w) => w.text === '--no-cache') ? [] : ['apk-cache'], paths: [] };
  const paths: string[] = [];
  const args = c.args.map((w) => w.text);
  const output = (flags: string[]) => {
    const o = args.findIndex((x) => flags.includes(x));
    const file = o >= 0 ? args[o + 1] : undefined;
    if (file && file !== '-' && (cwd !== undefined || file.startsWith('/'))) paths.push(resolvePath(cwd ?? '/', file));
  };
  if (c.name === 'wget') output(['-O', '--output-document']);
  if (c.name === 'curl') output(['-o', '--output']);
  return { kinds: [], paths };
}

/** Archives, packages and installers: files big enough that a copy left in a layer matters. */
const BULKY = /\.(tar|t[gbx]z|tbz2|tzst|gz|bz2|xz|zst|zip|7z|rar|deb|rpm|apk|whl|jar|war|ear|msi|nupkg|gem|run|iso|img)$/i;

/**
 * The bulky things a COPY or ADD puts into the image (archives, packages, the whole build
 * context), one path per source, inside the destination folder when it is one. Small files such
 * as a requirements.txt removed later cost nothing worth a warning.
 */
function copiedFiles(i: Instruction, cwd: string | undefined): string[] {
  const { sources, dest, heredocSources } = copyArgs(i);
  if (!dest || heredocSources > 0 || dest.value.includes('$') || (cwd === undefined && !dest.value.startsWith('/'))) return [];
  const fromStage = i.flags.some((f) => f.name === 'from');
  const folder = sources.length > 1 || /[/\\]$/.test(dest.value) || dest.value === '.' || dest.value === '..';
  const out: string[] = [];
  for (const s of sources) {
    // ADD unpacks a local archive instead of copying it; URLs and Git sources are no local file either.
    if (i.upper === 'ADD' && (!fromStage && ARCHIVE.test(s.value) || isUrl(s.value))) continue;
    if (s.value.includes('$') || /[*?[]/.test(s.value)) continue;
    if (!BULKY.test(s.value) && s.value !== '.' && s.value !== './') continue;
    out.push(resolvePath(cwd ?? '/', folder ? `${dest.value}/${baseName(s.value.replace(/\/+$/, ''))}` : dest.value));
  }
  return out;
}

export const cleanupInLaterLayer = rule({
  id: 'cleanup-in-later-layer', severity: 'warning', namesLines: true, imageSize: true,
  explain: () => [
    t('Every RUN, COPY and ADD adds a layer on top of the previous ones, and layers are never rewritten. Deleting files in a later RUN only hides them: the earlier layer still contains them, so the image does not get smaller.'),
    t('Clean up in the same RUN that created the files (apt-get update && apt-get install ... && rm -rf /var/lib/apt/lists/*), or avoid creating them with RUN --mount=type=cache, RUN --mount=type=bind (to read a file without copying it) or a multi-stage build.'),
    t('Only the stages that make the final image (the last stage and the stages it is built FROM) are checked: what a builder stage leaves behind never reaches the image that copies from it. On Debian and Ubuntu images apt-get install keeps no downloaded packages (their docker-clean setting deletes them), so apt-get clean in a later RUN is not reported there.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  const runs = new Map(runShells(ctx).map((r) => [r.instruction, r]));
  const { finalImage } = stageUse(a);
  // Only what an rm or a package manager's clean removes is looked for: a stage with none of them
  // has nothing to report, and the files it makes need no following (5.6 ms per edit of a
  // 10,000-line stage with none). With / for the working directory every relative path counts.
  const cleans = (i: Instruction) => {
    const run = runs.get(i);
    return run !== undefined && commandsOf(run).some((c) => CLEANERS.has(c.name) && hasCleanup(cleanupOf(c, '/')));
  };
  for (const stage of ctx.scope.stages) {
    if (!finalImage.has(stage.index) || !stage.instructions.some(cleans)) continue;
    // Docker's Debian and Ubuntu images (and every image built on them) delete each downloaded
    // .deb after the install (apt.conf.d/docker-clean): apt-get install leaves no cache there.
    const keepsDebs = a.family(stage) !== 'debian';
    const kinds = new Map<string, Created>();
    const files = new Map<string, Created>();
    let cwd = workdirAtStart(a, stage);
    for (const i of stage.instructions) {
      cwd = afterInstruction(a, cwd, i);
      if (i.upper === 'COPY' || i.upper === 'ADD') {
        for (const path of copiedFiles(i, cwd)) files.set(path, { instruction: i });
        continue;
      }
      const run = runs.get(i);
      if (!run) continue;
      const commands = commandsOf(run);
      // Folders a cache or tmpfs mount holds: what is made there stays out of the layer (round 40:
      // apt-get update under --mount=type=cache,target=/var/lib/apt/lists).
      const mounted = i.flags.filter((f) => f.name === 'mount' && /(^|,)type=(cache|tmpfs)(,|$)/.test(f.value ?? ''))
        .map((f) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value!)?.[1]?.replace(/\/+$/, ''))
        .filter((t): t is string => t !== undefined && t !== '');
      // Walk the script in order, following top-level cd, so relative paths resolve where they run.
      let here = cwd;
      const ownKinds = new Set<string>();
      const ownFiles = new Set<string>();
      const cleaned: { c: Cmd; kinds: string[]; paths: string[] }[] = [];
      for (const c of commands) {
        if (c.name === 'cd' && !c.raw.nested) {
          const dir = c.args[0];
          here = dir && dir.literal && !dir.text.startsWith('-') ? (here === undefined && !dir.text.startsWith('/') ? undefined : resolvePath(here ?? '/', dir.text)) : undefined;
          continue;
        }
        const made = createdBy(c, here);
        for (const k of made.kinds) if ((k !== 'apt-cache' || keepsDebs) && !mounted.some((m) => KIND_FOLDERS[k] === m || KIND_FOLDERS[k]?.startsWith(`${m}/`))) ownKinds.add(k);
        for (const p of made.paths) ownFiles.add(p);
        const gone = cleanupOf(c, here);
        if (hasCleanup(gone)) cleaned.push({ c, ...gone });
      }
      for (const { c, kinds: goneKinds, paths: gonePaths } of cleaned) {
        const earlier = new Set<Instruction>();
        for (const k of goneKinds) {
          const e = kinds.get(k);
          if (e && !ownKinds.has(k)) earlier.add(e.instruction);
        }
        for (const target of gonePaths) {
          if ([...ownFiles].some((p) => removes(target, p))) continue;
          for (const [path, e] of files) if (removes(target, path)) earlier.add(e.instruction);
        }
        const first = [...earlier].sort((x, y) => x.index - y.index)[0];
        if (!first) continue;
        ctx.report(commandSpan(run, c), t('This cleans up files created by an earlier layer (line {0}); they stay in that layer, so the image does not shrink. Clean up in the same RUN.',
          String(a.lines.positionAt(first.span.start).line + 1)));
      }
      // What this RUN leaves behind (created and not removed in it) can be cleaned by a later one.
      const removed = cleaned.flatMap((x) => x.paths);
      const removedKinds = new Set(cleaned.flatMap((x) => x.kinds));
      for (const k of ownKinds) if (!removedKinds.has(k)) kinds.set(k, { instruction: i });
      for (const p of ownFiles) if (!removed.some((target) => removes(target, p))) files.set(p, { instruction: i });
      // Files this RUN removed are gone from later layers' point of view.
      for (const path of [...files.keys()]) if (removed.some((target) => removes(target, path))) files.delete(path);
    }
  }
});

export const layerRules = [copyAllBeforeInstall, aptGetUpdateAlone, cleanupInLaterLayer];
