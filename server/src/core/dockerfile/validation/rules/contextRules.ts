// Rules that look at the build context (see buildContext.ts) and its .dockerignore file.
import { t } from '../../../l10n';
import type { Instruction } from '../../syntax/ast';
import { buildContextOf, type ContextInfo } from '../../analysis/buildContext';
import { copiesFromContext, copyArgs, isUrl } from '../../analysis/copySources';
import { isIgnored, parseDockerignore } from '../../analysis/dockerignore';
import { stageUse } from '../../analysis/stageUse';
import { rule, type RuleContext } from './rule';

function copiesWholeContext(i: Instruction): boolean {
  if (!copiesFromContext(i)) return false;
  return copyArgs(i).sources.some((s) => s.value === '.' || s.value === './');
}

const perRun = new WeakMap<RuleContext, ContextInfo | null>();

/** Read once per validation run (the three rules share it), and fresh on the next run. */
function contextOf(ctx: RuleContext): ContextInfo | undefined {
  let info = perRun.get(ctx);
  if (info === undefined) {
    info = buildContextOf(ctx.uri, ctx.files, ctx.facts) ?? null;
    perRun.set(ctx, info);
  }
  return info ?? undefined;
}

/** What a context commonly holds that an image should not: present at its top level, in this order. */
const UNWANTED = ['.git', 'node_modules', '.env', '.venv', 'venv', '__pycache__'];

function unwantedIn(context: ContextInfo): string[] {
  return UNWANTED.filter((name) => context.entries.includes(name)).concat(context.entries.filter((e) => /^\.env\./.test(e)).slice(0, 2));
}

export const dockerignoreMissing = rule({
  id: 'dockerignore-missing', severity: 'warning', reach: 'file',
  explain: () => [
    t('COPY . . sends the whole folder to the build: .git history, node_modules, local .env files, build output. That makes builds slow, breaks the cache on unrelated changes and can leak secrets into the image.'),
    t('A .dockerignore file next to the Dockerfile lists what to leave out, like .gitignore does for Git.'),
    t('The build context is the Dockerfile\'s folder, unless a build task, the last Build Image or a compose file that builds this Dockerfile names another one.'),
  ],
}, (ctx) => {
  const first = ctx.a.doc.instructions.find(copiesWholeContext);
  if (!first) return;
  const context = contextOf(ctx);
  if (!context || context.ignoreUri) return;
  const found = unwantedIn(context);
  ctx.report(first.span, found.length > 0
    ? t('This copies the whole build context, but there is no .dockerignore, so {0} would be copied too.', found.join(', '))
    : t('This copies the whole build context, but there is no .dockerignore; local secrets and build output would be copied too.'), {
    data: { folderUri: context.folderUri },
  });
});

export const dockerignoreIncomplete = rule({
  id: 'dockerignore-incomplete', severity: 'warning', reach: 'file', shipped: true,
  explain: () => [
    t('When the whole context is copied, the .dockerignore should at least leave out .git (large, and changes on every commit) and, in Node projects, node_modules (the image should install its own dependencies for its own platform).'),
    t('Only what the build context actually holds is checked: a context without a .git folder needs no .git line.'),
  ],
}, (ctx) => {
  const copies = ctx.a.doc.instructions.filter(copiesWholeContext);
  if (copies.length === 0) return;
  const context = contextOf(ctx);
  if (!context?.ignoreUri) return;
  // .git matters where it reaches the image; a builder's copy of it (a Go or Rust build whose
  // binary alone is shipped) only costs cache (round 10: 3 noise). node_modules from the host
  // breaks a builder's own install too.
  const finalImage = stageUse(ctx.a).finalImage;
  const shipped = copies.find((i) => finalImage.size === 0 || finalImage.has(i.stage));
  const missing: string[] = [];
  if (shipped && context.entries.includes('.git') && !isIgnored(context.patterns, '.git')) missing.push('.git');
  const node = context.entries.includes('package.json') || context.entries.includes('node_modules');
  if (node && !isIgnored(context.patterns, 'node_modules')) missing.push('node_modules');
  if (missing.length === 0) return;
  const first = shipped ?? copies[0]!;
  ctx.report(first.span, shipped
    ? t('The .dockerignore does not exclude {0}, so it is copied into the image.', missing.join(', '))
    : t('The .dockerignore does not exclude {0}, so the host\'s copy lands in this build stage, over what the stage installs for itself.', missing.join(', ')), {
    data: { ignoreUri: context.ignoreUri, missing },
  });
});

export const copyIgnoredFile = rule({
  id: 'copy-ignored-file', severity: 'warning', buildkit: 'CopyIgnoredFile', reach: 'file',
  explain: () => [t('Files excluded by .dockerignore are not sent to the builder, so a COPY or ADD that names one fails (or copies nothing, for a pattern). Remove the exclusion or the copy.')],
}, (ctx) => {
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

/** An env file named as the local, secret kind (.env, .env.local, .env.production), not a shipped example. */
const ENV_FILE = /^\.env(\.[\w-]+)*$/;
const EXAMPLE_ENV = /\.(example|sample|template|tpl|dist|defaults?|schema)$/i;

/**
 * The patterns of the .gitignore files from the context folder up to the repository's root (the
 * folder with .git), as dockerignore patterns: a gitignore pattern without a slash matches at any
 * depth, so it gets a leading double star; one with a slash is relative to its own folder, so only
 * the context folder's are kept.
 */
function gitignorePatterns(ctx: RuleContext, folderUri: string): ReturnType<typeof parseDockerignore> {
  const patterns: ReturnType<typeof parseDockerignore> = [];
  let folder = folderUri;
  for (let level = 0; level < 4; level++) {
    const text = ctx.files.readText(`${folder}/.gitignore`);
    if (text !== undefined) {
      const lines: string[] = [];
      for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
        if (line === '' || line.startsWith('#')) continue;
        const negated = line.startsWith('!');
        const body = negated ? line.slice(1) : line;
        // An anchored pattern is relative to its own folder: kept only for the context folder's file.
        if (body.replace(/\/$/, '').includes('/')) {
          if (level === 0) lines.push(`${negated ? '!' : ''}${body.replace(/^\//, '')}`);
        } else {
          lines.push(`${negated ? '!' : ''}**/${body}`);
        }
      }
      // The nearer file decides: it comes last, as in Git.
      patterns.unshift(...parseDockerignore(lines.join('\n')));
    }
    const slash = folder.lastIndexOf('/');
    if (ctx.files.exists(`${folder}/.git`) || slash <= folder.indexOf('://') + 2) break;
    folder = folder.slice(0, slash);
  }
  return patterns;
}

export const envFileInImage = rule({
  id: 'env-file-in-image', severity: 'warning', reach: 'file', shipped: true,
  explain: () => [
    t('A .env file that Git ignores is where a project keeps its local secrets: passwords, API keys, tokens. COPY puts it into a layer of the image, where anyone who pulls the image can read it, even if a later step deletes it.'),
    t('Give the values when the container starts (docker run --env-file, compose\'s env_file or environment), or with a build secret if the build needs them; and add .env to the .dockerignore. Only files of the final image are reported, and only .env files Git ignores: a .env the project commits (Symfony\'s defaults) holds no secret.'),
  ],
}, (ctx) => {
  const copies = ctx.a.doc.instructions.filter((i) => {
    return copiesFromContext(i)
      && copyArgs(i).sources.some((s) => ENV_FILE.test(s.value.split('/').pop() ?? '') && !EXAMPLE_ENV.test(s.value));
  });
  if (copies.length === 0) return;
  const { finalImage } = stageUse(ctx.a);
  const context = contextOf(ctx);
  if (!context) return;
  const ignored = gitignorePatterns(ctx, context.folderUri);
  if (ignored.length === 0) return;
  for (const i of copies) {
    if (i.stage < 0 || !finalImage.has(i.stage)) continue;
    for (const s of copyArgs(i).sources) {
      const path = s.value.replace(/^\.\//, '');
      if (!ENV_FILE.test(path.split('/').pop() ?? '') || EXAMPLE_ENV.test(path) || !isIgnored(ignored, path)) continue;
      ctx.report(s.span, t('Git ignores {0}, so it holds local secrets, and this copies it into the image, where anyone who pulls it can read them. Give the values when the container starts, and add {0} to the .dockerignore.', path));
    }
  }
});

/** Private keys and credential files by their conventional names (SSH keys, Git's and netrc's stores, cloud credentials). */
const KEY_FILE = /^(id_(rsa|dsa|ecdsa|ed25519)|\.git-credentials|\.netrc|\.pgpass|gcp[-_]?credentials\.json|service[-_]?account[\w.-]*\.json|[\w.-]*-sa-key\.json)$/i;

/** What a COPY source copies that is a private key or credentials: by its name, a .ssh folder, or AWS's credentials file. */
function keyFileOf(source: string, destination: string): boolean {
  const path = source.replace(/^\.\//, '').replace(/\/+$/, '');
  const name = path.split('/').pop() ?? '';
  if (KEY_FILE.test(name) || name === '.ssh' || /(^|\/)\.aws\/credentials$/.test(path) || /(^|\/)\.aws$/.test(path)) return true;
  // COPY credentials /root/.aws/ (round 10): AWS's file, by where it goes.
  return name === 'credentials' && /\.aws(\/|$)/.test(destination);
}

export const keyFileInImage = rule({
  id: 'key-file-in-image', severity: 'warning',
  explain: () => [
    t('A private SSH key (id_rsa, id_ed25519, a .ssh folder), AWS\'s credentials file, a .git-credentials, .netrc or .pgpass, or a cloud service account\'s key file copied into the image is in one of its layers for good: anyone who can pull the image can read it, even if a later step deletes it.'),
    t('Mount it for the one RUN that needs it (RUN --mount=type=ssh for git over SSH, RUN --mount=type=secret for the rest), or give it to the container when it starts (a volume, compose\'s secrets). A builder stage whose files are not in the final image is left alone: that is the place for it.'),
  ],
}, (ctx) => {
  const { finalImage } = stageUse(ctx.a);
  for (const i of ctx.scope.instructions) {
    if (!copiesFromContext(i)) continue;
    if (i.stage < 0 || (finalImage.size > 0 && !finalImage.has(i.stage))) continue;
    const { sources, dest } = copyArgs(i);
    for (const s of sources) {
      if (!keyFileOf(s.value, dest?.value ?? '')) continue;
      ctx.report(s.span, t('{0} is a private key or credentials file, and this copies it into the image, where anyone who pulls it can read it. Mount it for the RUN that needs it (RUN --mount=type=secret or type=ssh), or give it to the container when it starts.', s.value));
    }
  }
});

export const contextRules = [dockerignoreMissing, dockerignoreIncomplete, copyIgnoredFile, envFileInImage, keyFileInImage];
