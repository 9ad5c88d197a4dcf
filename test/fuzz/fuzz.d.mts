// Types for fuzz.mjs, for TypeScript tests.
export interface FuzzStats {
  edits: number;
  requests: number;
  validations: number;
  comparisons: number;
  crashes: number;
  hangs: number;
  errorResponses: number;
  loggedErrors: number;
  invalid: number;
  mismatches: number;
  slow: number;
  maxRequestMs: number;
  peakRssMb: number;
  sessions: number;
  failures: string[];
}
export function runFuzz(options: { edits?: number; seed?: number; server?: string; log?: (message: string) => void }): Promise<FuzzStats>;
export function checkAnswer(method: string, params: unknown, result: unknown, doc: unknown, uri: string, workspace: string): string[];
