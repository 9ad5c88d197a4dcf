// The problems of a file as the diagnostics last published for it say, for features that run
// where validation does not (hover explanations, quick fixes): rule, offsets, message and the
// data a fix needs travel with each diagnostic.
import type { ServiceContext } from '../../languageService';
import type { ComposeFile } from '../model/composeFile';
import type { Problem } from '../checks/problems';

export function publishedProblems(file: ComposeFile, context: ServiceContext): Problem[] {
  const diagnostics = context.publishedDiagnostics?.(file.uri) ?? [];
  return diagnostics.map((d) => {
    // What this server published for the file, so its codes are ours.
    const problem: Problem = { rule: String(d.code) as Problem['rule'], start: file.lines.offsetAt(d.range.start), end: file.lines.offsetAt(d.range.end), message: d.message };
    if (d.data && typeof d.data === 'object') problem.data = d.data;
    return problem;
  });
}
