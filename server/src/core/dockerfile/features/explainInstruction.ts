// "Explain this Dockerfile", one instruction: what it does while the image is built and when a
// container runs, whether it adds a filesystem layer or only sets metadata, and what makes the
// build cache miss there.
import { t } from '../../l10n';
import type { Analysis } from '../analysis/analysis';
import type { Instruction, Stage } from '../syntax/ast';
import type { InstructionExplanation, LayerKind } from './explain';
import { argRefs, argsInScope, baseOf, buildArgsUsedIn, code, definedNames, entrypointInEffect, list, mountsOf, shellOf } from './explainFacts';


const FILESYSTEM = new Set(['RUN', 'COPY', 'ADD']);
const METADATA = new Set(['ENV', 'LABEL', 'EXPOSE', 'VOLUME', 'USER', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'SHELL', 'STOPSIGNAL', 'HEALTHCHECK', 'ONBUILD', 'MAINTAINER']);
const MAX_SOURCE = 100;

/** `["a", "b"]`, as the exec form is usually written. */
const execForm = (i: Instruction) => `[${i.exec!.items.map((w) => JSON.stringify(w.value)).join(', ')}]`;

export function explainInstruction(a: Analysis, instruction: Instruction, stage: Stage | undefined, finalStage: boolean): InstructionExplanation {
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
