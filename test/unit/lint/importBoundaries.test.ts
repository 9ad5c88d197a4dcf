// The import boundaries in eslint.config.mjs bite: small snippets linted in memory, as if they were
// files at the given paths, with the repository's own configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: REPO });

/** The rule ids of the errors ESLint reports for `code` placed at `file`. */
async function errors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  assert.ok(result, `ESLint linted ${file}`);
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}:${m.line}`);
}

test('server/src/core imports neither vscode nor the LSP libraries nor the adapter', async () => {
  const file = 'server/src/core/dockerfile/newRule.ts';
  assert.deepEqual(await errors(file, "import * as vscode from 'vscode';\nexport const x = vscode;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors(file, "import { TextDocuments } from 'vscode-languageserver/node';\nexport const x = TextDocuments;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors(file, "import type { Diagnostic } from 'vscode-languageserver-types';\nexport type X = Diagnostic;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors(file, "export { startServer } from '../../lsp/server';\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors('server/src/core/compose/checks/newCheck.ts', "import { LanguageClient } from 'vscode-languageclient/node';\nexport const x = LanguageClient;\n"), ['no-restricted-imports:1']);
});

test('core may import itself and plain libraries; the adapter may import the LSP library', async () => {
  assert.deepEqual(await errors('server/src/core/dockerfile/newRule.ts', "import { parseDocument } from 'yaml';\nimport { LineIndex } from '../text';\nexport const x = [parseDocument, LineIndex];\n"), []);
  assert.deepEqual(await errors('server/src/lsp/newFeature.ts', "import { TextDocuments } from 'vscode-languageserver/node';\nexport const x = TextDocuments;\n"), []);
});

test('the Dockerfile stage folders import only downward, and keep the core boundary', async () => {
  const at = (stage: string) => `server/src/core/dockerfile/${stage}/newFile.ts`;
  // upward: syntax -> analysis -> validation -> quickFixes -> features
  assert.deepEqual(await errors(at('syntax'), "import { Analysis } from '../analysis/analysis';\nexport const x = Analysis;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors(at('syntax/shell'), "import { validate } from '../../validation/validate';\nexport const x = validate;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors(at('analysis'), "import { allRules } from '../validation/rules/allRules';\nexport const x = allRules;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors(at('validation'), "import { hover } from '../features/hover';\nexport const x = hover;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors(at('validation/rules'), "import { fixContext } from '../../quickFixes/fixContext';\nexport const x = fixContext;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors(at('features'), "import { DockerfileLanguageService } from '../dockerfileLanguageService';\nexport const x = DockerfileLanguageService;\n"), ['no-restricted-imports:1']);
  // downward and sideways are fine
  assert.deepEqual(await errors(at('features'), "import { Analysis } from '../analysis/analysis';\nimport { parseDockerfile } from '../syntax/parser';\nimport { hover } from './hover';\nexport const x = [Analysis, parseDockerfile, hover];\n"), []);
  assert.deepEqual(await errors(at('validation/rules'), "import { Analysis } from '../../analysis/analysis';\nimport { t } from '../../../l10n';\nexport const x = [Analysis, t];\n"), []);
  // the stage rule does not replace the core's own boundary
  assert.deepEqual(await errors(at('analysis'), "import * as vscode from 'vscode';\nexport const x = vscode;\n"), ['no-restricted-imports:1']);
});

test('only client/src/engine imports or requires dockerode, docker-modem, ssh2 or the dockerode engine; the tests may', async () => {
  const snippet = "import Docker from 'dockerode';\nexport const x = Docker;\n";
  assert.deepEqual(await errors('client/src/views/newView.ts', snippet), ['no-restricted-imports:1']);
  assert.deepEqual(await errors('client/src/commands/newCommand.ts', "import type { ContainerInfo } from 'dockerode';\nexport type X = ContainerInfo;\n"), ['no-restricted-imports:1']);
  // every other client folder, and the client's root files, too
  assert.deepEqual(await errors('client/src/run/newRun.ts', "import type Dockerode from 'dockerode';\nexport type X = Dockerode.ContainerCreateOptions;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors('client/src/containers/newTerminal.ts', "import type { DockerOptions } from 'docker-modem';\nexport type X = DockerOptions;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors('client/src/model/newModel.ts', "import { Client } from 'ssh2';\nexport const x = Client;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors('client/src/newRoot.ts', "const docker = require('dockerode');\nimport Docker from 'dockerode';\nexport const x = [docker, Docker];\n"), ['no-restricted-syntax:1', 'no-restricted-imports:2']);
  // nor the dockerode engine itself, which only engine/activeEngine.ts makes
  assert.deepEqual(await errors('client/src/views/newView.ts', "import { DockerodeEngine } from '../engine/dockerodeEngine';\nexport const x = DockerodeEngine;\n"), ['no-restricted-imports:1']);
  assert.deepEqual(await errors('client/src/commands/newCommand.ts', "const { DockerodeEngine } = require('../engine/dockerodeEngine');\nexport const x = DockerodeEngine;\n"), ['no-restricted-syntax:1']);
  // the engine module and the tests may
  assert.deepEqual(await errors('client/src/engine/newEngine.ts', snippet), []);
  assert.deepEqual(await errors('client/src/engine/newTransport.ts', "import type { Client } from 'ssh2';\nexport type X = Client;\n"), []);
  assert.deepEqual(await errors('test/integration/newTest.test.ts', snippet), []);
  // the interface is what the rest imports
  assert.deepEqual(await errors('client/src/run/newRun.ts', "import type { DockerEngine } from '../engine/dockerEngine';\nexport type X = DockerEngine;\n"), []);
});

test('a disable comment that suppresses nothing is an error', async () => {
  const found = await errors('client/src/views/newView.ts', '// eslint-disable-next-line no-undef\nexport const x = 1;\n');
  assert.equal(found.length, 1);
});
