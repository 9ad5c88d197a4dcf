// Build secrets (RUN --mount=type=secret) exist only inside the RUN that mounts them, at
// /run/secrets/<id> unless target= says otherwise (BuildKit's secret mount; an env= mount without a
// target makes no file). Two slips follow from that, and none of the peers reports either:
// - a RUN that reads /run/secrets/x without mounting it: the file is not there, so the command
//   fails (or reads nothing);
// - a RUN that copies the mounted secret into the image's filesystem (cp /run/secrets/x .): the
//   layer keeps it, and anyone who pulls the image can read it. Removing it in the same RUN is fine.
import { t } from '../../../l10n';
import type { Instruction } from '../../syntax/ast';
import { commandsOf, commandSpan, mountsOf, mountTarget, runShells } from './shellCommands';
import { rule } from './rule';

/** Where each of the RUN's secret mounts puts its file. */
export function secretMountPaths(instruction: Instruction): string[] {
  const paths: string[] = [];
  for (const mount of mountsOf(instruction)) {
    if (mount.get('type') !== 'secret') continue;
    const target = mountTarget(mount);
    const id = mount.get('id');
    if (target) paths.push(target);
    else if (id && !mount.has('env')) paths.push(`/run/secrets/${id}`);
  }
  return paths;
}

const SECRET_PATH = /\/run\/secrets\/([A-Za-z0-9_.-]+)/g;

export const secretNotMounted = rule({
  id: 'secret-not-mounted', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('A build secret is there only in a RUN that mounts it: RUN --mount=type=secret,id=npm_token ... finds it at /run/secrets/npm_token, and every other RUN finds nothing at that path, so a command that reads it fails or reads nothing.'),
    t('Add the mount to the RUN that reads the secret (with the same id, or target= for another path), and pass the secret to the build with docker build --secret id=npm_token,src=... . A path only tested for (test -f, [ -e ]) is left alone.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const text = run.info.source.text;
    if (!text.includes('/run/secrets/')) continue;
    const mounted = secretMountPaths(run.instruction);
    const seen = new Set<string>();
    for (const match of text.matchAll(SECRET_PATH)) {
      const path = match[0];
      if (seen.has(path) || mounted.some((m) => m === path || path.startsWith(`${m}/`))) continue;
      seen.add(path);
      // Tested for before use, or read with its failure handled: the author expects it may be missing.
      const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(`-[efrs]\\s+["']?${escaped}|${escaped}["']?\\s*2>\\s*/dev/null|\\|\\|`).test(text)) continue;
      const at = match.index!;
      ctx.report(run.info.span(at, at + path.length), t('This RUN mounts no secret at {0}, so the file is not there while it runs. Add --mount=type=secret,id={1} to this RUN.', path, match[1]!));
    }
  }
});

export const secretCopiedIntoImage = rule({
  id: 'secret-copied-into-image', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('A secret mount keeps the secret out of the image. Copying the mounted file somewhere else (cp /run/secrets/key ., cat /run/secrets/key > .npmrc) writes it into the layer, where anyone who pulls the image can read it, as with an ARG or ENV.'),
    t('Read the secret where it is mounted, in the RUN that needs it. A copy removed again in the same RUN does not reach the layer and is left alone.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const mounted = secretMountPaths(run.instruction);
    if (mounted.length === 0) continue;
    const commands = commandsOf(run);
    const removed = commands.filter((c) => c.name === 'rm').flatMap((c) => c.args.filter((w) => !w.text.startsWith('-')).map((w) => w.text.replace(/^\.\//, '')));
    const text = run.info.source.text;
    for (const c of commands) {
      if (!['cp', 'install', 'rsync'].includes(c.name)) continue;
      const operands = c.args.filter((w) => !w.text.startsWith('-')).map((w) => w.text.replace(/^["']|["']$/g, ''));
      if (operands.length < 2) continue;
      const source = operands.slice(0, -1).find((o) => mounted.includes(o));
      if (!source) continue;
      const dest = operands[operands.length - 1]!.replace(/^\.\//, '');
      const name = source.slice(source.lastIndexOf('/') + 1);
      const landed = dest === '.' || dest.endsWith('/') ? [`${dest === '.' ? '' : dest}${name}`, name] : [dest];
      if (landed.some((l) => removed.includes(l)) || /^\/(dev|proc|run\/secrets)\//.test(dest)) continue;
      ctx.report(commandSpan(run, c), t('{0} copies the build secret {1} into the image, where anyone who pulls it can read it. Read it where it is mounted instead, or remove the copy in the same RUN.', c.name, source));
    }
    // cat /run/secrets/x > file
    for (const path of mounted) {
      const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const redirect = new RegExp(`cat\\s+["']?${escaped}["']?\\s*>>?\\s*["']?([^\\s;&|"']+)`).exec(text);
      if (!redirect) continue;
      const dest = redirect[1]!.replace(/^\.\//, '');
      if (removed.includes(dest) || /^\/(dev|proc)\//.test(dest)) continue;
      ctx.report(run.info.span(redirect.index, redirect.index + redirect[0].length), t('This writes the build secret {0} into {1}, which stays in the image where anyone who pulls it can read it. Remove {1} in the same RUN, or read the secret where it is mounted.', path, dest));
    }
  }
});

export const secretMountRules = [secretNotMounted, secretCopiedIntoImage];
