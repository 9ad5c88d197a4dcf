import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';

const rule = 'next-standalone-missing';
const folder = 'file:///work/site';
const PACKAGE = JSON.stringify({ dependencies: { next: '15.1.0', react: '19.0.0' }, scripts: { build: 'next build' } });
const HEADERS_ONLY = 'const nextConfig = { async headers() { return []; } };\nmodule.exports = nextConfig;\n';
const STANDALONE = 'const nextConfig = { output: "standalone" };\nmodule.exports = nextConfig;\n';
const with_ = (extra: Record<string, string>) => () => context({ files: files({ [`${folder}/package.json`]: PACKAGE, ...extra }, [folder]) });
// The Next.js example's stages, as round 74's project had them.
const DOCKERFILE = 'FROM node:20-alpine AS deps\nWORKDIR /app\nCOPY package.json package-lock.json* ./\nRUN npm ci\n\nFROM node:20-alpine AS builder\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nRUN npm run build\n\nFROM node:20-alpine AS runner\nWORKDIR /app\nCOPY --from=builder /app/public ./public\nCOPY --from=builder --chown=nextjs:nodejs /app/.next/standalone ./\nCOPY --from=builder /app/.next/static ./.next/static\nCMD ["node", "server.js"]\n';
const check = (text: string, extra: Record<string, string>) => runRule(rule, text, with_(extra)(), `${folder}/Dockerfile`);

test('next standalone rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'next-standalone-missing', bad: DOCKERFILE, good: DOCKERFILE.replace('COPY . .', 'COPY . .\nENV NEXT_OUTPUT=standalone'), line: 14, ctx: with_({ [`${folder}/next.config.js`]: HEADERS_ONLY }), uri: `${folder}/Dockerfile` },
  ], assert);
});

test('next-standalone-missing: the project\'s next.config sets no standalone output, or there is none (round 74\'s miss)', () => {
  const [d, ...rest] = check(DOCKERFILE, { [`${folder}/next.config.js`]: HEADERS_ONLY });
  assert.deepEqual(rest, []);
  assert.deepEqual([d!.range.start.line, d!.range.start.character, d!.range.end.character, d!.severity], [14, 42, 63, 1]);
  assert.equal(d!.message, 'The project\'s next.config does not set output: \'standalone\', so next build writes no .next/standalone folder and this COPY stops the build (not found). Add output: \'standalone\' to it.');
  assert.match(check(DOCKERFILE, {})[0]!.message, /^This project has no next\.config/);
  // A monorepo's app: the COPY names its folder under the copied context.
  const mono = DOCKERFILE.replace('/app/.next/standalone', '/app/apps/web/.next/standalone');
  assert.equal(check(mono, { [`${folder}/apps/web/next.config.mjs`]: 'export default {};\n', [`${folder}/apps/web/package.json`]: PACKAGE }).length, 1);
  assert.deepEqual(check(mono, { [`${folder}/apps/web/next.config.mjs`]: 'export default { output: "standalone" };\n' }), []);
});

test('next-standalone-missing: not where something sets it or the project cannot be told', () => {
  const none = (text: string, extra: Record<string, string>) => assert.deepEqual(check(text, extra), [], JSON.stringify(extra));
  none(DOCKERFILE, { [`${folder}/next.config.js`]: STANDALONE });
  none(DOCKERFILE, { [`${folder}/next.config.ts`]: 'export default { output: process.env.BUILD_STANDALONE ? "standalone" : undefined };\n' });
  // Another config file of the folder, a relative module the config imports, one that cannot be read.
  none(DOCKERFILE, { [`${folder}/next.config.js`]: HEADERS_ONLY, [`${folder}/next.config.mjs`]: 'export default { output: "standalone" };\n' });
  none(DOCKERFILE, { [`${folder}/next.config.mjs`]: 'import base from "./config/next.base.mjs";\nexport default base;\n', [`${folder}/config/next.base.mjs`]: 'export default { output: "standalone" };\n' });
  none(DOCKERFILE, { [`${folder}/next.config.mjs`]: 'import base from "../shared/next.base";\nexport default base;\n' });
  // The Dockerfile sets it: an ENV the config reads, a RUN that edits the config, a config copied over it.
  none(DOCKERFILE.replace('RUN npm run build', 'ENV NEXT_OUTPUT=standalone\nRUN npm run build'), { [`${folder}/next.config.js`]: 'module.exports = { output: process.env.NEXT_OUTPUT };\n' });
  none(DOCKERFILE.replace('RUN npm run build', 'RUN sed -i "s/const nextConfig = {/const nextConfig = { output: \'x\',/" next.config.js && npm run build'), { [`${folder}/next.config.js`]: HEADERS_ONLY });
  none(DOCKERFILE.replace('COPY . .', 'COPY . .\nCOPY docker/next.config.docker.js ./next.config.js'), { [`${folder}/next.config.js`]: HEADERS_ONLY });
  // No config and no Next.js package.json there; the project copied elsewhere than the COPY reads.
  assert.deepEqual(runRule(rule, DOCKERFILE, context({ files: files({ [`${folder}/x.txt`]: '' }, [folder]) }), `${folder}/Dockerfile`), []);
  none(DOCKERFILE.replace('COPY . .', 'COPY . /src'), { [`${folder}/next.config.js`]: HEADERS_ONLY });
});

test('next-standalone-missing: the project copied from a folder of the context, and files copied in beside it (round 50: COPY apps/web/ .)', () => {
  const text = DOCKERFILE.replace('COPY . .', 'COPY apps/web/ .\nCOPY packages/shared/ ./packages/shared/\nCOPY tsconfig.json ./');
  const web = { [`${folder}/apps/web/package.json`]: PACKAGE, [`${folder}/packages/shared/index.ts`]: '', [`${folder}/tsconfig.json`]: '{}' };
  assert.equal(check(text, { ...web, [`${folder}/apps/web/next.config.ts`]: 'export default {};\n' }).length, 1);
  assert.deepEqual(check(text, { ...web, [`${folder}/apps/web/next.config.ts`]: 'export default { output: "standalone" };\n' }), []);
});

test('next-standalone-missing: a config built by a package other than the common plugins may set it (round 70: createBaseNextConfig from a workspace package)', () => {
  const config = (imports: string) => ({ [`${folder}/next.config.ts`]: `${imports}\nexport default wrap({});\n` });
  assert.deepEqual(check(DOCKERFILE, config('import { createBaseNextConfig as wrap } from "@djangocfg/nextjs/config";')), []);
  assert.deepEqual(check(DOCKERFILE, config('const wrap = require("@acme/next-config");')), []);
  // Next's own types, the intl plugin, Sentry and Node's path set no output.
  assert.equal(check(DOCKERFILE, config('import type { NextConfig } from "next";\nimport createNextIntlPlugin from "next-intl/plugin";\nimport { withSentryConfig as wrap } from "@sentry/nextjs";\nimport path from "node:path";')).length, 1);
});
