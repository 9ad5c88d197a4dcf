// "Explain this Dockerfile": for every instruction, what it does while the image is built and
// what it does when a container runs, whether it adds a filesystem layer or only sets metadata,
// and what would make the build cache miss from that line on; per stage, and with a summary
// (stages, the final image's base, the CMD/ENTRYPOINT in effect and how they combine). A pure
// function of the text (and, when known, the layers of the last build): text in, data out.
// explanationMarkdown (explainMarkdown.ts) turns the data into the document the client shows.
import { t } from '../../l10n';
import type { BuiltImageFact } from '../../languageService';
import { Analysis } from '../analysis/analysis';
import type { Instruction, Stage } from '../syntax/ast';

/** Whether an instruction adds files to the image, only records settings, or neither. */
export type LayerKind = 'filesystem' | 'metadata' | 'none';

export interface BuiltLayer {
  size: number;
  /** True when the last build took it from the cache, false when it ran; undefined when unknown. */
  cached?: boolean;
}

export interface InstructionExplanation {
  /** 1-based line of the keyword, and of the instruction's last line (heredoc bodies included). */
  line: number;
  endLine: number;
  keyword: string;
  /** The instruction's first line as written, shortened for display. */
  source: string;
  /** What happens while the image is built. */
  buildTime: string[];
  /** What happens when a container runs; empty when nothing does. */
  runTime: string[];
  layer: LayerKind;
  /** Why it is that kind of layer (or no layer). */
  layerNote: string;
  /** What makes the cache miss here, and so rebuild this and every later step of the stage. */
  invalidatedBy: string[];
  /** Things learners expect to rebuild the step that do not. */
  notInvalidatedBy: string[];
  /** From the last build of this Dockerfile, when the client knows it (final stage only). */
  built?: BuiltLayer;
}

export type BaseKind = 'image' | 'stage' | 'scratch' | 'buildArg';

export interface StageExplanation {
  index: number;
  name: string | undefined;
  /** `name`, else the stage's index as COPY --from would write it. */
  label: string;
  line: number;
  endLine: number;
  base: { kind: BaseKind; name: string };
  /** The image at the root of the FROM chain (through other stages), when known. */
  rootImage: string | undefined;
  final: boolean;
  /** True when the final stage needs this stage (builds on it or copies from it). */
  neededByFinal: boolean;
  /** Stages this one builds on or copies from. */
  dependsOn: string[];
  instructions: InstructionExplanation[];
  filesystemLayers: number;
}

export interface CommandInEffect {
  form: 'exec' | 'shell';
  /** The words of the exec form, or the shell form's text. */
  value: string[] | string;
  line: number;
  /** The stage that set it (the final stage, or a stage it builds on). */
  stage: string;
}

export interface DockerfileSummary {
  stageCount: number;
  finalStage: string | undefined;
  /** True when the final stage has a name (AS name). */
  finalStageNamed: boolean;
  /** The image the final stage starts from at the root of its FROM chain; undefined when a build arg decides. */
  finalBase: string | undefined;
  finalBaseKind: BaseKind | undefined;
  entrypoint: CommandInEffect | undefined;
  cmd: CommandInEffect | undefined;
  /** How ENTRYPOINT and CMD combine into what a container runs, in a sentence or two. */
  effectiveCommand: string;
  /** Filesystem layers the final stage adds on top of its base (its own and those of stages it builds on). */
  filesystemLayers: number;
  metadataInstructions: number;
  /** Stages the final stage does not need: BuildKit skips them. */
  skippedStages: string[];
  /** Set when the last build's layers were matched onto the final stage. */
  lastBuild: { image: string; matched: number; cached: number } | undefined;
}

export interface DockerfileExplanation {
  /** ARGs before the first FROM. */
  globalArgs: InstructionExplanation[];
  stages: StageExplanation[];
  summary: DockerfileSummary;
}

const FILESYSTEM = new Set(['RUN', 'COPY', 'ADD']);
const METADATA = new Set(['ENV', 'LABEL', 'EXPOSE', 'VOLUME', 'USER', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'SHELL', 'STOPSIGNAL', 'HEALTHCHECK', 'ONBUILD', 'MAINTAINER']);
const MAX_SOURCE = 100;

/** `["a", "b"]`, as the exec form is usually written. */
const execForm = (i: Instruction) => `[${i.exec!.items.map((w) => JSON.stringify(w.value)).join(', ')}]`;
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const list = (items: string[]) => items.map(code).join(', ');

/** Explains `text`; `built` is what the client recorded for the image last built from it. */
export function explainDockerfile(text: string, built?: Pick<BuiltImageFact, 'image' | 'layers'>): DockerfileExplanation {
  const a = Analysis.of(text);
  const doc = a.doc;
  const final = doc.stages[doc.stages.length - 1];
  const needed = final ? neededStages(a, final) : new Set<number>();

  const globalArgs = doc.globalArgs.map((i) => explainInstruction(a, i, undefined, false));
  const stages: StageExplanation[] = doc.stages.map((stage) => {
    const isFinal = stage === final;
    const instructions = stage.instructions.map((i) => explainInstruction(a, i, stage, isFinal));
    const base = baseOf(a, stage);
    return {
      index: stage.index,
      name: stage.name?.value,
      label: stageLabel(stage),
      line: lineOf(a, stage.from),
      endLine: instructions.at(-1)?.endLine ?? lineOf(a, stage.from),
      base,
      rootImage: rootImageOf(a, stage),
      final: isFinal,
      neededByFinal: needed.has(stage.index),
      dependsOn: [...dependenciesOf(a, stage)].map((i) => stageLabel(doc.stages[i]!)),
      instructions,
      filesystemLayers: instructions.filter((i) => i.layer === 'filesystem').length,
    };
  });

  let lastBuild: DockerfileSummary['lastBuild'];
  if (built && final) {
    const finalExplained = stages[stages.length - 1]!;
    const matches = matchLayers(final, built.layers);
    for (const [index, layer] of matches) {
      const target = finalExplained.instructions.find((e) => e.line === lineOf(a, final.instructions[index]!));
      if (target) target.built = { size: layer.size, cached: layer.cached };
    }
    lastBuild = { image: built.image, matched: matches.length, cached: matches.filter(([, l]) => l.cached === true).length };
  }

  return { globalArgs, stages, summary: summarize(a, stages, lastBuild) };
}

// ── one instruction ─────────────────────────────────────────────────────────────────────────

function explainInstruction(a: Analysis, instruction: Instruction, stage: Stage | undefined, finalStage: boolean): InstructionExplanation {
  const start = a.lines.positionAt(instruction.span.start).line;
  const end = a.lines.positionAt(Math.max(instruction.fullSpan.end - 1, instruction.span.start)).line;
  const firstLine = a.lines.lineText(start).trim();
  const result: InstructionExplanation = {
    line: start + 1,
    endLine: Math.max(start, end) + 1,
    keyword: instruction.upper,
    source: firstLine.length > MAX_SOURCE ? `${firstLine.slice(0, MAX_SOURCE - 1)}…` : firstLine,
    buildTime: [],
    runTime: [],
    layer: 'none',
    layerNote: '',
    invalidatedBy: [],
    notInvalidatedBy: [],
  };
  describe(a, instruction, stage, finalStage, result);
  return result;
}

function describe(a: Analysis, i: Instruction, stage: Stage | undefined, finalStage: boolean, r: InstructionExplanation): void {
  const kind: LayerKind = FILESYSTEM.has(i.upper) ? 'filesystem' : METADATA.has(i.upper) ? 'metadata' : 'none';
  r.layer = kind;
  if (kind === 'metadata') r.layerNote = t('No new files: it only records a setting in the image configuration.');
  const argsUsed = buildArgsUsedIn(a, i);
  const changedLine = () => r.invalidatedBy.push(t('A change to this line.'));
  const usedArgs = () => {
    if (argsUsed.length) r.invalidatedBy.push(t('A different value of the build argument {0}, which this line uses.', list(argsUsed)));
  };

  switch (i.upper) {
    case 'FROM': return describeFrom(a, i, stage, finalStage, r);
    case 'RUN': return describeRun(a, i, r);
    case 'COPY':
    case 'ADD': return describeCopy(a, i, r, argsUsed);
    case 'ARG': return describeArg(a, i, stage, r);
    case 'ENV': {
      const names = definedNames(a, i);
      r.buildTime.push(t('Sets the environment variable {0} for the instructions after it in this stage, and in stages built FROM this one.', list(names)));
      r.runTime.push(finalStage
        ? t('Containers start with {0} in their environment; docker run -e NAME=value overrides it.', list(names))
        : t('Only in containers of an image built from this stage: the final image does not keep it unless the final stage builds FROM this one.'));
      changedLine();
      usedArgs();
      return;
    }
    case 'LABEL': {
      const names = definedNames(a, i);
      r.buildTime.push(t('Adds the label {0} to the image.', list(names)));
      r.runTime.push(t('Labels do nothing by themselves; docker inspect shows them and tools can filter images and containers by them.'));
      changedLine();
      usedArgs();
      return;
    }
    case 'EXPOSE': {
      const ports = i.words.map((w) => w.value);
      r.buildTime.push(t('Records that the application listens on {0}.', list(ports)));
      r.runTime.push(t('Documentation only: no port is reachable from the host until docker run -p publishes it (docker run -P publishes exactly these ports on random host ports).'));
      changedLine();
      usedArgs();
      return;
    }
    case 'VOLUME': {
      const paths = i.exec ? i.exec.items.map((w) => w.value) : i.words.map((w) => w.value);
      r.buildTime.push(t('Marks {0} as a volume. With the classic builder, files that later build steps write there are thrown away; BuildKit keeps them.', list(paths)));
      r.runTime.push(t('Every container gets a new anonymous volume at {0} unless you mount a volume or folder there, so data written there outlives the container but is easy to lose track of: name the volume with docker run -v NAME:PATH.', list(paths)));
      changedLine();
      usedArgs();
      return;
    }
    case 'USER': {
      const user = i.argText.trim();
      r.buildTime.push(t('The following RUN instructions of this stage run as {0}.', code(user)));
      r.runTime.push(t('Containers run their main process as {0}, unless docker run --user says otherwise.', code(user)));
      changedLine();
      usedArgs();
      return;
    }
    case 'WORKDIR': {
      const dir = i.argText.trim();
      r.buildTime.push(t('Sets the working folder to {0} for the instructions after it, creating the folder when it does not exist yet.', code(dir)));
      r.runTime.push(t('Containers start in {0}; relative paths and docker exec commands start from there.', code(dir)));
      r.layerNote = t('Mostly metadata; when the folder does not exist yet, creating it adds a tiny layer.');
      changedLine();
      usedArgs();
      return;
    }
    case 'CMD': return describeCmd(a, i, stage, finalStage, r);
    case 'ENTRYPOINT': return describeEntrypoint(a, i, stage, finalStage, r);
    case 'SHELL': {
      const shell = i.exec ? i.exec.items.map((w) => w.value).join(' ') : i.argText.trim();
      r.buildTime.push(t('From here on, the shell form of RUN runs through {0} instead of the default shell.', code(shell)));
      r.runTime.push(t('A shell-form CMD or ENTRYPOINT written after it also runs through {0}.', code(shell)));
      changedLine();
      return;
    }
    case 'STOPSIGNAL': {
      const signal = i.argText.trim();
      r.buildTime.push(t('Nothing happens during the build.'));
      r.runTime.push(t('docker stop sends {0} to the main process instead of SIGTERM, then kills it after the timeout.', code(signal)));
      changedLine();
      usedArgs();
      return;
    }
    case 'HEALTHCHECK': {
      const none = /^none$/i.test(i.words[0]?.value ?? '');
      r.buildTime.push(t('Nothing happens during the build.'));
      if (none) r.runTime.push(t('Turns off the health check the base image defines.'));
      else {
        const command = i.argText.replace(/^[\s\S]*?\bCMD\b\s*/i, '').trim();
        r.runTime.push(t('While a container runs, the engine runs {0} inside it at intervals and marks the container healthy or unhealthy by its exit code.', code(command)));
      }
      changedLine();
      return;
    }
    case 'ONBUILD': {
      const trigger = i.trigger;
      const what = trigger ? trigger.logical.slice(0, MAX_SOURCE) : i.argText.trim();
      r.buildTime.push(t('Nothing runs now: it stores {0} in the image as a trigger. The trigger runs when another Dockerfile builds FROM this image, right after that FROM line.', code(what)));
      if (trigger) {
        const inner = explainInstruction(a, trigger, stage, finalStage);
        if (inner.buildTime[0]) r.buildTime.push(t('When it fires in that other build: {0}', inner.buildTime[0]));
        if (inner.layer === 'filesystem') r.layerNote = t('Only metadata here. When it fires, {0} adds a filesystem layer to the image being built then.', code(trigger.upper));
        else r.layerNote = t('Only metadata here, and when it fires too.');
      }
      r.runTime.push(t('Nothing: triggers never run in containers.'));
      changedLine();
      return;
    }
    case 'MAINTAINER':
      r.buildTime.push(t('Records the author of the image. It is deprecated: use LABEL org.opencontainers.image.authors="…" instead.'));
      changedLine();
      return;
    default:
      r.buildTime.push(t('{0} is not a Dockerfile instruction; the build stops here with an error.', code(i.keyword)));
      r.layerNote = t('No layer: the build fails on this line.');
  }
}

function describeFrom(a: Analysis, _i: Instruction, stage: Stage | undefined, finalStage: boolean, r: InstructionExplanation): void {
  if (!stage) return;
  const base = baseOf(a, stage);
  r.layer = 'none';
  switch (base.kind) {
    case 'scratch':
      r.buildTime.push(t('Starts this stage from scratch: an empty filesystem with no shell and no tools.'));
      r.layerNote = t('No layer: scratch has no files.');
      r.invalidatedBy.push(t('A change to this line.'));
      r.notInvalidatedBy.push(t('Nothing outside this file: scratch is always the same empty image.'));
      break;
    case 'stage':
      r.buildTime.push(t('Starts this stage from the result of stage {0}: its files and its settings (ENV, WORKDIR, USER, CMD, ENTRYPOINT) carry over.', code(base.name)));
      r.layerNote = t('No new layer: the stage continues from the layers of stage {0}.', code(base.name));
      r.invalidatedBy.push(t('A change to this line.'));
      r.invalidatedBy.push(t('Any rebuilt step in stage {0}: this stage builds on its result.', code(base.name)));
      break;
    case 'buildArg':
      r.buildTime.push(t('Starts this stage from the image that the build argument {0} names ({1}); --build-arg decides which image it is.', list(argRefs(stage.image?.raw ?? '')), code(stage.image?.raw ?? '')));
      r.layerNote = t('No new layer: the stage starts from the base image\'s layers as they are.');
      r.invalidatedBy.push(t('A change to this line.'));
      r.invalidatedBy.push(t('A different value of the build argument {0}, which picks another base image.', list(argRefs(stage.image?.raw ?? ''))));
      break;
    default:
      r.buildTime.push(t('Starts this stage from the image {0}: its layers become the bottom of this stage\'s filesystem. The builder uses the local copy, or pulls it when there is none.', code(base.name)));
      r.layerNote = t('No new layer: the stage starts from the base image\'s layers as they are.');
      r.invalidatedBy.push(t('A change to this line, such as another tag.'));
      r.invalidatedBy.push(t('A newer image under the same tag, once it is pulled (docker pull, or a build with --pull).'));
      {
        const args = argRefs(stage.image?.raw ?? '');
        if (args.length) r.invalidatedBy.push(t('A different value of the build argument {0}, which picks another base image.', list(args)));
      }
      if (!/@sha256:/.test(base.name)) r.notInvalidatedBy.push(t('A new version of the image on the registry, as long as the local copy is used: pin a digest (image@sha256:…) or build with --pull to pick it up.'));
  }
  if (finalStage) {
    r.runTime.push(base.kind === 'scratch'
      ? t('Containers see only the files this stage adds.')
      : t('The base image\'s files are the lower part of every container\'s filesystem, and its settings (CMD, ENTRYPOINT, ENV, WORKDIR, USER, exposed ports) apply unless later lines change them.'));
  } else {
    r.runTime.push(t('Nothing: only the final stage becomes the image. This stage matters only to stages that build on it or copy from it.'));
  }
}

function describeRun(a: Analysis, i: Instruction, r: InstructionExplanation): void {
  r.buildTime.push(t('Runs the command in a temporary container while the image is built, then saves every file it added, changed or deleted as a new layer.'));
  if (i.heredocs.length) r.buildTime.push(t('The lines of the heredoc ({0}) are the script it runs.', list(i.heredocs.map((h) => `<<${h.name}`))));
  else if (i.exec) r.buildTime.push(t('Exec form: the program runs directly, without a shell, so $VARIABLES and && are not interpreted.'));
  else r.buildTime.push(t('Shell form: the command runs through the shell ({0}), so &&, pipes and $VARIABLES work.', code(shellOf(a, i).join(' '))));
  for (const mount of mountsOf(i)) {
    const target = mount.target ?? mount.dst ?? mount.destination ?? '';
    switch (mount.type ?? 'bind') {
      case 'cache':
        r.buildTime.push(t('A cache mount at {0} keeps its contents from one build to the next (handy for package downloads); it is not part of the layer.', code(target)));
        r.notInvalidatedBy.push(t('The contents of the cache mount at {0}: they are never part of the cache key.', code(target)));
        break;
      case 'secret':
        r.buildTime.push(t('The secret {0} is readable only while this command runs; it is not saved in the layer or the history.', code(mount.id ?? target)));
        r.notInvalidatedBy.push(t('A changed secret value: secrets are not part of the cache key, so this step is not rebuilt for it.'));
        break;
      case 'ssh':
        r.buildTime.push(t('The SSH agent of the machine that builds is reachable while this command runs (for private git repositories).'));
        break;
      case 'tmpfs':
        r.buildTime.push(t('{0} is an empty in-memory folder while this command runs; nothing written there is kept.', code(target)));
        break;
      default: {
        const from = mount.from ? t('stage or image {0}', code(mount.from)) : t('the build context');
        r.buildTime.push(t('Files from {0} are visible at {1} only while this command runs; they are not saved in the layer.', from, code(target)));
        r.invalidatedBy.push(mount.from
          ? t('A change in what {0} provides at {1}.', code(mount.from), code(mount.source ?? '/'))
          : t('A change in the content of {0} in the build context.', code(mount.source ?? '.')));
      }
    }
  }
  const network = i.flags.find((f) => f.name === 'network')?.value;
  if (network === 'none') r.buildTime.push(t('--network=none: the command has no network access.'));
  r.runTime.push(t('Nothing: the command does not run again when a container starts. Only its result, the changed files, is in the image.'));
  r.layerNote = t('A new filesystem layer with the files the command changed. Files a later step deletes still take space in this layer, so clean up in the same RUN that made the mess.');
  r.invalidatedBy.push(i.heredocs.length ? t('A change to the command on this line or in its heredoc.') : t('A change to the command text on this line.'));
  const inScope = argsInScope(a, i);
  if (inScope.length) {
    r.invalidatedBy.push(t('A different value of the build argument {0}: every RUN after an ARG sees it as an environment variable, so even a command that does not use it is rebuilt.', list(inScope)));
  }
  r.notInvalidatedBy.push(t('New content on the network: a cached RUN does not run again just because a package or download has a newer version (build with --no-cache, or change the line, to refresh it).'));
}

function describeCopy(a: Analysis, i: Instruction, r: InstructionExplanation, argsUsed: string[]): void {
  const isAdd = i.upper === 'ADD';
  const from = i.flags.find((f) => f.name === 'from')?.value;
  const words = (i.exec ? i.exec.items : i.words).map((w) => w.value);
  const heredocNames = new Set(i.heredocs.map((h) => `<<${h.name}`));
  const operands = words.filter((w) => !/^<<-?["']?[A-Za-z_]/.test(w) || !heredocNamesMatch(w, heredocNames));
  const destination = operands.length ? operands[operands.length - 1]! : '';
  const sources = operands.slice(0, -1);
  const urls = sources.filter((s) => /^(https?|git):\/\/|^git@|\.git(#.*)?$/.test(s));
  const local = sources.filter((s) => !urls.includes(s));
  const fromStage = from !== undefined ? a.stageRefs.find((ref) => ref.instruction === i && ref.kind === 'copy')?.target : undefined;

  if (from !== undefined) {
    r.buildTime.push(fromStage
      ? t('Copies {0} from stage {1} into {2}. Only these files come along; everything else in that stage is left behind, which keeps the final image small.', list(local), code(from), code(destination))
      : t('Copies {0} out of the image {1} into {2}.', list(local), code(from), code(destination)));
    r.invalidatedBy.push(fromStage
      ? t('A change in what stage {0} produced at {1}.', code(from), list(local))
      : t('A different image {0} (another tag or a newer pull).', code(from)));
  } else if (local.length) {
    r.buildTime.push(t('Copies {0} from the build context (the folder sent to the builder) into {1} in the image.', list(local), code(destination)));
    r.invalidatedBy.push(t('A change in the content of {0} in the build context; files that .dockerignore leaves out do not count.', list(local)));
    r.notInvalidatedBy.push(t('Only a newer modification time: the builder compares file contents, not timestamps.'));
    if (local.some((s) => s === '.' || s === './')) r.buildTime.push(t('{0} is the whole build context, so a change to any file in it rebuilds this step and every later one: copy the few files that the next steps need first.', code('.')));
  }
  for (const heredoc of i.heredocs) {
    r.buildTime.push(t('Writes the inline file {0} (a heredoc) to {1}.', code(`<<${heredoc.name}`), code(destination)));
  }
  if (i.heredocs.length) r.invalidatedBy.push(t('A change to the inline file text (the heredoc) below this line.'));
  for (const url of urls) {
    if (/^git|\.git(#.*)?$/.test(url)) {
      r.buildTime.push(t('Clones the git repository {0} into {1}.', code(url), code(destination)));
      r.invalidatedBy.push(t('A new commit at {0}.', code(url)));
    } else {
      r.buildTime.push(t('Downloads {0} into {1}.', code(url), code(destination)));
      r.invalidatedBy.push(t('Different content at {0}: the builder fetches it again to compare.', code(url)));
    }
  }
  if (isAdd && local.some((s) => /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i.test(s))) {
    r.buildTime.push(t('ADD unpacks a local tar archive into the destination; COPY would copy the archive file as it is.'));
  } else if (isAdd && urls.length === 0) {
    r.buildTime.push(t('For plain local files ADD works like COPY; COPY says so more clearly.'));
  }
  const chown = i.flags.find((f) => f.name === 'chown')?.value;
  if (chown) r.buildTime.push(t('The copied files belong to {0}.', code(chown)));
  const chmod = i.flags.find((f) => f.name === 'chmod')?.value;
  if (chmod) r.buildTime.push(t('The copied files get the permissions {0}.', code(chmod)));
  if (i.flags.some((f) => f.name === 'link' && f.value !== 'false')) {
    r.notInvalidatedBy.push(t('With --link, a rebuilt earlier step: this copy does not depend on the layers below it, so its layer is reused.'));
  }
  r.invalidatedBy.unshift(t('A change to this line (sources, destination or flags).'));
  if (argsUsed.length) r.invalidatedBy.push(t('A different value of the build argument {0}, which this line uses.', list(argsUsed)));
  r.runTime.push(t('Nothing runs: the copied files are simply part of every container\'s filesystem.'));
  r.layerNote = t('A new filesystem layer with the copied files.');
}

function heredocNamesMatch(word: string, names: Set<string>): boolean {
  const bare = word.replace(/^<<-?/, '<<').replace(/["']/g, '');
  return names.has(bare);
}

function describeArg(a: Analysis, i: Instruction, stage: Stage | undefined, r: InstructionExplanation): void {
  const defs = a.variables.defs.filter((d) => d.instruction === i);
  for (const def of defs) {
    if (!stage) {
      r.buildTime.push(def.raw !== undefined
        ? t('Declares the build argument {0} with the default {1} for the FROM lines; a stage that needs it declares it again with ARG {2}.', code(def.name), code(def.raw), def.name)
        : t('Declares the build argument {0} for the FROM lines, without a default (empty unless --build-arg sets it); a stage that needs it declares it again with ARG {1}.', code(def.name), def.name));
    } else if (def.imports && def.raw === undefined) {
      r.buildTime.push(t('Brings the global build argument {0} into this stage, with its value from before the first FROM.', code(def.name)));
    } else if (def.raw !== undefined) {
      r.buildTime.push(t('Declares the build argument {0} with the default {1}; docker build --build-arg {2}=… overrides it for one build.', code(def.name), code(def.raw), def.name));
    } else {
      r.buildTime.push(t('Declares the build argument {0} without a default: it is empty unless docker build --build-arg {1}=… sets it.', code(def.name), def.name));
    }
  }
  r.runTime.push(t('Nothing: build arguments do not exist in containers (use ENV for that). Their values can be read in the image history, so never pass secrets this way.'));
  r.layer = 'none';
  r.layerNote = t('Build arguments are not recorded in the image configuration either.');
  r.invalidatedBy.push(stage
    ? t('Declaring it invalidates nothing. A different value invalidates the first line that uses it, and every RUN after this line.')
    : t('Declaring it invalidates nothing. A different value invalidates the FROM lines that use it, and the stages that declare it again.'));
}

function describeCmd(a: Analysis, i: Instruction, stage: Stage | undefined, finalStage: boolean, r: InstructionExplanation): void {
  r.buildTime.push(t('Nothing happens during the build.'));
  const later = stage?.instructions.some((x) => x.upper === 'CMD' && x.index > i.index);
  if (later) {
    r.runTime.push(t('No effect: a later CMD in this stage replaces it (only the last one counts).'));
  } else if (i.exec && stage && entrypointInEffect(a, stage)) {
    r.runTime.push(t('The default arguments of the ENTRYPOINT: {0}. Arguments after the image name in docker run replace them.', code(execForm(i))));
  } else if (i.exec) {
    r.runTime.push(t('The default command of a container: {0}. Anything after the image name in docker run replaces it.', code(execForm(i))));
  } else {
    r.runTime.push(t('The default command, run through the shell: {0}. The shell is the main process, so your program may not receive the stop signal; the JSON form (CMD ["program", "arg"]) avoids that.', code(`${shellOf(a, i).join(' ')} "${i.argText.trim()}"`)));
  }
  if (!later && !i.exec && stage && entrypointInEffect(a, stage)) r.runTime.push(t('Because an ENTRYPOINT is in effect, this is passed to it as arguments, shell and all: write the CMD as a JSON array instead.'));
  if (!finalStage) r.runTime.push(t('It applies to images built from this stage; the final image uses it only if the final stage builds FROM this one.'));
  r.invalidatedBy.push(t('A change to this line.'));
}

function describeEntrypoint(a: Analysis, i: Instruction, stage: Stage | undefined, finalStage: boolean, r: InstructionExplanation): void {
  r.buildTime.push(t('Nothing happens during the build.'));
  const later = stage?.instructions.some((x) => x.upper === 'ENTRYPOINT' && x.index > i.index);
  if (later) {
    r.runTime.push(t('No effect: a later ENTRYPOINT in this stage replaces it (only the last one counts).'));
  } else if (i.exec) {
    r.runTime.push(t('The program every container runs: {0}. The CMD, or the arguments given to docker run, are added after it; docker run --entrypoint replaces it.', code(execForm(i))));
  } else {
    r.runTime.push(t('Containers run {0}. In this shell form the CMD and any docker run arguments are ignored; the JSON form passes them on.', code(`${shellOf(a, i).join(' ')} "${i.argText.trim()}"`)));
  }
  if (stage && !stage.instructions.some((x) => x.upper === 'CMD')) r.runTime.push(t('Setting an ENTRYPOINT clears the CMD inherited from the base image.'));
  if (!finalStage) r.runTime.push(t('It applies to images built from this stage; the final image uses it only if the final stage builds FROM this one.'));
  r.invalidatedBy.push(t('A change to this line.'));
}

// ── stages ──────────────────────────────────────────────────────────────────────────────────

function stageLabel(stage: Stage): string {
  return stage.name?.value ?? String(stage.index);
}

function lineOf(a: Analysis, i: Instruction): number {
  return a.lines.positionAt(i.span.start).line + 1;
}

function baseOf(a: Analysis, stage: Stage): { kind: BaseKind; name: string } {
  const parent = a.parentOf(stage.index);
  if (parent >= 0) return { kind: 'stage', name: stageLabel(a.doc.stages[parent]!) };
  const raw = stage.image?.raw ?? '';
  const image = a.imageOf(stage);
  if (image === undefined) return { kind: raw ? 'buildArg' : 'image', name: raw };
  if (image === 'scratch') return { kind: 'scratch', name: 'scratch' };
  return { kind: 'image', name: raw.includes('$') ? image : stage.image!.value };
}

function rootImageOf(a: Analysis, stage: Stage): string | undefined {
  const base = baseOf(a, a.rootOf(stage));
  return base.kind === 'buildArg' ? undefined : base.name;
}

/** Stages a stage builds on (FROM) or copies from (COPY --from, RUN --mount from=). */
function dependenciesOf(a: Analysis, stage: Stage): Set<number> {
  const found = new Set<number>();
  const parent = a.parentOf(stage.index);
  if (parent >= 0) found.add(parent);
  for (const ref of a.stageRefs) {
    if (ref.kind !== 'from' && ref.instruction.stage === stage.index && ref.target && ref.target !== stage) found.add(ref.target.index);
  }
  return found;
}

function neededStages(a: Analysis, final: Stage): Set<number> {
  const needed = new Set<number>([final.index]);
  const queue = [final.index];
  while (queue.length) {
    for (const dep of dependenciesOf(a, a.doc.stages[queue.pop()!]!)) {
      if (!needed.has(dep)) {
        needed.add(dep);
        queue.push(dep);
      }
    }
  }
  return needed;
}

// ── variables, shells, mounts ───────────────────────────────────────────────────────────────

const ARG_REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

function argRefs(raw: string): string[] {
  const names = new Set<string>();
  for (const m of raw.matchAll(ARG_REF)) names.add(m[1] ?? m[2]!);
  return [...names];
}

/** Build arguments (ARG, not ENV) this instruction's text refers to. */
function buildArgsUsedIn(a: Analysis, i: Instruction): string[] {
  const names = new Set<string>();
  for (const use of a.variables.usesIn(i)) if (use.def?.kind === 'ARG') names.add(use.ref.name);
  return [...names];
}

/** Build arguments declared in the stage before this instruction (RUN sees them all). */
function argsInScope(a: Analysis, i: Instruction): string[] {
  return [...a.variables.visibleAt(i).values()].filter((d) => d.kind === 'ARG' && d.scope >= 0).map((d) => d.name);
}

function definedNames(a: Analysis, i: Instruction): string[] {
  const defs = a.variables.defs.filter((d) => d.instruction === i).map((d) => d.name);
  if (defs.length) return defs;
  // LABEL is not a variable: read its keys from the words.
  const words = i.words.map((w) => w.value);
  const pairs = words.filter((w) => w.includes('='));
  return pairs.length ? pairs.map((w) => w.slice(0, w.indexOf('='))) : words.slice(0, 1);
}

/** The shell used by a shell-form instruction: the last SHELL before it in its stage or the stages it builds on. */
function shellOf(a: Analysis, i: Instruction): string[] {
  const s = a.doc.stages[i.stage];
  let limit = i.index;
  for (const stage of s ? a.chainOf(s) : []) {
    const shells = stage.instructions.filter((x) => x.upper === 'SHELL' && x.index < limit && x.exec);
    const last = shells[shells.length - 1];
    if (last?.exec) return last.exec.items.map((w) => w.value);
    limit = Number.MAX_SAFE_INTEGER;
  }
  return s && a.isWindows(s) ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c'];
}

function mountsOf(i: Instruction): Array<Record<string, string | undefined>> {
  return i.flags.filter((f) => f.name === 'mount' && f.value).map((f) => {
    const fields: Record<string, string | undefined> = {};
    for (const part of f.value!.split(',')) {
      const eq = part.indexOf('=');
      if (eq < 0) fields[part.trim()] = 'true';
      else fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    return fields;
  });
}

function entrypointInEffect(a: Analysis, stage: Stage): boolean {
  return Boolean(commandInEffect(a, stage, 'ENTRYPOINT'));
}

/** The last CMD or ENTRYPOINT of a stage, else of the stages it builds on (ENTRYPOINT resets an inherited CMD). */
function commandInEffect(a: Analysis, stage: Stage, keyword: 'CMD' | 'ENTRYPOINT'): { instruction: Instruction; stage: Stage } | undefined {
  for (const current of a.chainOf(stage)) {
    const own = current.instructions.filter((x) => x.upper === keyword);
    const last = own[own.length - 1];
    if (last) return { instruction: last, stage: current };
    if (keyword === 'CMD' && current.instructions.some((x) => x.upper === 'ENTRYPOINT')) return undefined;
  }
  return undefined;
}

// ── the last build ──────────────────────────────────────────────────────────────────────────

/** The keyword of an image history entry (`RUN /bin/sh -c …`, `/bin/sh -c #(nop) COPY …`, `COPY … # buildkit`). */
function historyKeyword(createdBy: string): string {
  const nop = /#\(nop\)\s+([A-Z]+)/.exec(createdBy);
  if (nop) return nop[1]!;
  if (/^\/bin\/sh -c /.test(createdBy)) return 'RUN';
  return /^([A-Z]+)\b/.exec(createdBy.trim())?.[1] ?? '';
}

/**
 * Matches the final stage's instructions with the newest history entries, walking both from the
 * end by keyword (the same alignment the per-layer inlay hints use), so the base image's layers
 * and instructions without a history entry are skipped. Returns [index in stage.instructions, layer].
 */
function matchLayers(stage: Stage, layers: readonly { createdBy: string; size: number; cached?: boolean }[]): Array<[number, BuiltLayer]> {
  const result: Array<[number, BuiltLayer]> = [];
  let k = layers.length - 1;
  for (let n = stage.instructions.length - 1; n >= 1 && k >= 0; n--) {
    const instruction = stage.instructions[n]!;
    if (instruction.upper === 'ARG') continue;
    for (let look = k; look >= Math.max(0, k - 3); look--) {
      const layer = layers[look]!;
      if (historyKeyword(layer.createdBy) === instruction.upper) {
        result.push([n, { size: layer.size, cached: layer.cached }]);
        k = look - 1;
        break;
      }
    }
  }
  return result.reverse();
}

// ── summary ─────────────────────────────────────────────────────────────────────────────────

function summarize(a: Analysis, stages: StageExplanation[], lastBuild: DockerfileSummary['lastBuild']): DockerfileSummary {
  const finalStage = a.doc.stages[a.doc.stages.length - 1];
  const finalExplained = stages[stages.length - 1];
  const entry = finalStage ? commandInEffect(a, finalStage, 'ENTRYPOINT') : undefined;
  const cmd = finalStage ? commandInEffect(a, finalStage, 'CMD') : undefined;
  const asCommand = (found: { instruction: Instruction; stage: Stage } | undefined): CommandInEffect | undefined => found && {
    form: found.instruction.exec ? 'exec' : 'shell',
    value: found.instruction.exec ? found.instruction.exec.items.map((w) => w.value) : found.instruction.argText.trim(),
    line: lineOf(a, found.instruction),
    stage: stageLabel(found.stage),
  };
  const entrypoint = asCommand(entry);
  const command = asCommand(cmd);

  // Layers of the final image that this file adds: the final stage and the stages it builds FROM.
  let layers = 0;
  let metadata = 0;
  for (const s of finalStage ? a.chainOf(finalStage) : []) {
    const explained = stages[s.index]!;
    layers += explained.filesystemLayers;
    metadata += explained.instructions.filter((i) => i.layer === 'metadata').length;
  }

  const base = finalExplained ? rootImageOf(a, finalStage!) : undefined;
  return {
    stageCount: stages.length,
    finalStage: finalExplained?.label,
    finalStageNamed: Boolean(finalExplained?.name),
    finalBase: base,
    finalBaseKind: finalStage ? (base === 'scratch' ? 'scratch' : base === undefined ? 'buildArg' : 'image') : undefined,
    entrypoint,
    cmd: command,
    effectiveCommand: effectiveCommand(entrypoint, command, base, finalStage ? shellOf(a, finalStage.instructions[finalStage.instructions.length - 1]!) : ['/bin/sh', '-c']),
    filesystemLayers: layers,
    metadataInstructions: metadata,
    skippedStages: stages.filter((s) => !s.neededByFinal).map((s) => s.label),
    lastBuild,
  };
}

function effectiveCommand(entrypoint: CommandInEffect | undefined, cmd: CommandInEffect | undefined, base: string | undefined, shell: string[]): string {
  const render = (c: CommandInEffect) => (Array.isArray(c.value) ? c.value.join(' ') : `${shell.join(' ')} "${c.value}"`);
  if (entrypoint && entrypoint.form === 'shell') {
    return t('Containers run {0}. Because this ENTRYPOINT uses the shell form, the CMD and any arguments given to docker run are ignored.', code(render(entrypoint)));
  }
  if (entrypoint && cmd) {
    if (cmd.form === 'shell') {
      return t('Containers run {0} with {1} appended as arguments, which is rarely what you want: write the CMD as a JSON array so it supplies plain arguments.', code(render(entrypoint)), code(render(cmd)));
    }
    return t('Containers run {0}: the ENTRYPOINT, followed by the CMD as its default arguments. docker run IMAGE ARGS… replaces only the CMD part.', code(`${render(entrypoint)} ${render(cmd)}`));
  }
  if (entrypoint) {
    return t('Containers run {0}; arguments given to docker run are added after it. No CMD is in effect (an ENTRYPOINT clears the one inherited from the base image).', code(render(entrypoint)));
  }
  if (cmd) {
    return t('Containers run {0}; a command given to docker run replaces it.', code(render(cmd)));
  }
  if (base === 'scratch') return t('Neither CMD nor ENTRYPOINT is set and the image starts from scratch, so docker run needs a command to run.');
  if (base === undefined) return t('This Dockerfile sets neither CMD nor ENTRYPOINT, so containers run whatever the base image (chosen by a build argument) sets.');
  return t('This Dockerfile sets neither CMD nor ENTRYPOINT, so containers run what the base image {0} sets.', code(base));
}
