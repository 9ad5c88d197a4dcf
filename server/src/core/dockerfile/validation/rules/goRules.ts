// `go get` outside a module: from Go 1.18 it only edits a module's go.mod, and without one it stops
// with "'go get' is no longer supported outside a module" (round 17's missed chargen: `RUN go get
// github.com/yudai/gotty` on golang:1-buster). Dockerfiles written for GOPATH days install tools
// that way, and break on any golang tag from 1.18 on, latest and the bare release names included.
// Reported only where nothing can have brought a go.mod: no go.mod copied (a whole context copied
// counts when its root has one, or when the context is not known), no `go mod init`, nothing
// cloned, downloaded or copied from another stage first, and no GO111MODULE=off or auto anywhere
// (they turn GOPATH mode back on; on does not: round 29's ENV GO111MODULE=on below the go get).
//
// `go install github.com/cosmtrek/air@latest`: a module that moved declares its new path from the
// release that moved it on, and go stops with "module declares its path as: github.com/air-verse/air
// but was required as: github.com/cosmtrek/air" (rounds 28 and 29: air, the usual hot reloader of a
// Go development image).
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import { buildContextOf } from '../../analysis/buildContext';
import { ARCHIVE, copiesFromContext, copyArgs } from '../../analysis/copySources';
import { repositoryAndTag } from '../../../officialImages';
import { commandSpan, commandsOf, operands, runShells, type RunShell } from './shellCommands';
import { rule } from './rule';
import { GO } from './packageRules';

/** Whether an official golang tag runs Go 1.18 or later: 1.18+, 1, and the names without a version (latest, alpine, bookworm). */
export function golangFrom118(reference: string): boolean {
  const ref = repositoryAndTag(reference);
  if (ref?.repository !== 'golang') return false;
  const m = /^(\d+)(?:\.(\d+))?/.exec(ref.tag);
  if (!m) return true;
  return Number(m[1]) > 1 || (Number(m[1]) === 1 && (m[2] === undefined || Number(m[2]) >= 18));
}

/** Programs that bring files from elsewhere into the image, which may be a module. */
const FETCHES = new Set(['git', 'curl', 'wget', 'tar', 'unzip', 'svn', 'hg']);

/** A COPY or ADD source that can only be a single file other than go.mod (main.go, Gopkg.toml), and not an archive ADD unpacks. */
function plainFile(source: string): boolean {
  const name = source.replace(/\/+$/, '').split('/').pop() ?? '';
  return !/[*?[$]/.test(source) && /^[^.].*\.[A-Za-z0-9]+$/.test(name) && name !== 'go.mod' && !source.endsWith('/') && !ARCHIVE.test(name);
}

export const goGetOutsideModule = rule({
  id: 'go-get-outside-module', severity: 'error', reach: 'file',
  explain: () => [
    t('From Go 1.18, go get only adds or updates a dependency in a module\'s go.mod; it no longer builds or installs programs. Run where there is no go.mod, it stops with "\'go get\' is no longer supported outside a module". Dockerfiles from the GOPATH days (RUN go get github.com/user/tool) therefore fail on golang:1.18 and later, golang:latest and the tags named after a release (golang:bookworm, golang:alpine).'),
    t('To install a program, write go install github.com/user/tool@latest (or a version). To fetch a module\'s dependencies, copy go.mod and go.sum first and run go mod download. Reported only where nothing can have brought a go.mod: none copied from the build context, no go mod init, nothing cloned, downloaded or copied from another stage first, and no GO111MODULE setting in the file.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!/\bgo\s+get\b/.test(a.text) || /GO111MODULE\s*[= ]\s*["']?(off|auto)\b/i.test(a.text)) return;
  let context: ReturnType<typeof buildContextOf> | null = null;
  const contextHasGoMod = (): boolean => {
    if (context === null) context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
    // Not known (an untitled file) or only guessed in a subfolder: the go.mod may be anywhere.
    return !context || context.entries.includes('go.mod') || (context.source === 'folder' && !context.entries.includes('.git'));
  };
  const mayBringModule = (i: Instruction): boolean => {
    if (i.upper !== 'COPY' && i.upper !== 'ADD') return false;
    if (!copiesFromContext(i)) return true;
    return copyArgs(i).sources.some((s) => {
      const path = s.value.replace(/^\.\//, '');
      if (path === '' || path === '.' || path === '/') return contextHasGoMod();
      return !plainFile(path);
    });
  };
  for (const stage of ctx.scope.stages) {
    const image = a.rootImage(stage);
    if (!golangFrom118(image)) continue;
    let module = false;
    const chain: Stage[] = [...a.chainOf(stage)].reverse();
    for (const s of chain) {
      for (const i of s.instructions) {
        if (module) break;
        if (mayBringModule(i)) {
          module = true;
          break;
        }
        if (i.upper !== 'RUN') continue;
        const info = a.shell(i);
        if (!info || info.summary.error) {
          module = true;
          break;
        }
        const run: RunShell = { instruction: i, stage: s, info };
        for (const c of commandsOf(run)) {
          const sub = operands(c)[0]?.text;
          if (FETCHES.has(c.name) || c.name === 'cd' || (c.name === 'go' && sub === 'mod')) {
            module = true;
            break;
          }
          if (c.name !== 'go' || sub !== 'get' || s !== stage) continue;
          const target = operands(c)[1]?.text;
          ctx.report(commandSpan(run, c), target && !target.startsWith('.')
            ? t('{0} runs Go 1.18 or later, where go get outside a module stops ("\'go get\' is no longer supported outside a module"), and nothing before this brings a go.mod. To install the program, write go install {1}@latest; to add a dependency, copy go.mod first.', image, movedPath(target.replace(/@.*$/, '')))
            : t('{0} runs Go 1.18 or later, where go get outside a module stops ("\'go get\' is no longer supported outside a module"), and nothing before this brings a go.mod. Copy go.mod and go.sum first and run go mod download, or run go mod init.', image));
        }
      }
    }
  }
});

/** Go modules that moved, whose releases from the move on declare the new path. */
const MOVED: Record<string, string> = {
  'github.com/cosmtrek/air': 'github.com/air-verse/air',
};

/** A package path with a moved module's prefix replaced. */
function movedPath(path: string): string {
  for (const [old, now] of Object.entries(MOVED)) if (path === old || path.startsWith(`${old}/`)) return now + path.slice(old.length);
  return path;
}

export const goModuleMoved = rule({
  id: 'go-module-moved', reach: 'instruction', severity: 'error',
  explain: () => [
    t('A Go module that moves to a new path declares that path in its go.mod from the release that moved it on. go install of the old path at @latest then fetches that release and stops: "module declares its path as: github.com/air-verse/air but was required as: github.com/cosmtrek/air". The hot reloader air moved so in 2024, and Dockerfiles of Go development images install it by its old name.'),
    t('Install it by its new path (the fix writes it), or pin a release from before the move. Reported for go install of a module this check knows has moved, at @latest or with no version, and for go get of it at @latest.'),
  ],
}, (ctx) => {
  if (!/\bgo\s+(install|get)\b/.test(ctx.a.text)) return;
  for (const run of runShells(ctx)) {
    for (const c of commandsOf(run)) {
      const ops = c.name === 'go' ? operands(c, GO.withValue) : [];
      if (ops[0]?.text !== 'install' && ops[0]?.text !== 'get') continue;
      for (const w of ops.slice(1)) {
        const [path, version] = w.text.split('@') as [string, string | undefined];
        const now = movedPath(path);
        if (now === path || (version !== undefined && version !== 'latest') || !w.literal) continue;
        // go get with no version: go-get-outside-module's finding names the new path already (one finding for one line).
        if (ops[0]!.text === 'get' && version === undefined) continue;
        const span = run.info.span(w.start, w.end);
        // The fix replaces the old path where the file spells it out (not inside a quote it cannot see).
        const at = ctx.a.text.slice(span.start, span.end).indexOf(path);
        ctx.report(span, t('{0} moved to {1}: its releases from the move on declare the new path, and go stops ("module declares its path as: {1} but was required as: {0}"). Install it as {1}.', path, now), at < 0 ? undefined : { data: { replacement: now, span: { start: span.start + at, end: span.start + at + path.length } } });
      }
    }
  }
});

export const goRules = [goGetOutsideModule, goModuleMoved];
