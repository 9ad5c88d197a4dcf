// Precision of the Dockerfile diagnostics on the repository's corpus of real files
// (test/fixtures/corpus/dockerfiles), against the hand-made labels in bench/precision/labels.tsv.
// Prints, for our default severities and for hadolint's rule set at its documented severities,
// how many diagnostics are drawn (error, warning, information) per rule and how many of them are
// true, noise or wrong. Exits 1 when a diagnostic has no label or a label matches no diagnostic.
//   npm run precision              the tables
//   npm run precision -- --todo    also prints label lines to fill in for unlabelled diagnostics
import { checkLabels, corpusFiles, corpusFindings, hadolintPipefailCount, keyOf, precision, readLabels, score } from '../test/harness/precision.ts';

const todo = process.argv.includes('--todo');
const { labels, problems } = readLabels();
const modes = [
  ['ours', 'Docker Workbench, default severities'],
  ['hadolint', 'hadolint rule set (DL rules at hadolint\'s default severities; our implementations)'],
];
const all = [];
const pct = (x) => `${(100 * x).toFixed(1)}%`;

console.log(`Corpus: ${corpusFiles().length} Dockerfiles in test/fixtures/corpus/dockerfiles; ${labels.size} labels.\n`);
for (const [mode, title] of modes) {
  const findings = corpusFindings(mode);
  all.push(...findings);
  const { rules, total } = score(findings, labels);
  console.log(`## ${title}\n`);
  console.log('| rule | drawn | true | noise | wrong | precision |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rules) console.log(`| ${r.rule} | ${r.drawn} | ${r.true} | ${r.noise} | ${r.wrong} | ${pct(precision(r))} |`);
  console.log(`| **all** | **${total.drawn}** | **${total.true}** | **${total.noise}** | **${total.wrong}** | **${pct(precision(total))}** |`);
  const files = new Set(findings.map((f) => f.file)).size;
  console.log(`\n${total.drawn} drawn on ${files} of ${corpusFiles().length} files; noise or wrong: ${total.noise + total.wrong} (${pct(total.drawn ? (total.noise + total.wrong) / total.drawn : 0)}).\n`);
  if (mode === 'hadolint') {
    const pipes = hadolintPipefailCount();
    const ours = findings.filter((f) => f.rule === 'pipefail').length;
    console.log(`hadolint itself draws more: its DL4006 reports every RUN with a pipe and no pipefail, ${pipes} RUNs on this corpus, where our pipefail rule reports ${ours} (the pipelines whose failure can go unnoticed).\n`);
  }
}

const { unlabelled, stale } = checkLabels(all, labels);
const uniqueUnlabelled = [...new Map(unlabelled.map((f) => [keyOf(f), f])).values()];
for (const p of problems) console.error(p);
for (const f of uniqueUnlabelled) {
  console.error(`unlabelled: ${f.file}:${f.line}:${f.column} ${f.rule}: ${f.message}\n    | ${f.text}`);
  if (todo) console.log(`${keyOf(f)}\t?\t${f.message}`);
}
for (const l of stale) console.error(`stale label (no such diagnostic any more): labels.tsv:${l.at} ${l.key.replace(/\t/g, ' ')}`);
if (problems.length > 0 || uniqueUnlabelled.length > 0 || stale.length > 0) {
  console.error(`\n${uniqueUnlabelled.length} unlabelled, ${stale.length} stale, ${problems.length} malformed: label each diagnostic on purpose in bench/precision/labels.tsv.`);
  process.exit(1);
}
