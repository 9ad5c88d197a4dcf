// The FROM chain of a stage: the stage, the stage its FROM names, that stage's, and so on up to
// the stage whose FROM names an image (its root). Rules and features that look "up" a chain (the
// shell, WORKDIR, users, CMD/ENTRYPOINT in effect, the base image) all walk it with this.
// Analysis only links a FROM to an earlier stage, so a chain is acyclic there; the walk is still
// bounded by the number of stages, so a parent function with a cycle cannot make it loop.

/** The stage a stage is built FROM, or a negative number for an image. */
export type ParentOf = (stage: number) => number;

/** Stage indexes from `stage` (first) to its root (last), at most `stageCount` of them. */
export function* fromChain(parentOf: ParentOf, stage: number, stageCount: number): Generator<number, void, undefined> {
  for (let s = stage, steps = 0; s >= 0 && steps < stageCount; s = parentOf(s), steps++) yield s;
}

/**
 * The root of every stage's chain, in one pass that visits each stage once. On a cycle (which
 * Analysis never builds) the walk stops at the first stage it would visit again, and the stage
 * before that one is the root.
 */
export function chainRoots(parentOf: ParentOf, stageCount: number): Int32Array {
  const roots = new Int32Array(stageCount).fill(-1);
  // The walk that last visited a stage, so a walk that meets itself knows it went round.
  const walkOf = new Int32Array(stageCount).fill(-1);
  const path: number[] = [];
  for (let start = 0; start < stageCount; start++) {
    if (roots[start]! >= 0) continue;
    path.length = 0;
    let root = -1;
    for (let s = start; ; ) {
      walkOf[s] = start;
      path.push(s);
      const parent = parentOf(s);
      if (parent < 0 || parent >= stageCount || walkOf[parent] === start) {
        root = s;
        break;
      }
      if (roots[parent]! >= 0) {
        root = roots[parent]!;
        break;
      }
      s = parent;
    }
    for (const s of path) roots[s] = root;
  }
  return roots;
}
