// Base images of releases whose package repositories are gone from the usual mirrors. Debian
// moves a release to archive.debian.org about a year after its LTS ends (jessie, stretch, and
// buster in 2025), Ubuntu moves each non-LTS release to old-releases.ubuntu.com after its end of
// life, and CentOS Linux's mirror list is switched off (8 in 2022, 7 in 2024). The images still
// pull, but their package sources point where nothing is served any more, so the first
// apt-get update or yum install stops the build: a failure that appears one day without a
// change to the Dockerfile. Only images whose sources are the distribution's own (Docker's
// official images, Microsoft's, quay.io's CentOS) are judged, and a file that touches its
// package sources anywhere is left alone.
import { t } from '../../../l10n';
import { repositoryAndTag } from '../../../officialImages';
import { DEBIAN_CODENAMES } from '../../../debianRelease';
import { commandsOf, commandSpan, operands, runShells } from './shellCommands';
import { rule } from './rule';

interface Archived {
  /** The release in words, such as "Debian 10 (buster)". */
  release: string;
  /** Which package manager's repositories are gone. */
  manager: 'apt' | 'yum';
  kind: 'debian' | 'ubuntu' | 'centos' | 'old-debian';
}

/**
 * Official images whose versions stopped being built before Debian 11 (bullseye) came out in
 * August 2021: their default variant's last build is on buster or older, whose packages moved to
 * archive.debian.org (round 16: php:7.2-fpm, ruby:2.3.1, nginx:1.17.3). Newest such version per image.
 */
const LAST_ON_BUSTER: Record<string, (major: number, minor: number) => boolean> = {
  // Node 10 ended in April 2021; the odd releases 11, 13 and 15 before that.
  node: (major) => major <= 11 || major === 13 || major === 15,
  php: (major, minor) => major < 7 || (major === 7 && minor <= 2),
  python: (major, minor) => major < 3 || (major === 3 && minor <= 5),
  ruby: (major, minor) => major < 2 || (major === 2 && minor <= 5),
  golang: (major, minor) => major === 1 && minor <= 14,
  nginx: (major, minor) => major === 1 && minor <= 19,
  // elixir's default variant is built FROM erlang's, on buster until bullseye (round 22: elixir:1.9.4).
  elixir: (major, minor) => major === 1 && minor <= 9,
  // Only patch tags (below): mysql's Debian variant moved to bullseye in July 2022, when its bare
  // tags became Oracle Linux (docker-library/mysql#866, #867); openjdk 11's in August 2021.
  mysql: () => false,
  openjdk: () => false,
};

/**
 * Versions of lines still maintained in August 2021 that a newer patch had replaced by June 2021:
 * the official images build only each line's newest patch, so these tags' last build is on buster
 * (rounds 20 and 21: ruby:2.7.1, ruby:2.6.3, node:14.15, php:7.4.22's line). For each line, the
 * newest such version: node by minor, the others by patch. Kept a release short of the last one
 * before bullseye, whose tags may have been rebuilt on it.
 */
const LAST_PATCH_ON_BUSTER: Record<string, Record<string, number>> = {
  node: { 12: 21, 14: 16, 16: 4 },
  python: { '3.6': 13, '3.7': 10, '3.8': 10, '3.9': 5 },
  ruby: { '2.6': 7, '2.7': 3, '3.0': 1 },
  php: { '7.3': 28, '7.4': 20, '8.0': 7 },
  golang: { '1.15': 13, '1.16': 5 },
  nginx: { '1.20': 0, '1.21': 0 },
  elixir: { '1.10': 3, '1.11': 3 },
  // mysql 8.0.28 and 5.7.37 were the last built on buster (round 26: mysql:8.0.20); openjdk 11.0.11 (round 26: 11.0.7-jdk-slim).
  mysql: { '8.0': 28, '5.7': 37 },
  openjdk: { '11.0': 11 },
};

/** Tag words that keep the default variant's Debian release (php's -fpm, the -slim images); anything else may be another base. */
const DEFAULT_VARIANT_WORDS = new Set(['slim', 'fpm', 'apache', 'cli', 'zts', 'onbuild', 'rc', 'perl', 'jdk', 'jre', 'debian']);

function lastBuiltOnBuster(repository: string, tag: string): boolean {
  const versioned = LAST_ON_BUSTER[repository];
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)*((?:-[a-z]+)*)$/.exec(tag);
  if (!versioned || !m) return false;
  if (m[4] && !m[4].slice(1).split('-').every((w) => DEFAULT_VARIANT_WORDS.has(w))) return false;
  // A patch (node: a minor) of a maintained line that a newer one had replaced before bullseye.
  const patches = LAST_PATCH_ON_BUSTER[repository];
  const [line, patch] = repository === 'node' ? [m[1]!, m[2]] : [`${m[1]}.${m[2]}`, m[3]];
  const last = patches?.[line];
  if (last !== undefined && patch !== undefined && Number(patch) <= last) return true;
  // `node:10` names the newest 10.x; `php:7` names the newest 7.x, 7.4, built on bullseye.
  if (m[2] === undefined && repository !== 'node') return repository === 'php' ? Number(m[1]) < 7 : repository === 'python' ? Number(m[1]) < 3 : false;
  return versioned(Number(m[1]), Number(m[2] ?? 0));
}

/** The Debian releases whose packages moved to archive.debian.org: buster and older. */
const DEBIAN: Record<string, string> = Object.fromEntries(Object.entries(DEBIAN_CODENAMES).filter(([, n]) => n <= 10).map(([name, n]) => [name, String(n)]));
const DEBIAN_BY_NUMBER: Record<string, string> = Object.fromEntries(Object.entries(DEBIAN).map(([name, n]) => [n, name]));
/** Ubuntu's LTS releases whose packages moved to old-releases.ubuntu.com too (round 22: ubuntu:12.04). */
const UBUNTU_OLD_LTS: Record<string, string> = { hardy: '8.04', lucid: '10.04', precise: '12.04' };
/** Ubuntu's releases that were not LTS, up to 24.10, by code name. */
const UBUNTU_INTERIM: Record<string, string> = {
  utopic: '14.10', vivid: '15.04', wily: '15.10', yakkety: '16.10', zesty: '17.04', artful: '17.10', cosmic: '18.10', disco: '19.04',
  eoan: '19.10', groovy: '20.10', hirsute: '21.04', impish: '21.10', kinetic: '22.10', lunar: '23.04', mantic: '23.10', oracular: '24.10',
};

/** Registries whose images keep the distribution's own package sources. */
function distributionSources(repository: string): boolean {
  // hexpm's Elixir and Erlang images are Debian's and Ubuntu's with the language added, tagged by
  // release and date (debian-stretch-20210902: round 41).
  return !repository.includes('/') || repository.startsWith('mcr.microsoft.com/') || repository === 'quay.io/centos/centos' || repository === 'bitnami/minideb' || /^hexpm\/(elixir|erlang)$/.test(repository);
}

/** The archived release an image reference is built on, when its name or tag says so. */
export function archivedRelease(image: string): Archived | undefined {
  const ref = repositoryAndTag(image);
  if (!ref || !distributionSources(ref.repository)) return undefined;
  const { repository, tag } = ref;
  if (repository === 'centos') return { release: `CentOS Linux ${/^\d+/.exec(tag.replace(/^centos/, ''))?.[0] ?? '8'}`, manager: 'yum', kind: 'centos' };
  if (repository === 'quay.io/centos/centos' && /^stream8\b/.test(tag)) return { release: 'CentOS Stream 8', manager: 'yum', kind: 'centos' };
  if (repository === 'debian') {
    const number = /^(\d+)(?:[.-]|$)/.exec(tag)?.[1];
    if (number && DEBIAN_BY_NUMBER[number]) return { release: `Debian ${number} (${DEBIAN_BY_NUMBER[number]})`, manager: 'apt', kind: 'debian' };
  }
  if (repository === 'ubuntu') {
    const version = /^(\d\d)\.(\d\d)(?:[.-]|$)/.exec(tag);
    if (version) {
      const year = Number(version[1]);
      const lts = version[2] === '04' && year % 2 === 0;
      if (year <= 12 || (!lts && (year < 24 || (year === 24 && version[2] === '10')))) return { release: `Ubuntu ${version[1]}.${version[2]}`, manager: 'apt', kind: 'ubuntu' };
    }
  }
  for (const word of tag.split(/[^a-z0-9]+/)) {
    if (DEBIAN[word]) return { release: `Debian ${DEBIAN[word]} (${word})`, manager: 'apt', kind: 'debian' };
    if (UBUNTU_INTERIM[word]) return { release: `Ubuntu ${UBUNTU_INTERIM[word]} (${word})`, manager: 'apt', kind: 'ubuntu' };
    if (repository === 'ubuntu' && UBUNTU_OLD_LTS[word]) return { release: `Ubuntu ${UBUNTU_OLD_LTS[word]} (${word})`, manager: 'apt', kind: 'ubuntu' };
  }
  // Microsoft keeps a .NET version on the Debian release it started with: .NET Core 3.1 and .NET 5
  // on buster, 2.x on stretch (round 22: dotnet/sdk:5.0). Later ones name other releases in the tag.
  const dotnet = /^mcr\.microsoft\.com\/dotnet\/(?:core\/)?(?:sdk|aspnet|runtime|runtime-deps)$/.test(repository) ? /^(\d+)\.\d+(?:\.\d+)*$/.exec(tag) : null;
  if (dotnet && Number(dotnet[1]) <= 5) return Number(dotnet[1]) === 2 ? { release: 'Debian 9 (stretch)', manager: 'apt', kind: 'debian' } : { release: 'Debian 10 (buster)', manager: 'apt', kind: 'debian' };
  if (lastBuiltOnBuster(repository, tag)) return { release: 'Debian 10 (buster)', manager: 'apt', kind: 'old-debian' };
  return undefined;
}

/** What a Dockerfile writes when it points the package manager elsewhere (a mirror, the archive, a proxy). */
// (A mirror named by a variable, ARG APT_MIRROR, counts; a third-party repository's package fetched from
// a host named mirror.*, rpm -Uvh https://mirror.webtatic.com/..., adds repositories and fixes none: round 55.)
const SOURCES_TOUCHED = /archive\.debian\.org|old-releases\.ubuntu\.com|vault\.centos\.org|sources\.list(?!\.d\/)|debian\.sources|apt\.conf|yum\.repos\.d|baseurl|mirrorlist|mirror(?![.\w-]*\.(com|org|net|cn|io|de|edu)\b)/i;

/** Subcommands of yum and dnf that read the repositories. */
const YUM_READS = new Set(['install', 'update', 'upgrade', 'makecache', 'groupinstall', 'localinstall', 'reinstall', 'search', 'list', 'info', 'check-update', 'distro-sync', 'module']);

export const archivedReleaseRepositories = rule({
  id: 'archived-release', severity: 'error',
  explain: () => [
    t('Old releases keep their images, but not their package repositories. Debian moves a release to archive.debian.org about a year after its long-term support ends (8 jessie, 9 stretch, and 10 buster in 2025), Ubuntu moves each release that is not LTS to old-releases.ubuntu.com after its end of life, and CentOS Linux\'s mirror list is switched off (8 in 2022, 7 in 2024). On such an image apt-get update fails ("does not have a Release file", 404) and yum cannot reach mirrorlist.centos.org, so the build stops, although nothing in the Dockerfile changed.'),
    t('Move to a supported release (debian:bookworm, python:3.12-slim-bookworm, ubuntu:24.04, rockylinux or almalinux for CentOS), or, to keep the old one, point its package sources at the archive first (archive.debian.org, old-releases.ubuntu.com, vault.centos.org). Not reported where the Dockerfile touches its package sources itself, or on images of other publishers, which may have done so.'),
    t('The same holds for official images of versions that stopped being built before Debian 11 came out in August 2021 (node 10, php 7.2, python 3.5, ruby 2.5, golang 1.14, nginx 1.19, elixir 1.9 and older, in their default Debian variant): their last build is on buster or older. So do the older patch versions of lines still maintained then (ruby:2.7.1, node:14.15, python:3.8.5, php:7.4.12): the images build only each line\'s newest patch, and a newer one had replaced these before mid-2021.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  const done = new Set<number>();
  for (const run of runShells(ctx)) {
    if (!run.stage || done.has(run.stage.index)) continue;
    // An image named by a build argument's default (ARG BASE=ubuntu:21.04): the default build stops,
    // a build that passes another base does not, so a warning (round 15).
    const byDefault = a.rootOf(run.stage).image?.raw.includes('$') ?? false;
    // A build argument with no default (compose passes it) may still leave the release written out:
    // ruby:$RUBY_VERSION-buster is buster whatever the version (round 75).
    const image = a.rootImage(run.stage) || a.baseImageRef(run.stage);
    const archived = archivedRelease(image.replace(/\$\{[^}]*\}|\$\w+/g, ''));
    if (!archived) continue;
    for (const c of commandsOf(run)) {
      const sub = operands(c)[0]?.text;
      const reads = archived.manager === 'apt'
        ? (c.name === 'apt-get' || c.name === 'apt') && sub === 'update'
        : (c.name === 'yum' || c.name === 'dnf') && sub !== undefined && YUM_READS.has(sub);
      if (!reads) continue;
      done.add(run.stage.index);
      // The stage, or one it is built FROM, points its package manager elsewhere first: before this
      // update or in its RUN, not after it (round 35: a sed adding "universe" some RUNs below).
      if ([...a.chainOf(run.stage)].some((s) => s.instructions.some((i) => i.index <= run.instruction.index && SOURCES_TOUCHED.test(a.doc.text.slice(i.fullSpan.start, i.fullSpan.end))))) break;
      const extra = byDefault && a.rootImage(run.stage) ? { severity: 'warning' as const } : undefined;
      const message = archived.kind === 'old-debian'
        ? t('{0} stopped being built before Debian 11 came out: its last build is on {1} or an older release, whose packages deb.debian.org no longer serves (they moved to archive.debian.org), so {2} fails ("does not have a Release file") and stops the build. Move to a supported version of the image, or point the sources at archive.debian.org first.', image, archived.release, `${c.name} update`)
        : archived.kind === 'debian'
          ? t('{0} is {1}, whose packages deb.debian.org no longer serves (they moved to archive.debian.org): {2} fails ("does not have a Release file") and stops the build. Move to a supported release, such as bookworm, or point the sources at archive.debian.org first.', image, archived.release, `${c.name} update`)
          : archived.kind === 'ubuntu'
            ? t('{0} is {1}, which is past its end of life: its packages moved to old-releases.ubuntu.com, so {2} fails (404) and stops the build. Move to an LTS release, such as 24.04, or point the sources at old-releases.ubuntu.com first.', image, archived.release, `${c.name} update`)
            : t('{0} is {1}, which is past its end of life: its mirror list is switched off, so {2} cannot reach a repository and stops the build. Move to a maintained distribution (rockylinux, almalinux, ubi9), or point the repositories at vault.centos.org first.', image, archived.release, `${c.name} ${sub}`);
      ctx.report(commandSpan(run, c), message, extra);
      break;
    }
  }
});

export const archivedReleaseRules = [archivedReleaseRepositories];
