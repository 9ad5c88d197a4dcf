// Seeded random edits straight into the Dockerfile service, in this process: the same edits as
// fuzz.mjs, but every validated version is compared with a parse and validation from scratch, and
// which versions get validated (as a burst of edits in an editor validates only its last) and
// which run past their deadline are drawn at random too. About ten times the edits per second of
// the fuzzer over LSP, and reproducible: a mismatch names its seed and saves the versions
// validated in its session, so `--replay <file>` runs them again.
//
//   node --import tsx test/fuzz/incrementalFuzz.ts --edits 100000 --seed 7 [--timing] [--save-dir DIR]
//   node --import tsx test/fuzz/incrementalFuzz.ts --replay DIR/incremental-mismatch-7-12-33.json
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus, Doc, random, randomEdit } from './fuzz.mjs';
import { dockerfileLanguageService as service, validateDockerfile } from '../../server/src/core/dockerfile/dockerfileLanguageService';
import type { ServiceContext } from '../../server/src/core/languageService';
import type { Diagnostic } from '../../server/src/core/types';

const SESSION_EDITS = 400;
const CONTEXT: ServiceContext = {
  facts: { images: [], builtImages: [] },
  settings: { rules: {} },
  files: { exists: () => false, readText: () => undefined, list: () => [] },
  openDocuments: () => [],
};

/** One validated version: its text, and the deadline it ran with (ms from the start; -1: already passed). */
export interface Validated {
  text: string;
  deadline?: number;
}

export interface IncrementalFuzzStats {
  edits: number;
  validations: number;
  comparisons: number;
  /** Validations stopped by their deadline (not compared: what they hold depends on time). */
  timedOut: number;
  mismatches: number;
  failures: string[];
}

const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}`;
const timedOut = (list: Diagnostic[]) => list.some((d) => d.code === 'analysis-limit' && /seconds/.test(d.message));

/** Validates the versions in order as one open document; the first version whose diagnostics differ from a fresh validation's, or -1. */
export function replay(versions: readonly Validated[], uri = 'file:///fuzz/replay/Dockerfile'): { at: number; incremental: string[]; fresh: string[] } | undefined {
  try {
    for (let k = 0; k < versions.length; k++) {
      const v = versions[k]!;
      const context = v.deadline === undefined ? CONTEXT : { ...CONTEXT, deadline: performance.now() + v.deadline };
      const incremental = service.validate!({ uri, version: k + 1, getText: () => v.text }, context);
      if (timedOut(incremental)) continue;
      const fresh = validateDockerfile(v.text, CONTEXT, uri);
      if (JSON.stringify(incremental) !== JSON.stringify(fresh)) return { at: k, incremental: incremental.map(key), fresh: fresh.map(key) };
    }
    return undefined;
  } finally {
    service.forget!(uri);
  }
}

/**
 * `rate`: the share of versions validated. `timing`: some validations get a deadline a few ms
 * ahead (where they stop depends on the machine); without it a drawn deadline has already passed,
 * so the run is the same on every machine.
 */
export function runIncrementalFuzz({ edits = 1000, seed = 1, rate = 0.3, timing = false, saveDir }: { edits?: number; seed?: number; rate?: number; timing?: boolean; saveDir?: string } = {}): IncrementalFuzzStats {
  const rng = random(seed);
  const all = corpus();
  const files = all.filter((f) => f.language === 'dockerfile');
  const stats: IncrementalFuzzStats = { edits: 0, validations: 0, comparisons: 0, timedOut: 0, mismatches: 0, failures: [] };
  let session = 0;
  while (stats.edits < edits) {
    session++;
    const doc = new Doc(rng.pick(files).text);
    const uri = `file:///fuzz/s${session}/Dockerfile`;
    const validated: Validated[] = [];
    try {
      for (let n = 0; n < SESSION_EDITS && stats.edits < edits; n++) {
        const { next } = randomEdit(rng, doc, 'dockerfile', all);
        doc.set(next);
        stats.edits++;
        if (!rng.chance(rate)) continue;
        const drawn = rng.chance(0.1) ? (timing && rng.chance(0.5) ? rng.int(4) : -1) : undefined;
        const version: Validated = drawn === undefined ? { text: next } : { text: next, deadline: drawn };
        validated.push(version);
        const context = drawn === undefined ? CONTEXT : { ...CONTEXT, deadline: performance.now() + drawn };
        const incremental = service.validate!({ uri, version: validated.length, getText: () => next }, context);
        stats.validations++;
        if (timedOut(incremental)) {
          stats.timedOut++;
          continue;
        }
        const fresh = validateDockerfile(next, CONTEXT, uri);
        stats.comparisons++;
        if (JSON.stringify(incremental) === JSON.stringify(fresh)) continue;
        stats.mismatches++;
        let saved = '';
        if (saveDir) {
          saved = path.join(saveDir, `incremental-mismatch-${seed}-${session}-${n}.json`);
          fs.writeFileSync(saved, JSON.stringify(validated));
        }
        if (stats.failures.length < 20) stats.failures.push(`mismatch (seed ${seed}, session ${session}, edit ${n}${saved ? `, saved to ${saved}` : ''}): incremental [${incremental.map(key).join(' ')}] fresh [${fresh.map(key).join(' ')}]`);
        break; // the rest of this session would differ on from the same cause
      }
    } finally {
      service.forget!(uri);
    }
  }
  return stats;
}

function main(argv: string[]): number {
  const value = (name: string) => {
    const k = argv.indexOf(name);
    return k >= 0 ? argv[k + 1] : undefined;
  };
  const replayFile = value('--replay');
  if (replayFile) {
    const found = replay(JSON.parse(fs.readFileSync(replayFile, 'utf8')) as Validated[]);
    console.log(found ? `version ${found.at} differs:\n incremental [${found.incremental.join(' ')}]\n fresh [${found.fresh.join(' ')}]` : 'no difference');
    return found ? 1 : 0;
  }
  const started = performance.now();
  const stats = runIncrementalFuzz({
    edits: Number(value('--edits') ?? 1000),
    seed: Number(value('--seed') ?? 1),
    rate: Number(value('--rate') ?? 0.3),
    timing: argv.includes('--timing'),
    saveDir: value('--save-dir') ?? os.tmpdir(),
  });
  const { failures, ...counts } = stats;
  console.log(JSON.stringify({ ...counts, seconds: Math.round((performance.now() - started) / 1000) }, null, 2));
  for (const f of failures) console.log(`- ${f}`);
  return stats.mismatches > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
