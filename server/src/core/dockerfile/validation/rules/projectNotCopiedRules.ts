// A dependency install or a build with nothing of the project in the image yet: no COPY, ADD or
// bind mount since FROM a language or OS image, so `go mod tidy`, `npm ci`, `pip install -r
// requirements.txt`, `composer install` or `dotnet restore` finds no go.mod, package.json,
// requirements file or project and the step stops. The classic slip of a first Dockerfile, or of a
// COPY commented out while the compose file mounts the source at run time (round 45: a Go builder
// stage whose COPY was commented out; the bind mount applies to the container, not to the build).
// Told only where nothing before the command can have brought files: every earlier instruction of
// the stage and the stages it is built FROM is a system package install, a tool installed by name,
// or a command known to make no project files.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { repositoryAndTag } from '../../../officialImages';
import { commandsOf, commandSpan, hasOption, operands, runsByPath, type Cmd, type RunShell } from './shellCommands';
import { rule } from './rule';
import { readChainForward } from './chainReading';

/** Official language and OS images whose working directory holds no project of their own. */
export const EMPTY_IMAGES = new Set([
  'node', 'python', 'golang', 'ruby', 'php', 'rust', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'maven', 'gradle', 'composer', 'elixir',
  'erlang', 'debian', 'ubuntu', 'alpine', 'buildpack-deps', 'oven/bun', 'mcr.microsoft.com/dotnet/sdk', 'denoland/deno', 'swift', 'haskell', 'perl',
]);

/** Commands that make no project files: system package managers, folders, users, links, permissions. */
export const MAKES_NO_PROJECT = new Set([
  'apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'mkdir', 'chown', 'chmod', 'chgrp', 'useradd', 'adduser', 'groupadd',
  'addgroup', 'usermod', 'rm', 'ln', 'ls', 'cd', 'true', 'set', 'export', 'update-ca-certificates', 'locale-gen', 'ldconfig', 'corepack', 'id', 'whoami',
]);

/** A tool installed by name (npm install -g x, pip install x, go install x@v, gem install x): it brings no project. */
export function installsToolByName(c: Cmd): boolean {
  const ops = operands(c);
  const sub = ops[0]?.text;
  if (c.name === 'npm' && (sub === 'install' || sub === 'i') && hasOption(c, 'g', ['--global'])) return true;
  if ((c.name === 'pip' || c.name === 'pip3') && sub === 'install') {
    return ops.length > 1 && !hasOption(c, 're', ['--requirement', '--editable', '--constraint']) && ops.slice(1).every((w) => !/^[./~$]/.test(w.text) && !w.text.includes('/'));
  }
  if (c.name === 'go' && sub === 'install') return ops.slice(1).every((w) => w.text.includes('@'));
  return (c.name === 'gem' || c.name === 'cargo') && sub === 'install' && ops.length > 1 && !hasOption(c, '', ['--path']);
}

interface Need {
  /** What the command needs in the working directory. */
  manifest: string;
}

/** What a command needs of the project to run, where it needs something. */
function needs(c: Cmd): Need | undefined {
  const ops = operands(c, ['-o', '-C', '--prefix', '--cwd', '--dir']);
  const sub = ops[0]?.text;
  switch (c.name) {
    case 'go':
      if (sub === 'mod') return ['tidy', 'download', 'vendor', 'verify'].includes(ops[1]?.text ?? '') ? { manifest: 'go.mod' } : undefined;
      return ['build', 'test', 'vet', 'generate'].includes(sub ?? '') ? { manifest: 'go.mod' } : undefined;
    case 'npm':
      if (hasOption(c, 'g', ['--global', '--prefix'])) return undefined;
      if (sub === 'ci' || sub === 'test' || sub === 'start' || sub === 'run' || sub === 'run-script') return { manifest: 'package.json' };
      return (sub === 'install' || sub === 'i') && ops.length === 1 ? { manifest: 'package.json' } : undefined;
    case 'yarn':
      return (sub === undefined || sub === 'install' || sub === 'run' || sub === 'build') && !hasOption(c, '', ['--cwd']) ? { manifest: 'package.json' } : undefined;
    case 'pnpm':
    case 'bun':
      return (sub === 'install' || sub === 'i') && ops.length === 1 && !hasOption(c, 'gC', ['--global', '--dir']) ? { manifest: 'package.json' } : undefined;
    case 'pip':
    case 'pip3': {
      if (sub !== 'install') return undefined;
      const at = c.args.findIndex((w) => w.text === '-r' || w.text === '--requirement');
      const file = at >= 0 ? c.args[at + 1]?.text : c.args.find((w) => w.text.startsWith('--requirement='))?.text.slice('--requirement='.length);
      if (file && !file.includes('$') && !/^(https?|git\+)/.test(file)) return { manifest: file };
      return ops.slice(1).some((w) => w.text === '.' || w.text === './') ? { manifest: 'pyproject.toml' } : undefined;
    }
    case 'composer':
      return sub === 'install' && !hasOption(c, 'd', ['--working-dir']) ? { manifest: 'composer.json' } : undefined;
    case 'bundle':
      return (sub === undefined || sub === 'install') && !hasOption(c, '', ['--gemfile']) ? { manifest: 'Gemfile' } : undefined;
    case 'cargo':
      return ['build', 'fetch', 'test', 'run'].includes(sub ?? '') && !hasOption(c, '', ['--manifest-path']) ? { manifest: 'Cargo.toml' } : undefined;
    case 'dotnet':
      return ['restore', 'build', 'publish', 'test'].includes(sub ?? '') && ops.length === 1 ? { manifest: t('a project or solution file') } : undefined;
    case 'poetry':
      return sub === 'install' ? { manifest: 'pyproject.toml' } : undefined;
    case 'uv':
      return sub === 'sync' ? { manifest: 'pyproject.toml' } : undefined;
    default:
      return undefined;
  }
}

/** What an instruction may do to the project's presence: bring files (a copy, a bind mount, a script not read), nothing, or run these commands. */
export function effectOf(a: Analysis, i: Instruction): 'brings' | 'nothing' | RunShell['info'] {
  const target = i.trigger ?? i;
  if (i.trigger || i.heredocs.length > 0 || target.upper === 'COPY' || target.upper === 'ADD') return 'brings';
  if (target.upper !== 'RUN') return 'nothing';
  if (target.flags.some((f) => f.name === 'mount' && /(^|,)type=bind\b|^(?!.*type=)/.test(f.value ?? ''))) return 'brings';
  const info = a.shell(i);
  return !info || info.summary.error ? 'brings' : info;
}

/**
 * Reads a stage's instructions until something may have brought the project: returns 'brings', or
 * the first command that needs a manifest with nothing before it ('needs'), or 'nothing' when the
 * stage ends with the image still empty of the project.
 */
function readStage(a: Analysis, stage: Stage): 'brings' | 'nothing' | { run: RunShell; c: Cmd; need: Need } {
  for (const i of stage.instructions) {
    if (i === stage.from) continue;
    const effect = effectOf(a, i);
    if (effect === 'brings') return 'brings';
    if (effect === 'nothing') continue;
    const run: RunShell = { instruction: i, stage, info: effect };
    for (const c of commandsOf(run)) {
      const need = needs(c);
      if (need) return { run, c, need };
      if (runsByPath(c) || (!MAKES_NO_PROJECT.has(c.name) && !installsToolByName(c))) return 'brings';
    }
  }
  return 'nothing';
}

export const projectNotCopied = rule({
  id: 'project-not-copied', severity: 'error',
  explain: () => [
    t('An image starts with nothing of the project: only what COPY, ADD or a bind-mounted RUN bring is there. npm ci, go mod tidy, pip install -r requirements.txt, composer install, bundle install, cargo build or dotnet restore run before anything was copied find no package.json, go.mod, requirements file, composer.json, Gemfile, Cargo.toml or project file, and the step stops. A volume that compose mounts over the folder does not help: it is there when the container runs, not while the image is built.'),
    t('Copy the manifest (or the whole project) into the working directory before the step. Reported only on official language and OS images, and only where nothing before the step, in the stage or the stages it is built FROM, can have brought files: each earlier step is a system package install, a tool installed by name (npm install -g, pip install name, go install name@version) or a command that makes no project files.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  // Whether the image may hold the project at the end of each stage read (each stage once, root first).
  const ends = new Map<number, boolean>();
  for (const stage of ctx.scope.stages) {
    const root = a.rootImage(stage);
    const ref = repositoryAndTag(root);
    if (!ref || !EMPTY_IMAGES.has(ref.repository) || ref.tag.includes('onbuild') || a.isWindows(stage)) continue;
    readChainForward(a, stage, ends, (s, target) => {
      const parent = a.parentOf(s.index);
      if (parent >= 0 && ends.get(parent) !== false) return true;
      const read = readStage(a, s);
      if (typeof read === 'object' && target) {
        const { run, c, need } = read;
        const ops = operands(c);
        const what = [c.name, ...ops.slice(0, c.name === 'go' && ops[0]?.text === 'mod' ? 2 : 1).map((w) => w.text)].join(' ');
        ctx.report(commandSpan(run, c), t('Nothing of the project is in the image yet (no COPY, ADD or bind mount since FROM {0}), so {1} finds no {2} here and the step stops. Copy the project (or {2} first) into the working directory before this RUN.', root, what, need.manifest));
      }
      return read !== 'nothing';
    });
  }
});

export const projectNotCopiedRules = [projectNotCopied];
