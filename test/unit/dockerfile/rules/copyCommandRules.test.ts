import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('copy command rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'cp-missing-destination', bad: 'FROM node:22\nCMD cp -r build\n', good: 'FROM node:22\nCMD cp -r build result_build\n', line: 1 },
  ], assert);
});

test('cp-missing-destination: cp or mv with one operand, in a RUN, a shell-form CMD and an exec form (round 75: CMD cp -r build)', () => {
  const found = (text: string) => runRule('cp-missing-destination', text).map((d) => [d.range.start.line, d.message]);
  assert.deepEqual(found('FROM a\nRUN npm run build && mv dist\nCMD ["cp", "-r", "build"]\n'), [
    [1, 'mv has one operand, dist, and no destination: it stops with "missing destination file operand". Write where to move it.'],
    [2, 'cp has one operand, build, and no destination: it stops with "missing destination file operand". Write where to copy it.'],
  ]);
  assert.equal(found('FROM a\nRUN sudo cp -a "my file"\n').length, 1);
});

test('cp-missing-destination: not with a destination, -t, a variable or a pattern, nor cp as another command\'s argument', () => {
  for (const text of [
    'FROM a\nRUN cp -r build /out && mv a b\n',
    'FROM a\nRUN cp -t /out build\nRUN cp --target-directory=/out build\n',
    'FROM a\nRUN cp $FILES\nRUN cp *.conf\nRUN cp {a,b}\nRUN cp "$(ls | head -2)"\n',
    'FROM a\nRUN find . -name x -exec cp {} \\;\nRUN ls | xargs cp\n',
    'FROM a\nRUN cp --help\nRUN cp -S .bak\n',
    'FROM a\nENTRYPOINT ["cp", "-r"]\nCMD ["a", "b"]\n',
    'FROM a\nRUN ./cp x\n',
  ]) assert.deepEqual(runRule('cp-missing-destination', text), [], text);
});
