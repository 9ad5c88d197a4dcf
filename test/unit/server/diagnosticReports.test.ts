// Every code of the diagnostic code table has its report pinned down somewhere: a case in
// test/unit/dockerfile/rules/reportCases.ts or test/unit/compose/reportCases.ts asserts the exact
// message, range and severity of one firing and a near miss that stays silent. A new rule without
// such a case fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIAGNOSTIC_CODES, codeInfo, type DiagnosticCode } from '../../../server/src/core/diagnosticCodes';
import { DiagnosticSeverity } from '../../../server/src/core/types';
import { DOCKERFILE_REPORT_CASES } from '../dockerfile/rules/reportCases';
import { COMPOSE_REPORT_CASES } from '../compose/reportCases';

const cases = [...DOCKERFILE_REPORT_CASES, ...COMPOSE_REPORT_CASES];

test('every diagnostic code has a message, range and severity case', () => {
  const covered = new Set<string>(cases.map((c) => c.code));
  assert.deepEqual(Object.keys(DIAGNOSTIC_CODES).filter((code) => !covered.has(code)), []);
});

test('each case expects its code\'s default severity (a rule off by default runs as a warning)', () => {
  const bySetting = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint, off: DiagnosticSeverity.Warning };
  for (const c of cases) assert.equal(c.severity, bySetting[codeInfo(c.code as DiagnosticCode).severity], c.code);
});
