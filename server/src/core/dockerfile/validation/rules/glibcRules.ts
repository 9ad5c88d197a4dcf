// `FROM rust:1.75 AS build … FROM debian:bullseye-slim … COPY --from=build /app/target/release/app`:
// a program linked against the builder's glibc (bookworm's 2.36) copied into a stage whose release
// has an older one (bullseye's 2.31). Every executable linked against glibc 2.34 or later asks for
// GLIBC_2.34 (that release moved libpthread into libc), so it stops at start with "version
// `GLIBC_2.34' not found". Labellers of rounds 14, 20 and 22 each listed one (rust:latest and
// rust:1.71 builds run on buster-slim, stockfish from golang:1.21's apt run on bullseye-slim).
// Judged only where both releases are known (the runtime's named in its tag) and the copied file
// is surely a dynamically linked program: a Rust build's output without musl or a static CRT, or
// a program an apt-get install of the builder put in a system bin folder.
import { t } from '../../../l10n';
import type { Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { copyArgs } from '../../analysis/copySources';
import { glibcFloor, namedGlibc } from '../../../debianRelease';
import { repositoryAndTag } from '../../../officialImages';
import { commandsOf, operands } from './shellCommands';
import { APT, isPackageInstall } from './packageRules';
import { rule } from './rule';

/** glibc 2.34: from it on, every program asks for GLIBC_2.34. */
const NEW_START = 234;
/**
 * Rust programs linked on trixie (glibc 2.41) ask for GLIBC_2.39, which bookworm (2.36) lacks: the
 * rust image's own tags (rust:1-slim, latest) moved to trixie, and a bookworm runtime no longer
 * runs what they build (round 77: two services; the same repository pins bookworm elsewhere, with
 * this error in a comment).
 */
const RUST_TRIXIE_NEEDS = 239;
/** trixie's glibc, which the rust image's tags now build on. */
const TRIXIE_GLIBC = 241;
/** A Rust build's output: cargo's target folder or cargo install's bin. */
const RUST_OUTPUT = /(^|\/)target\/([\w-]+\/)?(release|debug)\/[^/.]+$|\/cargo\/bin\/[^/]+$/;
/** What makes a Rust program static, or not glibc's. */
const STATIC = /musl|crt-static|-static\b|zig\s+cc|cargo[- ]zigbuild/;
/** System folders an apt-get install puts programs in. */
const SYSTEM_BIN = /^\/(usr\/)?(s?bin|games)\/([^/]+)$/;

const version = (glibc: number) => `${Math.floor(glibc / 100)}.${glibc % 100}`;

/** The stage a --from names, built before this one. */
function stageNamed(a: Analysis, name: string, before: Stage): Stage | undefined {
  const found = /^\d+$/.test(name) ? a.doc.stages[Number(name)] : a.stageByName.get(name.toLowerCase());
  return found && found.index < before.index ? found : undefined;
}

/** The packages the apt-get installs of a stage and the stages it is built FROM name. */
function aptPackages(a: Analysis, stage: Stage): Set<string> {
  const names = new Set<string>();
  for (const s of a.chainOf(stage)) {
    for (const i of s.instructions) {
      if (i.upper !== 'RUN') continue;
      const info = a.shell(i);
      if (!info) continue;
      for (const c of commandsOf({ instruction: i, stage: s, info })) {
        if (APT.names.includes(c.name) && isPackageInstall(c)) for (const w of operands(c, APT.withValue).slice(1)) names.add(w.text.replace(/[=:].*$/, ''));
      }
    }
  }
  return names;
}

export const glibcTooOld = rule({
  id: 'glibc-too-old', severity: 'error',
  explain: () => [
    t('A program linked on one Linux release runs only where the C library (glibc) is at least as new. Every program linked against glibc 2.34 or later (Debian 12 bookworm has 2.36; the rust, golang and python images of today are built on it or on trixie) asks for GLIBC_2.34, so copied into a stage on Debian 11 bullseye (2.31), buster (2.28) or Ubuntu 20.04 (2.31) it stops at start with "version `GLIBC_2.34\' not found".'),
    t('Run the final stage on the builder\'s release (debian:bookworm-slim for a bookworm builder), or build on the older one (rust:1-bullseye, golang:1.22-bullseye). Reported for a Rust build\'s output (not with musl or a static C runtime) and for programs an apt-get install of the builder put in a system bin folder, where both releases are known from the images\' names.'),
    t('The rust image\'s own tags (rust:1, 1-slim, latest) are built on trixie now (glibc 2.41), and Rust programs linked there ask for GLIBC_2.39: a bookworm runtime (2.36) stops them the same way. Pin the builder to bookworm (rust:1-slim-bookworm) or run on trixie.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const stage of ctx.scope.stages) {
    const runtime = a.rootImage(stage);
    const have = namedGlibc(runtime);
    if (have === undefined || have >= RUST_TRIXIE_NEEDS) continue;
    for (const i of stage.instructions) {
      const from = i.upper === 'COPY' ? i.flags.find((f) => f.name === 'from')?.value : undefined;
      const source = from ? stageNamed(a, from, stage) : undefined;
      if (!source) continue;
      const builder = a.rootImage(source);
      const built = glibcFloor(builder);
      if (built === undefined || built < NEW_START) continue;
      const chain = [...a.chainOf(source)];
      const rust = repositoryAndTag(builder)?.repository === 'rust' && !chain.some((s) => STATIC.test(a.doc.text.slice(s.span.start, s.span.end)));
      // A runtime of glibc 2.34 to 2.38 runs a bookworm build, not a Rust build of trixie.
      const needs = have >= NEW_START ? (rust && built >= TRIXIE_GLIBC ? RUST_TRIXIE_NEEDS : undefined) : NEW_START;
      if (needs === undefined) continue;
      let packages: Set<string> | undefined;
      for (const word of copyArgs(i).sources) {
        const path = word.value.replace(/\/+$/, '');
        const system = SYSTEM_BIN.exec(path);
        const program = (rust && RUST_OUTPUT.test(path)) || (needs === NEW_START && system !== null && (packages ??= aptPackages(a, source)).has(system[3]!));
        if (!program) continue;
        ctx.report(word.span, t('{0} is built on {1} (glibc {2} or later) and this stage runs on {3} (glibc {4}): it asks for GLIBC_{5} and stops at start ("version `GLIBC_{5}\' not found"). Run this stage on the builder\'s release, or build on {3}\'s.', path.split('/').pop()!, builder, version(built), runtime, version(have), version(needs)));
      }
    }
  }
});

export const glibcRules = [glibcTooOld];
