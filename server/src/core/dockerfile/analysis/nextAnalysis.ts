// The analysis of an edited text. Parsing is incremental (incrementalParse); the analysis on top
// is built anew, carrying from the previous one what the edit cannot have changed (see
// editFootprint and Analysis.carried), so syntax knows nothing of analysis.
import { LineIndex } from '../../text';
import { Analysis } from './analysis';
import { editFootprint } from './editFootprint';
import { reparseDockerfile } from '../syntax/incrementalParse';
import { parseDockerfile } from '../syntax/parser';
import { diffTexts } from '../syntax/textChange';

/** The analysis of a new version of a text, re-parsing only what changed (`previous` is consumed). */
export function nextAnalysis(previous: Analysis, text: string): Analysis {
  const change = diffTexts(previous.text, text);
  if (!change) return previous;
  const lines = LineIndex.afterEdit(previous.lines, text, change);
  try {
    // The list as it was: the incremental parse copies it (and moves the nodes it keeps).
    const olds = previous.doc.instructions;
    const doc = reparseDockerfile(previous.doc, text, lines, change);
    return new Analysis(doc, lines, { analysis: previous, footprint: editFootprint(olds, doc.instructions, change) });
  } catch {
    return new Analysis(parseDockerfile(text, lines), lines); // never lose the document to a bug here
  }
}
