// Extracts the English message bundles from the sources, reproducibly (`npm run l10n`):
//   l10n/bundle.l10n.json         every vscode.l10n.t(...) / l10n.t(...) in client/src
//   server/l10n/bundle.l10n.json  every t(...) imported from server/src/core/l10n in server/src,
//                                 then every "description" of the compose schema (shown through tData)
// Both follow the @vscode/l10n convention: the key is the English text with {0}-style
// placeholders, and the value is the same text (or { message, comment } for the object form).
// It parses with the TypeScript compiler API (no type checking, no extra dependency) and fails
// loudly on a call whose message is not a literal, because such a string could never be
// translated. `--check` compares instead of writing and exits 1 when a bundle is stale.
// The manifest's keys are ids, not English text, so a changed English value would leave its old
// translation standing: l10n/package.nls.source.json records the English each Chinese value was
// translated from, the run lists the keys whose English changed since, and
// `--accept-manifest` records the current English once their translations are updated.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BUNDLES = {
  client: { sources: 'client/src', english: 'l10n/bundle.l10n.json', chinese: 'l10n/bundle.l10n.zh-cn.json' },
  server: {
    sources: 'server/src', english: 'server/l10n/bundle.l10n.json', chinese: 'server/l10n/bundle.l10n.zh-cn.json',
    // Texts the server shows from data files, through tData(): the compose schema's descriptions.
    data: ['server/src/core/compose/schema/compose-spec.json'],
  },
};
export const MANIFEST = { english: 'package.nls.json', chinese: 'package.nls.zh-cn.json', source: 'l10n/package.nls.source.json' };

/** The server module whose `t` is the translation function. */
const SERVER_L10N_MODULE = path.join('server', 'src', 'core', 'l10n');

function sourceFiles(dir) {
  const found = [];
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...sourceFiles(full));
    } else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      found.push(full);
    }
  }
  return found.sort();
}

class ExtractionError extends Error {}

function where(sourceFile, node, repo) {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  return `${path.relative(repo, sourceFile.fileName)}:${line + 1}:${character + 1}`;
}

/** The compile-time string value of a literal, a template without substitutions or a `+` of those. */
function literalValue(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return literalValue(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalValue(node.left);
    const right = literalValue(node.right);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  return undefined;
}

/** The bundle key and entry of one call's first argument; throws when it is not literal. */
function messageOf(call, sourceFile, repo) {
  const first = call.arguments[0];
  if (!first) throw new ExtractionError(`${where(sourceFile, call, repo)}: t() without a message`);
  const value = literalValue(first);
  if (value !== undefined) return { key: value, entry: value };
  if (ts.isObjectLiteralExpression(first)) {
    const prop = (name) => first.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(sourceFile) === name);
    const message = prop('message');
    const text = message && literalValue(message.initializer);
    if (text === undefined) throw new ExtractionError(`${where(sourceFile, first, repo)}: t({ message }) needs a literal message`);
    const commentProp = prop('comment');
    let comment = [];
    if (commentProp) {
      const init = commentProp.initializer;
      const items = ts.isArrayLiteralExpression(init) ? init.elements : [init];
      comment = items.map((e) => {
        const c = literalValue(e);
        if (c === undefined) throw new ExtractionError(`${where(sourceFile, e, repo)}: t({ comment }) needs literal comments`);
        return c;
      });
    }
    // @vscode/l10n keys a commented message as `message/comment…`.
    return comment.length ? { key: `${text}/${comment.join('')}`, entry: { message: text, comment } } : { key: text, entry: text };
  }
  throw new ExtractionError(
    `${where(sourceFile, first, repo)}: the message of t() must be a string literal so it can be extracted and translated; ` +
    `got \`${first.getText(sourceFile).slice(0, 80)}\``,
  );
}

function walk(node, visit) {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

function parse(file) {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/**
 * Client: `vscode.l10n.t(...)`, `l10n.t(...)` where `l10n` is VS Code's namespace or a
 * `Translator` parameter (the run form's pure code takes one), and `<x>.l10n.t(...)`.
 */
function isClientCall(call) {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') return false;
  const target = callee.expression;
  if (ts.isIdentifier(target)) return target.text === 'l10n';
  return ts.isPropertyAccessExpression(target) && target.name.text === 'l10n';
}

/** Server: calls of the `t` (or `<namespace>.t`) imported from server/src/core/l10n. */
function serverTranslators(sourceFile, repo) {
  const names = new Set();
  const namespaces = new Set();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const spec = statement.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    const resolved = path.relative(repo, path.resolve(path.dirname(sourceFile.fileName), spec)).replace(/\.(ts|js)$/, '');
    if (resolved !== SERVER_L10N_MODULE) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings) continue;
    if (ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    else for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === 't') names.add(element.name.text);
  }
  return { names, namespaces };
}

function isServerCall(call, translators) {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return translators.names.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' &&
    ts.isIdentifier(callee.expression) && translators.namespaces.has(callee.expression.text);
}

/**
 * Extracts one side's English bundle. Keys are in source order (files sorted by path), each
 * once. Returns { bundle, calls, files } or throws listing every non-literal call.
 */
export function extract(side, repo = REPO) {
  const config = BUNDLES[side];
  if (!config) throw new Error(`unknown side ${side}`);
  const bundle = {};
  const errors = [];
  let calls = 0;
  const files = sourceFiles(path.join(repo, config.sources));
  for (const file of files) {
    const sourceFile = parse(file);
    const translators = side === 'server' ? serverTranslators(sourceFile, repo) : undefined;
    if (translators && translators.names.size === 0 && translators.namespaces.size === 0) continue;
    walk(sourceFile, (node) => {
      if (!ts.isCallExpression(node)) return;
      if (side === 'client' ? !isClientCall(node) : !isServerCall(node, translators)) return;
      calls++;
      try {
        const { key, entry } = messageOf(node, sourceFile, repo);
        if (!(key in bundle)) bundle[key] = entry;
      } catch (error) {
        if (error instanceof ExtractionError) errors.push(error.message);
        else throw error;
      }
    });
  }
  if (errors.length) throw new Error(`l10n extraction (${side}) found messages that are not literals:\n  ${errors.join('\n  ')}`);
  let data = 0;
  for (const file of config.data ?? []) {
    if (!fs.existsSync(path.join(repo, file))) continue; // a moved file shows as a stale bundle in the tests
    for (const text of descriptionsIn(JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8')))) {
      data++;
      if (!(text in bundle)) bundle[text] = text;
    }
  }
  return { bundle, calls, files: files.length, data };
}

/** Every string-valued "description" of a JSON schema, in document order. */
function descriptionsIn(json, out = []) {
  if (Array.isArray(json)) {
    for (const item of json) descriptionsIn(item, out);
  } else if (json && typeof json === 'object') {
    for (const [key, value] of Object.entries(json)) {
      if (key === 'description' && typeof value === 'string') out.push(value);
      else descriptionsIn(value, out);
    }
  }
  return out;
}

export function serialize(bundle) {
  return JSON.stringify(bundle, null, 2) + '\n';
}

/** The `{0}`-style placeholders of a message, sorted (a multiset to compare). */
export function placeholders(text) {
  return (String(text).match(/\{\d+\}/g) ?? []).sort();
}

/** A bundle entry's text, whether a plain string or { message }. */
export function messageText(entry) {
  return typeof entry === 'string' ? entry : entry?.message;
}

export function readJson(file, repo = REPO) {
  const full = path.join(repo, file);
  return fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) : undefined;
}

/** Which English keys lack a Chinese translation, per bundle (the manifest included). */
export function missingTranslations(repo = REPO) {
  const result = {};
  for (const [side, config] of Object.entries(BUNDLES)) {
    const english = readJson(config.english, repo) ?? {};
    const chinese = readJson(config.chinese, repo) ?? {};
    result[side] = Object.keys(english).filter((k) => typeof messageText(chinese[k]) !== 'string' || messageText(chinese[k]).length === 0);
  }
  const english = readJson(MANIFEST.english, repo) ?? {};
  const chinese = readJson(MANIFEST.chinese, repo) ?? {};
  result.manifest = Object.keys(english).filter((k) => typeof messageText(chinese[k]) !== 'string' || messageText(chinese[k]).length === 0);
  return result;
}

/** Manifest keys whose English changed since their Chinese translation was made. */
export function changedManifestKeys(repo = REPO) {
  const english = readJson(MANIFEST.english, repo) ?? {};
  const source = readJson(MANIFEST.source, repo) ?? {};
  const chinese = readJson(MANIFEST.chinese, repo) ?? {};
  return Object.keys(english).filter((k) => k in chinese && source[k] !== english[k]);
}

/** Records the current English of every translated manifest key as what its translation follows. */
export function acceptManifest(repo = REPO) {
  const english = readJson(MANIFEST.english, repo) ?? {};
  const chinese = readJson(MANIFEST.chinese, repo) ?? {};
  const source = Object.fromEntries(Object.keys(english).filter((k) => k in chinese).map((k) => [k, english[k]]));
  fs.writeFileSync(path.join(repo, MANIFEST.source), serialize(source));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  if (process.argv.includes('--accept-manifest')) acceptManifest();
  let stale = false;
  try {
    for (const side of Object.keys(BUNDLES)) {
      const { bundle, calls, files, data } = extract(side);
      const file = path.join(REPO, BUNDLES[side].english);
      const text = serialize(bundle);
      const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      const keys = Object.keys(bundle).length;
      if (check) {
        if (before !== text) {
          stale = true;
          console.error(`${BUNDLES[side].english} is out of date with ${BUNDLES[side].sources}: run npm run l10n`);
        }
      } else if (before !== text) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      }
      const fromData = data ? ` and ${data} texts of data files` : '';
      console.log(`${side}: ${keys} messages from ${calls} calls in ${files} files${fromData} -> ${BUNDLES[side].english}${!check && before !== text ? ' (updated)' : ''}`);
    }
    const missing = missingTranslations();
    for (const [side, keys] of Object.entries(missing)) {
      if (keys.length) console.log(`${side}: ${keys.length} without a zh-cn translation${keys.length <= 10 ? `: ${keys.map((k) => JSON.stringify(k.slice(0, 60))).join(', ')}` : ''}`);
    }
    const changed = changedManifestKeys();
    if (changed.length) {
      console.log(`manifest: the English of ${changed.length} keys changed since they were translated: ${changed.join(', ')}\n` +
        `  update ${MANIFEST.chinese}, then run npm run l10n -- --accept-manifest`);
    }
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  process.exit(stale ? 1 : 0);
}
