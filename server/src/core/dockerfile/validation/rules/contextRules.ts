// Rules that look at the build context (see buildContext.ts) and its .dockerignore file.
import { t } from '../../../l10n';
import { docSpan } from '../../syntax/offsetMap';
import type { Instruction, Word } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { buildContextOf, composeRuns, type ContextInfo } from '../../analysis/buildContext';
import { copiesFromContext, copyArgs, literalSource } from '../../analysis/copySources';
import { isIgnored, reincludedWithin, type IgnorePattern } from '../../../ignorePatterns';
import { folderLister, foldersUp, gitignorePatterns, ignoredWithin, mayMake, scriptsText, submoduleFolders, submoduleHolding } from '../../../repositoryFiles';
import { stageUse } from '../../analysis/stageUse';
import { describeSecret, findSecretTokens } from '../../../secretTokens';
import { rule, type RuleContext } from './rule';
import { closest } from './suggest';

export function copiesWholeContext(i: Instruction): boolean {
  if (!copiesFromContext(i)) return false;
  return copyArgs(i).sources.some((s) => s.value === '.' || s.value === './');
}

/** The instructions that copy the whole context, carried over edits (two file rules ask on every edit). */
function wholeContextCopies(a: Analysis): readonly Instruction[] {
  return a.instructionsWhere('copiesWholeContext', copiesWholeContext);
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
  const found = UNWANTED.filter((name) => context.entries.includes(name));
  // An example is no secret, but the .env made from it will be (round 26: ".env.example would be copied").
  const envs = context.entries.filter((e) => /^\.env\./.test(e)).map((e) => (EXAMPLE_ENV.test(e) ? (found.includes('.env') ? '' : t('.env (once made from {0})', e)) : e));
  return found.concat([...new Set(envs.filter(Boolean))].slice(0, 2));
}

/** A Node package install, as a RUN's text says it. */
const NODE_INSTALL = /(^|[^\w-])(npm\s+(ci|i|install)|yarn(\s+install)?(\s|$)|pnpm\s+(i|install)|bun\s+(i|install))/;

export const dockerignoreMissing = rule({
  id: 'dockerignore-missing', severity: 'warning', reach: 'file', shipped: true,
  explain: () => [
    t('COPY . . sends the whole folder to the build: .git history, node_modules, local .env files, build output. That makes builds slow, breaks the cache on unrelated changes and can leak secrets into the image.'),
    t('A .dockerignore file next to the Dockerfile lists what to leave out, like .gitignore does for Git.'),
    t('The build context is the Dockerfile\'s folder, unless a build task, the last Build Image or a compose file that builds this Dockerfile names another one.'),
    t('A warning where the copy does harm: a Node project, whose node_modules from the host land over the image\'s own install, or a context that holds a .env Git ignores. Elsewhere it is information, and a hint where only a build stage copies the context.'),
  ],
}, (ctx) => {
  const copies = wholeContextCopies(ctx.a);
  if (copies.length === 0) return;
  const context = contextOf(ctx);
  if (!context || context.ignoreUri) return;
  // A context only assumed to be the Dockerfile's folder, below a folder up to the repository's
  // root that has a .dockerignore: the build most likely runs from there (round 27: cookiecutter
  // Django's compose/local/django/Dockerfile, built from the root by local.yml).
  if (context.source === 'folder' && foldersUp(ctx.files, context.folderUri).slice(1).some((f) => ctx.files.exists(`${f}/.dockerignore`))) return;
  // An env file a compose service that builds this reads from inside the context: each working copy
  // has one, with its secrets, even where a fresh clone has none (round 85: ./backend/.env with
  // the API keys, and COPY . . from ./backend).
  // (Not a committed one, which is public with the repository already, nor a shipped example.)
  let gitIgnored: IgnorePattern[] | undefined;
  const ignoredByGit = (name: string) => isIgnored((gitIgnored ??= gitignorePatterns(ctx.files, context.folderUri)), name);
  const envName = composeRuns(ctx.uri, ctx.files)?.envFiles
    .filter((f) => f.startsWith(`${context.folderUri}/`) && !f.slice(context.folderUri.length + 1).includes('/'))
    .map((f) => decodeURIComponent(f.slice(context.folderUri.length + 1)))
    .find((name) => !EXAMPLE_ENV.test(name) && (!context.entries.includes(name) || ignoredByGit(name)));
  const found = unwantedIn(context);
  if (envName && !found.some((f) => f === envName || f.startsWith(`${envName} (`))) found.push(envName);
  // What a working copy will hold besides what is there now: node_modules once a Node project is
  // installed, a .env once its example is copied (round 24: contexts of app code alone, a Python
  // project's too, were noise).
  const likely = found.length > 0 || context.entries.some((e) => e === 'package.json' || /^\.env\./.test(e));
  // What reaches the image: a copy in a stage the final image is built from (a builder's copy
  // costs only upload time and cache: round 24, 9 of 19 noise). Asked only where it matters: the
  // stages' use is worked out for the whole file.
  const finalImage = likely ? stageUse(ctx.a).finalImage : undefined;
  const shipped = finalImage ? copies.find((i) => finalImage.size === 0 || finalImage.has(i.stage)) : undefined;
  // A warning where what gets copied does harm: a Node project's node_modules (the host's, over the
  // image's own install) or a .env of the working copy that Git ignores. Other contexts copy waste, .git or a .env still
  // to be made (rounds 25-28: 10 of 10 such warnings on Rails, Flask and Rust contexts judged not
  // worth acting on, against 24 of 35 on Node contexts judged right): information.
  // A .env Git tracks is public with the repository already (round 30: PORT=3002 committed), so
  // only one Git ignores, a local secret, is harm.
  const harmful = context.entries.includes('package.json') || found.includes('node_modules') || envName !== undefined || (found.includes('.env') && ignoredByGit('.env'));
  const severity = !shipped ? 'hint' as const : harmful ? undefined : 'information' as const;
  // A Node project's own node_modules copied over the ones the image installed breaks a
  // development image too (native modules built for the host): round 25, 4 such findings. Only
  // where an install runs before the copy (round 26: Rails apps with a package.json, 10 noise).
  const target = shipped ?? copies[0]!;
  const node = context.entries.includes('package.json') && ctx.a.doc.instructions.some((i) => i.upper === 'RUN' && i.index < target.index && NODE_INSTALL.test(i.argText));
  ctx.report(target.span, found.length > 0
    ? t('This copies the whole build context, but there is no .dockerignore, so {0} would be copied too.', found.join(', '))
    : t('This copies the whole build context, but there is no .dockerignore; local secrets and build output would be copied too.'), {
    data: { folderUri: context.folderUri },
    ...(severity ? { severity } : {}),
    ...(node ? { development: 'matters' as const } : {}),
  });
});

export const dockerignoreIncomplete = rule({
  id: 'dockerignore-incomplete', severity: 'warning', reach: 'file', shipped: true,
  explain: () => [
    t('When the whole context is copied, the .dockerignore should at least leave out .git (large, and changes on every commit) and, in Node projects, node_modules (the image should install its own dependencies for its own platform).'),
    t('Only what the build context actually holds is checked: a context without a .git folder needs no .git line.'),
  ],
}, (ctx) => {
  const copies = wholeContextCopies(ctx.a);
  if (copies.length === 0) return;
  const context = contextOf(ctx);
  if (!context?.ignoreUri) return;
  // .git matters where it reaches the image; a builder's copy of it (a Go or Rust build whose
  // binary alone is shipped) only costs cache (round 10: 3 noise). node_modules from the host
  // breaks a builder's own install too.
  const finalImage = stageUse(ctx.a).finalImage;
  const shipped = copies.find((i) => finalImage.size === 0 || finalImage.has(i.stage));
  const missing: string[] = [];
  // `node_modules/*` leaves the folder but not what is in it: an empty folder costs nothing (round 61).
  const excluded = (folder: string) => isIgnored(context.patterns, folder) || isIgnored(context.patterns, `${folder}/x`);
  if (shipped && context.entries.includes('.git') && !excluded('.git')) missing.push('.git');
  const node = context.entries.includes('package.json') || context.entries.includes('node_modules');
  if (node && !excluded('node_modules')) missing.push('node_modules');
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
  const dockerfileFolder = ctx.uri.slice(0, ctx.uri.lastIndexOf('/'));
  const folderName = dockerfileFolder.slice(dockerfileFolder.lastIndexOf('/') + 1);
  let list: ((folder: string) => string[]) | undefined;
  let above: string[] | undefined;
  for (const i of ctx.a.doc.instructions) {
    for (const { word, path } of literalSourcesOf(i)) {
      if (!isIgnored(context.patterns, path) || reincludedWithin(context.patterns, path)) continue;
      // Where nothing names the context, a path written from a folder above is not this folder's
      // to exclude (round 34: COPY ./dist/services/dni in services/dni/Dockerfile, built from the
      // root like its sibling): its first folder is not here, and the path names this folder or
      // a folder above has it.
      if (context.source === 'folder') {
        list ??= folderLister(ctx.files);
        const segments = path.split('/');
        if (!list(context.folderUri).includes(segments[0]!)) {
          above ??= foldersUp(ctx.files, dockerfileFolder).slice(1);
          if (segments.slice(1).includes(folderName) || above.some((f) => list!(f).includes(segments[0]!))) continue;
        }
      }
      ctx.report(word.span, t('{0} is excluded by .dockerignore, so it is not in the build context.', word.value));
    }
  }
});

/** An env file named as the local, secret kind (.env, .env.local, .env.production), not a shipped example. */
const ENV_FILE = /^\.env(\.[\w-]+)*$/;
const EXAMPLE_ENV = /\.(example|sample|template|tpl|dist|defaults?|schema)$/i;

/** A COPY from the context of an env file by name, or of the whole context. */
function copiesEnvFile(i: Instruction): boolean {
  return copiesFromContext(i) && copyArgs(i).sources.some((s) => (ENV_FILE.test(s.value.split('/').pop() ?? '') && !EXAMPLE_ENV.test(s.value)) || s.value === '.' || s.value === './');
}

export const envFileInImage = rule({
  id: 'env-file-in-image', severity: 'warning', reach: 'file', shipped: true,
  explain: () => [
    t('A .env file that Git ignores is where a project keeps its local secrets: passwords, API keys, tokens. COPY puts it into a layer of the image, where anyone who pulls the image can read it, even if a later step deletes it.'),
    t('Give the values when the container starts (docker run --env-file, compose\'s env_file or environment), or with a build secret if the build needs them; and add .env to the .dockerignore. Only files of the final image are reported, and only .env files Git ignores: a .env the project commits (Symfony\'s defaults) holds no secret.'),
    t('Except where a .env that Git does not ignore holds a value of a form only real credentials have (a GitHub ghp_ token, a Google GOCSPX- client secret, an sk- API key, a Telegram bot token, a private key): copied by name or with the whole build context (COPY . .), it is reported too, since it also sits in the repository.'),
  ],
}, (ctx) => {
  // Carried over edits: every edit of the file asks.
  const copies = ctx.a.instructionsWhere('copiesEnvFile', copiesEnvFile);
  if (copies.length === 0) return;
  const context = contextOf(ctx);
  if (!context) return;
  // Most files copy the whole context and have no env file at its root: nothing more to read.
  const named = copies.some((i) => copyArgs(i).sources.some((s) => s.value !== '.' && s.value !== './'));
  if (!named && !context.entries.some((name) => ENV_FILE.test(name) && !EXAMPLE_ENV.test(name))) return;
  const { finalImage } = stageUse(ctx.a);
  const ignored = gitignorePatterns(ctx.files, context.folderUri, true);
  // What a committed env file holds that is surely a credential (a .env the project commits with real keys: round 76).
  const tokensOf = (path: string) => {
    const text = ctx.files.readText(`${context.folderUri}/${path}`);
    return text === undefined || text.length > 256 * 1024 ? [] : findSecretTokens(text, 3);
  };
  for (const i of copies) {
    if (i.stage < 0 || !finalImage.has(i.stage)) continue;
    for (const s of copyArgs(i).sources) {
      // The whole context: the env files at its root that the .dockerignore lets through, committed
      // ones with credentials in them (ignored ones are dockerignore-missing's and -incomplete's).
      // Not ignored by Git: committed, or about to be.
      if (s.value === '.' || s.value === './') {
        for (const name of context.entries) {
          if (!ENV_FILE.test(name) || EXAMPLE_ENV.test(name) || isIgnored(ignored, name)) continue;
          if (context.ignoreUri && isIgnored(context.patterns, name) && !reincludedWithin(context.patterns, name)) continue;
          const tokens = tokensOf(name);
          if (tokens.length > 0) ctx.report(s.span, t('{0} holds {1}, and Git does not ignore it: this copies it into the image, where anyone who pulls the image can read it. Add {0} to the .dockerignore and the .gitignore, and revoke the secret if it was ever committed or pushed.', name, describeSecret(tokens[0]!.kind)));
        }
        continue;
      }
      const path = s.value.replace(/^\.\//, '');
      if (!ENV_FILE.test(path.split('/').pop() ?? '') || EXAMPLE_ENV.test(path)) continue;
      // The .dockerignore keeps it out of the context: the COPY fails instead (copy-ignored-file's finding, round 72).
      if (context.ignoreUri && isIgnored(context.patterns, path) && !reincludedWithin(context.patterns, path)) continue;
      if (!isIgnored(ignored, path)) {
        const tokens = tokensOf(path);
        if (tokens.length > 0) ctx.report(s.span, t('{0} holds {1}, and Git does not ignore it: this copies it into the image, where anyone who pulls the image can read it. Give the values when the container starts, add {0} to the .gitignore, and revoke the secret if it was ever committed or pushed.', path, describeSecret(tokens[0]!.kind)));
        continue;
      }
      ctx.report(s.span, t('Git ignores {0}, so it holds local secrets, and this copies it into the image, where anyone who pulls it can read them. Give the values when the container starts, and add {0} to the .dockerignore.', path));
    }
  }
});

/** Private keys and credential files by their conventional names (SSH keys, Git's and netrc's stores, cloud credentials). */
const KEY_FILE = /^(id_(rsa|dsa|ecdsa|ed25519)|\.git-credentials|\.netrc|\.pgpass|[\w.-]*[-_]credentials(\.json)?|service[-_]?account[\w.-]*\.json|[\w.-]*-sa-key\.json)$/i;

/** What a COPY source copies that is a private key or credentials: by its name, a .ssh folder, or AWS's credentials file. */
function keyFileOf(source: string, destination: string): boolean {
  const path = source.replace(/^\.\//, '').replace(/\/+$/, '');
  const name = path.split('/').pop() ?? '';
  if (KEY_FILE.test(name) || name === '.ssh' || /(^|\/)\.aws\/credentials$/.test(path) || /(^|\/)\.aws$/.test(path)) return true;
  // COPY credentials /root/.aws/ (round 10), COPY ./anything /home/app/.aws/credentials (round 29): AWS's file, by where it goes.
  return (name === 'credentials' && /\.aws(\/|$)/.test(destination)) || /(^|\/)\.aws\/credentials$/.test(destination) || SSH_KEY_DESTINATION.test(destination);
}

/** Where SSH looks for its private key: whatever is copied there is one (round 67: keyfile.rsa to ~/.ssh/id_rsa). */
const SSH_KEY_DESTINATION = /(^|\/)\.ssh\/id_(rsa|dsa|ecdsa|ed25519)["']?$/;
/** A RUN that copies or moves a file to SSH's private key, and the destination as written. */
const RUN_SSH_KEY = /\b(?:cp|mv|install)\s+(?:-\S+\s+)*\S+\s+(["']?\S*\.ssh\/id_(?:rsa|dsa|ecdsa|ed25519)["']?)(?=\s|;|&|\||$)/;

export const keyFileInImage = rule({
  id: 'key-file-in-image', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('A private SSH key (id_rsa, id_ed25519, a .ssh folder), AWS\'s credentials file, a .git-credentials, .netrc or .pgpass, or a cloud service account\'s key file copied into the image is in one of its layers for good: anyone who can pull the image can read it, even if a later step deletes it.'),
    t('Mount it for the one RUN that needs it (RUN --mount=type=ssh for git over SSH, RUN --mount=type=secret for the rest), or give it to the container when it starts (a volume, compose\'s secrets). A builder stage whose files are not in the final image is left alone: that is the place for it.'),
  ],
}, (ctx) => {
  // One instruction after the other, in document order (an instruction rule).
  for (const i of ctx.scope.instructions) {
    if (i.stage < 0) continue;
    if (copiesFromContext(i)) {
      const { sources, dest } = copyArgs(i);
      for (const s of sources) {
        if (!keyFileOf(s.value, dest?.value ?? '')) continue;
        // Which stages end up in the image is worked out only for a key found (most files copy none).
        const { finalImage } = stageUse(ctx.a);
        if (finalImage.size > 0 && !finalImage.has(i.stage)) break;
        ctx.report(s.span, t('{0} is a private key or credentials file, and this copies it into the image, where anyone who pulls it can read it. Mount it for the RUN that needs it (RUN --mount=type=secret or type=ssh), or give it to the container when it starts.', s.value));
      }
      continue;
    }
    // RUN cp keyfile.rsa ~/.ssh/id_rsa: the key is in this RUN's layer, unless the same RUN removes it.
    if (i.upper !== 'RUN' || !i.argText.includes('.ssh/id_')) continue;
    const found = RUN_SSH_KEY.exec(i.argText);
    if (!found || /\brm\s+(-\S+\s+)*\S*\.ssh(\/id_\w+)?["']?(\s|;|&|$)/.test(i.argText.slice(found.index))) continue;
    const { finalImage } = stageUse(ctx.a);
    if (finalImage.size > 0 && !finalImage.has(i.stage)) continue;
    ctx.report(docSpan(i.map, i.argStart + found.index, i.argStart + found.index + found[0].length), t('This puts a private SSH key at {0}, in a layer of the image, where anyone who pulls it can read it, even if a later step deletes it. Mount it for the RUN that needs it (RUN --mount=type=ssh or type=secret) instead.', found[1]!.replace(/["']/g, '')));
  }
});

/** What a build makes before docker build runs (CI, a Makefile, npm run build): a source missing in the editor may be there then. */
const BUILD_OUTPUT = /^(dist|build|builds|browser|target|out|output|bin|obj|publish|_build|\.next|\.nuxt|\.output|\.svelte-kit|node_modules|vendor|release|releases|artifacts|deploy|coverage|site|public|www|generated|gen|tmp)$/i;
const ARTIFACT = /\.(jar|war|ear|whl|exe|dll|so|deb|rpm|apk|tgz|tar\.gz|zip|gz|tar|bin|phar)$/i;

/** A project's manifests and lock files, which the repository keeps and nothing makes. */
const MANIFEST = /^(go\.(mod|sum)|package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|requirements[\w.-]*\.txt|Pipfile(\.lock)?|pyproject\.toml|poetry\.lock|uv\.lock|Gemfile(\.lock)?|composer\.(json|lock)|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|Cargo\.(toml|lock)|mix\.(exs|lock)|tsconfig[\w.-]*\.json|[\w.-]+\.csproj)$/;

/** Placeholders of the template languages that write Dockerfiles for other projects. */
export const TEMPLATE = /%\{\w+\}|\{\{[^}\n]*\}\}|\{%[^%\n]*%\}|<%=?[^%\n]*%>/;

/**
 * Whether a folder has a path, asked once per folder and path in a validation: a file's name is
 * looked up in its folder's listing, so a file of thousands of COPY lines costs a listing per
 * folder, not a file-system call per line.
 */
function pathTester(list: (folderUri: string) => string[]): (folder: string, path: string) => boolean {
  const known = new Map<string, boolean>();
  const sets = new Map<string, Set<string>>();
  const entries = (folder: string) => {
    let set = sets.get(folder);
    if (!set) sets.set(folder, (set = new Set(list(folder))));
    return set;
  };
  return (folder, path) => {
    const key = `${folder}\n${path}`;
    let found = known.get(key);
    if (found === undefined) {
      const segments = path.split('/');
      let at = folder;
      found = true;
      for (const segment of segments) {
        if (!entries(at).has(segment)) {
          found = false;
          break;
        }
        at = `${at}/${segment}`;
      }
      known.set(key, found);
    }
    return found;
  };
}

/**
 * The path as the folder spells it where it differs from `path` in letter case only
 * (docker/monitoring where the folder is Docker/monitoring), else undefined. Each segment is looked
 * up in its folder's listing; a name the listing has as written is taken as it is.
 */
function caseOnlyMatch(list: (folderUri: string) => string[], folder: string, path: string): string | undefined {
  let at = folder;
  const found: string[] = [];
  let differs = false;
  for (const segment of path.split('/')) {
    const names = list(at);
    let name = names.includes(segment) ? segment : undefined;
    if (name === undefined) {
      const lower = segment.toLowerCase();
      const matches = names.filter((n) => n.toLowerCase() === lower);
      if (matches.length !== 1) return undefined;
      name = matches[0]!;
      differs = true;
    }
    found.push(name);
    at = `${at}/${name}`;
  }
  return differs ? found.join('/') : undefined;
}

/**
 * The literal sources of a COPY or ADD from the context, kept per instruction: the incremental
 * parse carries unchanged instructions across edits, so a large file's are not read again.
 */
interface LiteralSource {
  word: Word;
  /** The path in the context: BuildKit reads ../client as client at the context's root. */
  path: string;
  keyword: string;
  /** Written with a leading ../ (copy-outside-context explains that; this tells what is missing). */
  outside: boolean;
  /** The folders before a pattern (services/auth for services/auth/package*.json). */
  pattern: boolean;
}
const sourcesMemo = new WeakMap<Instruction, LiteralSource[]>();
function literalSourcesOf(i: Instruction): LiteralSource[] {
  if (!copiesFromContext(i)) return [];
  let found = sourcesMemo.get(i);
  if (!found) {
    found = (i.trigger ?? i).flags.some((f) => f.name === 'parents') ? [] : copyArgs(i).sources.flatMap((word) => {
      const outside = /^(\.\/)*\.\.(\/|$)/.test(word.value);
      const value = outside ? word.value.replace(/^(\.\/)*(\.\.\/)+/, '') : word.value;
      // A pattern: the folders written before it must be there for it to match anything
      // (round 77: ../docker/scripts/backend-startup.* from a context without docker/).
      const glob = value.search(/[*?[]/);
      const path = glob < 0 ? literalSource(word.raw, value) : value.lastIndexOf('/', glob) > 0 && !value.includes('$') ? literalSource(word.raw, value.slice(0, value.lastIndexOf('/', glob))) : undefined;
      return path === undefined ? [] : [{ word, path, keyword: (i.trigger ?? i).upper, outside, pattern: glob >= 0 }];
    });
    sourcesMemo.set(i, found);
  }
  return found;
}

export const copySourceMissing = rule({
  id: 'copy-source-missing', severity: 'error', reach: 'file',
  explain: () => [
    t('COPY and ADD read their sources from the build context. A file or folder the context does not have stops the build with "failed to compute cache key: ... not found": a lock file that was never committed (bun.lockb where the project has bun.lock), a folder renamed since, a path written from another folder than the context.'),
    t('The context is the one a build task, the last Build Image or a compose file that builds this Dockerfile names; otherwise the folder, from the Dockerfile\'s up to the repository\'s root, that has most of the file\'s sources. Not reported for build output (dist, target, build, *.jar), for paths Git ignores, for names a build script or CI workflow of the repository mentions (they may be made or copied in before docker build runs), for template Dockerfiles, nor where the context cannot be told.'),
  ],
}, (ctx) => {
  // The context first: where there is none on disk (an untitled file), no instruction's words are read.
  if (!ctx.a.doc.instructions.some(copiesFromContext)) return;
  const context = contextOf(ctx);
  if (!context || context.entries.length === 0 || ctx.files.allowed?.(context.folderUri) === false) return;
  const sources = ctx.a.doc.instructions.flatMap(literalSourcesOf);
  if (sources.length === 0) return;
  const list = folderLister(ctx.files);
  const has = pathTester(list);
  const dockerfileFolder = ctx.uri.slice(0, ctx.uri.lastIndexOf('/'));
  const paths = [...new Set(sources.map((x) => x.path))];
  // Every source where the context is: nothing to say, and no folder above it to read (most files).
  if (paths.every((p) => has(context.folderUri, p))) return;
  const candidates = foldersUp(ctx.files, dockerfileFolder).filter((c) => c === dockerfileFolder || ctx.files.allowed?.(c) !== false);
  let folder = context.folderUri;
  let ignored: IgnorePattern[] | undefined;
  if (context.source === 'folder') {
    // Where nothing names the context, it is the folder (the Dockerfile's, or one above it up to
    // the repository's root) where most of the file's sources are, the nearest on a tie: docker
    // build -f x/Dockerfile . Where that is not at least half of them, the context is somewhere
    // this repository does not show (a template rendered into another project: round 24).
    let best = 0;
    for (const c of candidates) {
      // A path that differs in letter case only is written for this folder too (round 36: docker/ for Docker/).
      const count = paths.filter((p) => has(c, p) || caseOnlyMatch(list, c, p) !== undefined).length;
      if (count > best) {
        best = count;
        folder = c;
      }
    }
    if (best === 0) {
      // No source is anywhere: where their folders are (ApiGateways/OcelotApiGw/ and
      // BuildingBlocks/Common.Logging/ under src/ for a renamed project file, round 41), that is the
      // context, if one folder has every source's folder and a path of two folders or two paths say so.
      const nested = paths.filter((p) => p.includes('/'));
      const parents = [...new Set(nested.map((p) => p.slice(0, p.lastIndexOf('/'))))];
      if (nested.length < paths.length || !(parents.length >= 2 || parents.some((p) => p.includes('/')))) return;
      const holding = candidates.filter((c) => parents.every((p) => has(c, p)));
      if (holding.length !== 1) return;
      folder = holding[0]!;
    } else if (best * 2 < paths.length) {
      // What Git ignores is missing from every clone (a key, a .env.production kept locally) and
      // says nothing about where the context is (round 33: three ignored files hid a misspelt folder).
      ignored = gitignorePatterns(ctx.files, folder);
      if (best * 2 < paths.filter((p) => has(folder, p) || !isIgnored(ignored!, p)).length) return;
    }
  }
  // A template another tool renders (%{version}, {{ name }}, <%= %>) is built wherever it is rendered.
  if (TEMPLATE.test(ctx.a.text)) return;
  let scripts: string | undefined;
  let submodules: string[] | undefined;
  let reported = 0;
  // Top folders the context lacks that a finding has named: a pattern under one says nothing new
  // (round 50's services/*/package*.json lines: one folder missing, forty lines).
  const missingTops = new Set<string>();
  for (const { word, path, keyword, outside, pattern } of sources) {
    if (has(folder, path)) continue;
    const segments = path.split('/');
    const top = has(folder, segments[0]!) ? undefined : segments[0]!;
    if (pattern && top !== undefined && missingTops.has(top)) continue;
    if (top !== undefined) missingTops.add(top);
    // A context that lacks a hundred of the file's sources is more likely not its context.
    if (++reported > 100) break;
    if (segments.some((part) => BUILD_OUTPUT.test(part)) || ARTIFACT.test(path)) continue;
    // Excluded by .dockerignore: copy-ignored-file says so.
    if (isIgnored(context.patterns, path)) continue;
    // There in another letter case: found on a case-insensitive disk (macOS, Windows), not in a Linux
    // build or CI (round 36: COPY docker/monitoring/... where the folder is Docker/).
    const cased = caseOnlyMatch(list, folder, path);
    if (cased !== undefined) {
      const at = word.value.length - path.length;
      const replacement = word.raw === word.value && at >= 0 && word.value.slice(at) === path ? word.value.slice(0, at) + cased : undefined;
      ctx.report(word.span, t('The build context has {0}, not {1}: the letter case differs, so the build stops ("{1}": not found) wherever file names are case-sensitive (Linux, CI), though it may work on macOS or Windows. Write {0}.', cased, path), replacement ? { data: { replacement } } : undefined);
      continue;
    }
    // Where the context is only assumed, a path another folder up to the root has is written for that folder.
    if (context.source === 'folder' && candidates.some((c) => c !== folder && has(c, path))) continue;
    // A script that names it may copy it in first.
    const name = segments[segments.length - 1]!;
    scripts ??= scriptsText(ctx.files, [...new Set([folder, ...candidates])], list);
    if (mayMake(scripts, path)) continue;
    const where = contextName(context.source, folder, dockerfileFolder);
    // COPY ../MainService . with MainService/ as the context (round 45): the ../ reaches nothing above it.
    if (outside) {
      ctx.report(word.span, t('{0} does not reach the folder above the build context ({1}): BuildKit reads it as {2} at the context\'s root, which has no {2}, so {3} stops the build ("{2}": not found). Build with the folder above as the context and write the path from there.', word.value, where, path, keyword));
      continue;
    }
    // Ignored by Git: each clone makes it (a build step, a download), so the build stops until it is
    // made: a hint (round 26: data/ and chroma/ of a clone).
    if (isIgnored((ignored ??= gitignorePatterns(ctx.files, folder)), path) || ignoredWithin(ctx.files, folder, path)) {
      // A project's manifest or lock file is nothing a clone makes: ignoring it is the slip (round 36: go.mod).
      if (MANIFEST.test(name)) ctx.report(word.span, t('The build context ({0}) has no {1}, and Git ignores it: a fresh clone lacks this file the build needs, so {2} stops the build. Commit it (take it out of .gitignore).', where, path, keyword), { severity: 'warning' });
      else ctx.report(word.span, t('The build context ({0}) has no {1}, and Git ignores it: a fresh clone lacks it, so {2} stops the build until it is made.', where, path, keyword), { severity: 'hint' });
      continue;
    }
    // In a Git submodule's folder: empty until the clone fetches its submodules (round 34, in compose).
    const uri = `${folder}/${path}`;
    const submodule = submoduleHolding((submodules ??= submoduleFolders(ctx.files, [...new Set([folder, ...candidates])])), uri);
    if (submodule) {
      ctx.report(word.span, t('The build context ({0}) has {1} in the Git submodule {2}, which is empty here: a clone fetches it with git clone --recursive or git submodule update --init.', where, path, submodule), { severity: 'hint' });
      continue;
    }
    // The folder it names must be there for a "did you mean" among its entries.
    const parent = segments.length > 1 ? `${folder}/${segments.slice(0, -1).join('/')}` : folder;
    if (segments.length > 1 && !has(folder, segments.slice(0, -1).join('/'))) {
      ctx.report(word.span, t('The build context ({0}) has no {1}: {3} stops the build ("{2}": not found).', where, segments.slice(0, -1).join('/'), path, keyword));
      continue;
    }
    const meant = closest(name, list(parent).filter((n) => n !== name));
    // The word as written, with the name changed (./bun.lockb → ./bun.lock); not for a quoted word.
    const at = word.value.lastIndexOf(name);
    const replacement = meant && word.raw === word.value && at >= 0 ? word.value.slice(0, at) + meant + word.value.slice(at + name.length) : undefined;
    ctx.report(word.span, meant
      ? t('The build context ({0}) has no {1}: {3} stops the build ("{1}": not found). Did you mean {2}?', where, path, [...segments.slice(0, -1), meant].join('/'), keyword)
      : t('The build context ({0}) has no {1}: {2} stops the build ("{1}": not found).', where, path, keyword), replacement ? { data: { replacement } } : undefined);
  }
});

/** How the message names the context: the folder relative to the Dockerfile's, and who names it. */
function contextName(source: ContextInfo['source'], folder: string, dockerfileFolder: string): string {
  let relative = '.';
  if (folder !== dockerfileFolder) {
    const up = dockerfileFolder.startsWith(`${folder}/`) ? dockerfileFolder.slice(folder.length + 1).split('/').length : -1;
    relative = up > 0 ? Array(up).fill('..').join('/') : folder.slice(folder.lastIndexOf('/') + 1);
  }
  return source === 'compose' ? t('{0}, as compose builds it', relative) : source === 'task' ? t('{0}, as the build task gives it', relative) : relative;
}

export const contextRules = [dockerignoreMissing, dockerignoreIncomplete, copyIgnoredFile, envFileInImage, keyFileInImage, copySourceMissing];
