// Rules about base images: tags, reference format, platforms and the ARGs FROM may use.
import { t } from '../../../l10n';
import type { Stage } from '../../syntax/ast';
import { parseImageRef } from '../../syntax/imageRef';
import { OFFICIAL_IMAGES } from '../../../officialImages';
import { deletedImage, deletedImageMessage } from '../../../deletedImages';
import { expandText } from '../../analysis/expand';
import { PREDEFINED_ARGS, type VariableUse } from '../../analysis/variableScope';
import { closest, editDistance, swapped } from './suggest';
import { folderLister, foldersUp, kanikoBuildArgs, mentions, scriptsText } from '../../../repositoryFiles';
import { rule, type RuleContext } from './rule';
import { usesIn } from './scope';
import { isSupportedModifier } from '../../analysis/variables';
import { ownerKey, repositoryOwners } from '../../analysis/repositoryOwner';
import { stageUse } from '../../analysis/stageUse';

/**
 * FROM ./base.Dockerfile under a frontend of another syntax (# syntax=devthefuture/dockerfile-x),
 * which reads it as the Dockerfile to include, not as an image (round 14).
 */
function includedFile(ctx: RuleContext, stage: Stage): boolean {
  if (!/^(\.{1,2}\/|\/)/.test(stage.image?.raw ?? '')) return false;
  const syntax = ctx.a.doc.directives.find((d) => d.name.toLowerCase() === 'syntax')?.value.trim() ?? '';
  return syntax !== '' && !/(^|\/)docker\/dockerfile([:@]|$)/.test(syntax);
}

/** FROM lines that name an image (not scratch, not an earlier stage), with the image text. */
function externalImages(ctx: RuleContext): { stage: Stage; image: string }[] {
  const out: { stage: Stage; image: string }[] = [];
  for (const stage of ctx.scope.stages) {
    if (!stage.image || ctx.a.parentOf(stage.index) >= 0 || includedFile(ctx, stage)) continue;
    const image = ctx.a.imageOf(stage);
    if (image === undefined || image === 'scratch' || image === '') continue;
    if (ctx.a.stageByName.has(image)) continue;
    out.push({ stage, image });
  }
  return out;
}

/**
 * Images whose tag is not the version that matters: FROM $BASE_IMAGE leaves the whole reference
 * to whoever passes the build argument (only its default is untagged), distroless images are
 * published under latest and pinned by digest, and repositories that carry their release in
 * their name (ubi9, static-debian12, rhel7) do not move to another release under latest.
 */
function versionedElsewhere(stage: Stage, image: string): boolean {
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(stage.image!.raw)) return true;
  const ref = parseImageRef(image);
  // A one-word name that is no official image cannot come from Docker Hub (only official images
  // live in library/): it is an image this project builds itself, whose latest is its last build.
  if (!ref.registry && !ref.path.includes('/') && !OFFICIAL_IMAGES.has(ref.path)) return true;
  if (ref.registry === 'gcr.io' && ref.path.startsWith('distroless/')) return true;
  return ref.path.split(/[/._-]+/).some((w) => /^[a-z]+\d+$/.test(w) && !/^(amd|arm|aarch|x|ppc|s|i|riscv|mips|loong|win|k)\d/.test(w));
}

/**
 * An image published under the name of the repository's owner (portainer/base in a clone of
 * github.com/portainer/..., quay.io/sclorg/... in sclorg's): the project's own image, whose latest
 * is its own last build (round 9: 4 noise on such images; round 7: 9 on APN-Pucky's chain).
 */
function ownImage(ctx: RuleContext, image: string): boolean {
  const ref = parseImageRef(image);
  const namespace = ref.path.includes('/') ? ref.path.slice(0, ref.path.indexOf('/')) : undefined;
  if (!namespace || namespace === 'library') return false;
  return repositoryOwners(ctx.files, ctx.uri).includes(ownerKey(namespace));
}

/** The official image a one-word name is a slip of: two letters swapped (ndoe), or one edit (pyhton is two), two for long names. */
function officialMeant(name: string): string | undefined {
  if (name.length < 4 || OFFICIAL_IMAGES.has(name)) return undefined;
  let best: string | undefined;
  let bestDistance = name.length >= 7 ? 3 : 2;
  for (const official of OFFICIAL_IMAGES) {
    if (Math.abs(official.length - name.length) > 2) continue;
    const distance = swapped(name, official) ? 1 : editDistance(name, official, bestDistance);
    if (distance < bestDistance) {
      best = official;
      bestDistance = distance;
    }
  }
  return best;
}

export const misspeltOfficialImage = rule({
  id: 'misspelt-official-image', severity: 'warning',
  explain: () => [
    t('A FROM image with no registry and no namespace (node:22, python) is pulled from Docker Hub\'s official images, docker.io/library/<name>. A name one slip away from an official image (ndoe, pyhton, ubunut) is no official image: unless this project builds an image of that name itself, the pull fails ("pull access denied ... repository does not exist").'),
    t('Reported for names of four letters or more with two letters swapped or one letter wrong (two for long names), not for the project\'s local images or its stages.'),
  ],
}, (ctx) => {
  const local = new Set(ctx.facts.images.map((i) => parseImageRef(i.name).path));
  let scripts: string | undefined;
  for (const { stage, image } of externalImages(ctx)) {
    const ref = parseImageRef(image);
    if (ref.registry || ref.path.includes('/') || ref.path.includes('$') || stage.image!.raw.includes('$') || local.has(ref.path)) continue;
    // FROM base (builder, runtime...) with no tag names a build context the build passes
    // (--build-context base=..., bake's contexts: round 27's Pulumi builds), not a typo of bash.
    if (STAGE_WORDS.has(ref.path) && !ref.tag) continue;
    const meant = officialMeant(ref.path);
    if (!meant) continue;
    // A build script of the repository that names it builds it (round 34: a Makefile's docker build -t go-base:0.0.1).
    scripts ??= scriptsText(ctx.files, foldersUp(ctx.files, ctx.uri.slice(0, ctx.uri.lastIndexOf('/'))), folderLister(ctx.files));
    if (mentions(scripts, ref.path)) continue;
    const start = stage.image!.span.start;
    ctx.report({ start, end: start + ref.path.length }, t('{0} is no official image; did you mean {1}? Unless this project builds an image named {0}, the pull fails.', ref.path, meant), { data: { replacement: meant, span: { start, end: start + ref.path.length } } });
  }
});

export const deletedImageTag = rule({
  id: 'deleted-image-tag', severity: 'error',
  explain: () => [
    t('The openjdk image has been deprecated since 2022, and in November 2025 Docker Hub deleted its tags that are neither an exact old version (11.0.6) nor an early-access build: 17, 21, 17-jdk-slim, 11-jre-slim, 8-jdk-alpine, latest. A FROM that names one stops the build with "manifest unknown" wherever the image is not already pulled.'),
    t('Use a maintained build of the same Java: eclipse-temurin:17-jdk, eclipse-temurin:21-jre, or amazoncorretto, sapmachine, ibm-semeru-runtimes. The quick fix puts in eclipse-temurin for the same major (the next long-term release for the others).'),
    t('Microsoft deleted its .NET images from Docker Hub in 2021 (microsoft/dotnet, microsoft/aspnetcore, microsoft/aspnetcore-build): they are on mcr.microsoft.com (mcr.microsoft.com/dotnet/sdk, /aspnet, /runtime), and a FROM of the old names stops with "pull access denied".'),
    t('Bitnami kept only latest, for a smaller set of images, in its Docker Hub repositories: every versioned tag (bitnami/postgresql:15, bitnami/kafka:3.4) moved to bitnamilegacy in September 2025, where it gets no updates, and a pull of the old name stops with "not found".'),
    t('HashiCorp stopped publishing consul and vault as official images in 2023 and their latest tags were deleted: FROM consul or vault with no tag stops with "manifest unknown". Use hashicorp/consul or hashicorp/vault.'),
  ],
}, (ctx) => {
  for (const { stage, image } of externalImages(ctx)) {
    const raw = stage.image!.raw;
    const dollar = raw.indexOf('$');
    // A build argument that gives only the tag, from its default (round 73: bitnami/postgresql:${VERSION},
    // whose every versioned tag moved): not one that gives the repository, which a build may pass.
    if (dollar >= 0 && raw.lastIndexOf(':', dollar) <= raw.lastIndexOf('/', dollar)) continue;
    const deleted = deletedImage(image);
    if (!deleted) continue;
    // The quick fix writes the reference out; where a variable gives the tag, the author rewrites it.
    const data = deleted.replacement && dollar < 0 ? { data: { replacement: deleted.replacement, span: stage.image!.span } } : {};
    ctx.report(stage.image!.span, deletedImageMessage(dollar < 0 ? stage.image!.value : image, deleted), data);
  }
});

export const untaggedImage = rule({
  id: 'untagged-image', severity: 'information', hadolint: ['DL3006'], repeatable: true,
  explain: () => [
    t('Without a tag, FROM uses latest, which changes whenever the image is republished. Builds then differ from day to day and can break without any change to your files.'),
    t('Name a tag (node:22-alpine) or, for fully repeatable builds, a digest (node@sha256:...).'),
    t('It is a hint: a moving tag is worth pinning, and where a new release breaks something concrete (a package it dropped, a newer runtime an old dependency does not build on) other checks say so. On a database server (postgres, mysql, mariadb, mongo, elasticsearch, influxdb and others) it is information, and the message says what a new major release risks: it may refuse the data files an older one left in its volume. The same holds for latest.'),
    t('An image published under the name of the repository\'s owner (portainer/base in a clone of github.com/portainer/..., read from .git/config) is the project\'s own, whose latest is its own last build: it is left alone, as are this project\'s one-word images.'),
  ],
}, (ctx) => {
  for (const { stage, image } of externalImages(ctx)) {
    const ref = parseImageRef(image);
    if (ref.problem || ref.tag !== undefined || ref.digest !== undefined || versionedElsewhere(stage, image) || ownImage(ctx, image) || deletedImage(image)) continue;
    const tags = ctx.facts.images.map((i) => parseImageRef(i.name)).filter((r) => r.path === ref.path && r.tag && r.tag !== 'latest').map((r) => r.tag!);
    const database = dataServer(ctx, ref.path, stage);
    ctx.report(stage.image!.span, database
      ? t('{0} has no tag, so it means {0}:latest: a rebuild after a new major release of this database can refuse the data files its volume kept, and the server does not start. Pin the major version.', image)
      : t('{0} has no tag, so it means {0}:latest, which changes over time. Pin a tag.', image), { data: { localTags: tags.slice(0, 5) }, ...(database ? {} : { severity: 'hint' as const }) });
  }
});

/**
 * Database servers whose new major releases refuse, or must first convert, the data files an older
 * one left in its volume: postgres ("database files are incompatible with server"), mongo (two
 * feature versions back), elasticsearch (indices two majors back), influxdb (1.x to 2.x), mysql
 * (no 5.7 to 8.4), mariadb, cassandra, neo4j, couchdb. Their message says so, at information. A
 * moving tag is a hint on every other image (unseen rounds 25-28: 5 of 31 warnings judged worth
 * acting on, those for a concrete break other checks name; rounds 31-35: 2 of 88 at information
 * outside these databases, 3 of 5 on them).
 */
const DATA_SERVERS = new Set(['postgres', 'postgis/postgis', 'timescale/timescaledb', 'mysql', 'mysql/mysql-server', 'mariadb', 'mongo', 'mongodb/mongodb-community-server', 'elasticsearch', 'elasticsearch/elasticsearch', 'influxdb', 'cassandra', 'neo4j', 'couchdb']);

/**
 * A database server's image whose stage still runs the server: no CMD or ENTRYPOINT of its own that
 * runs something else (round 31: FROM mongo to run mongoimport), and not a stage other stages only
 * copy from (round 59: FROM mongo:latest AS mongo_fetcher, for its mongosh).
 */
function dataServer(ctx: RuleContext, path: string, stage: Stage): boolean {
  if (!DATA_SERVERS.has(path.replace(/^library\//, ''))) return false;
  const { used, finalImage } = stageUse(ctx.a);
  if (used.has(stage.index) && !finalImage.has(stage.index)) return false;
  const start = stage.instructions.filter((i) => i.upper === 'CMD' || i.upper === 'ENTRYPOINT').pop();
  return !start || SERVER_START.test(start.argText);
}

/** What starts one of those servers: its daemon, or the image's own entrypoint script. */
const SERVER_START = /\b(mongod|postgres|mysqld|mariadbd|docker-entrypoint(\.sh)?|elasticsearch|influxd|cassandra|neo4j|couchdb)\b/;

export const latestTag = rule({
  id: 'latest-tag', severity: 'information', hadolint: ['DL3007'], repeatable: true,
  explain: () => [
    t('The latest tag moves to each new release, so the same Dockerfile can build a different image tomorrow. Pin a specific version tag.'),
    t('Left alone: a tag that is a build argument (the build passes the version), and an image published under the name of the repository\'s owner (read from .git/config), which is the project\'s own.'),
    t('A hint; on a database server it is information, and the message says that a new major release can refuse the data files its volume kept.'),
  ],
}, (ctx) => {
  for (const { stage, image } of externalImages(ctx)) {
    const ref = parseImageRef(image);
    if (ref.tag !== 'latest' || ref.digest || versionedElsewhere(stage, image) || ownImage(ctx, image) || deletedImage(image)) continue;
    // Pinned by a digest the build passes in (FROM ${IMAGE}@${IMAGE_SHA}), or latest only as the
    // fallback of a build argument the build is meant to set (${BASE_IMAGE:-ci-base:latest}).
    const raw = stage.image!.raw;
    if (raw.includes('@') || /\$\{\w+:?-[^}]*latest[^}]*\}/.test(raw)) continue;
    // A tag that is a build argument whose default is latest (FROM ${NAMESPACE}/base:${VERSION}):
    // the build passes the version (rounds 7 and 9: 11 of 11 such findings were noise).
    if (/:[^/:@]*\$[^/]*$/.test(raw)) continue;
    const database = dataServer(ctx, ref.path, stage);
    ctx.report(stage.image!.span, database
      ? t('latest moves to each new major release of this database, which can refuse the data files its volume kept: after a rebuild the server does not start. Pin the major version.')
      : t('The latest tag changes over time; pin a specific version.'), database ? undefined : { severity: 'hint' });
  }
});

/**
 * A FROM image whose every variable is undeclared (no global ARG, not predefined), with the name
 * BuildKit then always gets: it expands FROM with the global ARGs only (dockerfile2llb
 * convert.go buildDispatchStates), so no --build-arg can set these. Undefined when that name is
 * valid, or when a declared ARG could still change it.
 */
function undeclaredOnlyImage(ctx: RuleContext, stage: Stage): { expanded: string; names: string[]; refs: VariableUse[] } | undefined {
  const word = stage.image;
  if (!word || !word.raw.includes('$') || ctx.a.parentOf(stage.index) >= 0) return undefined;
  const refs = ctx.a.variables.usesIn(stage.from).filter((u) => u.ref.span.start >= word.span.start && u.ref.span.end <= word.span.end);
  if (refs.length === 0 || refs.some((u) => u.def || PREDEFINED_ARGS.has(u.ref.name))) return undefined;
  const expanded = expandText(word.raw, () => undefined, ctx.a.doc.escape).value;
  if (expanded !== '' && !parseImageRef(expanded).problem) return undefined;
  return { expanded, names: [...new Set(refs.map((u) => u.ref.name))], refs };
}

/**
 * Names build stages are given in tutorials and templates: a FROM or COPY --from that names one
 * with no stage of that name means a stage left unnamed, or a build context the build passes.
 */
export const STAGE_WORDS: ReadonlySet<string> = new Set(['builder', 'build', 'build-stage', 'build-env', 'deps', 'dependencies', 'compile', 'compiler', 'base', 'installer', 'development', 'production', 'prod', 'runtime', 'runner', 'release', 'publish']);

/**
 * A template engine's placeholder in a FROM line (%%BASE%%, {{ cookiecutter.version }}, @BASE@), or a
 * whole image written as one for a tool to replace (FROM REPLACE-ME, round 9: vscode-dev-containers).
 */
export const TEMPLATE_PLACEHOLDER = /%%[A-Za-z_][\w.-]*%%|\{\{[^{}]*\}\}|\{%[^{}]*%\}|@[A-Za-z_][A-Za-z0-9_]*@|^\s*(--\S+\s+)*(REPLACE[-_]?ME|PLACEHOLDER|CHANGE[-_]?ME)(?=\s|$)/;

export const invalidImageReference = rule({
  id: 'invalid-image-reference', severity: 'error', dockerfileUtils: ['INVALID_REFERENCE_FORMAT'],
  explain: () => [
    t('An image reference is [registry/]name[:tag][@digest]. Names are lower case; tags use letters, digits, dots, dashes and underscores; digests look like sha256:<64 hex digits>.'),
    t('FROM expands only ARGs declared before the first FROM: an image built from other variables gets nothing for them, whatever --build-arg says, and is reported when what is left is empty or invalid.'),
  ],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    if (includedFile(ctx, stage)) continue;
    const word = stage.image;
    const undeclared = word && undeclaredOnlyImage(ctx, stage);
    if (word && undeclared) {
      // The build stops here whatever is passed: "base name (${X}) should not be blank".
      const names = undeclared.names.join(', ');
      const image = undeclared.expanded === '' ? t('empty') : undeclared.expanded;
      // A misspelt global ARG is the usual cause: name it, as undefined-arg-in-from would.
      const globals = ctx.a.doc.globalArgs.length > 0 ? ctx.a.variables.unit(-1).defs.map((d) => d.name) : [];
      const typo = undeclared.refs.map((u) => ({ u, meant: closest(u.ref.name, globals) })).find((x) => x.meant);
      // Built by kaniko with these as --build-arg: it fills them in (round 38); docker build would not.
      const kaniko = kanikoBuildArgs(ctx.files, foldersUp(ctx.files, ctx.uri.slice(0, ctx.uri.lastIndexOf('/'))), folderLister(ctx.files));
      if (!typo && undeclared.names.every((n) => kaniko.has(n))) {
        ctx.report(word.span, t('{0} is not declared with an ARG before the first FROM. kaniko, which the repository\'s pipeline builds with, fills it from --build-arg, but docker build does not: there this image is {1}, which BuildKit refuses. Declare it with ARG above the first FROM to build it with both.', names, image), { severity: 'hint' });
        continue;
      }
      ctx.report(word.span, typo
        ? t('{0} is not declared with a global ARG, so no --build-arg can set it and this image is always {1}, which BuildKit refuses. Did you mean {2}?', names, image, typo.meant!)
        : t('{0} is not declared with an ARG before the first FROM, so no --build-arg can set it and this image is always {1}, which BuildKit refuses. Declare it with ARG above the first FROM.', names, image),
      { data: typo ? { replacement: typo.meant, span: typo.u.ref.nameSpan } : undefined });
      continue;
    }
    if (!word || word.raw.includes('$') || ctx.a.parentOf(stage.index) >= 0) continue;
    // A template's placeholder (%%BASE_IMAGE%%, {{ base }}, @BASE@), which a script fills in before any build.
    if (TEMPLATE_PLACEHOLDER.test(stage.from.argText)) continue;
    const ref = parseImageRef(word.value);
    if (!ref.problem) continue;
    const message = ref.problem === 'uppercase'
      ? t('Image names must be lower case: {0}', word.value)
      : ref.problem === 'tag' ? t('{0} is not a valid tag.', ref.tag ?? '')
        : ref.problem === 'digest' ? t('{0} is not a valid digest.', ref.digest ?? '')
          : t('{0} is not a valid image reference.', word.value);
    ctx.report(word.span, message);
  }
});

function pathWords(uri: string): string[] {
  let path = uri;
  try {
    path = decodeURIComponent(uri);
  } catch {
    // keep it encoded
  }
  return path.toLowerCase().split(/[/_.-]+/);
}

export const platformConstant = rule({
  id: 'platform-constant', severity: 'information', hadolint: ['DL3029'], buildkit: 'FromPlatformFlagConstDisallowed',
  explain: () => [
    t('FROM --platform with a fixed value forces that platform even when someone builds for another one, and on other machines it runs under emulation. Usually you want a build argument such as --platform=$BUILDPLATFORM for build tools, or no flag at all.'),
    t('It is information: most fixed platforms in real files are deliberate (an amd64-only package such as google-chrome, a deploy target of one architecture, a Jetson stage); unseen real files bore that out, 7 of 9 warnings judged not worth acting on.'),
  ],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const flag = stage.from.flags.find((f) => f.name === 'platform');
    if (!flag?.value || flag.value.includes('$')) continue;
    // BuildKit accepts a constant that the stage name explains (FROM --platform=linux/amd64 x AS
    // build-amd64); an image whose reference names that platform is chosen for it on purpose too.
    const name = stage.name?.value.toLowerCase() ?? '';
    const image = stage.image?.raw.toLowerCase() ?? '';
    const parts = flag.value.toLowerCase().split('/').filter((p) => p);
    if (name && parts.some((p) => name.includes(p))) continue;
    if (parts.length >= 2 && parts.every((p) => image.includes(p))) continue;
    // A Dockerfile made for one platform (every FROM pins the same one, or its path names the
    // architecture, as in ubuntu22.04-arm32v7/Dockerfile) pins it on purpose.
    const constant = flag.value.toLowerCase();
    const froms = ctx.a.doc.stages.filter((s) => s.image && ctx.a.parentOf(s.index) < 0);
    if (froms.length >= 2 && froms.every((s) => s.from.flags.find((f) => f.name === 'platform')?.value?.toLowerCase() === constant)) continue;
    const arch = parts[1];
    if (arch && pathWords(ctx.uri).some((w) => w.startsWith(arch))) continue;
    ctx.report(flag.span, t('--platform={0} is a constant; use a build argument such as $BUILDPLATFORM or leave it out.', flag.value));
  }
});

export const redundantTargetPlatform = rule({
  id: 'redundant-target-platform', severity: 'information', hadolint: ['DL3065'], buildkit: 'RedundantTargetPlatform',
  explain: () => [t('Stages are built for the target platform by default, so --platform=$TARGETPLATFORM changes nothing.')],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const flag = stage.from.flags.find((f) => f.name === 'platform');
    if (flag?.value && /^\$\{?TARGETPLATFORM\}?$/.test(flag.value)) ctx.report(flag.span, t('--platform=$TARGETPLATFORM is the default; remove it.'), { data: { deleteSpan: flag.span } });
  }
});

export const undefinedArgInFrom = rule({
  id: 'undefined-arg-in-from', severity: 'warning', buildkit: 'UndefinedArgInFrom', dockerfileUtils: ['BASE_NAME_EMPTY'],
  explain: () => [t('FROM can only use ARGs declared before the first FROM (global ARGs) and the predefined platform arguments. An ARG declared inside a stage is not visible to FROM lines.')],
}, (ctx) => {
  const globals = ctx.a.doc.globalArgs.length > 0 ? ctx.a.variables.unit(-1).defs.map((d) => d.name) : [];
  // An image made only of undeclared ARGs that can never be valid is invalid-image-reference's
  // error; a warning on the same ARGs would be a second finding for one mistake.
  const certain = ctx.scope.stages.filter((s) => undeclaredOnlyImage(ctx, s)).map((s) => s.image!.span);
  for (const use of usesIn(ctx)) {
    if (use.instruction.upper !== 'FROM' || use.def || PREDEFINED_ARGS.has(use.ref.name) || !use.ref.name) continue;
    if (certain.some((w) => use.ref.span.start >= w.start && use.ref.span.end <= w.end)) continue;
    if (use.ref.modifier === '-' || use.ref.modifier === ':-') continue;
    // ${templateOption:imageVariant}: unsupported-modifier's error, one finding for one mistake.
    if (!isSupportedModifier(use.ref.modifier)) continue;
    const suggestion = closest(use.ref.name, globals);
    ctx.report(use.ref.span, suggestion
      ? t('{0} is not declared with a global ARG. Did you mean {1}?', use.ref.name, suggestion)
      : t('{0} is not declared with an ARG before the first FROM.', use.ref.name), { data: suggestion ? { replacement: suggestion, span: use.ref.nameSpan } : undefined });
  }
});

export const invalidDefaultArgInFrom = rule({
  id: 'invalid-default-arg-in-from', severity: 'hint', buildkit: 'InvalidDefaultArgInFrom', dockerfileUtils: ['BASE_NAME_EMPTY'],
  explain: () => [
    t('When a FROM line is built from ARGs, their defaults should produce a valid image on their own. Otherwise a plain docker build without --build-arg fails.'),
    t('It is a hint: BuildKit prints this warning at every build itself, and such an ARG is often required on purpose, passed by the project\'s build script or Makefile.'),
  ],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const word = stage.image;
    if (!word || !word.raw.includes('$')) continue;
    const visible = ctx.a.variables.visibleAt(stage.from);
    const refs = ctx.a.variables.usesIn(stage.from).filter((u) => u.ref.span.start >= word.span.start && u.ref.span.end <= word.span.end);
    if (refs.some((u) => !u.def && !PREDEFINED_ARGS.has(u.ref.name))) continue;
    if (refs.some((u) => PREDEFINED_ARGS.has(u.ref.name) && !u.def)) continue;
    const expanded = expandText(word.raw, (n) => (visible.has(n) ? visible.get(n)!.value ?? '' : undefined), ctx.a.doc.escape).value;
    if (expanded === '' || parseImageRef(expanded).problem) {
      ctx.report(word.span, t('With the ARG defaults this image is {0}, which is not valid. Give the ARG a default value.', expanded === '' ? t('empty') : expanded));
    }
  }
});

export const fromRules = [misspeltOfficialImage, deletedImageTag, untaggedImage, latestTag, invalidImageReference, platformConstant, redundantTargetPlatform, undefinedArgInFrom, invalidDefaultArgInFrom];
