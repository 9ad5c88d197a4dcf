// Entry point VS Code calls inside the extension host (`extensionTestsPath`), both in code-server
// and under @vscode/test-electron. Runs every *.test.js beside it with mocha and streams each
// result as a JSON line to $DWB_TEST_RESULTS, which the launcher reads and prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

function record(event: Record<string, unknown>): void {
  const file = process.env.DWB_TEST_RESULTS;
  const line = JSON.stringify({ time: Date.now(), ...event });
  if (file) fs.appendFileSync(file, line + '\n');
  console.log(line);
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'base' });
  const grep = process.env.DWB_TEST_GREP;
  if (grep) mocha.grep(grep);
  const dir = __dirname;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, file));
  record({ type: 'start', vscodeVersion: vscode.version, appName: vscode.env.appName, uiKind: vscode.env.uiKind, node: process.version });

  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        record({ type: 'end', failures });
        resolve();
      });
      runner.on('pass', (test) => record({ type: 'pass', title: test.fullTitle(), durationMs: test.duration }));
      runner.on('fail', (test, error: Error) =>
        record({ type: 'fail', title: test.fullTitle(), error: error?.stack ?? String(error) }),
      );
      runner.on('pending', (test) => record({ type: 'pending', title: test.fullTitle() }));
    } catch (error) {
      record({ type: 'fail', title: 'loading the integration suite', error: (error as Error)?.stack ?? String(error) });
      record({ type: 'end', failures: 1 });
      reject(error);
    }
  });
}
