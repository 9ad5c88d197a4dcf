// Symbols for navigation: stage names and ARG/ENV variables, with every place they are defined
// and used. Definition, references, highlights and rename are all answered from here.
import type { Span } from '../syntax/ast';
import type { Analysis } from './analysis';
import { PREDEFINED_ARGS } from './variableScope';

export interface Occurrence {
  span: Span;
  isDefinition: boolean;
}

export interface SymbolAt {
  kind: 'stage' | 'variable';
  key: string;
  name: string;
  /** The occurrence under the cursor. */
  span: Span;
  /** For a use: the definition it resolves to (variables) or the stage's name (stages). */
  definitions: Span[];
  predefined: boolean;
}

const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

export function symbolAt(a: Analysis, offset: number): SymbolAt | undefined {
  for (const stage of a.doc.stages) {
    if (stage.name && inside(stage.name.span, offset)) {
      return { kind: 'stage', key: `stage:${stage.index}`, name: stage.name.value, span: stage.name.span, definitions: [stage.name.span], predefined: false };
    }
  }
  for (const ref of a.stageRefs) {
    if (ref.target && inside(ref.span, offset)) {
      const def = ref.target.name?.span ?? ref.target.from.keywordSpan;
      return { kind: 'stage', key: `stage:${ref.target.index}`, name: ref.name, span: ref.span, definitions: [def], predefined: false };
    }
  }
  const vars = a.variables;
  for (const def of vars.defs) {
    if (inside(def.nameSpan, offset)) {
      const definitions = def.imports ? [def.imports.nameSpan, def.nameSpan] : [def.nameSpan];
      return { kind: 'variable', key: def.key, name: def.name, span: def.nameSpan, definitions, predefined: false };
    }
  }
  for (const use of vars.uses) {
    if (use.ref.name && inside(use.ref.nameSpan, offset)) {
      const definitions = use.def ? [use.def.nameSpan] : [];
      return { kind: 'variable', key: use.key, name: use.ref.name, span: use.ref.nameSpan, definitions, predefined: !use.def && PREDEFINED_ARGS.has(use.ref.name) };
    }
  }
  return undefined;
}

/** Every occurrence of a symbol, in document order. */
export function occurrences(a: Analysis, symbol: SymbolAt): Occurrence[] {
  const out: Occurrence[] = [];
  if (symbol.kind === 'stage') {
    const index = Number(symbol.key.slice('stage:'.length));
    const stage = a.doc.stages[index];
    if (stage?.name) out.push({ span: stage.name.span, isDefinition: true });
    for (const ref of a.stageRefs) {
      // Numeric references (--from=0) keep working after a rename, so they are not renamed.
      if (ref.target?.index === index && !/^\d+$/.test(ref.name)) out.push({ span: ref.span, isDefinition: false });
    }
  } else {
    for (const def of a.variables.defs) if (def.key === symbol.key) out.push({ span: def.nameSpan, isDefinition: true });
    for (const use of a.variables.uses) if (use.key === symbol.key && use.ref.name) out.push({ span: use.ref.nameSpan, isDefinition: false });
  }
  return out.sort((x, y) => x.span.start - y.span.start);
}

/** Valid new names: stage names per BuildKit, variable names per the shell. */
export function isValidName(kind: SymbolAt['kind'], name: string): boolean {
  return kind === 'stage' ? /^[a-z][a-z0-9_.-]*$/i.test(name) : /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
