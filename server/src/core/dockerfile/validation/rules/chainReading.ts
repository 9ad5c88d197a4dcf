// Rules that follow what a stage's steps bring in (programs, packages, the project's files) read
// its FROM chain forward: root first, each stage from where its parent ended. Stages checked
// together share parents, so each stage is read once per validation; the stage being checked is
// read again so that it can report.
import type { Analysis } from '../../analysis/analysis';
import type { Stage } from '../../syntax/ast';

/**
 * Reads the chain of `stage` root first into `ends` (a stage's end by its index, kept across the
 * stages of one validation): `read` gets each stage not read yet, and the stage itself with
 * `target` true, and returns where the stage ends (it finds its parent's end in `ends`).
 */
export function readChainForward<T>(a: Analysis, stage: Stage, ends: Map<number, T>, read: (s: Stage, target: boolean) => T): void {
  for (const s of [...a.chainOf(stage)].reverse()) {
    if (s !== stage && ends.has(s.index)) continue;
    ends.set(s.index, read(s, s === stage));
  }
}
