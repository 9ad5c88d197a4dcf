// Dockerfile language-server benchmark, side by side in one run with rcjsuen's
// dockerfile-language-server-nodejs (what Microsoft's Container Tools bundles), over stdio, on
// generated Dockerfiles of about 100, 1,000 and 10,000 lines. Ours runs its full rule set
// (including the shell-aware rules). Needs `npm run build` first.
import * as path from 'node:path';
import { REPO } from '../test/harness/tiers.mjs';
import { measureServer } from '../test/harness/lspPeer.mjs';
import { printComparison, summarize } from './lib/report.mjs';
import { peerServer } from './lib/peers.mjs';
import { generatedDockerfile as dockerfile } from './lib/generatedInputs.mjs';

const SIZES = (process.env.SIZES || '100,1000,10000').split(',').map(Number);
const EDITS = Number(process.env.EDITS || 100);

for (const lines of SIZES) {
  const text = dockerfile(lines);
  const all = text.split('\n');
  const target = all.findIndex((l, i) => i > all.length / 2 && l.startsWith('RUN npm run build')); // a RUN in the middle
  const end = all[target].length;
  const scenario = {
    languageId: 'dockerfile',
    uri: `file:///tmp/bench-dockerfile-${lines}/Dockerfile`,
    text,
    edit: (i) => (i % 2 === 0
      ? { range: { start: { line: target, character: end }, end: { line: target, character: end } }, text: 'x' }
      : { range: { start: { line: target, character: end }, end: { line: target, character: end + 1 } }, text: '' }),
    // Completion of a variable after `${` and hover on an instruction keyword, in the middle of the file.
    completionAt: { line: target, character: all[target].indexOf('${') + 2 },
    hoverAt: { line: target, character: 1 },
    edits: EDITS,
    requests: 100,
  };
  const ours = await measureServer({ ...scenario, command: process.execPath, args: [path.join(REPO, 'dist', 'server.js'), '--stdio'] });
  const peer = await measureServer({ ...scenario, command: process.execPath, args: [peerServer('dockerfile-language-server'), '--stdio'] });
  printComparison(`Dockerfile of ${all.length} lines (diagnostics at open: ours ${ours.diagnostics}, peer ${peer.diagnostics})`, summarize(ours), summarize(peer), 'dockerfile-language-server');
}
