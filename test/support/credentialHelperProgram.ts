// A docker credential helper for tests: a real program named docker-credential-<name> that
// speaks the helper protocol (get, store, erase, list on standard input and output, "credentials
// not found in native keychain" and exit 1 when it has nothing) and keeps what it is given in a
// JSON file beside itself instead of a keychain, so a test can see where a secret went.
import * as fs from 'node:fs';
import * as path from 'node:path';

const PROGRAM = `
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, 'credentials.json');
const action = process.argv[2];
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const db = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const notFound = () => { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); };
  if (action === 'store') {
    const c = JSON.parse(input);
    db[c.ServerURL] = { Username: c.Username, Secret: c.Secret };
    fs.writeFileSync(file, JSON.stringify(db));
  } else if (action === 'get') {
    const c = db[input.trim()];
    if (!c) notFound();
    process.stdout.write(JSON.stringify({ ServerURL: input.trim(), Username: c.Username, Secret: c.Secret }));
  } else if (action === 'erase') {
    if (!db[input.trim()]) notFound();
    delete db[input.trim()];
    fs.writeFileSync(file, JSON.stringify(db));
  } else if (action === 'list') {
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(db).map(([k, v]) => [k, v.Username]))));
  } else {
    process.stdout.write('unknown action ' + action + '\\n');
    process.exit(1);
  }
});
`;

/** Writes docker-credential-<name> into `dir` (run by this Node); returns where it keeps credentials. */
export function installCredentialHelper(dir: string, name: string): { program: string; store: string } {
  fs.mkdirSync(dir, { recursive: true });
  const program = path.join(dir, `docker-credential-${name}`);
  fs.writeFileSync(program, `#!${process.execPath}\n${PROGRAM}`, { mode: 0o755 });
  return { program, store: path.join(dir, 'credentials.json') };
}

/** What the helper holds (server URL → user and secret). */
export function helperContents(store: string): Record<string, { Username: string; Secret: string }> {
  return fs.existsSync(store) ? JSON.parse(fs.readFileSync(store, 'utf8')) as Record<string, { Username: string; Secret: string }> : {};
}
