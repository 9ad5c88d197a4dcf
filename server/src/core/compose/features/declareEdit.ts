// The edit that declares a missing volume, network, secret, config or model under its
// top-level section, creating the section when there is none.
import type { TextEdit } from '../../types';
import { rootMaps } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { keyText } from '../model/nodes';

type Section = 'volumes' | 'networks' | 'secrets' | 'configs' | 'models';

/** The declaration's lines, indented relative to its first line. */
function body(section: Section, name: string): string[] {
  switch (section) {
    case 'secrets':
    case 'configs': return [`${name}:`, `  file: ./${name}.txt`];
    case 'models': return [`${name}:`, `  model: ${name}`];
    default: return [`${name}:`];
  }
}

export function declareEdit(file: ComposeFile, section: Section, name: string): TextEdit | undefined {
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const root = rootMaps(file)[0];
  if (!root || root.flow) return undefined;
  const pair = root.pairs.find((p) => keyText(p) === section);
  const at = (offset: number, newText: string): TextEdit => ({ range: file.range(offset, offset), newText });
  if (!pair) {
    const end = file.text.length;
    const lead = file.text === '' || file.text.endsWith('\n') ? '' : eol;
    return at(end, `${lead}${section}:${eol}${body(section, name).map((l) => `  ${l}`).join(eol)}${eol}`);
  }
  const value = pair.value;
  if (!value || (value.kind === 'scalar' && value.value === null)) {
    return at(file.lines.lineEnd(file.lines.positionAt(pair.key!.start).line), eol + body(section, name).map((l) => `  ${l}`).join(eol));
  }
  if (value.kind === 'map' && value.flow) {
    const text = file.text.slice(value.start, value.end);
    const inner = text.slice(1, -1).trim();
    return { range: file.range(value.start, value.end), newText: inner === '' ? `{ ${name}: {} }` : `{ ${inner}, ${name}: {} }` };
  }
  if (value.kind !== 'map') return undefined;
  const first = value.pairs[0]?.key;
  const column = first ? first.start - file.lines.lineStart(file.lines.positionAt(first.start).line) : 2;
  const indent = ' '.repeat(column);
  const lastLine = file.lines.positionAt(Math.max(value.start, value.end - 1)).line;
  const insertAt = file.lines.lineEnd(lastLine);
  return at(insertAt, eol + body(section, name).map((l) => indent + l).join(eol));
}
