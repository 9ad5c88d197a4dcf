// Types for pathologicalInputs.mjs, for TypeScript tests.
export interface PathologicalInput {
  name: string;
  language: 'dockerfile' | 'dockercompose';
  file: string;
  text(): string;
}
export const PATHOLOGICAL_INPUTS: PathologicalInput[];
export function mergeBomb(levels: number): string;
export function doubling(kind: 'ENV' | 'ARG', lines: number): string;
