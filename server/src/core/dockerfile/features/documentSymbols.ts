// Outline: global ARGs, then each stage with its instructions (ARG/ENV as their variables).
import { SymbolKind, type DocumentSymbol } from '../../types';
import { oneLine } from '../../oneLine';
import type { Instruction } from '../syntax/ast';
import type { Analysis } from '../analysis/analysis';
import { keyValuesOf } from '../syntax/words';

const KIND: Record<string, SymbolKind> = {
  RUN: SymbolKind.Function, CMD: SymbolKind.Event, ENTRYPOINT: SymbolKind.Event, HEALTHCHECK: SymbolKind.Event,
  COPY: SymbolKind.File, ADD: SymbolKind.File, LABEL: SymbolKind.Property, EXPOSE: SymbolKind.Number,
  WORKDIR: SymbolKind.Namespace, USER: SymbolKind.Key, VOLUME: SymbolKind.Package, SHELL: SymbolKind.Function,
};

const short = (text: string) => oneLine(text, 60, '...');

function instructionSymbols(a: Analysis, i: Instruction): DocumentSymbol[] {
  if (i.upper === 'ARG' || i.upper === 'ENV') {
    return keyValuesOf(i, a.doc.escape).filter((p) => p.key.value).map((p) => ({
      name: p.key.value,
      detail: `${i.upper}${p.value ? ` = ${short(p.value.value)}` : ''}`,
      kind: i.upper === 'ARG' ? SymbolKind.Variable : SymbolKind.Constant,
      range: a.range(i.fullSpan),
      selectionRange: a.range(p.key.span),
    }));
  }
  return [{
    // A lone continuation has no keyword and no text; editors refuse a symbol without a name.
    name: `${i.upper} ${short(i.logical.trimStart().slice(i.keyword.length))}`.trim() || short(a.text.slice(i.span.start, i.span.end)) || a.doc.escape,
    kind: KIND[i.upper] ?? SymbolKind.Field,
    range: a.range(i.fullSpan),
    selectionRange: a.range(i.keywordSpan),
  }];
}

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const i of a.doc.instructions) if (i.stage < 0) out.push(...instructionSymbols(a, i));
  for (const stage of a.doc.stages) {
    out.push({
      name: stage.name?.value ?? `stage ${stage.index}`,
      detail: stage.image?.value ?? '',
      kind: SymbolKind.Class,
      range: a.range(stage.span),
      selectionRange: a.range(stage.name?.span ?? stage.from.keywordSpan),
      children: stage.instructions.filter((i) => i !== stage.from).flatMap((i) => instructionSymbols(a, i)),
    });
  }
  return out;
}
