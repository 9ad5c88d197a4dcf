// Rules that teach how layers and the build cache work: install order, cleanup placement and
// stale package lists. None of the peer linters has them.
import { t } from '../../l10n';
import type { Instruction } from '../ast';
import { copyArgs } from '../copySources';
import { baseName, commandsOf, commandSpan, runShells, subcommand, type Cmd, type RunShell } from './shellCommands';
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
  return copyArgs(i).sources.some((s) => s.value === '.' || s.value === './');
}

export const copyAllBeforeInstall = rule({
  id: 'copy-all-before-install', severity: 'warning', namesLines: true,
  explain: () => [
    t('Docker reuses a cached layer only while everything that went into it is unchanged. After COPY . . every edit to any source file changes that layer, so the dependency install that follows runs again from scratch on every build.'),
    t('Copy only the dependency manifest first (package.json and its lock file, requirements.txt, go.mod and go.sum...), install, and copy the rest of the source afterwards. Then dependencies are reinstalled only when the manifest changes.'),
  ],
}, (ctx) => {
  const runs = runShells(ctx);
  for (const stage of ctx.scope.stages) {
    const copyAll = stage.instructions.find(isCopyAll);
    if (!copyAll) continue;
    for (const run of runs) {
      if (run.stage !== stage) continue;
      const install = commandsOf(run).map(dependencyInstall).find((x) => x !== undefined);
      if (!install) continue;
      if (run.instruction.index < copyAll.index) break; // installed before copying everything: the right order
      ctx.report(copyAll.span, t('COPY . before {0} (line {1}): every source change re-runs the install. Copy {2} first, install, then copy the rest.',
        install.what, String(ctx.a.lines.positionAt(run.instruction.span.start).line + 1), install.manifests.join(' ')), {
        data: { manifests: install.manifests, runAt: run.instruction.span.start },
      });
      break;
    }
  }
});

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
    ctx.report(run.instruction.span, t('apt-get update alone in a RUN goes stale in the build cache; combine it with the apt-get install that needs it.'), { data: { mergeUpdate: true } });
  }
});

interface Created {
  run: RunShell;
  kind: string;
}

/** What a cleanup command removes, as a kind (apt lists, a cache) or a path. */
function cleanupOf(c: Cmd): string[] {
  if (c.name === 'apt-get' && (c.args[0]?.text === 'clean' || c.args[0]?.text === 'autoclean')) return ['apt-cache'];
  if ((c.name === 'yum' || c.name === 'dnf') && c.args[0]?.text === 'clean') return [`${c.name}-cache`];
  if (c.name === 'apk' && c.args[0]?.text === 'cache') return ['apk-cache'];
  if (c.name !== 'rm') return [];
  return c.args.filter((w) => !w.text.startsWith('-') && w.literal).map((w) => {
    if (w.text.startsWith('/var/lib/apt/lists')) return 'apt-lists';
    if (w.text.startsWith('/var/cache/apt')) return 'apt-cache';
    if (w.text.startsWith('/var/cache/apk')) return 'apk-cache';
    if (w.text.startsWith('/var/cache/yum')) return 'yum-cache';
    if (w.text.startsWith('/var/cache/dnf')) return 'dnf-cache';
    return `file:${w.text.replace(/\/\*?$/, '')}`;
  });
}

/** What a command leaves behind that a cleanup might target. */
function createdBy(c: Cmd): string[] {
  const sub = subcommand(c, ['-o']);
  if (c.name === 'apt-get' && sub === 'update') return ['apt-lists'];
  if (c.name === 'apt-get' && sub === 'install') return ['apt-cache'];
  if ((c.name === 'yum' || c.name === 'dnf') && sub === 'install') return [`${c.name}-cache`];
  if (c.name === 'apk' && sub === 'add') return ['apk-cache'];
  const out: string[] = [];
  const args = c.args.map((w) => w.text);
  if (c.name === 'wget') {
    const o = args.findIndex((x) => x === '-O' || x === '--output-document');
    if (o >= 0 && args[o + 1]) out.push(`file:${args[o + 1]}`);
  }
  if (c.name === 'curl') {
    const o = args.findIndex((x) => x === '-o' || x === '--output');
    if (o >= 0 && args[o + 1]) out.push(`file:${args[o + 1]}`);
  }
  return out;
}

export const cleanupInLaterLayer = rule({
  id: 'cleanup-in-later-layer', severity: 'warning', namesLines: true,
  explain: () => [
    t('Every RUN, COPY and ADD adds a layer on top of the previous ones, and layers are never rewritten. Deleting files in a later RUN only hides them: the earlier layer still contains them, so the image does not get smaller.'),
    t('Clean up in the same RUN that created the files (apt-get update && apt-get install ... && rm -rf /var/lib/apt/lists/*), or avoid creating them with RUN --mount=type=cache or a multi-stage build.'),
  ],
}, (ctx) => {
  const runs = new Map(runShells(ctx).map((r) => [r.instruction, r]));
  for (const stage of ctx.scope.stages) {
    const created = new Map<string, Created>();
    for (const i of stage.instructions) {
      if (i.upper === 'COPY' || i.upper === 'ADD') {
        const { sources, dest } = copyArgs(i);
        if (dest && !i.flags.some((f) => f.name === 'from')) {
          for (const s of sources) {
            const path = /[/\\]$/.test(dest.value) ? `${dest.value}${baseName(s.value)}` : dest.value;
            created.set(`file:${path}`, { run: { instruction: i } as RunShell, kind: path });
          }
        }
        continue;
      }
      const run = runs.get(i);
      if (!run) continue;
      const commands = commandsOf(run);
      const own = new Set(commands.flatMap(createdBy));
      for (const c of commands) {
        for (const kind of cleanupOf(c)) {
          const earlier = created.get(kind);
          if (!earlier || own.has(kind) || earlier.run.instruction === i) continue;
          ctx.report(commandSpan(run, c), t('This cleans up files created by an earlier layer (line {0}); they stay in that layer, so the image does not shrink. Clean up in the same RUN.',
            String(ctx.a.lines.positionAt(earlier.run.instruction.span.start).line + 1)));
        }
      }
      // Files cleaned in their own RUN are gone for good.
      const cleanedHere = new Set(commands.flatMap(cleanupOf));
      for (const kind of own) if (!cleanedHere.has(kind)) created.set(kind, { run, kind });
    }
  }
});

export const layerRules = [copyAllBeforeInstall, aptGetUpdateAlone, cleanupInLaterLayer];
