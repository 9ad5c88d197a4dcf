// Names declared across the project (this file, its override/base files and included files),
// for completion of references.
import type { ServiceContext } from '../../languageService';
import type { ComposeFile } from '../model/composeFile';
import { projectFiles, projectOf } from '../model/project';
import { symbolsOf, type SymbolKindName } from '../model/symbols';

export function projectNames(file: ComposeFile, context: ServiceContext, kind: SymbolKindName): string[] {
  const names = new Set<string>();
  for (const other of projectFiles(projectOf(file, context))) {
    for (const d of symbolsOf(other).declarations) if (d.kind === kind) names.add(d.name);
  }
  return [...names];
}

/** Names used somewhere (e.g. volumes mounted by services) that no file declares yet. */
export function undeclaredUses(file: ComposeFile, context: ServiceContext, kind: SymbolKindName): string[] {
  const declared = new Set(projectNames(file, context, kind));
  return [...new Set(symbolsOf(file).references.filter((r) => r.kind === kind && !declared.has(r.name)).map((r) => r.name))];
}
