// Signature help: the instruction's syntax with the parameter under the cursor highlighted.
import type { SignatureHelp } from '../../types';
import type { Analysis } from '../analysis/analysis';
import { instructionDoc } from './docs/instructionDocs';

export const SIGNATURE_TRIGGERS = [' ', '='];

export function signatureHelp(a: Analysis, offset: number): SignatureHelp | null {
  const found = a.instructionAt(offset);
  if (!found || offset > found.span.end) return null;
  const instruction = found.trigger && offset >= found.trigger.keywordSpan.start ? found.trigger : found;
  if (offset < instruction.keywordSpan.end + 1) return null;
  const doc = instructionDoc(instruction.upper);
  if (!doc) return null;
  const typed = a.text.slice(instruction.keywordSpan.end, offset);
  const current = /(\S*)$/.exec(typed)![1]!;
  let active: number;
  if (current.startsWith('--')) {
    const name = current.slice(2).split('=')[0]!;
    active = doc.params.findIndex((p) => p.label.startsWith(`[--${name}`));
    if (active < 0) active = doc.params.findIndex((p) => p.label.startsWith('[--'));
  } else {
    // Count positional words before the cursor, skipping flags.
    const words = typed.split(/\s+/).filter((w) => w.length > 0 && !w.startsWith('--'));
    const positional = doc.params.filter((p) => !p.label.startsWith('[--'));
    const index = Math.min(Math.max(0, words.length - (current ? 1 : 0)), positional.length - 1);
    const repeating = positional.findIndex((p) => p.label.endsWith('...'));
    const pick = instruction.upper === 'COPY' || instruction.upper === 'ADD' ? (index >= 1 ? Math.max(repeating, 0) : 0) : index;
    active = doc.params.indexOf(positional[pick] ?? positional[0]!);
  }
  return {
    signatures: [{
      label: doc.signature,
      documentation: { kind: 'markdown', value: doc.summary()[0]! },
      parameters: doc.params.map((p) => {
        const at = doc.signature.indexOf(p.label);
        return { label: at >= 0 ? [at, at + p.label.length] as [number, number] : p.label, documentation: p.doc() };
      }),
    }],
    activeSignature: 0,
    activeParameter: Math.max(0, active),
  };
}
