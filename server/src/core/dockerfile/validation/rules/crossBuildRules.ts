// Cross-platform builds: --platform=$BUILDPLATFORM runs a stage on the build machine's platform,
// which is right for stages that compile for the target (GOARCH=$TARGETARCH, cargo --target) and
// wrong where the image, or what is copied into it, then holds the build machine's binaries.
import { t } from '../../../l10n';
import type { Analysis } from '../../analysis/analysis';
import type { Stage } from '../../syntax/ast';
import { isDeliberateTarget, stageUse } from '../../analysis/stageUse';
import { rule } from './rule';
import { commandSpan, cmd } from './shellCommands';

const BUILD_PLATFORM = /^\$\{?BUILDPLATFORM\}?$/;

/** Whether the stage at the root of a stage's FROM chain runs on the build machine's platform. */
function onBuildPlatform(a: Analysis, stage: Stage): boolean {
  const flag = a.rootOf(stage).from.flags.find((f) => f.name === 'platform');
  return flag?.value !== undefined && BUILD_PLATFORM.test(flag.value);
}

/**
 * The stages of the image a plain build makes, based on an image for the build machine: built for
 * another platform (buildx --platform linux/arm64 on an amd64 machine), that image carries the
 * build machine's binaries. Not from scratch (no binaries of its own; such a last stage is
 * usually exported with --output), nor in a last stage named as a deliberate target (export,
 * binaries, release...).
 */
export const buildPlatformImage = rule({
  id: 'build-platform-image', severity: 'warning',
  explain: () => [
    t('--platform=$BUILDPLATFORM picks the base image for the machine that runs the build. That is right for stages that only compile, but a stage of the final image made that way carries the build machine\'s binaries: built for another platform (docker buildx build --platform linux/arm64 on an amd64 machine), the image fails to start there with "exec format error".'),
    t('Leave the flag out of the final image\'s stages; keep it on the build stages that cross-compile with $TARGETOS and $TARGETARCH.'),
  ],
}, (ctx) => {
  const { finalImage } = stageUse(ctx.a);
  const last = ctx.a.doc.stages[ctx.a.doc.stages.length - 1];
  if (!last || isDeliberateTarget(last)) return;
  for (const stage of ctx.scope.stages) {
    if (!finalImage.has(stage.index)) continue;
    const flag = stage.from.flags.find((f) => f.name === 'platform');
    if (!flag?.value || !BUILD_PLATFORM.test(flag.value) || !stage.image || ctx.a.parentOf(stage.index) >= 0) continue;
    const image = ctx.a.imageOf(stage);
    if (image === undefined || image === '' || image === 'scratch') continue;
    ctx.report(flag.span, t('This stage makes the final image, but --platform=$BUILDPLATFORM bases it on the build machine\'s platform: built for another platform, the image carries the wrong binaries. Remove the flag here.'), { data: { deleteSpan: flag.span } });
  }
});

/** What says a stage compiles for the target: the platform ARGs, Go's and Cargo's target settings, tonistiigi/xx's wrappers. */
const TARGETS_SOMETHING = /TARGET(ARCH|OS|PLATFORM|VARIANT)|GOARCH|GOOS|CARGO_BUILD_TARGET|--target\b|\bxx-/;

/**
 * A Go or Rust build in a stage on the build machine's platform that never names the target,
 * where the final image is that stage or copies from it. Not go install and cargo install: they
 * mostly install tools the build machine runs (cargo-chef, sccache), and which files the image
 * copies is not followed.
 */
export const buildPlatformBinary = rule({
  id: 'build-platform-binary', severity: 'warning', reach: 'file',
  explain: () => [
    t('A stage FROM --platform=$BUILDPLATFORM runs on the machine that builds, so go build and cargo build there make binaries for that machine. Built for another platform (docker buildx build --platform linux/arm64 on an amd64 machine), the image then holds binaries that fail with "exec format error".'),
    t('Compile for the target: declare ARG TARGETOS TARGETARCH in the stage and build with GOOS=$TARGETOS GOARCH=$TARGETARCH go build (for Rust, cargo build --target with the matching triple, or tonistiigi/xx), or drop --platform from the stage so it runs under emulation.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  const { finalImage } = stageUse(a);
  if (finalImage.size === 0) return;
  // The stages whose files reach the image: its own, and those its stages copy from (and the stages those are built FROM).
  const reaching = new Set(finalImage);
  for (const ref of a.stageRefs) {
    if (ref.kind === 'from' || !ref.target || !finalImage.has(ref.instruction.stage)) continue;
    for (const s of a.chainOf(ref.target)) reaching.add(s.index);
  }
  for (const stage of a.doc.stages) {
    if (!reaching.has(stage.index) || !onBuildPlatform(a, stage)) continue;
    // The target named anywhere in the stage or the stages it is built FROM: a cross-compile.
    if ([...a.chainOf(stage)].some((s) => TARGETS_SOMETHING.test(a.text.slice(s.span.start, s.span.end)))) continue;
    for (const i of stage.instructions) {
      if (i.upper !== 'RUN') continue;
      const info = a.shell(i);
      if (!info || info.summary.error) continue;
      for (const raw of info.summary.commands) {
        const c = cmd(raw);
        const sub = c.args[0]?.text;
        if (!((c.name === 'go' && sub === 'build') || (c.name === 'cargo' && (sub === 'build' || sub === 'b')))) continue;
        ctx.report(commandSpan({ instruction: i, stage, info }, c), t('This stage runs on the build machine\'s platform ($BUILDPLATFORM) and {0} compiles for it, while the image copies what it makes: built for another platform, the image gets binaries it cannot run. Compile for $TARGETOS/$TARGETARCH, or drop --platform from the stage.', `${c.name} ${sub}`));
      }
    }
  }
});

export const crossBuildRules = [buildPlatformImage, buildPlatformBinary];
