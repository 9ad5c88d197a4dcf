// `FROM golang:1.22-alpine` with `go mod download` where go.mod says `go 1.25.5`: the golang images
// set GOTOOLCHAIN=local, so the go command will not fetch the newer toolchain and stops ("go.mod
// requires go >= 1.25.5 (running go 1.22.x; GOTOOLCHAIN=local)"). Before Go 1.21 a go line with a
// patch version (`go 1.23.2`, as Go 1.21 and later write it) or a `toolchain` line cannot even be
// read ("invalid go version '1.23.2': must match format 1.23"). Projects bump go.mod with their
// local Go and leave the Dockerfile behind (rounds 41, 46, 49 and 52: nine Dockerfiles). Said only
// where the mismatch is sure: the golang image's tag names its version (a moving 1.22 names some
// 1.22.x, so only its minor counts), the stage copies go.mod from the build context before the go
// command, and nothing in the Dockerfile sets GOTOOLCHAIN.
import { t } from '../../../l10n';
import { repositoryAndTag } from '../../../officialImages';
import { contextHolding } from '../../analysis/buildContext';
import { contextFileCopiedBefore } from '../../analysis/copySources';
import { commandsOf, runShells } from './shellCommands';
import { rule } from './rule';

/** The Go version an official golang image's tag names: [major, minor, patch?]. */
export function goImageVersion(image: string): number[] | undefined {
  const ref = repositoryAndTag(image);
  if (ref?.repository !== 'golang') return undefined;
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-|$)/.exec(ref.tag);
  return m ? [Number(m[1]), Number(m[2]), ...(m[3] !== undefined ? [Number(m[3])] : [])] : undefined;
}

/** The go line's version and whether a toolchain line follows, from a go.mod's text. */
export function goModVersion(text: string): { version: number[]; written: string; toolchain: boolean } | undefined {
  const m = /^go[ \t]+(\d+)\.(\d+)(?:\.(\d+))?(?:(?:rc|beta)\d+)?[ \t]*(?:\/\/.*)?$/m.exec(text);
  if (!m) return undefined;
  return { version: [Number(m[1]), Number(m[2]), ...(m[3] !== undefined ? [Number(m[3])] : [])], written: m[0].replace(/^go[ \t]+/, '').replace(/[ \t]*(\/\/.*)?$/, ''), toolchain: /^toolchain[ \t]/m.test(text) };
}

/** Go subcommands that read go.mod. */
const READS_GO_MOD = new Set(['mod', 'build', 'install', 'test', 'run', 'vet', 'generate', 'list', 'get']);

/** What the image's Go does with the go.mod, or undefined when it reads it. */
function problem(image: readonly number[], mod: NonNullable<ReturnType<typeof goModVersion>>): 'newer' | 'unreadable' | undefined {
  const [major, minor, patch] = image;
  const [needMajor, needMinor, needPatch] = mod.version;
  if (major !== 1 || needMajor !== 1) return undefined;
  if (minor! < 21) return mod.version.length >= 3 || mod.toolchain ? 'unreadable' : undefined;
  if (needMinor! > minor!) return 'newer';
  // A moving tag (1.22) names the newest 1.22.x; an exact one (1.22.1) is older than go 1.22.5.
  return needMinor === minor && patch !== undefined && needPatch !== undefined && needPatch > patch ? 'newer' : undefined;
}

export const goVersionMismatch = rule({
  id: 'go-version-mismatch', severity: 'error',
  explain: () => [
    t('The go line of go.mod (go 1.25.5) is the oldest Go that may build the module. The golang images set GOTOOLCHAIN=local, so the go command does not download a newer toolchain: on an older image go mod download or go build stops ("go.mod requires go >= 1.25.5 (running go 1.22.x; GOTOOLCHAIN=local)"). Go 1.20 and older cannot even read a go line with a patch version, as Go 1.21 and later write it, nor a toolchain line ("invalid go version \'1.23.2\': must match format 1.23").'),
    t('Build FROM the golang image of the version go.mod names or later, or set ENV GOTOOLCHAIN=auto to let the go command download it. Reported where the golang image\'s tag names the version (a tag such as 1.22 names the newest 1.22.x, so only its minor version counts), the stage copies go.mod from the build context first, and nothing in the Dockerfile sets GOTOOLCHAIN.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!/\bgo\b/.test(a.text) || !/golang/.test(a.text) || /GOTOOLCHAIN/.test(a.text)) return;
  const reported = new Set<number>();
  for (const run of runShells(ctx)) {
    if (!run.stage || reported.has(run.stage.index)) continue;
    const command = commandsOf(run).find((c) => c.name === 'go' && READS_GO_MOD.has(c.args.find((w) => !w.text.startsWith('-'))?.text ?? ''));
    if (!command) continue;
    const chain = [...a.chainOf(run.stage)];
    const root = chain[chain.length - 1] ?? run.stage;
    const image = a.baseImageRef(root);
    const version = goImageVersion(image);
    if (!version) continue;
    // The go.mod the chain copies from the context before the command (COPY go.mod go.sum ./, or COPY . .).
    const goMod = contextFileCopiedBefore(chain, run.instruction, 'go.mod');
    if (goMod === undefined) continue;
    const context = contextHolding(ctx.uri, ctx.files, ctx.facts, [goMod]);
    if (context === undefined) continue;
    const text = ctx.files.readText(`${context}/${goMod}`);
    if (text === undefined || text.length > 256 * 1024) continue;
    const mod = goModVersion(text);
    const found = mod && problem(version, mod);
    if (!found) continue;
    reported.add(run.stage.index);
    // The version is a build argument's default (FROM golang:${GO_VERSION}): a build that passes
    // go.mod's may be how the project builds it (round 78: a script passing it), so a warning.
    const byDefault = root.image?.raw.includes('$') ?? false;
    const running = version.length >= 3 ? version.join('.') : `${version.join('.')}.x`;
    ctx.report(run.info.span(command.raw.start, command.raw.end), found === 'newer'
      ? t('{0} runs Go {1}, and go.mod asks for go {2}: the image sets GOTOOLCHAIN=local, so go stops ("go.mod requires go >= {2} (running go {1}; GOTOOLCHAIN=local)"). Build FROM golang:{3} or later, or set ENV GOTOOLCHAIN=auto.', image, running, mod!.written, mod!.version.slice(0, 2).join('.'))
      : t('{0} runs Go {1}, which cannot read this go.mod ({2}): go stops with "invalid go version" or "unknown directive: toolchain". Build FROM golang:{3} or later.', image, running, mod!.toolchain && mod!.version.length < 3 ? t('its toolchain line') : `go ${mod!.written}`, mod!.version.slice(0, 2).join('.')), byDefault ? { severity: 'warning' } : undefined);
  }
});

export const goVersionRules = [goVersionMismatch];
