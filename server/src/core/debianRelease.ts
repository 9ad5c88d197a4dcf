// The oldest Debian release an image's current build can be on, read from its name and tag: what
// a package that a newer release dropped needs to know (netcat and libgl1-mesa-glx are gone from
// bookworm, software-properties-common from trixie). A tag that names its release says it; a tag
// that moves with its line (python:3.12-slim, node:20, php:8.2-fpm) is rebuilt on each new Debian
// release while the line is maintained: the official images moved to bookworm in June 2023 and,
// for python, ruby, php, golang and debian:stable, to trixie in August 2025 (node from its 26). A tag of one patch (python:3.11.2) was
// last built when its line moved on, so only lines that began after a release are known from it.
// Unknown (undefined) for images of other publishers, Ubuntu, Alpine, and anything not listed.
import { repositoryAndTag } from './officialImages';

/** Debian's releases by code name. */
export const DEBIAN_CODENAMES: Readonly<Record<string, number>> = { squeeze: 6, wheezy: 7, jessie: 8, stretch: 9, buster: 10, bullseye: 11, bookworm: 12, trixie: 13, forky: 14 };
/** Tag words that keep an image's default (Debian) variant. */
const DEFAULT_VARIANT = new Set(['slim', 'fpm', 'apache', 'cli', 'zts']);

/** An image's versions: the Debian floor of a version, for a tag that follows its line or names one version. */
interface Line {
  floor(version: number[], moving: boolean): number | undefined;
}

const at = (major: number, minor: number) => (v: number[]) => v[0]! > major || (v[0] === major && (v[1] ?? 0) >= minor);

/**
 * Per image: the Debian floor of a tag, from its version and whether it moves with its line
 * (`3.12`, `20`: the newest patch) or names one version (`3.12.4`). Lines that lived past June
 * 2023 moved to bookworm. In August 2025 the docker-library images put trixie first in each
 * maintained line's variants, which gives it the bare tags (their generate-stackbrew-library.sh
 * takes the first Debian variant): python's, ruby's from 3.2 (2025-08-07), php's from 8.1
 * (2025-08-07) and golang's from 1.24 (2025-08-12; 1.23 ended that day). Node.js's own images kept bookworm for 22 and
 * 24 and made trixie the default from 26 (docker-node's versions.json, May 2026). erlang:28 moved to
 * trixie in December 2025 (26 and 27 stay on bookworm), and with it elixir 1.18 and 1.19, built FROM it.
 */
const LINES: Record<string, Line> = {
  python: { floor: (v, moving) => (at(3, 14)(v) || (moving && at(3, 10)(v)) ? 13 : at(3, 12)(v) || (moving && at(3, 8)(v)) ? 12 : undefined) },
  node: { floor: (v, moving) => (at(26, 0)(v) ? 13 : at(21, 0)(v) || (moving && v.length === 1 && at(18, 0)(v)) ? 12 : undefined) },
  ruby: { floor: (v, moving) => (at(4, 0)(v) || (moving && at(3, 2)(v)) ? 13 : at(3, 3)(v) || (moving && at(3, 0)(v)) ? 12 : undefined) },
  php: { floor: (v, moving) => (at(8, 5)(v) || (moving && at(8, 1)(v)) ? 13 : at(8, 3)(v) || (moving && at(8, 1)(v)) ? 12 : undefined) },
  golang: { floor: (v, moving) => (at(1, 26)(v) || (moving && at(1, 24)(v)) ? 13 : at(1, 21)(v) || (moving && at(1, 20)(v)) ? 12 : undefined) },
  // rust:1, 1-slim and latest are trixie (rust 1.93's tags name it; the move came some releases before).
  rust: { floor: (v) => (at(1, 93)(v) ? 13 : at(1, 71)(v) ? 12 : undefined) },
  nginx: { floor: (v, moving) => (at(1, 26)(v) || (moving && at(1, 25)(v)) ? 12 : undefined) },
  // Only the tags of a major move with it (erlang:28); 28.1 was last built before the move.
  erlang: { floor: (v) => (v.length === 1 && at(28, 0)(v) ? 13 : v.length === 1 && at(26, 0)(v) ? 12 : undefined) },
  elixir: { floor: (v, moving) => (moving && v.length === 2 && at(1, 18)(v) ? 13 : undefined) },
};

/** The majors whose newest line a one-number tag follows (python:3, ruby:3 and ruby:4, golang:1), with that line's floor. */
const CURRENT_MAJORS: Record<string, { majors: readonly number[]; floor: number }> = {
  python: { majors: [3], floor: 13 }, ruby: { majors: [3, 4], floor: 13 }, php: { majors: [8], floor: 13 }, golang: { majors: [1], floor: 13 }, rust: { majors: [1], floor: 13 }, nginx: { majors: [1], floor: 12 },
};
/** Tags that name no version and follow the newest release of the image's default variant. */
const NEWEST = new Set(['latest', 'slim', 'fpm', 'apache', 'cli', 'lts', 'current', 'stable', 'mainline']);
/** Where the newest release is on trixie (node's lts, still 24 on bookworm when this was written, is not). */
const NEWEST_ON_TRIXIE = (repository: string, tag: string) => ['python', 'ruby', 'php', 'golang', 'erlang', 'elixir'].includes(repository) || (repository === 'node' && (tag === 'latest' || tag === 'current' || tag === 'slim'));

/** The oldest Debian major the image's current build can be on; undefined when not known or not Debian. */
export function debianFloor(reference: string): number | undefined {
  const ref = repositoryAndTag(reference);
  if (!ref) return undefined;
  const { repository, tag } = ref;
  const words = tag.split('-');
  for (const w of words) if (DEBIAN_CODENAMES[w]) return DEBIAN_CODENAMES[w];
  if (repository === 'debian') {
    const number = /^(\d+)(?:\.\d+)*$/.exec(words[0]!)?.[1];
    if (number) return Number(number);
    return words[0] === 'latest' || words[0] === 'stable' ? 13 : words[0] === 'oldstable' ? 12 : undefined;
  }
  // Microsoft's .NET 8 and 9 images are bookworm (10 moved to Ubuntu); earlier ones keep their first release.
  if (/^mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps)$/.test(repository)) return /^(8|9)\.\d+(\.\d+)*$/.test(tag) ? 12 : undefined;
  const line = LINES[repository];
  if (!line) return undefined;
  // php's variants come after the version (8.2-fpm), and python's slim; anything else (alpine, windowsservercore) is another base.
  const [version, ...variant] = words;
  if (!variant.every((w) => DEFAULT_VARIANT.has(w))) return undefined;
  if (NEWEST.has(version!)) return NEWEST_ON_TRIXIE(repository, version!) ? 13 : 12;
  const numbers = /^\d+(\.\d+)*$/.test(version!) ? version!.split('.').map(Number) : undefined;
  if (!numbers) return undefined;
  // python:3, ruby:3, php:8, golang:1: the newest line (node's majors are lines of their own).
  if (numbers.length === 1 && repository !== 'node' && repository !== 'erlang') {
    const current = CURRENT_MAJORS[repository];
    return current?.majors.includes(numbers[0]!) ? current.floor : undefined;
  }
  // `1.21`, `3.12`, `20`: the line's newest patch; `1.21.3`, `3.12.4`, `20.11`: one version (node's minor is one).
  const moving = repository === 'node' ? numbers.length === 1 : numbers.length <= 2;
  return line.floor(numbers, moving);
}

/** glibc's version on each Debian and Ubuntu release, as major × 100 + minor (2.36 → 236). */
const DEBIAN_GLIBC: Record<number, number> = { 8: 219, 9: 224, 10: 228, 11: 231, 12: 236, 13: 241 };
const UBUNTU_GLIBC: Record<string, number> = { '16.04': 223, xenial: 223, '18.04': 227, bionic: 227, '20.04': 231, focal: 231, '22.04': 235, jammy: 235, '24.04': 239, noble: 239 };

/**
 * The glibc an image surely has, where its tag names the release (debian:bullseye-slim,
 * python:3.12-slim-bullseye, ubuntu:20.04): a ceiling to judge binaries built elsewhere against.
 */
export function namedGlibc(reference: string): number | undefined {
  const ref = repositoryAndTag(reference);
  if (!ref) return undefined;
  const words = ref.tag.split('-');
  if (ref.repository === 'ubuntu') return UBUNTU_GLIBC[words[0]!];
  for (const w of words) if (DEBIAN_CODENAMES[w]) return DEBIAN_GLIBC[DEBIAN_CODENAMES[w]!];
  const number = ref.repository === 'debian' ? /^(\d+)(?:\.\d+)*$/.exec(words[0]!)?.[1] : undefined;
  return number ? DEBIAN_GLIBC[Number(number)] : undefined;
}

/** The oldest glibc the image's current build can have (from debianFloor, or an Ubuntu tag). */
export function glibcFloor(reference: string): number | undefined {
  const floor = debianFloor(reference);
  return floor !== undefined ? DEBIAN_GLIBC[floor] : namedGlibc(reference);
}
