// docker-php-ext-install of an extension that is built against a system library whose headers the
// official php images do not keep: gd (libpng), intl (ICU), pgsql and pdo_pgsql (libpq), xsl,
// bz2, gmp, ldap, tidy, and from PHP 7.4 zip (libzip) and mbstring (oniguruma). The images purge
// the -dev packages they were built with, so configure stops ("Package 'icu-uc', required by
// 'virtual:world', not found", "png.h not found") unless a step before installs them. Learners
// copy the extension list from a tutorial and leave out the apt-get line (round 55's
// `docker-php-ext-install ... intl` on php:8-fpm). Reported only where every step before the
// command is read: an install whose packages only a variable names, a script, a build from source
// or an unparsed RUN may have brought the headers.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { repositoryAndTag } from '../../../officialImages';
import { commandsOf, operands, runsByPath, type Cmd, type RunShell } from './shellCommands';
import { isPackageInstall } from './packageRules';
import { rule } from './rule';
import { readChainForward } from './chainReading';

interface Library {
  /** What configure looks for, as its message names it. */
  library: string;
  /** Installed package names that bring its headers (leniently: any name containing these). */
  brought: RegExp;
  debian: string;
  alpine: string;
  /** The PHP release (major * 100 + minor) from which the extension needs it; older ones bundled it. */
  since?: number;
}

// `brought` includes the -dev packages known to depend on the library's (Debian's libxml2-dev and
// libxslt1-dev on libicu-dev, libfreetype-dev on libpng-dev: round 53's and round 55's intl builds).
const LIBPQ: Library = { library: 'libpq', brought: /pq|postgres/, debian: 'libpq-dev', alpine: 'libpq-dev' };
const LIBRARIES: Record<string, Library> = {
  gd: { library: 'libpng', brought: /png|libgd|freetype/, debian: 'libpng-dev', alpine: 'libpng-dev' },
  intl: { library: 'ICU', brought: /icu|xml2|xslt/, debian: 'libicu-dev', alpine: 'icu-dev' },
  pgsql: LIBPQ,
  pdo_pgsql: LIBPQ,
  xsl: { library: 'libxslt', brought: /xslt/, debian: 'libxslt1-dev', alpine: 'libxslt-dev' },
  bz2: { library: 'bzip2', brought: /bz2|bzip2|libzip|freetype/, debian: 'libbz2-dev', alpine: 'bzip2-dev' },
  gmp: { library: 'GMP', brought: /gmp/, debian: 'libgmp-dev', alpine: 'gmp-dev' },
  ldap: { library: 'OpenLDAP', brought: /ldap|pq/, debian: 'libldap2-dev', alpine: 'openldap-dev' },
  tidy: { library: 'tidy', brought: /tidy/, debian: 'libtidy-dev', alpine: 'tidyhtml-dev' },
  // The zip and unzip programs bring no headers.
  zip: { library: 'libzip', brought: /libzip/, debian: 'libzip-dev', alpine: 'libzip-dev', since: 704 },
  mbstring: { library: 'oniguruma', brought: /onig/, debian: 'libonig-dev', alpine: 'oniguruma-dev', since: 704 },
};

/** A package of headers: it may depend on other libraries' headers. */
const DEV_PACKAGE = /-dev(el)?$/;
/**
 * -dev packages whose dependencies bring none of the libraries above but what `brought` says: any
 * other one (libmagickwand-dev, libmemcached-dev, imagemagick-dev) may, so it counts as bringing all.
 */
const CLOSED = /^(lib)?(jpeg|jpeg62-turbo|jpeg-turbo|webp|onig|oniguruma|pq|ssl|curl4-openssl|curl4-gnutls|curl|mcrypt|gmp|bz2|bzip2|sqlite3?|readline|sodium|argon2|yaml|zlib1g|zlib|ldap2|ldap|openldap|tidy|tidyhtml|icu|xml2|xslt1?|c|c6|dpkg|musl|gettext|ffi|pcre3?|pcre2|uuid|xpm|gcrypt20|gcrypt|lzma|xz|zstd|lz4|ncurses|edit|zip|png|freetype6?|brotli|gnutls28|nghttp2|idn2)-dev$/;

const OS_MANAGERS = new Set(['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'zypper']);
/** Commands that may put any library in place: scripts, builds from source, package files, the community installer. */
const BRINGS = new Set(['sh', 'bash', 'dash', 'ash', 'source', '.', 'eval', 'xargs', 'dpkg', 'rpm', 'make', 'cmake', 'meson', 'ninja', 'conda', 'brew', 'install-php-extensions', 'pickle']);
/** The php images' own list of build tools: compilers and autoconf, no library. */
const PHPIZE_DEPS = /^\$\{?PHPIZE_DEPS\}?$/;
/** docker-php-ext-install's options that take a value. */
const WITH_VALUE = ['-j', '--jobs', '--ini-name'];

/** The PHP release of an official php tag, as major * 100 + minor; tags without one (fpm, apache, latest) are the newest; undefined when unknown. */
function phpRelease(tag: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(tag);
  if (m) return Number(m[1]) * 100 + (m[2] === undefined ? 99 : Number(m[2]));
  return /^(fpm|cli|apache|zts|alpine|latest|bookworm|bullseye|trixie)/.test(tag) ? 899 : undefined;
}

type Brought = 'all' | Set<string>;

/** What a command adds to the packages installed so far: their names, 'all' when it may bring anything, or nothing. */
function broughtBy(c: Cmd): 'all' | string[] | undefined {
  if (BRINGS.has(c.name) || runsByPath(c)) return 'all';
  if (!OS_MANAGERS.has(c.name)) return undefined;
  if (operands(c).some((w) => w.text === 'build-dep')) return 'all';
  if (!isPackageInstall(c)) return undefined;
  const names: string[] = [];
  for (const w of operands(c).slice(1)) {
    if (PHPIZE_DEPS.test(w.text)) continue;
    // Packages only a variable or a file names may be anything.
    if (w.text.includes('$') || w.text.endsWith('.deb') || w.text.endsWith('.rpm') || w.text.endsWith('.apk')) return 'all';
    names.push(w.text.toLowerCase());
  }
  return names;
}

/** Whether an instruction may bring anything unseen: an unparsed RUN. */
function unread(a: Analysis, i: Instruction): boolean {
  if ((i.trigger ?? i).upper !== 'RUN' || i.trigger) return false;
  const info = a.shell(i);
  return !info || Boolean(info.summary.error);
}

export const phpExtensionLibraryMissing = rule({
  id: 'php-extension-library-missing', severity: 'error',
  explain: () => [
    t('docker-php-ext-install compiles the extension from PHP\'s source in the image, and some extensions link a system library: gd needs libpng, intl ICU, pgsql and pdo_pgsql libpq, xsl libxslt, bz2 bzip2, gmp GMP, ldap OpenLDAP, tidy libtidy, and from PHP 7.4 zip needs libzip and mbstring oniguruma. The official php images remove the -dev packages they were built with, so without them configure stops the build ("Package \'icu-uc\', required by \'virtual:world\', not found", "png.h not found").'),
    t('Install the library\'s -dev package in the same RUN before docker-php-ext-install (apt-get install -y libicu-dev, apk add icu-dev), or use the install-php-extensions script, which installs what each extension needs. Reported only on the official php images, and only where every step before the command is read: a package list that only a variable names, a script, a build from source or a RUN that cannot be parsed may have brought the library.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  /** Packages installed by the end of each stage of the chains read ('all' once anything may have been). */
  const ends = new Map<number, Brought>();
  const read = (stage: Stage, release: number, alpine: boolean, report: boolean): Brought => {
    const parent = a.parentOf(stage.index);
    const before = parent >= 0 ? ends.get(parent) ?? 'all' : undefined;
    if (before === 'all') return 'all';
    const installed = new Set(before);
    const reported = new Set<Library>();
    for (const i of stage.instructions) {
      if (unread(a, i)) return 'all';
      if (i.upper !== 'RUN') continue;
      const info = a.shell(i)!;
      const run: RunShell = { instruction: i, stage, info };
      for (const c of commandsOf(run)) {
        const more = broughtBy(c);
        if (more === 'all') return 'all';
        if (more) for (const n of more) installed.add(n);
        if (!report || c.name !== 'docker-php-ext-install') continue;
        for (const w of operands(c, WITH_VALUE)) {
          const lib = w.literal ? LIBRARIES[w.text.toLowerCase()] : undefined;
          if (!lib || reported.has(lib) || (lib.since !== undefined && release < lib.since)) continue;
          if ([...installed].some((n) => lib.brought.test(n) || (DEV_PACKAGE.test(n) && !CLOSED.test(n)))) continue;
          // Once per library: the first extension that needs it says it.
          reported.add(lib);
          const pkg = alpine ? lib.alpine : lib.debian;
          ctx.report(info.span(w.start, w.end), t('{0} builds against {1}, whose headers {2} does not keep, and nothing before this installs them: configure stops the build. Install {3} first ({4}).', w.text, lib.library, a.rootImage(stage), pkg, alpine ? `apk add ${pkg}` : `apt-get install -y ${pkg}`),
            // Inside an if or a loop the step may not run in every build.
            c.raw.nested ? { severity: 'warning' } : undefined);
        }
      }
    }
    return installed;
  };
  for (const stage of ctx.scope.stages) {
    const ref = repositoryAndTag(a.rootImage(stage));
    if (!ref || ref.repository !== 'php') continue;
    const release = phpRelease(ref.tag);
    if (release === undefined) continue;
    // Most stages build no extension: then nothing is read.
    if (!stage.instructions.some((i) => i.upper === 'RUN' && /docker-php-ext-install/.test(i.argText))) continue;
    const alpine = a.family(stage) === 'alpine';
    readChainForward(a, stage, ends, (s, target) => read(s, release, alpine, target));
  }
});

export const phpExtensionRules = [phpExtensionLibraryMissing];
