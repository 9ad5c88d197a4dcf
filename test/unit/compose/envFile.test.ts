import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvFile, projectEnv } from '../../../server/src/core/compose/model/envFile';
import { serviceContext, COMPOSE_URI, ROOT } from './helpers';

test('.env lines: comments, export, quotes and inline comments', () => {
  const values = parseEnvFile('# c\nA=1\nexport B="two words"\nC=\'x y\'\nD=plain # note\nbad line\nE=\n');
  assert.deepEqual([...values], [['A', '1'], ['B', 'two words'], ['C', 'x y'], ['D', 'plain'], ['E', '']]);
});

test('the project .env is read beside the compose file, and missing means empty', () => {
  assert.equal(projectEnv(COMPOSE_URI, serviceContext({ files: { [`${ROOT}/.env`]: 'TAG=1' } })).values.get('TAG'), '1');
  assert.equal(projectEnv(COMPOSE_URI, serviceContext()).values.size, 0);
});

test('.env read as compose-go reads it: KEY: value, multi-line quotes, escapes, " #" comments and ${VAR} from keys above', () => {
  // compose-go dotenv/parser.go: locateKeyName takes "=" or ":", extractVarValue reads quotes over lines.
  const values = parseEnvFile([
    '\uFEFFexport A: yaml style',
    'B="line one',
    'NOT_A_KEY=inside the quotes"',
    "C='it\\'s'",
    'D="tab\\there \\$HOME \\"q\\""',
    'E=a#b c # comment',
    'F=${A}-${MISSING:-fallback}',
    'G="${E}"',
    "H='${A}'",
    'I.J-K[0]=odd name',
    'BARE',
    '2ND=digit first',
    '',
  ].join('\n'));
  assert.deepEqual([...values], [
    ['A', 'yaml style'],
    ['B', 'line one\nNOT_A_KEY=inside the quotes'],
    ['C', "it's"],
    ['D', 'tab\there $HOME "q"'],
    ['E', 'a#b c'],
    ['F', 'yaml style-fallback'],
    ['G', 'a#b c'],
    ['H', '${A}'],
    ['I.J-K[0]', 'odd name'],
    ['2ND', 'digit first'],
  ]);
});
