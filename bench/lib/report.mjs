// Prints side-by-side rows for the language-server benchmarks.
import { percentile } from '../../test/harness/lspPeer.mjs';

const f = (n) => (n === undefined || Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1));

export function summarize(result) {
  return {
    open: result.openMs,
    editP50: percentile(result.editMs, 0.5),
    editP95: percentile(result.editMs, 0.95),
    completionP95: percentile(result.completionMs, 0.95),
    hoverP95: percentile(result.hoverMs, 0.95),
    peakMb: result.peakMb,
  };
}

export function printComparison(title, ours, peer, peerName) {
  console.log(`\n${title}`);
  console.log(`${'measure'.padEnd(28)}${'Docker Workbench'.padStart(20)}${peerName.padStart(28)}${'ratio'.padStart(10)}`);
  for (const [key, label] of [['open', 'open → diagnostics'], ['editP50', 'edit → diagnostics p50'], ['editP95', 'edit → diagnostics p95'], ['completionP95', 'completion p95'], ['hoverP95', 'hover p95'], ['peakMb', 'peak memory (MB)']]) {
    const ratio = ours[key] > 0 && peer[key] > 0 ? `${(peer[key] / ours[key]).toFixed(1)}x` : '-';
    console.log(`${label.padEnd(28)}${f(ours[key]).padStart(20)}${f(peer[key]).padStart(28)}${ratio.padStart(10)}`);
  }
}
