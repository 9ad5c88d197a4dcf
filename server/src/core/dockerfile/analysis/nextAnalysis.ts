// The analysis of an edited text. Parsing is incremental (incrementalParse); the analysis on top
// is rebuilt, so syntax knows nothing of analysis.
import { LineIndex } from '../../text';
import { Analysis } from './analysis';
import { reparseDockerfile } from '../syntax/incrementalParse';
import { parseDockerfile } from '../syntax/parser';
import { diffTexts } from '../syntax/textChange';

/** The analysis of a new version of a text, re-parsing only what changed (`previous` is consumed). */
export function nextAnalysis(previous: Analysis, text: string): Analysis {
  const change = diffTexts(previous.text, text);
  if (!change) return previous;
  const lines = LineIndex.afterEdit(previous.lines, text, change);
  try {
    return new Analysis(reparseDockerfile(previous.doc, text, lines, change), lines);
  } catch {
    return new Analysis(parseDockerfile(text, lines), lines); // never lose the document to a bug here
  }
}
