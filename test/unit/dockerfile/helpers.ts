// Shared helpers for the Dockerfile unit tests: contexts, documents and a single-rule runner.
import type { FileAccess, ServiceContext, WorkspaceFacts } from '../../../server/src/core/languageService';
import type { Diagnostic, Position } from '../../../server/src/core/types';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { validateAnalysis } from '../../../server/src/core/dockerfile/validation/validate';
import { ruleById } from '../../../server/src/core/dockerfile/validation/rules/allRules';

/**
 * A file system of these files (and folders): the folders that hold them exist and are listed too,
 * as on disk. With `executables`, it tells file modes: those files have the execute bit, the others not.
 */
export function files(map: Record<string, string> = {}, folders: string[] = [], executables?: readonly string[]): FileAccess {
  const all = [...Object.keys(map), ...folders];
  return {
    ...(executables ? { executable: (uri: string) => (uri in map ? executables.includes(uri) : undefined) } : {}),
    exists: (uri) => uri in map || folders.includes(uri) || all.some((k) => k.startsWith(`${uri}/`)),
    readText: (uri) => map[uri],
    list: (uri) => {
      const out = new Map<string, boolean>();
      for (const k of all) {
        if (!k.startsWith(`${uri}/`)) continue;
        const rest = k.slice(uri.length + 1);
        const slash = rest.indexOf('/');
        if (slash < 0) out.set(rest, out.get(rest) ?? !(k in map));
        else out.set(rest.slice(0, slash), true);
      }
      return [...out].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}

export function context(extra: { files?: FileAccess; facts?: Partial<WorkspaceFacts>; rules?: ServiceContext['settings']['rules'] } = {}): ServiceContext {
  return {
    facts: { images: [], builtImages: [], ...extra.facts },
    settings: { rules: extra.rules ?? {} },
    files: extra.files ?? files(),
    openDocuments: () => [],
  };
}

export function doc(text: string, uri = 'file:///work/app/Dockerfile', version = 1) {
  return { uri, version, getText: () => text };
}

/** Runs one rule (even one that is off by default) and returns its diagnostics. */
export function runRule(id: string, text: string, ctx: ServiceContext = context(), uri = 'file:///work/app/Dockerfile'): Diagnostic[] {
  const r = ruleById(id);
  if (!r) throw new Error(`no rule ${id}`);
  const on = { ...ctx, settings: { rules: { ...ctx.settings.rules, [id]: ctx.settings.rules[id] ?? (r.meta.severity === 'off' ? 'warning' : r.meta.severity) } } };
  return validateAnalysis(Analysis.of(text), uri, on, [r]);
}

/** Splits `text` at the `|` cursor marker. */
export function cursor(marked: string): { text: string; position: Position; offset: number } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, offset, position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}

export interface RuleCase {
  rule: string;
  bad: string;
  good: string;
  /** 0-based line the bad example reports on (default: any). */
  line?: number;
  ctx?: () => ServiceContext;
  uri?: string;
}

/** One test per rule: the bad sample reports the rule, the good sample does not. */
export async function checkRuleCases(t: { test: (name: string, fn: () => void) => unknown }, cases: RuleCase[], assert: typeof import('node:assert/strict')): Promise<void> {
  for (const c of cases) {
    await t.test(`${c.rule}: reports the bad example and not the good one`, () => {
      const bad = runRule(c.rule, c.bad, c.ctx?.(), c.uri);
      assert.ok(bad.length > 0, `${c.rule} should report:\n${c.bad}`);
      assert.ok(bad.every((d) => d.code === c.rule));
      if (c.line !== undefined) assert.equal(bad[0]!.range.start.line, c.line, `${c.rule} line`);
      const good = runRule(c.rule, c.good, c.ctx?.(), c.uri);
      assert.deepEqual(good.map((d) => d.message), [], `${c.rule} should not report:\n${c.good}`);
    });
  }
}
