// `RUN apk add --no-cache python make g++` on node:alpine: the build tools node-gyp needed in 2019.
// Alpine 3.12 (2020) has no package named python (Python 2 is python2, and python3 is Python 3), and
// Alpine 3.16 dropped python2 altogether, so apk stops the build ("unable to select packages:
// python (no such package)"). Node's alpine images have been built on 3.12 or later since Node 12's
// last ones, and the moving tags (node:alpine, node:lts-alpine) on the newest (rounds 25 and 29:
// a React app and an Elixir image, both broken by their moving tag). Judged only where the image's
// Alpine release is known and nothing adds another package repository first.
import { t } from '../../../l10n';
import { repositoryAndTag } from '../../../officialImages';
import { commandsOf, operands, runShells } from './shellCommands';
import { APK, isPackageInstall } from './packageRules';
import { rule } from './rule';

/** The Alpine release an image is built on, as major × 100 + minor; Infinity for the newest; undefined when not known. */
export function alpineRelease(reference: string): number | undefined {
  const ref = repositoryAndTag(reference);
  if (!ref) return undefined;
  // A variant that names its release: node:14-alpine3.12, python:3.12-alpine3.20.
  const named = /alpine(\d+)\.(\d+)/.exec(ref.tag);
  if (named) return Number(named[1]) * 100 + Number(named[2]);
  if (ref.repository === 'alpine') {
    const version = /^(\d+)\.(\d+)/.exec(ref.tag);
    if (version) return Number(version[1]) * 100 + Number(version[2]);
    return ref.tag === 'latest' || ref.tag === 'edge' ? Infinity : undefined;
  }
  if (ref.repository === 'node' && /(^|-)alpine$/.test(ref.tag)) {
    const major = /^(\d+)/.exec(ref.tag);
    // Node 12's alpine tag was last built on 3.15, later majors on later ones; node:alpine and
    // node:lts-alpine move with the newest.
    if (!major) return Infinity;
    return Number(major[1]) >= 12 ? 312 : undefined;
  }
  return undefined;
}

interface Gone {
  /** The first release without it, as major × 100 + minor. */
  from: number;
  instead: string;
}

const GONE: Record<string, Gone> = {
  python: { from: 312, instead: 'python3' },
  python2: { from: 316, instead: 'python3' },
};

/** What adds another package repository (which may carry the name) or pins another release's. */
const OTHER_REPOSITORIES = /\/etc\/apk\/repositories|--repository|(^|\s)-X(\s|$)|@\w+/;

export const apkPackageUnavailable = rule({
  id: 'apk-package-unavailable', severity: 'error',
  explain: () => [
    t('Alpine renames and drops packages between releases. From Alpine 3.12 there is no package named python: Python 2 is python2 and Python 3 is python3; Alpine 3.16 dropped python2 as well. apk add python, written for node-gyp in older Dockerfiles, stops the build with "unable to select packages: python (no such package)".'),
    t('Install python3 (node-gyp has used Python 3 since version 6). Node\'s alpine images are built on Alpine 3.12 or later from Node 12 on, and node:alpine and node:lts-alpine move with the newest Alpine, so a Dockerfile that built before can break without a change. Reported where the image\'s Alpine release is known from its name and tag, and no other package repository is added first.'),
  ],
}, (ctx) => {
  if (!/\bapk\b/.test(ctx.a.text) || !/\bpython2?\b/.test(ctx.a.text)) return;
  for (const run of runShells(ctx)) {
    if (!run.stage) continue;
    const chain = [...ctx.a.chainOf(run.stage)];
    const root = chain[chain.length - 1] ?? run.stage;
    const release = alpineRelease(ctx.a.baseImageRef(root));
    if (release === undefined || OTHER_REPOSITORIES.test(run.info.source.text)) continue;
    if (chain.some((s) => s.instructions.some((i) => i.upper === 'RUN' && i.index < run.instruction.index && OTHER_REPOSITORIES.test(i.argText)))) continue;
    for (const c of commandsOf(run)) {
      if (c.name !== 'apk' || !isPackageInstall(c)) continue;
      for (const word of operands(c, APK.withValue).slice(1)) {
        const gone = GONE[word.text];
        if (!gone || release < gone.from || !word.literal) continue;
        const span = run.info.span(word.start, word.end);
        const image = ctx.a.baseImageRef(root);
        ctx.report(span, word.text === 'python'
          ? t('{0} is built on Alpine 3.12 or later, which has no package named python: apk stops the build ("unable to select packages: python (no such package)"). Install python3.', image)
          : t('{0} is built on Alpine 3.16 or later, which has no python2: apk stops the build ("unable to select packages"). Install python3, or build on an image of Alpine 3.15 where the code needs Python 2.', image),
        { data: { replacement: gone.instead, span } });
      }
    }
  }
});

export const apkPackageRules = [apkPackageUnavailable];
