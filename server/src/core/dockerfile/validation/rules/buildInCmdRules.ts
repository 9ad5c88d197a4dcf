// A builder stage whose build is its CMD: `FROM node:22 AS builder`, `COPY . .`, `CMD ["npm", "run",
// "build"]`, then `COPY --from=builder /app/dist ...` in the next stage. CMD is what a container of the
// image runs; a build never runs it, so the stage holds the sources and no dist, and the COPY stops
// the build ("/app/dist": not found). A learner's slip between RUN and CMD (round 62: a Vite
// front end's production Dockerfile). Told where the stage is copied from, its last CMD or
// ENTRYPOINT is a build command, and no RUN of the stage or the stages it is built FROM builds.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import { copyArgs } from '../../analysis/copySources';
import { commandLines } from './devServerRules';
import { rule } from './rule';

/** A command line that builds: a package manager's build script, or a toolchain's build. */
function builds(words: readonly string[]): string | undefined {
  const [tool, first, second] = words;
  if (!tool) return undefined;
  const name = tool.split('/').pop()!;
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(name) && ((first === 'run' && /^build(:|$)/.test(second ?? '')) || /^build(:|$)/.test(first ?? ''))) return words.slice(0, first === 'run' ? 3 : 2).join(' ');
  if ((name === 'ng' || name === 'vite' || name === 'go' || name === 'cargo' || name === 'gradle' || name === './gradlew') && first === 'build') return `${name} build`;
  if ((name === 'mvn' || name === './mvnw') && (words.includes('package') || words.includes('install'))) return `${name} ${words.includes('package') ? 'package' : 'install'}`;
  if (name === 'dotnet' && (first === 'publish' || first === 'build')) return `dotnet ${first}`;
  return undefined;
}

/** A path a build writes (its output folder, or a file in one). */
const OUTPUT = /(^|\/)(dist|build|target|out|publish|bin|\.next|\.output|release)(\/|$)/;

/** Whether a RUN of the stage or of the stages it is built FROM may build (its text names a build). */
function runBuilds(stages: readonly Stage[]): boolean {
  return stages.some((s) => s.instructions.some((i) => (i.trigger ?? i).upper === 'RUN' && /\b(build|package|install|publish|compile|make)\b/.test(i.logical)));
}

export const buildInCmd = rule({
  id: 'build-in-cmd', severity: 'error', reach: 'file',
  explain: () => [
    t('CMD and ENTRYPOINT say what a container of the image runs when it starts; docker build never runs them. A stage that is meant to build (FROM node AS builder, then CMD ["npm", "run", "build"]) therefore holds only what was copied into it, and a later COPY --from=builder /app/dist finds no dist and stops the build ("not found").'),
    t('Write the build as a RUN: RUN npm run build. Reported where a later stage copies from the stage, its last CMD or ENTRYPOINT runs a build (a package manager\'s build script, go build, cargo build, mvn package, gradle build, dotnet publish, ng build, vite build), and no RUN of the stage, or of the stages it is built FROM, builds anything.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  // The stage references are read, not the text: a whole-file rule runs on every edit.
  const copied = new Map<Stage, Instruction>();
  // The first COPY --from of each stage that takes build output from it.
  for (const ref of a.stageRefs) {
    if (ref.kind !== 'copy' || !ref.target || copied.has(ref.target)) continue;
    if (copyArgs(ref.instruction).sources.some((w) => OUTPUT.test(w.value))) copied.set(ref.target, ref.instruction);
  }
  for (const [stage, copy] of copied) {
    const start = stage.instructions.filter((i) => i.upper === 'CMD' || i.upper === 'ENTRYPOINT').pop();
    if (!start) continue;
    const build = commandLines(a, start).map(builds).find((b) => b !== undefined);
    if (!build || runBuilds([...a.chainOf(stage)])) continue;
    const name = stage.name?.value ?? String(stage.index);
    ctx.report(start.span, t('The stage {0} runs {1} in {2}, which a build never runs: the stage holds no build output, so the COPY --from={0} on line {3} finds nothing and stops the build. Write it as RUN {1}.', name, build, start.upper, String(a.lines.positionAt(copy.span.start).line + 1)));
  }
});

export const buildInCmdRules = [buildInCmd];
