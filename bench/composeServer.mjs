// Compose language-server benchmark, side by side in one run with Microsoft's
// @microsoft/compose-language-service, over stdio, on generated compose files of 10, 100 and
// 1,000 services. Ours runs every check (schema and meaning); the peer checks YAML syntax only and
// waits about a second before publishing. Needs `npm run build` first.
import * as path from 'node:path';
import { REPO } from '../test/harness/tiers.mjs';
import { measureServer } from '../test/harness/lspPeer.mjs';
import { printComparison, summarize } from './lib/report.mjs';
import { peerServer } from './lib/peers.mjs';

const SIZES = (process.env.SIZES || '10,100,1000').split(',').map(Number);
const OUR_EDITS = Number(process.env.EDITS || 100);
const PEER_EDITS = Number(process.env.PEER_EDITS || 20);

function composeFile(services) {
  const lines = ['name: bench', 'services:'];
  for (let i = 0; i < services; i++) {
    lines.push(`  svc${i}:`, `    image: registry.example/team/app${i % 7}:1.${i % 10}`, '    restart: unless-stopped',
      `    ports: ["127.0.0.1:${20000 + i}:80"]`, '    environment:', `      - NAME=svc${i}`, '      - URL=${BASE_URL:-http://localhost}',
      `    volumes: ["data${i % 5}:/data"]`, '    networks: [backend]', ...(i > 0 ? ['    depends_on:', `      - svc${i - 1}`] : []),
      '    healthcheck:', '      test: ["CMD", "true"]', '      interval: 30s');
  }
  lines.push('volumes:', ...Array.from({ length: 5 }, (_, i) => `  data${i}: {}`), 'networks:', '  backend: {}', '');
  return lines.join('\n');
}

for (const services of SIZES) {
  const text = composeFile(services);
  const lines = text.split('\n');
  const target = lines.findIndex((l) => l.startsWith(`  svc${Math.floor(services / 2)}:`)) + 1; // its image line
  const imageLine = lines[target];
  const scenario = {
    languageId: 'dockercompose',
    uri: `file:///tmp/bench-compose-${services}/compose.yaml`,
    text,
    // Alternately add and remove one character at the end of an image tag.
    edit: (i) => (i % 2 === 0
      ? { range: { start: { line: target, character: imageLine.length }, end: { line: target, character: imageLine.length } }, text: '1' }
      : { range: { start: { line: target, character: imageLine.length }, end: { line: target, character: imageLine.length + 1 } }, text: '' }),
    completionAt: { line: target + 1, character: 4 },
    hoverAt: { line: target + 1, character: 6 },
    requests: 50,
  };
  const ours = await measureServer({ ...scenario, command: process.execPath, args: [path.join(REPO, 'dist', 'server.js'), '--stdio'], edits: OUR_EDITS });
  const peer = await measureServer({ ...scenario, command: process.execPath, args: [peerServer('compose-language-service'), '--stdio'], edits: PEER_EDITS });
  printComparison(`compose file with ${services} services (${lines.length} lines; ours: ${ours.diagnostics} diagnostics at open, peer: ${peer.diagnostics})`, summarize(ours), summarize(peer), 'compose-language-service');
}
