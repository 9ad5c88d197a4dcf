// A RUN that calls a program its base image does not have: `RUN npm install` on nginx, `composer
// install` on php, `go build` on alpine, `dotnet publish` on the ASP.NET runtime image, `git clone`
// on php or a slim Python. The step stops with "npm: not found" (exit 127), or for the .NET runtime
// images "No .NET SDKs were found". Round 20 had npm on nginx; learners meet it whenever a
// Dockerfile is copied from another language's. Reported only on the official images whose
// contents are known (each program lists the images that have it, and the images known not to),
// and only where nothing before the command can have brought the program: no package install that
// names it, no download, archive, script or version manager, no COPY --from, no PATH change, and
// no `command -v` test for it. Unparsed RUNs count as bringing anything.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { ARCHIVE } from '../../analysis/copySources';
import { repositoryAndTag } from '../../../officialImages';
import { lacksTool } from '../../../imageTools';
import { debianFloor } from '../../../debianRelease';
import { commandsOf, commandSpan, runsByPath, type Cmd, type RunShell } from './shellCommands';
import { isPackageInstall } from './packageRules';
import { rule } from './rule';
import { readChainForward } from './chainReading';
import { alpineRelease } from './apkPackageRules';

/** How an image's tag is read: the reference, its repository, and whether it is a slim or Alpine variant. */
interface ImageKind { reference: string; repository: string; small: boolean }

interface Program {
  /** Command names that run it. */
  names: readonly string[];
  /** Package names (as a pattern) whose install brings it. */
  packages: RegExp;
  /** Whether the image is known to lack it; undefined when not known. */
  lacks: (image: ImageKind) => boolean | undefined;
  advice: () => string;
  /** Any of its names as a word of an argument. */
  mentioned: RegExp;
  /** False for a tool nobody downloads on its own (unzip): a download or an archive before it does not count as bringing it. */
  fetched?: false;
}

/** The bare operating system images: none of the toolchains, curl, wget (Alpine's BusyBox has wget) or git. */
const BARE = new Set(['alpine', 'debian', 'ubuntu', 'busybox']);
/** Official language and server images whose contents are known (their full Debian variants carry curl, wget and git; slim and Alpine ones do not). */
const LANGUAGES = new Set(['node', 'python', 'golang', 'ruby', 'rust', 'php', 'perl', 'elixir', 'erlang', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'maven', 'gradle', 'tomcat', 'composer', 'wordpress']);
const SERVERS = new Set(['nginx', 'httpd', 'redis', 'postgres', 'mysql', 'mariadb', 'caddy', 'haproxy', 'traefik']);
const DOTNET = 'mcr.microsoft.com/dotnet/';
/** The .NET images that run a built app only (no SDK). */
const RUNTIME_ONLY = /^mcr\.microsoft\.com\/dotnet\/(aspnet|runtime|runtime-deps)$/;
const KNOWN = (repository: string) => BARE.has(repository) || LANGUAGES.has(repository) || SERVERS.has(repository) || repository.startsWith(DOTNET);

/** A toolchain only its own images have: lacking on every other known image. */
const only = (...have: string[]) => (image: ImageKind): boolean | undefined => (KNOWN(image.repository) ? !have.includes(image.repository) : undefined);

const programs = (list: Omit<Program, 'mentioned'>[]): Program[] => list.map((p) => ({ ...p, mentioned: new RegExp(`(^|[^\\w-])(${p.names.join('|')})([^\\w-]|$)`) }));

const PROGRAMS: readonly Program[] = programs([
  { names: ['node', 'nodejs', 'npm', 'npx', 'yarn', 'corepack'], packages: /node|npm|yarn|pnpm/, lacks: only('node'),
    advice: () => t('Build it in a stage on a node image (FROM node:22 AS build) and copy the output, or install Node.js first.') },
  // pnpm is on no official image, node's included: they carry npm, Yarn 1 and (to Node 24) corepack, which
  // puts pnpm in place only when told (round 43: pnpm install on node:alpine).
  { names: ['pnpm', 'pnpx'], packages: /pnpm/, lacks: (i) => (KNOWN(i.repository) ? true : undefined),
    advice: () => t('Node\'s images have npm, not pnpm: install it first with npm install -g pnpm, or with corepack enable pnpm on Node 24 and earlier, whose images carry corepack.') },
  { names: ['go'], packages: /golang|^go$|^go\d/, lacks: only('golang'),
    advice: () => t('Build in a stage on a golang image and copy the binary.') },
  { names: ['mvn'], packages: /maven/, lacks: only('maven'),
    advice: () => t('Build in a stage on a maven image (FROM maven:3-eclipse-temurin-21 AS build), or use the project\'s ./mvnw.') },
  { names: ['gradle'], packages: /gradle/, lacks: only('gradle'),
    advice: () => t('Build in a stage on a gradle image, or use the project\'s ./gradlew.') },
  { names: ['composer'], packages: /composer/, lacks: only('composer'),
    advice: () => t('The php images have no Composer: copy it in with COPY --from=composer:2 /usr/bin/composer /usr/bin/composer.') },
  { names: ['java', 'javac'], packages: /jdk|jre|java|temurin|corretto/, lacks: only('openjdk', 'eclipse-temurin', 'amazoncorretto', 'maven', 'gradle', 'tomcat'),
    advice: () => t('Run it on a JDK or JRE image (eclipse-temurin), or install one first.') },
  // python: the bare images, the web servers, php, and the slim and Alpine variants of the other languages.
  { names: ['python', 'python3'], packages: /python|pip/, lacks: lacksPython,
    advice: () => t('Install Python first (apt-get install -y python3 python3-pip, apk add python3 py3-pip), or build on a python image.') },
  // pip where python lacks, and apart from it: Debian's python3 package has no pip (python3-pip),
  // nor has Alpine's since 3.12 (py3-pip), so an install of python3 alone brings none (round 83:
  // apk add python3, then pip3 install, on alpine).
  { names: ['pip', 'pip3'], packages: /pip/, lacks: (i) => {
    const python = lacksPython(i);
    if (python !== true) return python;
    const release = i.repository === 'alpine' || i.reference.includes('alpine') ? alpineRelease(i.reference) : Infinity;
    return release !== undefined && release >= 312 ? true : undefined;
  }, advice: () => t('The python3 package brings no pip: install it too (apk add py3-pip, apt-get install -y python3-pip), or build on a python image.') },
  { names: ['curl'], packages: /curl/, lacks: (i) => lacksTool(i.reference, 'curl'),
    advice: () => t('Install it in the same RUN first (apt-get install -y curl, apk add curl); on Alpine, BusyBox\'s wget is there.') },
  { names: ['wget'], packages: /wget/, lacks: (i) => lacksTool(i.reference, 'wget'),
    advice: () => t('Install it in the same RUN first (apt-get install -y wget).') },
  // unzip: also not in the Debian variants of php, nginx and httpd (the php images' Composer falls back without it; a RUN unzip stops).
  { names: ['unzip'], packages: /^unzip$/, fetched: false, lacks: (i) => lacksTool(i.reference, 'unzip') ?? (['php', 'nginx', 'httpd'].includes(i.repository) && !i.reference.includes('alpine') ? true : undefined),
    advice: () => t('Install it in the same RUN first (apt-get install -y unzip).') },
  // apt-key: apt 2.9 removed it, so Debian 13 (trixie) has none: python's moving tags, debian:stable and latest (round 22).
  { names: ['apt-key'], packages: /^$/, fetched: false, lacks: (i) => ((debianFloor(i.reference) ?? 0) >= 13 ? true : undefined),
    advice: () => t('Debian 13 (trixie) removed apt-key: save the key under /etc/apt/keyrings (curl -fsSL <key-url> | gpg --dearmor -o /etc/apt/keyrings/<name>.gpg) and name it in the source line with [signed-by=/etc/apt/keyrings/<name>.gpg].') },
  { names: ['git'], packages: /^git$|^git-|git$/, lacks: (i) => (BARE.has(i.repository) || ['nginx', 'httpd', 'php', 'wordpress'].includes(i.repository) || (['node', 'python', 'golang', 'ruby'].includes(i.repository) && i.small) ? true : undefined),
    advice: () => t('Install it in the same RUN first (apt-get install -y git, apk add git).') },
]);

/** Whether an image lacks Python: the bare images, the web servers, php, and the slim and Alpine variants of the other languages. */
function lacksPython(i: ImageKind): boolean | undefined {
  if (i.repository === 'python') return false;
  return BARE.has(i.repository) || ['nginx', 'httpd', 'php', 'wordpress', 'composer'].includes(i.repository) || (['node', 'golang', 'ruby'].includes(i.repository) && i.small) ? true : undefined;
}

const PIP = PROGRAMS.find((p) => p.names.includes('pip'))!;

/** dotnet's commands that need the SDK; the aspnet and runtime images have only the host, which runs a built app. */
const SDK_COMMANDS = new Set(['restore', 'build', 'publish', 'test', 'new', 'add', 'pack', 'tool', 'msbuild', 'workload', 'dev-certs', 'ef', 'watch']);

/** Packages that pull in many programs (alpine-sdk brings git and the compilers: round 12's pidproxy build), or a set only a file names. */
const META_PACKAGE = /^(alpine-sdk|task-.*)$|^-r$|^--requirement|\.txt$/;

/** Downloads and archives: they may bring any program but the ones nobody fetches on their own (unzip, to open the download). */
const FETCHES = new Set(['curl', 'wget', 'git', 'tar', 'unzip', 'bsdtar']);
/** Commands that can bring any program: version managers, scripts, package files. */
const BRINGS = new Set(['corepack', 'nvm', 'n', 'fnm', 'volta', 'asdf', 'mise', 'sdk', 'pyenv', 'conda', 'mamba', 'micromamba', 'uv', 'pipx', 'source', '.', 'sh', 'bash', 'dash', 'zsh', 'ln', 'dpkg', 'rpm', 'snap', 'brew', 'update-alternatives', 'eval']);

function imageKind(reference: string): ImageKind | undefined {
  const ref = repositoryAndTag(reference);
  if (!ref) return undefined;
  return { reference, repository: ref.repository, small: /alpine|slim/.test(ref.tag) };
}

/** Whether an instruction before the command may bring programs: COPY --from, an archive or URL ADD, a PATH change, an unparsed RUN. */
function instructionBrings(a: Analysis, i: Instruction): boolean {
  const target = i.trigger ?? i;
  if (target.upper === 'COPY' || target.upper === 'ADD') {
    return target.flags.some((f) => f.name === 'from') || (target.upper === 'ADD' && target.words.some((w) => ARCHIVE.test(w.value) || /^(https?|git)[:@]/.test(w.value)));
  }
  if (target.upper === 'ENV' || target.upper === 'ARG') return /\bPATH\b/.test(target.argText);
  if (target.upper === 'RUN') {
    const info = a.shell(i);
    return !info || Boolean(info.summary.error);
  }
  return false;
}

/** Any program's name as a word of an argument: one test per argument before asking which. */
const ANY_MENTIONED = new RegExp(`(^|[^\\w-])(${PROGRAMS.flatMap((p) => p.names).join('|')}|dotnet)([^\\w-]|$)`);
/** Commands that may be package installs (packageInstalls says which are). */
const MANAGERS = /^(apt-get|apt|apk|yum|dnf|microdnf|zypper|pip[23]?|python[0-9.]*|npm|gem)$/;

/** What a download or an archive may bring: every program that is fetched at all, and the .NET SDK. */
const FETCHABLE: ReadonlySet<Program | 'dotnet-sdk'> = new Set([...PROGRAMS.filter((p) => p.fetched !== false), 'dotnet-sdk']);

/** What a command may bring: 'all' (a script, a path, a version manager), the programs it names, installs or may download, or nothing. */
function broughtBy(c: Cmd): 'all' | ReadonlySet<Program | 'dotnet-sdk'> | undefined {
  if (BRINGS.has(c.name) || runsByPath(c)) return 'all';
  if (FETCHES.has(c.name)) return FETCHABLE;
  let found: Set<Program | 'dotnet-sdk'> | undefined;
  // A command that names the program in its arguments may put it in place (php installer.php
  // --filename=composer, mv composer.phar /usr/local/bin/composer) or test for it (command -v git).
  if (c.args.some((w) => ANY_MENTIONED.test(w.text))) {
    for (const p of PROGRAMS) if (c.args.some((w) => p.mentioned.test(w.text))) (found ??= new Set()).add(p);
  }
  // python3 -m ensurepip puts pip in place.
  if (c.args.some((w) => w.text === 'ensurepip')) (found ??= new Set()).add(PIP);
  if (!MANAGERS.test(c.name) || !isPackageInstall(c)) return found;
  const names = c.args.map((w) => w.text);
  // Packages only a variable or a file names (apt-get install $PACKAGES, pip install -r x.txt) may be
  // anything; a variable in the version only (poetry==${POETRY_VERSION}) names the package (round 33).
  if (names.some((n) => n.replace(/(?<=.)[=<>@~!].*$/, '').includes('$') || META_PACKAGE.test(n))) return 'all';
  for (const n of names) {
    const name = n.toLowerCase().replace(/[=<>@].*$/, '');
    for (const p of PROGRAMS) if (p.packages.test(name)) (found ??= new Set()).add(p);
    if (name.includes('dotnet')) (found ??= new Set()).add('dotnet-sdk');
  }
  return found;
}

export const missingProgram = rule({
  id: 'missing-program', severity: 'error',
  explain: () => [
    t('A RUN step runs with the programs of its base image and of the steps before it, and nothing else. npm on nginx, composer on php, go on alpine, git or curl on a slim or Alpine image, python on debian or ubuntu: none of them is there, and the step stops with "npm: not found" (exit 127). dotnet restore, build or publish on the ASP.NET or runtime images stop with "No .NET SDKs were found": those images run a built app only.'),
    t('Build in a stage on an image that has the toolchain and copy the result (the multi-stage pattern), or install the program first in the same stage. Reported only on official images whose contents are known, and only where nothing before the command can have brought the program: a package install naming it, a download, an archive, a script, a version manager, COPY --from, a PATH change, or a test such as command -v.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  const byName = new Map<string, Program>();
  for (const p of PROGRAMS) for (const n of p.names) byName.set(n, p);
  /** What may have been brought by the end of each stage ('all' once anything may have), worked out once per stage of the chains read. */
  const ends = new Map<number, 'all' | Set<Program | 'dotnet-sdk'>>();
  /** Reads a stage from its parent's end, reporting in it when asked; returns its end. */
  const read = (stage: Stage, image: ImageKind, report: boolean): 'all' | Set<Program | 'dotnet-sdk'> => {
    const parent = a.parentOf(stage.index);
    const before = parent >= 0 ? ends.get(parent) ?? 'all' : undefined;
    if (before === 'all') return 'all';
    const brought = new Set(before);
    const check = (run: RunShell, c: Cmd) => {
      if (c.name === 'dotnet') {
        const sub = c.args.find((w) => !w.text.startsWith('-'))?.text ?? '';
        const runtimeOnly = RUNTIME_ONLY.test(image.repository);
        if (runtimeOnly && SDK_COMMANDS.has(sub) && !brought.has('dotnet-sdk')) {
          ctx.report(commandSpan(run, c), t('{0} has the .NET runtime only, not the SDK, so dotnet {1} stops with "No .NET SDKs were found". Build in a stage on mcr.microsoft.com/dotnet/sdk and copy the published output into this one.', a.rootImage(stage), sub));
          brought.add('dotnet-sdk');
        }
        return;
      }
      const program = byName.get(c.name);
      if (!program || brought.has(program) || program.lacks(image) !== true) return;
      ctx.report(commandSpan(run, c), t('{0} has no {1}, and nothing before this installs it: the step stops with "{1}: not found" (exit 127). {2}', a.rootImage(stage), c.name, program.advice()));
      // One report per program and stage: the first use says it.
      brought.add(program);
    };
    for (const i of stage.instructions) {
      if (instructionBrings(a, i)) return 'all';
      const info = i.upper === 'RUN' ? a.shell(i) : undefined;
      if (!info) continue;
      const run: RunShell = { instruction: i, stage, info };
      for (const c of commandsOf(run)) {
        if (report && !c.raw.words[0]?.text.includes('/')) check(run, c);
        // What the command brings counts for the commands after it (curl's own download included).
        const more = broughtBy(c);
        if (more === 'all') return 'all';
        if (more) for (const p of more) brought.add(p);
      }
    }
    return brought;
  };
  /** Whether the stage runs a program its image lacks at all: most stages do not, and then what each command brings is not worked out. */
  const mayLack = (stage: Stage, image: ImageKind): boolean => {
    const runtimeOnly = RUNTIME_ONLY.test(image.repository);
    for (const i of stage.instructions) {
      const info = i.upper === 'RUN' ? a.shell(i) : undefined;
      if (!info) continue;
      for (const c of commandsOf({ instruction: i, stage, info })) {
        if (c.name === 'dotnet' ? runtimeOnly : byName.get(c.name)?.lacks(image) === true) return true;
      }
    }
    return false;
  };
  for (const stage of ctx.scope.stages) {
    const image = imageKind(a.rootImage(stage));
    if (!image || !KNOWN(image.repository) || a.isWindows(stage) || !mayLack(stage, image)) continue;
    // The stages it is built FROM first, root first, each once.
    readChainForward(a, stage, ends, (s, target) => read(s, image, target));
  }
});

export const missingProgramRules = [missingProgram];
