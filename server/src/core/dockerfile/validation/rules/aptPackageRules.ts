// `apt-get install netcat` on python:3.12-slim: a package name the image's Debian release no longer
// has. bookworm keeps netcat only as a name two packages provide, so apt-get asks which and stops
// ("has no installation candidate"); libgl1-mesa-glx is gone from it, software-properties-common
// and python3-distutils from trixie, mysql-client from every Debian since buster (MariaDB took its
// place). Dockerfiles from tutorials written on an older release break the day their moving tag
// moves (round 22: netcat on ruby:3.1). Judged only where the image's release is known
// (debianRelease.ts) and the file adds no package sources of its own before the install, which
// may carry the name (round 23: sources added after the install did not stop it failing).
import { t } from '../../../l10n';
import { debianFloor } from '../../../debianRelease';
import { commandsOf, operands, runShells } from './shellCommands';
import { APT, isPackageInstall } from './packageRules';
import { rule } from './rule';

interface Gone {
  /** The first Debian major without it. */
  from: number;
  /** What to install instead on a release without it. */
  instead?: (release: number) => string;
  /** What to do where nothing replaces it (the Dockerfile's text says which advice fits). */
  advice?: (text: string) => string;
}

const JDK = (release: number) => (release >= 13 ? '21' : release >= 12 ? '17' : '11');

/** Package names by the first Debian release that cannot install them. */
const GONE: Record<string, Gone> = {
  netcat: { from: 12, instead: () => 'netcat-openbsd' },
  'libgl1-mesa-glx': { from: 12, instead: () => 'libgl1' },
  // Python 2's pip left with bullseye. (Not `python`: bullseye still installs Python 2 by that name, as joplin's server image shows.)
  'python-pip': { from: 11, instead: () => 'python3-pip' },
  'mysql-client': { from: 10, instead: () => 'default-mysql-client' },
  'libmysqlclient-dev': { from: 10, instead: () => 'default-libmysqlclient-dev' },
  'libssl1.0-dev': { from: 10, instead: () => 'libssl-dev' },
  'libpng12-dev': { from: 9, instead: () => 'libpng-dev' },
  'software-properties-common': { from: 13, advice: (text) => (/add-apt-repository/.test(text)
    ? t('add-apt-repository left with it: write the repository\'s line under /etc/apt/sources.list.d/ instead, with [signed-by=<key file>].')
    : t('Leave it out: it only brings add-apt-repository, which this Dockerfile does not run.')) },
  'python3-distutils': { from: 13, advice: () => t('Leave it out: Python 3.12 and later have no distutils; where a build still imports it, python3-setuptools provides it.') },
};
for (const kind of ['jdk', 'jre', 'jdk-headless', 'jre-headless']) {
  GONE[`openjdk-8-${kind}`] = { from: 10, instead: (r) => `openjdk-${JDK(r)}-${kind}` };
  GONE[`openjdk-11-${kind}`] = { from: 12, instead: (r) => `openjdk-${JDK(r)}-${kind}` };
  GONE[`openjdk-17-${kind}`] = { from: 13, instead: (r) => `openjdk-${JDK(r)}-${kind}` };
}

const RELEASE_NAMES: Record<number, string> = { 9: 'Debian 9 (stretch)', 10: 'Debian 10 (buster)', 11: 'Debian 11 (bullseye)', 12: 'Debian 12 (bookworm)', 13: 'Debian 13 (trixie)', 14: 'Debian 14 (forky)' };

/** What adds package sources (a repository that may carry the name) or picks another release's. */
const OTHER_SOURCES = /sources\.list|\.sources\b|\bdeb\s+(\[|https?:)|add-apt-repository|apt-key|signed-by|dpkg\s+-i|backports|\s-t\s+\S*(jessie|stretch|buster|bullseye|bookworm|trixie|sid|unstable|testing)|--target-release|\|\s*(sudo\s+)?(-E\s+)?(ba)?sh\b/;

export const aptPackageUnavailable = rule({
  id: 'apt-package-unavailable', severity: 'error',
  explain: () => [
    t('Debian drops and renames packages between releases. On bookworm (Debian 12) netcat is only a name that netcat-openbsd and netcat-traditional both provide, and libgl1-mesa-glx is gone (libgl1 replaces it); trixie (Debian 13) has no software-properties-common or python3-distutils; since buster mysql-client and libmysqlclient-dev are MariaDB\'s default-mysql-client and default-libmysqlclient-dev; each release keeps only its own OpenJDK (11 in bullseye, 17 in bookworm, 21 in trixie). apt-get install stops the build with "has no installation candidate" or "Unable to locate package".'),
    t('Tags such as python:3.12-slim, node:20 or php:8.2-fpm move to each new Debian release while their line is maintained (bookworm in June 2023; python to trixie in August 2025), so a Dockerfile that built before can break without a change. Reported where the image\'s release is known from its name and tag, and not where the Dockerfile adds package sources of its own before the install.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  /** Per stage: its root image's Debian floor, and where package sources are first added (in it or a stage it is built FROM). */
  const stages = new Map<number, { floor: number | undefined; sourcesFrom: number }>();
  for (const run of runShells(ctx)) {
    if (!run.stage) continue;
    let known = stages.get(run.stage.index);
    if (!known) {
      const chain = [...a.chainOf(run.stage)];
      let sourcesFrom = Infinity;
      for (const s of chain) {
        const first = s.instructions.find((i) => i.upper === 'RUN' && OTHER_SOURCES.test(a.doc.text.slice(i.fullSpan.start, i.fullSpan.end)));
        // A stage built FROM one that adds sources has them from its start.
        if (first) sourcesFrom = Math.min(sourcesFrom, s === run.stage ? first.fullSpan.start : -1);
      }
      known = { floor: debianFloor(a.rootImage(run.stage)), sourcesFrom };
      stages.set(run.stage.index, known);
    }
    const { floor } = known;
    if (floor === undefined || known.sourcesFrom < run.instruction.fullSpan.start) continue;
    const script = run.info.source.text;
    for (const c of commandsOf(run)) {
      // An install that installs (not apt-get -s, which only prints what it would do).
      if (!APT.names.includes(c.name) || !isPackageInstall(c)) continue;
      // Sources added before it in the same RUN (or picked by the install itself, -t bullseye) may carry the name; sources added after it cannot.
      if (known.sourcesFrom === run.instruction.fullSpan.start && OTHER_SOURCES.test(script.slice(0, c.raw.end))) break;
      for (const word of operands(c, APT.withValue).slice(1)) {
        const gone = GONE[word.text];
        if (!gone || floor < gone.from) continue;
        const instead = gone.instead?.(floor);
        const image = a.rootImage(run.stage);
        const release = RELEASE_NAMES[floor] ?? `Debian ${floor}`;
        const span = run.info.span(word.start, word.end);
        ctx.report(span, instead
          ? t('{0} is {1} or later, which has no package {2}: apt-get stops the build ("has no installation candidate"). Install {3}.', image, release, word.text, instead)
          : t('{0} is {1} or later, which has no package {2}: apt-get stops the build ("Unable to locate package"). {3}', image, release, word.text, gone.advice?.(a.doc.text) ?? ''),
        instead ? { data: { replacement: instead, span } } : undefined);
      }
    }
  }
});

export const aptPackageRules = [aptPackageUnavailable];
