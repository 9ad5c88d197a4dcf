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
/** mulberry32: the same sequence everywhere for a seed. */
export interface Random {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}
export function random(seed: number): Random;
export interface CorpusFile {
  name: string;
  language: 'dockerfile' | 'dockercompose';
  text: string;
}
/** The repository's corpus (test/fixtures/corpus): Dockerfiles, parser edge cases, compose files. */
export function corpus(): CorpusFile[];
/** A text with LSP line starts. */
export class Doc {
  constructor(text: string);
  text: string;
  starts: number[];
  set(text: string): void;
}
export function randomEdit(rng: Random, doc: Doc, language: string, files: readonly CorpusFile[]): { change: { range: unknown; text: string }; next: string };
