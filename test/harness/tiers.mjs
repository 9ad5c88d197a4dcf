// Shared helpers for the test launchers: find test files, run a command, read TAP totals.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUTPUT = path.join(REPO, '.test-output');

export function findFiles(dir, suffix) {
  const found = [];
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(full, suffix));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found.sort();
}

/** Runs a command with inherited output; resolves to its exit code (a signal counts as 1). */
export function runCommand(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: REPO, ...options });
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Totals from a TAP stream's closing comments (`# pass N`, `# fail N`). */
export function tapTotals(file) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const number = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { passed: number('pass'), failed: number('fail') + number('cancelled') };
}

/** Each tier writes { passed, failed } here so `npm test` can add them up. */
export function writeTierResult(tier, result) {
  fs.mkdirSync(OUTPUT, { recursive: true });
  fs.writeFileSync(path.join(OUTPUT, `${tier}.result.json`), JSON.stringify(result));
}

export function readTierResult(tier) {
  try {
    return JSON.parse(fs.readFileSync(path.join(OUTPUT, `${tier}.result.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

export function clearTierResult(tier) {
  fs.rmSync(path.join(OUTPUT, `${tier}.result.json`), { force: true });
}
