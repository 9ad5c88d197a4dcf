// `FROM node:alpine` building a Create React App project of react-scripts 2 to 4: those pin
// webpack 4 (4.19 to 4.44), which hashes with md4, and Node 17 and later (OpenSSL 3) refuse md4, so `npm run
// build` (and the dev server of `npm start`) stops with "error:0308010C:digital envelope
// routines::unsupported" (round 29's likely misses: Node 25 under two React apps of 2020). A moving
// node tag brought the break without a change to the files. Told where the stage's node image runs
// Node 17 or later, the package.json of the build context lists react-scripts 2 to 4 (react-scripts 1
// built with webpack 3, which hashes with md5: round 33's two wrong errors), the
// Dockerfile runs a package script that runs react-scripts build or start, and nothing in the
// Dockerfile or package.json gives --openssl-legacy-provider.
import { t } from '../../../l10n';
import { repositoryAndTag } from '../../../officialImages';
import { buildContextOf } from '../../analysis/buildContext';
import type { Instruction } from '../../syntax/ast';
import { commandLines } from './devServerRules';
import { rule } from './rule';

/** The Node major an official node tag runs: its number, or the current line for latest, lts and a variant alone; undefined when not known. */
export function nodeMajor(reference: string): number | undefined {
  const ref = repositoryAndTag(reference);
  if (ref?.repository !== 'node') return undefined;
  const m = /^v?(\d+)/.exec(ref.tag);
  if (m) return Number(m[1]);
  // latest, current, lts, alpine, slim, bookworm-slim, lts-alpine, the LTS code names: Node 22 or later today.
  return /^(latest|current|lts|alpine|slim|bookworm|bullseye|trixie|hydrogen|iron|jod|krypton)/.test(ref.tag) ? 22 : undefined;
}

/** The major of a version range as written ("^4.0.3", "~3.4.1", "4.0.3", ">=2"): undefined when not a plain one. */
function specMajor(spec: unknown): number | undefined {
  if (typeof spec !== 'string') return undefined;
  const m = /^\s*[\^~=v]*\s*(\d+)(\.[\dx*]+){0,2}\s*$/.exec(spec);
  return m ? Number(m[1]) : undefined;
}

/** The package script a command line runs: npm run build, npm start, yarn build, pnpm run start. */
function scriptOf(words: string[]): string | undefined {
  const [tool, first, second] = words;
  if (tool === 'npm') return first === 'run' || first === 'run-script' ? second : first === 'start' ? 'start' : undefined;
  if (tool === 'yarn' || tool === 'pnpm') return first === 'run' ? second : first;
  return undefined;
}

export const opensslLegacyBuild = rule({
  id: 'openssl-legacy-build', severity: 'error',
  explain: () => [
    t('react-scripts 2 to 4 (Create React App) build with webpack 4, which hashes modules with md4. Node 17 and later come with OpenSSL 3, which refuses md4, so npm run build and the dev server of npm start stop with "Error: error:0308010C:digital envelope routines::unsupported" (ERR_OSSL_EVP_UNSUPPORTED). node:latest, node:lts and the variant tags (node:alpine) moved past 16 long ago, so a Dockerfile written in 2020 breaks without a change of its own.'),
    t('Move to react-scripts 5 (webpack 5), or keep an older Node for the build (node:16, no longer maintained), or set ENV NODE_OPTIONS=--openssl-legacy-provider before the build. Reported where the stage\'s node image runs Node 17 or later, the build context\'s package.json lists react-scripts 2 to 4 (react-scripts 1 built with webpack 3, which hashes with md5), and a package script that runs react-scripts build or start is run.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!/\b(npm|yarn|pnpm)\b/.test(a.text) || a.text.includes('openssl-legacy-provider')) return;
  let pkg: { scripts: Record<string, unknown>; major: number; version: string } | null | undefined;
  const readPackage = () => {
    if (pkg !== undefined) return pkg;
    pkg = null;
    const context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
    const text = context ? ctx.files.readText(`${context.folderUri}/package.json`) : undefined;
    if (text === undefined || text.length > 1_000_000 || text.includes('openssl-legacy-provider')) return pkg;
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      const deps = { ...(json.devDependencies as object | undefined), ...(json.dependencies as object | undefined) } as Record<string, unknown>;
      const major = specMajor(deps['react-scripts']);
      if (major !== undefined && major >= 2 && major <= 4 && json.scripts && typeof json.scripts === 'object') pkg = { scripts: json.scripts as Record<string, unknown>, major, version: String(deps['react-scripts']) };
    } catch {
      // not JSON: nothing is known
    }
    return pkg;
  };
  for (const stage of ctx.scope.stages) {
    // The root of its FROM chain by baseImageRef: rootImage works out every variable's scope in the file.
    const root = [...a.chainOf(stage)].pop() ?? stage;
    const image = a.baseImageRef(root);
    const major = nodeMajor(image);
    if (major === undefined || major < 17) continue;
    const steps: Instruction[] = stage.instructions.filter((i) => i.upper === 'RUN' || i.upper === 'CMD');
    for (const i of steps) {
      for (const words of commandLines(a, i)) {
        const script = scriptOf(words);
        if (!script) continue;
        const found = readPackage();
        if (!found) return;
        const body = found.scripts[script];
        if (typeof body !== 'string' || !/\breact-scripts\s+(build|start)\b/.test(body)) continue;
        ctx.report(i.args, t('react-scripts {0} builds with webpack 4, whose md4 hashes Node 17 and later refuse, and {1} runs Node 17 or later: {2} stops with "error:0308010C:digital envelope routines::unsupported". Move to react-scripts 5, build on node:16, or set ENV NODE_OPTIONS=--openssl-legacy-provider before it.', found.version, image, words.join(' ')));
        break;
      }
    }
  }
});

export const opensslLegacyRules = [opensslLegacyBuild];
