// The diagnostics ours and the peer language servers publish for every Dockerfile and compose file
// under a folder, as an editor opened on that folder would get them: each server is started once
// with the folder as its workspace (so ours reads a file's sibling compose files, .dockerignore...),
// and each file is opened, its diagnostics taken, and closed again. Prints the counts by severity
// for each server and kind; --list prints every diagnostic (`server<TAB>file:line:col<TAB>severity
// <TAB>code<TAB>message`) for labelling. For the folders of real files the precision sections of
// BENCHMARKS.md read (those are not in the repository: their licences vary). --skip=code,code leaves
// codes out (compose-missing-file where only the compose files of a repository were copied).
//   npm run build && node bench/diagnosticsSideBySide.mjs <folder> [--list] [--skip=code,...] [--servers=ours] [--files=<list>]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspPeer } from '../test/harness/lspPeer.mjs';
import { REPO } from '../test/harness/tiers.mjs';
import { peerServer } from './lib/peers.mjs';

const folder = path.resolve(process.argv[2] ?? '.');
const list = process.argv.includes('--list');
const skip = new Set((process.argv.find((a) => a.startsWith('--skip='))?.slice('--skip='.length) ?? '').split(',').filter(Boolean));
// --servers=ours runs only the servers named; --files=<list> only the files the list names (paths relative to the folder), for
// a repository checked out whole where only some of its files are read.
const only = process.argv.find((a) => a.startsWith('--servers='))?.slice('--servers='.length).split(',');
const listed = process.argv.find((a) => a.startsWith('--files='));
const named = listed ? new Set(fs.readFileSync(listed.slice('--files='.length), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)) : undefined;
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
/** A peer may publish nothing for a file it finds nothing in: this long without a publish counts as none. */
const QUIET_MS = 3000;

function filesOf(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesOf(full));
    // Dockerfile.dev.dockerignore is an ignore file, as VS Code reads it (its longer pattern *.dockerignore wins).
    else if (/\.(docker|container)ignore$/i.test(entry.name)) continue;
    else if (/dockerfile|containerfile/i.test(entry.name)) out.push({ file: full, languageId: 'dockerfile' });
    else if (/\.ya?ml$/i.test(entry.name)) out.push({ file: full, languageId: 'dockercompose' });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

const servers = [
  { name: 'ours', kinds: ['dockerfile', 'dockercompose'], args: () => [path.join(REPO, 'dist', 'server.js'), '--stdio'] },
  { name: 'dockerfile-language-server', kinds: ['dockerfile'], args: () => [peerServer('dockerfile-language-server'), '--stdio'] },
  { name: 'compose-language-service', kinds: ['dockercompose'], args: () => [peerServer('compose-language-service'), '--stdio'], options: { diagnosticDelay: 0 } },
];

const files = filesOf(folder).filter((f) => !named || named.has(path.relative(folder, f.file)));
const totals = [];
for (const server of servers.filter((s) => !only || only.includes(s.name))) {
  const peer = new LspPeer(process.execPath, server.args());
  const root = pathToFileURL(folder).href;
  try {
    await peer.request('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'files' }], capabilities: { textDocument: { publishDiagnostics: {} } }, initializationOptions: server.options });
    peer.notify('initialized', {});
    const counts = {};
    for (const { file, languageId } of files) {
      if (!server.kinds.includes(languageId)) continue;
      const uri = pathToFileURL(file).href;
      const published = peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, QUIET_MS).catch(() => ({ params: { diagnostics: [] } }));
      peer.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: fs.readFileSync(file, 'utf8') } });
      const { diagnostics } = (await published).params;
      peer.notify('textDocument/didClose', { textDocument: { uri } });
      for (const d of diagnostics) {
        if (skip.has(String(d.code))) continue;
        const severity = SEVERITY[d.severity ?? 1];
        const key = `${languageId} ${severity}`;
        counts[key] = (counts[key] ?? 0) + 1;
        if (list) console.log(`${server.name}\t${path.relative(folder, file)}:${d.range.start.line + 1}:${d.range.start.character + 1}\t${severity}\t${d.code ?? ''}\t${String(d.message).replace(/\s+/g, ' ').slice(0, 200)}`);
      }
    }
    totals.push([server.name, counts]);
  } finally {
    await peer.stop();
  }
}
console.log(`\n${files.length} files under ${folder}\n\n| Server | Kind | Errors | Warnings | Information | Hints |\n| --- | --- | ---: | ---: | ---: | ---: |`);
for (const [name, counts] of totals) {
  for (const kind of ['dockerfile', 'dockercompose']) {
    const row = ['error', 'warning', 'information', 'hint'].map((s) => counts[`${kind} ${s}`] ?? 0);
    if (row.some((n) => n > 0) || servers.find((s) => s.name === name).kinds.includes(kind)) console.log(`| ${name} | ${kind} | ${row.join(' | ')} |`);
  }
}
