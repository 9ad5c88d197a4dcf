// Reports kept between validations: offsets relative to the start of their unit, so that a unit
// an edit moved keeps its reports by changing one number. Data offsets are the ones Report.data
// declares (DATA_OFFSETS, DATA_SPANS).
import type { Span } from '../syntax/ast';
import { DATA_OFFSETS, DATA_SPANS, type Report } from './rules/rule';

export interface KeptReport {
  /** Index in the active rules. */
  rule: number;
  start: number;
  end: number;
  message: string;
  peer?: string;
  severity?: Report['severity'];
  data?: Record<string, unknown>;
  /** The data holds document offsets. */
  offsets: boolean;
}

function moveData(data: Record<string, unknown>, by: number): { data: Record<string, unknown>; offsets: boolean } {
  const out = { ...data };
  let offsets = false;
  for (const key of DATA_OFFSETS) {
    if (typeof out[key] !== 'number') continue;
    out[key] = out[key] + by;
    offsets = true;
  }
  for (const key of DATA_SPANS) {
    const s = out[key] as Span | undefined;
    if (!s || typeof s !== 'object') continue;
    out[key] = { start: s.start + by, end: s.end + by };
    offsets = true;
  }
  return { data: out, offsets };
}

export function keepReport(rule: number, r: Report, base: number): KeptReport {
  const kept: KeptReport = { rule, start: r.span.start - base, end: r.span.end - base, message: r.message, offsets: false };
  if (r.peer !== undefined) kept.peer = r.peer;
  if (r.severity !== undefined) kept.severity = r.severity;
  if (r.data) {
    const moved = moveData(r.data, -base);
    kept.data = moved.data;
    kept.offsets = moved.offsets;
  }
  return kept;
}

export function restoreReport(r: KeptReport, base: number): Report {
  const report: Report = { span: { start: r.start + base, end: r.end + base }, message: r.message };
  if (r.peer !== undefined) report.peer = r.peer;
  if (r.severity !== undefined) report.severity = r.severity;
  if (r.data) report.data = r.offsets ? moveData(r.data, base).data : r.data;
  return report;
}

/** The same report `by` characters further on in its unit (an instruction after an edit moved). */
export function movedReport(r: KeptReport, by: number): KeptReport {
  const moved: KeptReport = { ...r, start: r.start + by, end: r.end + by };
  if (r.data && r.offsets) moved.data = moveData(r.data, by).data;
  return moved;
}
