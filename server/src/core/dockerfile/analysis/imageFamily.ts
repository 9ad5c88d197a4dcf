// The family of a base image: which distribution (if any) a stage's files come from. It decides
// what /bin/sh is (dash, BusyBox ash, bash, none), which package manager and users exist, and
// what paths look like, so rules can give advice that works on that image. Read from the image
// reference (tag words first, then the repository's name, then the default variant of
// well-known official images); a stage whose image says nothing (a build argument, an
// organisation's own base image) is recognised by what its RUN instructions use.
import type { Instruction } from '../syntax/ast';
import { repositoryAndTag } from '../../officialImages';

export type ImageFamily =
  /** Debian and Ubuntu: /bin/sh is dash, bash is installed, apt-get. */
  | 'debian'
  /** Alpine, BusyBox and Wolfi: /bin/sh is BusyBox ash, no bash unless installed, apk. */
  | 'alpine'
  /** RHEL, UBI, Fedora, CentOS, Rocky, Alma, Oracle, Amazon Linux, Azure Linux, SUSE: /bin/sh is bash, rpm. */
  | 'rhel'
  /** Distroless and chiseled images: no shell, no package manager; nonroot (65532) exists. */
  | 'distroless'
  /** The empty image. */
  | 'scratch'
  /** Windows Server Core and Nano Server: cmd or PowerShell, Windows paths and users. */
  | 'windows'
  | 'unknown';

const WINDOWS_WORDS = new Set(['windows', 'windowsservercore', 'servercore', 'nanoserver', 'ltsc2016', 'ltsc2019', 'ltsc2022', 'ltsc2025', 'windowsserver']);
const DEBIAN_WORDS = new Set([
  'debian', 'ubuntu', 'bookworm', 'bullseye', 'buster', 'stretch', 'jessie', 'trixie', 'forky', 'sid',
  'jammy', 'focal', 'noble', 'bionic', 'xenial', 'resolute', 'oracular', 'plucky', 'questing', 'kinetic', 'lunar', 'mantic',
  'raspbian', 'buildpack',
]);
// Not musl: images named for a musl target are cross toolchains on Ubuntu or Debian (round 51: ghcr.io/cross-rs/x86_64-unknown-linux-musl, clux/muslrust).
const ALPINE_WORDS = new Set(['alpine', 'busybox', 'wolfi', 'uclibc']);
const RHEL_WORDS = new Set([
  'ubi', 'ubi7', 'ubi8', 'ubi9', 'ubi10', 'rhel', 'rhel7', 'rhel8', 'rhel9', 'rhel10', 'centos', 'centos7', 'fedora', 'rockylinux', 'rocky',
  'almalinux', 'alma', 'oraclelinux', 'oracle', 'ol8', 'ol9', 'amazonlinux', 'al2', 'al2023', 'amzn', 'mariner', 'cbl', 'azurelinux',
  'opensuse', 'sles', 'suse', 'leap', 'tumbleweed', 'bci', 'photon', 'openeuler', 'stream8', 'stream9', 'stream10',
]);
const DISTROLESS_WORDS = new Set(['distroless', 'chiseled', 'chisel']);

/** The default variant of well-known official images, when the tag names none. */
const OFFICIAL: Record<string, ImageFamily> = {
  debian: 'debian', ubuntu: 'debian', node: 'debian', python: 'debian', golang: 'debian', ruby: 'debian', php: 'debian',
  perl: 'debian', rust: 'debian', gcc: 'debian', httpd: 'debian', nginx: 'debian', postgres: 'debian', redis: 'debian',
  memcached: 'debian', haproxy: 'debian', wordpress: 'debian', drupal: 'debian', ghost: 'debian', julia: 'debian',
  elixir: 'debian', erlang: 'debian', haskell: 'debian', clojure: 'debian', 'buildpack-deps': 'debian', maven: 'debian',
  gradle: 'debian', 'eclipse-temurin': 'debian', tomcat: 'debian', mongo: 'debian', mariadb: 'debian', rabbitmq: 'debian',
  cassandra: 'debian', joomla: 'debian', nextcloud: 'debian', redmine: 'debian', matomo: 'debian', influxdb: 'debian',
  telegraf: 'debian', sonarqube: 'debian', neo4j: 'debian', solr: 'debian', pypy: 'debian', swift: 'debian', dart: 'debian',
  'dotnet/sdk': 'debian', 'dotnet/aspnet': 'debian', 'dotnet/runtime': 'debian', 'dotnet/runtime-deps': 'debian',
  alpine: 'alpine', busybox: 'alpine', docker: 'alpine', traefik: 'alpine', caddy: 'alpine', vault: 'alpine', consul: 'alpine',
  registry: 'alpine', composer: 'alpine', 'hashicorp/vault': 'alpine', 'hashicorp/consul': 'alpine', 'chainguard/wolfi-base': 'alpine',
  mysql: 'rhel', oraclelinux: 'rhel', fedora: 'rhel', centos: 'rhel', rockylinux: 'rhel', almalinux: 'rhel', amazonlinux: 'rhel',
  'amazoncorretto': 'rhel', 'opensuse/leap': 'rhel', 'opensuse/tumbleweed': 'rhel',
  // From 12 on, openjdk's default variant is Oracle Linux (round 44: apk on openjdk:17); 11 and older and -slim are PINNED_DEBIAN.
  openjdk: 'rhel',
};

/**
 * Tags of images whose default variant is not Debian now but was when the tag was last built:
 * mysql's patches before July 2022 (8.0.28, 5.7.37 and older; the bare tags moved to Oracle Linux
 * with docker-library/mysql#867: round 26's mysql:8.0.20 runs apt-get), openjdk's 11 and older,
 * and its -slim tags.
 */
const PINNED_DEBIAN: Record<string, RegExp> = {
  mysql: /^(8\.0\.([0-9]|1[0-9]|2[0-8])|5\.7\.([0-9]|[12][0-9]|3[0-7])|5\.[56](\.\d+)?)($|-)/,
  openjdk: /^(([1-9]|1[01])(u\d+)?([.-]|$)|.*-slim($|-))/,
};

/** Lower-cased words of a text, split at separators; `alpine3.20` gives `alpine3` and also `alpine`. */
function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (!w) continue;
    out.push(w);
    const letters = /^([a-z]+)\d+$/.exec(w);
    if (letters) out.push(letters[1]!);
  }
  return out;
}

function familyOfWords(words: string[]): ImageFamily | undefined {
  // Windows and distroless first: their tags often name the Linux release they mirror too.
  if (words.some((w) => WINDOWS_WORDS.has(w))) return 'windows';
  if (words.some((w) => DISTROLESS_WORDS.has(w))) return 'distroless';
  if (words.some((w) => ALPINE_WORDS.has(w))) return 'alpine';
  if (words.some((w) => RHEL_WORDS.has(w))) return 'rhel';
  if (words.some((w) => DEBIAN_WORDS.has(w))) return 'debian';
  return undefined;
}

/** Many stages of a file share one image reference, and every version of the file asks again. */
const familyMemo = new Map<string, ImageFamily>();

/**
 * The family an image reference names. Variables (`${ALPINE_VERSION}`) may remain in it: their
 * literal surroundings still count (golang:${GO}-alpine${ALPINE} is Alpine).
 */
export function familyOfImage(reference: string): ImageFamily {
  let family = familyMemo.get(reference);
  if (family === undefined) {
    family = familyOfReference(reference);
    if (familyMemo.size > 2000) familyMemo.clear();
    familyMemo.set(reference, family);
  }
  return family;
}

function familyOfReference(reference: string): ImageFamily {
  const ref = reference.trim().toLowerCase().replace(/\$\{[^}]*\}|\$[a-z_][a-z0-9_]*/g, '-');
  if (ref === '' || ref === '-') return 'unknown';
  if (ref === 'scratch') return 'scratch';
  if (/^mcr\.microsoft\.com\/(windows|powershell.*nanoserver)/.test(ref)) return 'windows';
  if (/(^|\/)distroless\//.test(ref) || /^cgr\.dev\/chainguard\/static\b/.test(ref)) return 'distroless';
  const noDigest = ref.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const tag = colon > slash ? noDigest.slice(colon + 1) : '';
  const path = colon > slash ? noDigest.slice(0, colon) : noDigest;
  const fromTag = familyOfWords(wordsOf(tag));
  if (fromTag) return fromTag;
  const repository = path.replace(/^(docker\.io\/|index\.docker\.io\/)?(library\/)?/, '');
  const segments = repository.split('/');
  // The image's own name (its last path segment) speaks before the organisation's.
  const fromName = familyOfWords(wordsOf(segments[segments.length - 1]!)) ?? familyOfWords(wordsOf(segments.slice(0, -1).join('/')));
  if (fromName) return fromName;
  const pinned = PINNED_DEBIAN[repository];
  if (pinned?.test(tag)) return 'debian';
  return OFFICIAL[repository] ?? OFFICIAL[segments.slice(-2).join('/')] ?? 'unknown';
}

/** Per instruction (the next version's parse reuses the ones an edit did not touch). */
const evidenceMemo = new WeakMap<Instruction, ImageFamily | null>();

/** What a stage's own instructions say about its family, when its image does not. */
export function familyFromInstructions(instructions: readonly Instruction[]): ImageFamily | undefined {
  let found: ImageFamily | undefined;
  for (const i of instructions) {
    let said = evidenceMemo.get(i);
    if (said === undefined) evidenceMemo.set(i, (said = evidenceOf(i) ?? null));
    if (said === 'windows') return 'windows';
    found ??= said ?? undefined;
  }
  return found;
}

function evidenceOf(i: Instruction): ImageFamily | undefined {
  const target = i.trigger ?? i;
  if (target.upper === 'SHELL') {
    const exe = target.exec?.items[0]?.value.toLowerCase() ?? '';
    return /(^|[\\/])(powershell|pwsh|cmd)(\.exe)?$/.test(exe) ? 'windows' : undefined;
  }
  // WORKDIR C:\app, COPY x C:/app: only Windows has drive letters.
  if ((target.upper === 'WORKDIR' || target.upper === 'COPY' || target.upper === 'ADD') && /(^|\s)["']?[A-Za-z]:[\\/]/.test(target.argText)) return 'windows';
  if (target.upper !== 'RUN') return undefined;
  const text = target.argText.length > 4000 ? target.argText.slice(0, 4000) : target.argText;
  // C:\Windows, C:\ProgramData...: a drive letter and a backslash are Windows only.
  if (/(^|[\s"'=(])[A-Za-z]:\\[A-Za-z]/.test(text)) return 'windows';
  if (/(^|[\s;&|(])apk\s+(add|update|del|upgrade|--no-cache)\b/.test(text)) return 'alpine';
  if (/(^|[\s;&|(])(apt-get|dpkg)\s/.test(text)) return 'debian';
  if (/(^|[\s;&|(])(dnf|microdnf|yum|tdnf|zypper)\s/.test(text)) return 'rhel';
  return undefined;
}

/** Official images whose own Dockerfile ends with a WORKDIR (php: /var/www/html, golang: /go...). */
const WORKDIR_IMAGES = new Set(['golang', 'php', 'wordpress', 'drupal', 'joomla', 'nextcloud', 'matomo', 'httpd', 'tomcat', 'redmine', 'ghost', 'solr', 'sonarqube', 'odoo', 'friendica', 'mediawiki', 'backdrop', 'yourls', 'composer']);

/** Whether the image sets a working directory of its own, so a relative COPY lands there on purpose. */
export function setsWorkdir(reference: string): boolean {
  const ref = reference.trim().toLowerCase().split('@')[0]!;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const path = (colon > slash ? ref.slice(0, colon) : ref).replace(/^(docker\.io\/|index\.docker\.io\/)?(library\/)?/, '');
  return WORKDIR_IMAGES.has(path) || /(^|\/)jupyter\//.test(path) || path === 'oven/bun';
}

/**
 * Whether the image is one of Docker's official Debian or Ubuntu based images (or Microsoft's
 * .NET ones), which remove /var/lib/apt/lists when they are built: apt-get install on them finds
 * no package until apt-get update has run. Organisations' own images may keep the lists.
 */
export function shipsWithoutAptLists(reference: string): boolean {
  const repository = repositoryAndTag(reference)?.repository;
  if (repository === undefined || familyOfImage(reference) !== 'debian') return false;
  if (OFFICIAL[repository] === 'debian') return !repository.startsWith('dotnet/');
  return /^mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps)$/.test(repository);
}
