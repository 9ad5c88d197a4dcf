// A small line scanner that finds where each instruction starts, honouring the escape directive,
// line continuations, comments and heredoc bodies, so that only real instruction keywords are
// looked at. (The full parser with every node's range is a separate module.)
import { LineIndex } from '../text';

export interface ScannedInstruction {
  keyword: string;
  /** Offsets of the keyword itself. */
  keywordStart: number;
  keywordEnd: number;
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const HEREDOC = /<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

export function scanInstructions(text: string): ScannedInstruction[] {
  const lines = new LineIndex(text);
  const result: ScannedInstruction[] = [];
  let escape = '\\';
  let inDirectives = true;
  let continuing = false;
  const pendingHeredocs: { name: string; stripTabs: boolean }[] = [];

  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);

    if (pendingHeredocs.length > 0) {
      const heredoc = pendingHeredocs[0]!;
      const candidate = heredoc.stripTabs ? raw.replace(/^\t+/, '') : raw;
      if (candidate === heredoc.name) pendingHeredocs.shift();
      continue;
    }

    const trimmed = raw.trim();
    if (inDirectives) {
      const directive = DIRECTIVE.exec(trimmed);
      if (directive && directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) {
        escape = directive[2];
        continue;
      }
      if (!directive) inDirectives = false;
    }
    if (trimmed === '' || trimmed.startsWith('#')) continue; // blank lines and comments never end a continuation

    const endsWithEscape = trimmed.endsWith(escape);
    if (!continuing) {
      const start = lines.lineStart(line) + (raw.length - raw.trimStart().length);
      const word = /^[^\s]+/.exec(raw.trimStart())![0];
      result.push({ keyword: word, keywordStart: start, keywordEnd: start + word.length });
      HEREDOC.lastIndex = 0;
      for (let m = HEREDOC.exec(raw); m; m = HEREDOC.exec(raw)) {
        pendingHeredocs.push({ name: m[3]!, stripTabs: m[1] === '-' });
      }
    }
    continuing = endsWithEscape;
  }
  return result;
}
