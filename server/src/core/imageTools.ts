// Which official images carry curl, wget and unzip: one answer for the Dockerfile checks (a RUN that
// downloads with a tool its base lacks) and the compose checks (a healthcheck that runs one). The
// bare OS images have none (Alpine's and BusyBox's BusyBox has wget and unzip); the slim and Alpine
// variants of the language images drop both, their full Debian variants carry both; the official
// database images, ollama's, qdrant's and .NET's runtime images have neither (rounds 8, 10 and 39,
// and round 20's Dockerfiles; the .NET SDK image has both).
import { repositoryAndTag } from './officialImages';

const BARE = new Set(['debian', 'ubuntu', 'alpine', 'busybox']);
/** Language images whose full variant is built on buildpack-deps (curl, wget, git), and whose -slim and -alpine variants are not. */
const LANGUAGE = new Set(['node', 'python', 'golang', 'ruby']);
/** Images that carry neither tool in their Debian variant, and BusyBox's wget in their Alpine one. */
const SERVICES = new Set(['postgres', 'redis', 'valkey/valkey', 'ollama/ollama', 'qdrant/qdrant', ...['aspnet', 'runtime', 'runtime-deps'].map((n) => `mcr.microsoft.com/dotnet/${n}`)]);

/** Programs of Debian packages that Debian's images and the slim variants of the language images do not have, and whether BusyBox (Alpine) has them. */
const DEBIAN_PACKAGE_PROGRAMS = {
  ps: { package: 'procps', busybox: true }, pgrep: { package: 'procps', busybox: true }, pkill: { package: 'procps', busybox: true },
  ss: { package: 'iproute2', busybox: false }, netstat: { package: 'net-tools', busybox: true },
} satisfies Record<string, { package: string; busybox: boolean }>;
type DebianPackageProgram = keyof typeof DEBIAN_PACKAGE_PROGRAMS;
const isDebianPackageProgram = (name: string): name is DebianPackageProgram => Object.prototype.hasOwnProperty.call(DEBIAN_PACKAGE_PROGRAMS, name);

/** The package a program comes with where lacksTool knows it (ps: procps), else undefined. */
export function packageOfProgram(program: string): string | undefined {
  return isDebianPackageProgram(program) ? DEBIAN_PACKAGE_PROGRAMS[program].package : undefined;
}

/**
 * Whether the image lacks the tool: true, false (it has it), or undefined (not known). Besides
 * curl, wget and unzip, a program of DEBIAN_PACKAGE_PROGRAMS (ps, pgrep, ss, netstat): Debian's
 * images and the slim variants of the language images do not have its package; BusyBox has some.
 */
export function lacksTool(reference: string, tool: 'curl' | 'wget' | 'unzip' | DebianPackageProgram): boolean | undefined {
  const ref = repositoryAndTag(reference);
  // Windows variants (nanoserver, windowsservercore) carry Windows's own curl.exe.
  if (!ref || /nanoserver|windowsservercore|ltsc\d/.test(ref.tag)) return undefined;
  const alpine = ref.repository === 'alpine' || ref.repository === 'busybox' || ref.tag.includes('alpine');
  const program = isDebianPackageProgram(tool) ? DEBIAN_PACKAGE_PROGRAMS[tool] : undefined;
  if (program) return alpine ? (program.busybox ? false : undefined) : ref.repository === 'debian' || (LANGUAGE.has(ref.repository) && ref.tag.includes('slim')) ? true : undefined;
  const known = BARE.has(ref.repository) || SERVICES.has(ref.repository) || (LANGUAGE.has(ref.repository) && (alpine || ref.tag.includes('slim')));
  if (!known) return undefined;
  // unzip: BusyBox's applet on Alpine; not in any Debian variant of these, full language images aside (buildpack-deps has it, and they are not 'known' here).
  return tool === 'curl' || !alpine;
}

/**
 * Whether the official mongo image lacks the legacy `mongo` shell: MongoDB 6.0 removed it and its
 * images carry only mongosh, so `mongo --eval ...` stops with "mongo: not found" on mongo:6, 7, 8
 * and latest (healthchecks that rounds 33-37 found). False for 5.0 and earlier, and for a tag it cannot read.
 */
export function lacksLegacyMongoShell(reference: string): boolean {
  const ref = repositoryAndTag(reference);
  if (ref?.repository !== 'mongo') return false;
  if (ref.tag === 'latest') return true;
  const major = /^(\d+)(?:[.-]|$)/.exec(ref.tag)?.[1];
  return major !== undefined && Number(major) >= 6;
}

/** Packages that bring a MongoDB shell back (mongodb-org-shell, mongodb-clients): a Dockerfile naming one is taken as installing it. */
export const MONGO_SHELL_PACKAGE = /mongodb-(?:org|clients|database-tools)/;

/** Whether a shell command runs `mongo` (the legacy shell) as one of its commands: `mongo --eval`, `echo ... | mongo host/db`. */
export function runsLegacyMongoShell(script: string): boolean {
  return /(?:^|[|;&(]|\bexec)\s*(?:(?:\/usr)?\/bin\/)?mongo(?=\s|$)/.test(script);
}
