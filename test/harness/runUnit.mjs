// Unit tier: node's built-in test runner over test/unit/**/*.test.ts (TypeScript through tsx).
// No VS Code and no Docker Engine are needed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, OUTPUT, findFiles, runCommand, tapTotals, writeTierResult, clearTierResult } from './tiers.mjs';

const filter = process.argv.slice(2);
const files = findFiles(path.join(REPO, 'test', 'unit'), '.test.ts').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
clearTierResult('unit');
if (files.length === 0) {
  console.error('no unit test files found under test/unit');
  writeTierResult('unit', { passed: 0, failed: 0 });
  process.exit(1);
}
fs.mkdirSync(OUTPUT, { recursive: true });
const tap = path.join(OUTPUT, 'unit.tap');
const code = await runCommand(process.execPath, [
  '--import', 'tsx',
  '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ...files,
]);
const totals = tapTotals(tap);
writeTierResult('unit', totals);
console.log(`unit: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(code !== 0 || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
