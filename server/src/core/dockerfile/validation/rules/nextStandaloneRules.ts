// `COPY --from=builder /app/.next/standalone ./`, the step of the Next.js Docker example, where
// the project's next.config sets no `output: 'standalone'`: `next build` then writes no standalone
// folder, and the COPY stops the build with "/app/.next/standalone": not found (round 74's miss:
// a project deployed with this Dockerfile whose next.config only sets headers; rounds 50, 60 and 63
// had the same). Read from the build context: the next.config files of the folder the builder
// stage copied the project from, and the relative modules they import. Said only where none of
// them, nor any instruction of the Dockerfile (an ENV the config reads, a RUN that writes the
// config), names standalone.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { copyArgs, literalSource } from '../../analysis/copySources';
import { buildContextOf } from '../../analysis/buildContext';
import { afterInstruction, resolvePath, workdirAtStart } from '../../analysis/workdir';
import type { FileAccess } from '../../../languageService';
import { rule } from './rule';

const CONFIG_NAMES = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs', 'next.config.mts'];
/** A module the config imports (a shared base config may set the output). */
const IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g;
/**
 * Packages a next.config wraps itself with or reads that set no output: Next's own, the common
 * plugins (intl, Sentry, bundle analysis, PWA, MDX, Payload) and Node's modules. Another package (a
 * monorepo's own base config, round 70's @djangocfg/nextjs/config) may set it.
 */
const SETS_NO_OUTPUT = /^(next(\/.*)?|next-intl\/plugin|@sentry\/nextjs|@next\/(bundle-analyzer|mdx|env)|webpack-bundle-analyzer|@payloadcms\/next\/withPayload|@ducanh2912\/next-pwa|next-pwa|@serwist\/next|dotenv(\/.*)?|(node:)?(path|url|fs|os|module|process)|@prisma\/nextjs-monorepo-workaround-plugin)$/;

/**
 * Where in the build context the folder `path` of the stage's image came from: through the last
 * COPY of the stage (or of a stage it is built FROM) that put a context folder at it or above it
 * (`COPY . .`, `COPY apps/web/ .`: round 50; `COPY package.json ./` puts a file in it). Undefined when
 * none did, or a build argument decides it.
 */
function contextPathOf(a: Analysis, stage: Stage, path: string, isFolder: (contextPath: string) => boolean): string | undefined {
  let found: string | undefined;
  for (const s of [...a.chainOf(stage)].reverse()) {
    let cwd = workdirAtStart(a, s);
    for (const i of s.instructions) {
      cwd = afterInstruction(a, cwd, i);
      if ((i.upper !== 'COPY' && i.upper !== 'ADD') || i.flags.some((f) => f.name === 'from')) continue;
      const { sources, dest } = copyArgs(i);
      if (!dest || sources.length !== 1) continue;
      const from = literalSource(sources[0]!.raw, sources[0]!.value) ?? (/^\.\/?$/.test(sources[0]!.value) ? '' : undefined);
      // A file copied into the folder (COPY package.json ./) puts nothing at it.
      if (from === undefined || (from !== '' && !isFolder(from))) continue;
      if (dest.value.includes('$') || (cwd === undefined && !dest.value.startsWith('/'))) {
        found = undefined;
        continue;
      }
      const to = resolvePath(cwd ?? '/', dest.value);
      const rest = path === to ? '' : to === '/' ? path.slice(1) : path.startsWith(`${to}/`) ? path.slice(to.length + 1) : undefined;
      if (rest !== undefined) found = [from, rest].filter((x) => x !== '').join('/');
    }
  }
  return found;
}

/** Whether the config files of the folder, or the relative modules they import, name standalone; undefined when the folder has none. */
function namesStandalone(files: FileAccess, folderUri: string): boolean | undefined {
  let found: boolean | undefined;
  for (const name of CONFIG_NAMES) {
    const text = files.readText(`${folderUri}/${name}`);
    if (text === undefined) continue;
    if (text.includes('standalone')) return true;
    found = false;
    let imports = 0;
    for (const m of text.matchAll(IMPORT)) {
      const specifier = m[1]!;
      if (SETS_NO_OUTPUT.test(specifier)) continue;
      // A few relative imports at most: a config is short, and one unread counts as naming it.
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) return true;
      if (++imports > 8) return true;
      const base = `${folderUri}/${specifier.replace(/^\.\//, '')}`;
      const candidates = /\.[cm]?[jt]s$/.test(base) ? [base] : ['.js', '.mjs', '.cjs', '.ts', '.mts', '/index.js', '/index.ts'].map((x) => base + x);
      const imported = candidates.map((c) => files.readText(c)).find((x) => x !== undefined);
      if (imported === undefined || imported.includes('standalone')) return true;
    }
  }
  return found;
}

/** Whether the folder's package.json depends on next. */
function usesNext(files: FileAccess, folderUri: string): boolean {
  const text = files.readText(`${folderUri}/package.json`);
  return text !== undefined && /"next"\s*:/.test(text);
}

export const nextStandaloneMissing = rule({
  id: 'next-standalone-missing', severity: 'error', reach: 'file',
  explain: () => [
    t('next build writes .next/standalone (a server.js with only the node_modules it needs) only when next.config sets output: \'standalone\'. The Next.js Docker example copies that folder into its runner stage; without the setting the folder is never made, and the COPY stops the build with ".next/standalone": not found.'),
    t('Add output: \'standalone\' to next.config (js, mjs or ts), or run the app another way (copy .next, node_modules and package.json, and start it with next start).'),
    t('Read from the build context: the next.config of the folder the builder stage copied the project from, and the relative modules it imports. Not said where any of them, or any instruction of this Dockerfile (an ENV the config reads, a RUN that writes the config), names standalone.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!a.text.includes('.next/standalone')) return;
  const context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
  if (!context) return;
  // An ENV or ARG the config reads, a RUN that writes or edits the config, a config copied in over
  // the project's (COPY next.config.docker.mjs next.config.mjs).
  const replaced = (i: Instruction) => (i.upper === 'RUN' && i.logical.includes('next.config'))
    || ((i.upper === 'COPY' || i.upper === 'ADD') && copyArgs(i).sources.some((w) => /next\.config/.test(w.value) && !CONFIG_NAMES.includes(w.value.slice(w.value.lastIndexOf('/') + 1))));
  const named = (except: Instruction) => a.doc.instructions.some((i) => i !== except && ((i.upper !== 'COPY' && i.logical.includes('standalone')) || replaced(i)));
  for (const i of a.doc.instructions) {
    if (i.upper !== 'COPY' || !i.argText.includes('.next/standalone')) continue;
    const from = i.flags.find((f) => f.name === 'from')?.value;
    const builder = from === undefined ? undefined : a.stageByName.get(from.toLowerCase()) ?? (/^\d+$/.test(from) ? a.doc.stages[Number(from)] : undefined);
    if (!builder || builder.index >= i.stage) continue;
    for (const source of copyArgs(i).sources) {
      const m = /^(.*?)\/?\.next\/standalone\/?$/.exec(source.value);
      if (!m || source.value.includes('$')) continue;
      // The project's folder in the builder (a --from source is read from the stage's root), and so in the context.
      const rel = contextPathOf(a, builder, resolvePath('/', m[1] || '.'), (p) => ctx.files.list(`${context.folderUri}/${p}`).length > 0);
      if (rel === undefined || rel.split('/').includes('..')) continue;
      const folderUri = rel === '' ? context.folderUri : `${context.folderUri}/${rel}`;
      const says = namesStandalone(ctx.files, folderUri);
      // No next.config at all: only where the folder is a Next.js project (its package.json depends on next).
      if (says === true || (says === undefined && !usesNext(ctx.files, folderUri)) || named(i)) continue;
      ctx.report(source.span, says === undefined
        ? t('This project has no next.config, so next build writes no .next/standalone folder and this COPY stops the build (not found). Add a next.config with output: \'standalone\'.')
        : t('The project\'s next.config does not set output: \'standalone\', so next build writes no .next/standalone folder and this COPY stops the build (not found). Add output: \'standalone\' to it.'));
    }
  }
});

export const nextStandaloneRules = [nextStandaloneMissing];
