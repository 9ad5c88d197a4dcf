// The named thing under the cursor (a service, volume, network, secret, config or model, as a
// declaration or a reference) and every occurrence of it across the project's files.
import type { ServiceContext } from '../../languageService';
import type { ComposeFile } from '../model/composeFile';
import { projectFiles, projectOf } from '../model/project';
import { symbolsOf, type SymbolKindName } from '../model/symbols';

export interface SymbolAt {
  kind: SymbolKindName;
  name: string;
  start: number;
  end: number;
  isDeclaration: boolean;
}

export function symbolAt(file: ComposeFile, offset: number): SymbolAt | undefined {
  const symbols = symbolsOf(file);
  for (const d of symbols.declarations) {
    if (d.start <= offset && offset <= d.end) return { kind: d.kind, name: d.name, start: d.start, end: d.end, isDeclaration: true };
  }
  for (const r of symbols.references) {
    if (r.start <= offset && offset <= r.end) return { kind: r.kind, name: r.name, start: r.start, end: r.end, isDeclaration: false };
  }
  return undefined;
}

export interface Occurrence {
  file: ComposeFile;
  start: number;
  end: number;
  isDeclaration: boolean;
}

/** Declarations and references of a name in the file and the files compose reads with it. */
export function occurrences(file: ComposeFile, context: ServiceContext, kind: SymbolKindName, name: string): Occurrence[] {
  const out: Occurrence[] = [];
  const seen = new Set<string>();
  for (const other of projectFiles(projectOf(file, context))) {
    const symbols = symbolsOf(other);
    const push = (start: number, end: number, isDeclaration: boolean) => {
      const identity = `${other.uri}#${start}`;
      if (seen.has(identity)) return;
      seen.add(identity);
      out.push({ file: other, start, end, isDeclaration });
    };
    for (const d of symbols.declarations) if (d.kind === kind && d.name === name) push(d.start, d.end, true);
    for (const r of symbols.references) if (r.kind === kind && r.name === name) push(r.start, r.end, false);
  }
  return out;
}
