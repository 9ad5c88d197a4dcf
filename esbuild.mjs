// Builds dist/. Activation should load as little code as possible, so the extension is split:
//   dist/extension.js   what activation and the explorer's first rows need (the core)
//   dist/features.js    everything else of ours (commands, terminals, run form, compose, registries,
//                       image analysis, the walkthrough…), loaded with require() the first time
//                       something needs it
//   dist/engineParts.js what only some engine calls need (client/src/engine/lazyEngineParts.ts): the
//                       ssh transport for an ssh:// engine, the CLI's credentials for a pull or push
//   dist/vendor/*.js    large packages, each loaded on first use: dockerode (first engine call),
//                       ssh2 (only for an ssh:// engine), the language client (first Dockerfile or
//                       compose file), yaml (first compose file read)
//   dist/server.js      the language server; with serverMain.js and serverWorker.js beside it,
//                       it runs on its own
//   dist/serverWorker.js the body of its worker threads (the host and the language services only),
//                       which start faster from it than from server.js (server.js also works alone)
//   dist/package.json   { "type": "commonjs" }: what Node looks up for each file's module type
// A module of ours lives in exactly one bundle: features.js and engineParts.js reach the core's
// modules through the table extension.js exports (__dwbModules), and features.js reaches
// engineParts.js's the same way, so there is one EngineModel, one EngineError class…
// `--watch` rebuilds on change; `--metafile` writes dist/meta-*.json to see what went where.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMON, ROOT, serverBuilds } from './esbuild.server.mjs';

const watch = process.argv.includes('--watch');
const writeMeta = process.argv.includes('--metafile');

/** Package import → its bundle under dist/vendor. */
const VENDOR = {
  dockerode: 'dockerode',
  ssh2: 'ssh2',
  'vscode-languageclient/node': 'languageclient',
  yaml: 'yaml',
};
const CORE_ENTRY = 'client/src/extension.ts';
const FEATURES_ENTRY = 'client/src/features.ts';
const ENGINE_PARTS_ENTRY = 'client/src/engine/lazyEngineParts.ts';

const STUB = './client/src/engine/buildkitSessionUnsupported.cjs';

/**
 * `import * as vscode from 'vscode'` in each of our modules would copy VS Code's whole API object
 * once per module (esbuild's CommonJS interop); one shared namespace module makes that one copy.
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'dwb-vscode' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'dwb-vscode' }));
    build.onLoad({ filter: /.*/, namespace: 'dwb-vscode' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** Imports of the vendor packages stay require() calls of their own bundles. */
function vendorExternal(fromVendorDir) {
  const filter = new RegExp(`^(${Object.keys(VENDOR).map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
  return {
    name: 'vendor-external',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        return { path: `${fromVendorDir ? '.' : './vendor'}/${VENDOR[args.path]}.js`, external: true };
      });
    },
  };
}

/** features.js is required by the core at run time, never bundled into it. */
const featuresExternal = {
  name: 'features-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/features\.js$/ }, () => ({ path: './features.js', external: true }));
  },
};

/** The core's lazy require('./lazyEngineParts') (dockerodeEngine.ts) stays a require() of dist/engineParts.js. */
const enginePartsExternal = {
  name: 'engine-parts-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/lazyEngineParts$/ }, (args) => (args.kind === 'require-call' ? { path: './engineParts.js', external: true } : undefined));
  },
};

/**
 * docker-modem requires ssh2 (with its crypto set-up, ~400 KB) when it loads, for ssh:// engines
 * only; this makes that require happen when an ssh connection is first made.
 */
const lazySsh2 = {
  name: 'lazy-ssh2',
  setup(build) {
    build.onLoad({ filter: /docker-modem[\\/]lib[\\/]ssh\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const eager = "var Client = require('ssh2').Client,";
      if (!source.includes(eager)) throw new Error(`${args.path} changed: update lazySsh2 in esbuild.mjs`);
      const lazy = "var Client = function () { return new (require('ssh2').Client)(); },";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/** Every module of ours a bundle holds, as paths relative to the repository (`plugins` as it is built with). */
async function modulesOf(entry, plugins) {
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: [entry],
    outdir: path.join(ROOT, 'dist'),
    write: false,
    metafile: true,
    sourcemap: false,
    plugins,
  });
  // Modules taken from another bundle's table are in a namespace ("dwb-core:…"), not files of this one.
  return Object.keys(result.metafile.inputs).filter((file) => !file.includes(':'));
}

/** A bundle's entry: the entry module's exports plus the table of its modules. */
function tableEntry(entry, modules) {
  const lines = [`export * from ${JSON.stringify(`./${entry}`)};`];
  modules.forEach((file, i) => lines.push(`import * as m${i} from ${JSON.stringify(`./${file}`)};`));
  lines.push(`export const __dwbModules = {${modules.map((file, i) => `${JSON.stringify(file)}: m${i}`).join(',')}};`);
  return lines.join('\n');
}

/**
 * A module another bundle holds is taken from that bundle's table instead of bundled again.
 * `owners`: bundle file in dist/ (`./extension.js`) → the modules it holds.
 */
function fromBundles(owners) {
  const ownerOf = new Map();
  for (const [bundle, modules] of Object.entries(owners)) for (const file of modules) ownerOf.set(file, bundle);
  return {
    name: 'from-bundles',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData?.fromBundles || args.kind === 'entry-point' || args.namespace === 'dwb-core') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { fromBundles: true } });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        const relative = path.relative(ROOT, resolved.path).split(path.sep).join('/');
        return ownerOf.has(relative) ? { path: relative, namespace: 'dwb-core' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'dwb-core' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(ownerOf.get(args.path))}).__dwbModules[${JSON.stringify(args.path)}];`,
        loader: 'js',
        resolveDir: ROOT,
      }));
      // The require above is of the owning bundle itself, at run time.
      build.onResolve({ filter: /^\.\/[\w]+\.js$/, namespace: 'dwb-core' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

async function buildOnce() {
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  const corePlugins = [oneVscodeNamespace, vendorExternal(false), featuresExternal, enginePartsExternal];
  const modules = await modulesOf(CORE_ENTRY, corePlugins);
  const enginePartsPlugins = [oneVscodeNamespace, fromBundles({ './extension.js': modules }), vendorExternal(false)];
  const engineParts = await modulesOf(ENGINE_PARTS_ENTRY, enginePartsPlugins);
  const builds = {
    core: {
      ...COMMON,
      stdin: { contents: tableEntry(CORE_ENTRY, modules), resolveDir: ROOT, sourcefile: 'extension-entry.js', loader: 'js' },
      outfile: path.join(ROOT, 'dist', 'extension.js'),
      plugins: corePlugins,
    },
    engineParts: {
      ...COMMON,
      stdin: { contents: tableEntry(ENGINE_PARTS_ENTRY, engineParts), resolveDir: ROOT, sourcefile: 'engine-parts-entry.js', loader: 'js' },
      outfile: path.join(ROOT, 'dist', 'engineParts.js'),
      plugins: enginePartsPlugins,
    },
    features: {
      ...COMMON,
      entryPoints: { features: FEATURES_ENTRY },
      outdir: path.join(ROOT, 'dist'),
      plugins: [oneVscodeNamespace, fromBundles({ './extension.js': modules, './engineParts.js': engineParts }), vendorExternal(false)],
    },
    dockerode: {
      ...COMMON,
      entryPoints: { dockerode: 'dockerode' },
      outdir: path.join(ROOT, 'dist', 'vendor'),
      // dockerode loads a gRPC and protobuf stack for BuildKit sessions, which the extension never opens.
      alias: { '@grpc/grpc-js': STUB, '@grpc/proto-loader': STUB, protobufjs: STUB },
      plugins: [lazySsh2, vendorExternal(true)],
    },
    ssh2: { ...COMMON, entryPoints: { ssh2: 'ssh2' }, outdir: path.join(ROOT, 'dist', 'vendor') },
    languageclient: { ...COMMON, entryPoints: { languageclient: 'vscode-languageclient/node' }, outdir: path.join(ROOT, 'dist', 'vendor') },
    yaml: { ...COMMON, entryPoints: { yaml: 'yaml' }, outdir: path.join(ROOT, 'dist', 'vendor') },
    // server.js, serverMain.js and the workers' serverWorker.js (see esbuild.server.mjs).
    ...serverBuilds(path.join(ROOT, 'dist')),
  };
  const results = await Promise.all(Object.entries(builds).map(async ([name, options]) => [name, await esbuild.build({ ...options, metafile: writeMeta })]));
  // Node reads the nearest package.json for the module type of each file it loads: this tiny one
  // stands in for the 136 kB manifest above dist/ (parsed once per thread otherwise, several ms each).
  fs.writeFileSync(path.join(ROOT, 'dist', 'package.json'), '{ "type": "commonjs" }\n');
  if (writeMeta) for (const [name, result] of results) fs.writeFileSync(path.join(ROOT, 'dist', `meta-${name}.json`), JSON.stringify(result.metafile));
  return modules;
}

await buildOnce();
if (watch) {
  // The split depends on what the core imports, so a change rebuilds everything (about a second).
  let timer;
  let running = Promise.resolve();
  const rebuild = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(buildOnce).then(() => console.log(`[watch] rebuilt at ${new Date().toLocaleTimeString()}`), (error) => console.error(error));
    }, 100);
  };
  for (const folder of ['client/src', 'server/src']) fs.watch(path.join(ROOT, folder), { recursive: true }, rebuild);
  console.log('[watch] watching client/src and server/src');
}
