// Every compose check's report, exactly: message, range and severity of one firing, and silence on
// a near miss (the cases are in reportCases.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findings, validate } from './helpers';
import { COMPOSE_REPORT_CASES } from './reportCases';

for (const c of COMPOSE_REPORT_CASES) {
  test(`${c.code}: message, range and severity of one report; none on the near miss`, () => {
    const [first] = findings(validate(c.bad, { files: c.files }, c.uri), c.code);
    assert.ok(first, `${c.code} should report:\n${c.bad}`);
    const [startLine, startCharacter, endLine, endCharacter] = c.range;
    assert.deepEqual(
      { message: first.message, range: first.range, severity: first.severity },
      { message: c.message, range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } }, severity: c.severity },
    );
    const near = findings(validate(c.good, { files: c.files }, c.uri), c.code);
    assert.deepEqual(near.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`), [], `${c.code} should not report:\n${c.good}`);
  });
}
