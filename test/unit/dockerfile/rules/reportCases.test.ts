// Every Dockerfile rule's report, exactly: message, range and severity of one firing, and silence
// on a near miss (the cases are in reportCases.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../helpers';
import { DOCKERFILE_REPORT_CASES } from './reportCases';

for (const c of DOCKERFILE_REPORT_CASES) {
  test(`${c.code}: message, range and severity of one report; none on the near miss`, () => {
    const [first] = runRule(c.code, c.bad, c.ctx?.(), c.uri);
    assert.ok(first, `${c.code} should report:\n${c.bad}`);
    const [startLine, startCharacter, endLine, endCharacter] = c.range;
    assert.deepEqual(
      { code: first.code, message: first.message, range: first.range, severity: first.severity },
      { code: c.code, message: c.message, range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } }, severity: c.severity },
    );
    assert.deepEqual(runRule(c.code, c.good, c.ctx?.(), c.uri).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`), [], `${c.code} should not report:\n${c.good}`);
  });
}
