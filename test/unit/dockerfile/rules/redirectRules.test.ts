import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { truncatedReads } from '../../../../server/src/core/shellTruncation';

test('redirect rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'redirect-empties-input', bad: 'FROM nginx:1.27\nCMD envsubst < /etc/nginx/nginx.conf > /etc/nginx/nginx.conf && nginx -g "daemon off;"\n', good: 'FROM nginx:1.27\nCMD envsubst < /etc/nginx/nginx.conf.template > /etc/nginx/nginx.conf && nginx -g "daemon off;"\n', line: 1 },
  ], assert);
});

test('redirect-empties-input: the output redirection of a command that reads the same file (round 77)', () => {
  const found = (text: string) => runRule('redirect-empties-input', text).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
  assert.deepEqual(found('FROM alpine\nRUN cat app.conf > app.conf\nRUN sort -u list.txt > list.txt; jq . c.json > c.json\n'), [[1, 19, 27], [2, 23, 31], [2, 47, 53]]);
  assert.equal(runRule('redirect-empties-input', 'FROM alpine\nRUN cat app.conf > app.conf\n')[0]!.message, 'The shell empties app.conf before the command reads it: the command reads an empty file and the original is lost. Write to another file and move it over app.conf.');
});

test('the truncation reader: another file, appending, another command, stderr, quotes and heredocs are not it', () => {
  for (const script of ['envsubst < a.tpl > a.conf', 'cat a >> a', 'sort < f > g; cat g > h', 'grep x f 2> f', "echo '< f > f'", 'cmd <<EOF > out', 'tee f < f', 'tr a b < f > g', 'envsubst f > f', 'cat a > /dev/null']) {
    assert.deepEqual(truncatedReads(script), [], script);
  }
  assert.deepEqual(truncatedReads('envsubst "$$X" <$F >$F && nginx').map((x) => x.file), ['$F']);
  assert.deepEqual(truncatedReads('cat a \\\n  > a').map((x) => x.file), ['a']);
});
