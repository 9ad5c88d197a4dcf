// The layout part of formatting: the indentation every structural line should have (a key, a
// list dash, a value on its own line), and for every other line of a multi-line value the
// structural line it moves with, so block scalars, flow collections and wrapped strings keep
// their inner indentation. Also the spacing fixes inside lines (`key:   value`, `-   item`).
import type { ComposeFile } from '../model/composeFile';
import type { CNode, MapNode, SeqNode } from '../model/nodes';

export interface Layout {
  /** Desired indentation of structural lines. */
  target: Map<number, number>;
  /** Lines that move with another line (by the same amount). */
  leader: Map<number, number>;
  /** Whitespace runs inside lines and what replaces them: [start, end) offsets. */
  gaps: [number, number, string][];
  /** Lines inside block scalars, whose trailing spaces are content. */
  verbatim: Set<number>;
}

export function layoutOf(file: ComposeFile, indent: number): Layout {
  const layout: Layout = { target: new Map(), leader: new Map(), gaps: [], verbatim: new Set() };
  const seqIndent = compactSequences(file) ? 0 : indent;
  const lineOf = (offset: number) => file.lines.positionAt(offset).line;
  const lastLineOf = (node: CNode) => lineOf(Math.max(node.start, node.end - 1));
  const firstOnLine = (offset: number) => /^ *$/.test(file.text.slice(file.lines.lineStart(lineOf(offset)), offset));

  const follow = (node: CNode, leaderLine: number) => {
    const verbatim = node.kind === 'scalar' && (node.style === 'literal' || node.style === 'folded');
    for (let line = lineOf(node.start) + 1; line <= lastLineOf(node); line++) {
      if (!layout.leader.has(line) && !layout.target.has(line)) layout.leader.set(line, leaderLine);
      if (verbatim) layout.verbatim.add(line);
    }
  };
  const gap = (from: number, to: number, pattern: RegExp) => {
    if (to - from > 1 && pattern.test(file.text.slice(from, to))) layout.gaps.push([from, to, ' ']);
  };

  const block = (node: CNode, col: number, sharesLine: boolean) => {
    if (node.kind === 'map' && !node.flow) mapLayout(node, col, sharesLine);
    else if (node.kind === 'seq' && !node.flow) seqLayout(node, col, sharesLine);
  };
  const value = (node: CNode | null, keyLine: number, keyCol: number, colonEnd: number) => {
    if (!node) return;
    const line = lineOf(node.start);
    const isBlock = (node.kind === 'map' || node.kind === 'seq') && !node.flow;
    if (isBlock && line > keyLine) {
      block(node, keyCol + (node.kind === 'seq' ? seqIndent : indent), false);
    } else if (line > keyLine) {
      if (firstOnLine(node.start)) layout.target.set(line, keyCol + indent);
      follow(node, line);
    } else {
      // `key:   value` on one line: one space after the colon (only when nothing else sits there).
      gap(colonEnd, node.start, /^ +$/);
      follow(node, keyLine);
    }
  };
  const mapLayout = (map: MapNode, col: number, sharesLine: boolean) => {
    map.pairs.forEach((pair, i) => {
      const key = pair.key;
      if (!key) return;
      const keyLine = lineOf(key.start);
      if (!(i === 0 && sharesLine) && firstOnLine(key.start)) layout.target.set(keyLine, col);
      const colon = file.text.indexOf(':', key.end);
      if (colon > key.end && /^ +$/.test(file.text.slice(key.end, colon))) layout.gaps.push([key.end, colon, '']);
      value(pair.value, keyLine, col, colon + 1);
    });
  };
  const seqLayout = (seq: SeqNode, col: number, sharesLine: boolean) => {
    seq.items.forEach((item, i) => {
      if (!item) return;
      const dash = file.text.lastIndexOf('-', item.start);
      if (dash < 0) return;
      const dashLine = lineOf(dash);
      if (!(i === 0 && sharesLine) && firstOnLine(dash)) layout.target.set(dashLine, col);
      const itemLine = lineOf(item.start);
      const isBlock = (item.kind === 'map' || item.kind === 'seq') && !item.flow;
      if (itemLine === dashLine) gap(dash + 1, item.start, /^ +$/);
      if (isBlock && itemLine === dashLine) block(item, col + 2, true);
      else if (isBlock) block(item, col + indent, false);
      else if (itemLine > dashLine) {
        if (firstOnLine(item.start)) layout.target.set(itemLine, col + indent);
        follow(item, itemLine);
      } else follow(item, dashLine);
    });
  };

  for (const doc of file.documents) if (doc.root) block(doc.root, 0, !firstOnLine(doc.root.start));
  return layout;
}

/** Whether the file mostly writes lists under keys without indenting them (`key:\n- item`). */
function compactSequences(file: ComposeFile): boolean {
  let compact = 0;
  let indented = 0;
  const visit = (node: CNode | null, keyCol: number | undefined) => {
    if (!node) return;
    if (node.kind === 'seq' && !node.flow && keyCol !== undefined) {
      const dash = file.text.lastIndexOf('-', node.items[0]?.start ?? node.start);
      const col = dash - file.lines.lineStart(file.lines.positionAt(dash).line);
      if (col === keyCol) compact++;
      else indented++;
    }
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        const col = pair.key ? pair.key.start - file.lines.lineStart(file.lines.positionAt(pair.key.start).line) : undefined;
        visit(pair.value, col);
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) visit(item, undefined);
    }
  };
  for (const doc of file.documents) visit(doc.root, undefined);
  return compact > indented;
}
