// Rules that look at the build context next to the Dockerfile: the .dockerignore file.
import { t } from '../../l10n';
import type { FileAccess } from '../../languageService';
import type { Instruction } from '../ast';
import { copyArgs, isUrl } from '../copySources';
import { isIgnored, parseDockerignore, type IgnorePattern } from '../dockerignore';
import { rule, type RuleContext } from './rule';

export interface ContextInfo {
  folderUri: string;
  /** The ignore file that applies (Dockerfile-specific first), if any. */
  ignoreUri: string | undefined;
  patterns: IgnorePattern[];
  /** Entries at the top of the context, for guesses such as "is this a Node project". */
  entries: string[];
}

/** The folder of the Dockerfile, taken as its build context; undefined when it cannot be read. */
export function buildContext(uri: string, files: FileAccess): ContextInfo | undefined {
  const slash = uri.lastIndexOf('/');
  if (slash < 0 || !uri.startsWith('file:')) return undefined;
  const folderUri = uri.slice(0, slash);
  if (!files.exists(folderUri)) return undefined;
  const own = `${uri}.dockerignore`;
  const candidates = [own, `${folderUri}/.dockerignore`];
  const ignoreUri = candidates.find((c) => files.exists(c));
  const text = ignoreUri ? files.readText(ignoreUri) ?? '' : '';
  return { folderUri, ignoreUri, patterns: parseDockerignore(text), entries: files.list(folderUri).map((e) => e.name) };
}

function copiesWholeContext(i: Instruction): boolean {
  const target = i.trigger ?? i;
  if ((target.upper !== 'COPY' && target.upper !== 'ADD') || target.flags.some((f) => f.name === 'from')) return false;
  return copyArgs(i).sources.some((s) => s.value === '.' || s.value === './');
}

const perRun = new WeakMap<RuleContext, ContextInfo | null>();

/** Read once per validation run (the three rules share it), and fresh on the next run. */
function contextOf(ctx: RuleContext): ContextInfo | undefined {
  let info = perRun.get(ctx);
  if (info === undefined) {
    info = buildContext(ctx.uri, ctx.files) ?? null;
    perRun.set(ctx, info);
  }
  return info ?? undefined;
}

export const dockerignoreMissing = rule({
  id: 'dockerignore-missing', severity: 'warning', reach: 'file',
  explain: () => [
    t('COPY . . sends the whole folder to the build: .git history, node_modules, local .env files, build output. That makes builds slow, breaks the cache on unrelated changes and can leak secrets into the image.'),
    t('A .dockerignore file next to the Dockerfile lists what to leave out, like .gitignore does for Git.'),
  ],
}, (ctx) => {
  const first = ctx.a.doc.instructions.find(copiesWholeContext);
  if (!first) return;
  const context = contextOf(ctx);
  if (!context || context.ignoreUri) return;
  ctx.report(first.span, t('This copies the whole build context, but there is no .dockerignore; .git, node_modules and local secrets would be copied too.'), {
    data: { folderUri: context.folderUri },
  });
});

export const dockerignoreIncomplete = rule({
  id: 'dockerignore-incomplete', severity: 'warning', reach: 'file',
  explain: () => [t('When the whole context is copied, the .dockerignore should at least leave out .git (large, and changes on every commit) and, in Node projects, node_modules (the image should install its own dependencies for its own platform).')],
}, (ctx) => {
  const first = ctx.a.doc.instructions.find(copiesWholeContext);
  if (!first) return;
  const context = contextOf(ctx);
  if (!context?.ignoreUri) return;
  const missing: string[] = [];
  if (!isIgnored(context.patterns, '.git')) missing.push('.git');
  const node = context.entries.includes('package.json') || /\b(npm|yarn|pnpm)\b/.test(ctx.a.text);
  if (node && !isIgnored(context.patterns, 'node_modules')) missing.push('node_modules');
  if (missing.length === 0) return;
  ctx.report(first.span, t('The .dockerignore does not exclude {0}, so it is copied into the image.', missing.join(', ')), {
    data: { ignoreUri: context.ignoreUri, missing },
  });
});

export const copyIgnoredFile = rule({
  id: 'copy-ignored-file', severity: 'warning', buildkit: 'CopyIgnoredFile', reach: 'file',
  explain: () => [t('Files excluded by .dockerignore are not sent to the builder, so a COPY or ADD that names one fails (or copies nothing, for a pattern). Remove the exclusion or the copy.')],
}, (ctx) => {
  const copiesFromContext = (i: Instruction) => {
    const u = (i.trigger ?? i).upper;
    return (u === 'COPY' || u === 'ADD') && !(i.trigger ?? i).flags.some((f) => f.name === 'from');
  };
  // Every validation runs this, so the whole file is walked only when there is an ignore file.
  if (!ctx.a.doc.instructions.some(copiesFromContext)) return;
  const context = contextOf(ctx);
  if (!context?.ignoreUri || context.patterns.length === 0) return;
  for (const i of ctx.a.doc.instructions) {
    if (!copiesFromContext(i)) continue;
    const { sources } = copyArgs(i);
    for (const s of sources) {
      const v = s.value;
      if (v === '.' || v === './' || isUrl(v) || v.includes('$') || /^\d*<</.test(s.raw) || /[*?[]/.test(v)) continue;
      if (isIgnored(context.patterns, v)) ctx.report(s.span, t('{0} is excluded by .dockerignore, so it is not in the build context.', v));
    }
  }
});

export const contextRules = [dockerignoreMissing, dockerignoreIncomplete, copyIgnoredFile];
