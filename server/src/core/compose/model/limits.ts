// Budgets the compose model keeps to (merge work, nesting), and where a file hit one. A hit is
// noted on the file and reported once, at the place that hit it, by runChecks; the model then
// answers with what it has instead of expanding further.
import type { ComposeFile } from './composeFile';

export interface LimitHit {
  start: number;
  end: number;
  message: string;
}

const HITS = {};

/** Notes that a budget was hit at a place (once per place). */
export function noteLimit(file: ComposeFile, hit: LimitHit): void {
  let list = file.memo.get(HITS) as LimitHit[] | undefined;
  if (!list) file.memo.set(HITS, (list = []));
  if (!list.some((h) => h.start === hit.start && h.message === hit.message)) list.push(hit);
}

/** The budgets the file hit so far, in the order they were hit. */
export function limitsHit(file: ComposeFile): readonly LimitHit[] {
  return (file.memo.get(HITS) as LimitHit[] | undefined) ?? [];
}
