// Every bundle the build writes and every bundle the code loads at run time is in the .vsix: a
// bundle left out by .vscodeignore works from the repository and fails for every user (it happened
// once: dist/engineParts.js, caught only by the e2e tier). Read from the build scripts and the
// sources, so a new bundle needs no change here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');

/** .vscodeignore's patterns in order; like vsce, the last one that matches a path decides. */
function shipped(file: string): boolean {
  let keep = true;
  for (const raw of read('.vscodeignore').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const glob = negated ? line.slice(1) : line;
    // Only what this file uses: `**`, `*` and literal characters.
    assert.match(glob, /^[\w./*-]+$/, `a pattern this test can read: ${line}`);
    const source = glob.split('**').map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('.*');
    if (new RegExp(`^${source}$`).test(file)) keep = negated;
  }
  return keep;
}

/** The files the build scripts write into dist/ (entry points and outfiles). */
function builtBundles(): string[] {
  const out = new Set<string>();
  for (const script of ['esbuild.mjs', 'esbuild.server.mjs']) {
    const text = read(script);
    for (const m of text.matchAll(/outfile: path\.join\(ROOT, 'dist', '([\w.]+)'\)/g)) out.add(`dist/${m[1]}`);
    for (const m of text.matchAll(/entryPoints: \{ (\w+): [^}]*\}([^\n]*)/g)) {
      const vendor = /'dist', 'vendor'/.test(m[2]!) || /^(dockerode|ssh2|languageclient|yaml)$/.test(m[1]!);
      out.add(`dist/${vendor ? 'vendor/' : ''}${m[1]}.js`);
    }
  }
  return [...out].sort();
}

/** Bundles the code names as files beside its own at run time (`require('./features.js')`, `path.join(__dirname, 'serverMain.js')`). */
function loadedBundles(): string[] {
  const out = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO, folder), { withFileTypes: true })) {
      const rel = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts')) {
        const text = read(rel);
        for (const m of text.matchAll(/require\(['"]\.\/(\w+\.js)['"]\)|path\.join\(__dirname, ['"](\w+\.js)['"]\)/g)) out.add(`dist/${m[1] ?? m[2]}`);
      }
    }
  };
  walk('client/src');
  walk('server/src');
  return [...out].sort();
}

test('the build scripts are read: the known bundles are among what they write', () => {
  const built = builtBundles();
  for (const known of ['dist/extension.js', 'dist/features.js', 'dist/engineParts.js', 'dist/server.js', 'dist/serverMain.js', 'dist/serverWorker.js', 'dist/vendor/dockerode.js']) {
    assert.ok(built.includes(known), `${known} in ${built.join(', ')}`);
  }
});

test('every bundle the build writes is shipped by .vscodeignore', () => {
  const missing = builtBundles().filter((file) => !shipped(file));
  assert.deepEqual(missing, []);
});

test('every bundle the code loads at run time is one the build writes and .vscodeignore ships', () => {
  const built = new Set(builtBundles());
  const loaded = loadedBundles();
  assert.ok(loaded.includes('dist/features.js') && loaded.includes('dist/serverMain.js'), loaded.join(', '));
  assert.deepEqual(loaded.filter((file) => !built.has(file) || !shipped(file)), []);
});

test('the matcher reads .vscodeignore as vsce does: sources, maps and tests stay out', () => {
  for (const file of ['dist/extension.js.map', 'client/src/extension.ts', 'test/unit/lint/packagedBundles.test.ts', 'dist/meta-core.json', 'node_modules/yaml/package.json']) {
    assert.equal(shipped(file), false, file);
  }
  // dist/package.json (written by esbuild.mjs) spares Node the manifest's 136 kB for every module type lookup.
  for (const file of ['package.json', 'dist/package.json', 'README.md', 'media/icon.png', 'l10n/bundle.l10n.zh-cn.json']) assert.equal(shipped(file), true, file);
});
