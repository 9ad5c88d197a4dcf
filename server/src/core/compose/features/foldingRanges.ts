// Folding: every block mapping or sequence that spans lines (folded at its key), block scalars,
// and runs of two or more comment lines.
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import type { FoldingRange } from '../../types';
import type { ComposeFile } from '../model/composeFile';
import { composeFileOf } from '../model/documentStore';
import type { CNode } from '../model/nodes';

export function foldingRangesCompose(document: TextDocumentLike, _context: ServiceContext): FoldingRange[] {
  const file = composeFileOf(document);
  const out: FoldingRange[] = [];
  for (const doc of file.documents) collect(file, doc.root, undefined, out);
  commentRuns(file, out);
  return out;
}

function collect(file: ComposeFile, node: CNode | null, owner: CNode | null | undefined, out: FoldingRange[]): void {
  if (!node) return;
  const start = file.lines.positionAt((owner ?? node).start).line;
  const end = file.lines.positionAt(Math.max(node.start, node.end - 1)).line;
  const multiline = node.kind === 'map' || node.kind === 'seq' || (node.kind === 'scalar' && (node.style === 'literal' || node.style === 'folded'));
  if (owner && multiline && end > start) out.push({ startLine: start, endLine: end });
  if (node.kind === 'map') for (const pair of node.pairs) collect(file, pair.value, pair.key, out);
  if (node.kind === 'seq') for (const item of node.items) collect(file, item, item, out);
}

function commentRuns(file: ComposeFile, out: FoldingRange[]): void {
  let runStart = -1;
  for (let line = 0; line <= file.lines.lineCount; line++) {
    const isComment = line < file.lines.lineCount && file.lines.lineText(line).trimStart().startsWith('#');
    if (isComment && runStart < 0) runStart = line;
    if (!isComment && runStart >= 0) {
      if (line - 1 > runStart) out.push({ startLine: runStart, endLine: line - 1, kind: 'comment' });
      runStart = -1;
    }
  }
}
