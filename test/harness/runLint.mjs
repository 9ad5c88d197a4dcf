// Lint tier: ESLint over the repository with eslint.config.mjs (the recommended sets and the
// import boundaries between layers). Counts files: a file with an error is one failure, a clean
// file one pass. Warnings are printed but do not fail. Same cache as `npm run lint`.
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { REPO, writeTierResult, clearTierResult } from './tiers.mjs';

clearTierResult('lint');
const eslint = new ESLint({ cwd: REPO, cache: true, cacheLocation: path.join(REPO, 'node_modules', '.cache', 'eslint') + path.sep });
const results = await eslint.lintFiles(['.']);
const formatter = await eslint.loadFormatter('stylish');
const report = await formatter.format(results);
if (report) console.log(report);
const failed = results.filter((r) => r.errorCount > 0 || r.fatalErrorCount > 0).length;
const passed = results.length - failed;
writeTierResult('lint', { passed, failed });
console.log(`lint: ${passed} files clean, ${failed} with errors`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
