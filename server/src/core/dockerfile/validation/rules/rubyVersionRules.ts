// `FROM ruby:3.2.2-alpine` with `bundle install` where the Gemfile says `ruby '3.3.6'`: Bundler
// compares the running Ruby with the Gemfile's ruby line before it installs anything and stops
// ("Your Ruby version is 3.2.2, but your Gemfile specified 3.3.6"), so the image cannot be built
// (round 41: a Rails app that moved to 3.3.6 and left its production Dockerfiles on 3.2.2). Said
// only where the mismatch is sure: the image's tag names its version (a moving 3.3 names some 3.3.x,
// so only its major and minor count), and the Gemfile's line is a literal requirement or
// `file: ".ruby-version"`.
import { t } from '../../../l10n';
import { repositoryAndTag } from '../../../officialImages';
import { contextHolding } from '../../analysis/buildContext';
import { contextFileCopiedBefore } from '../../analysis/copySources';
import { commandsOf, runShells } from './shellCommands';
import { rule } from './rule';

/** The Ruby version an official ruby image's tag names: [major, minor, patch?]. */
export function rubyImageVersion(image: string): number[] | undefined {
  const ref = repositoryAndTag(image);
  if (ref?.repository !== 'ruby') return undefined;
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-|$)/.exec(ref.tag);
  return m ? [Number(m[1]), Number(m[2]), ...(m[3] !== undefined ? [Number(m[3])] : [])] : undefined;
}

/** The requirements of a Gemfile's ruby line (`ruby '3.3.6'`, `ruby '~> 3.3', '>= 3.3.1'`), reading `file:` through `read`. */
export function gemfileRuby(gemfile: string, read: (name: string) => string | undefined): string[] | undefined {
  const line = /^[ \t]*ruby[ \t(]+([^\n#]*)/m.exec(gemfile)?.[1];
  if (line === undefined || /engine\s*:/.test(line)) return undefined;
  const file = /^file:\s*(["'])([^"']+)\1/.exec(line.trim());
  if (file) {
    const version = read(file[2]!)?.trim().replace(/^ruby-/, '');
    return version && /^\d+(\.\d+)*$/.test(version) ? [version] : undefined;
  }
  const requirements = [...line.matchAll(/(["'])([^"']+)\1/g)].map((m) => m[2]!.trim());
  // Anything but literal strings (RUBY_VERSION, File.read(...)): not known.
  if (requirements.length === 0 || line.replace(/(["'])[^"']*\1/g, '').replace(/[\s,)]/g, '') !== '') return undefined;
  return requirements.every((r) => /^(=|!=|>=?|<=?|~>)?\s*\d+(\.\d+)*$/.test(r)) ? requirements : undefined;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const d = (a[k] ?? 0) - (b[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether a version meets one requirement, as RubyGems reads it. */
function meets(version: readonly number[], requirement: string): boolean {
  const m = /^(=|!=|>=?|<=?|~>)?\s*(\d+(?:\.\d+)*)$/.exec(requirement)!;
  const target = m[2]!.split('.').map(Number);
  const c = compare(version, target);
  switch (m[1] ?? '=') {
    case '!=': return c !== 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '~>': {
      // ~> 3.3.1 is >= 3.3.1 and < 3.4; ~> 3.3 is >= 3.3 and < 4.0.
      const upper = target.length > 1 ? [...target.slice(0, -2), target[target.length - 2]! + 1] : [target[0]! + 1];
      return c >= 0 && compare(version, upper) < 0;
    }
    default: return c === 0;
  }
}

/** Whether no Ruby the tag may name meets the requirements: a patch it leaves open is tried from 0 to 999 (an exact one is then unsure). */
export function surelyMismatched(image: readonly number[], requirements: readonly string[]): boolean {
  const fails = (version: readonly number[]) => !requirements.every((r) => meets(version, r));
  if (image.length >= 3) return fails(image);
  // Some patch of the line may be the one an exact requirement names.
  if (requirements.some((r) => /^(=\s*)?\d/.test(r) && r.replace(/^=\s*/, '').split('.').slice(0, 2).join('.') === image.join('.'))) return false;
  return fails([...image, 0]) && fails([...image, 999]);
}

export const rubyVersionMismatch = rule({
  id: 'ruby-version-mismatch', severity: 'error',
  explain: () => [
    t('Bundler compares the Ruby it runs on with the ruby line of the Gemfile (ruby \'3.3.6\', or ruby file: ".ruby-version") before it installs anything. When the image\'s Ruby does not meet it, bundle install stops ("Your Ruby version is 3.2.2, but your Gemfile specified 3.3.6") and the image cannot be built. It happens when a project moves to a new Ruby and one of its Dockerfiles keeps the old tag.'),
    t('Build FROM the ruby image of the version the Gemfile names, or change the Gemfile. Reported where the ruby image\'s tag names the version (a tag such as 3.3 names the newest 3.3.x, so only its major and minor version count) and the Gemfile the stage copies has a literal ruby line.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!/\bbundle\b/.test(a.text) || !/\bGemfile\b|COPY\s+\.\s/.test(a.text)) return;
  for (const run of runShells(ctx)) {
    if (!run.stage) continue;
    const install = commandsOf(run).find((c) => c.name === 'bundle' && (c.args.length === 0 || c.args[0]!.text === 'install'));
    if (!install) continue;
    const chain = [...a.chainOf(run.stage)];
    const image = a.baseImageRef(chain[chain.length - 1] ?? run.stage);
    const version = rubyImageVersion(image);
    if (!version) continue;
    // The Gemfile the chain copies from the context before the install (COPY Gemfile Gemfile.lock ./, or COPY . .).
    const gemfile = contextFileCopiedBefore(chain, run.instruction, 'Gemfile');
    if (gemfile === undefined) continue;
    // Where nothing names the context, the nearest folder up to the repository's root with the
    // Gemfile (docker build -f ecs/app/Dockerfile . from the root: round 41).
    const context = contextHolding(ctx.uri, ctx.files, ctx.facts, [gemfile]);
    if (context === undefined) continue;
    const folder = `${context}/${gemfile}`.replace(/\/Gemfile$/, '');
    const text = ctx.files.readText(`${folder}/Gemfile`);
    if (text === undefined || text.length > 256 * 1024) continue;
    const requirements = gemfileRuby(text, (name) => ctx.files.readText(`${folder}/${name.replace(/^\.\//, '')}`));
    if (!requirements || !surelyMismatched(version, requirements)) continue;
    ctx.report(run.info.span(install.raw.start, install.raw.end), t('{0} runs Ruby {1}, and the Gemfile asks for ruby {2}: bundle install stops ("Your Ruby version is {1}, but your Gemfile specified {2}"). Build FROM the ruby image of the version the Gemfile names, or change the Gemfile.', image, version.length >= 3 ? version.join('.') : `${version.join('.')}.x`, requirements.join(', ')));
  }
});

export const rubyVersionRules = [rubyVersionMismatch];
