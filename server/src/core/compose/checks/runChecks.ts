// All checks, in order. Only the parser's findings are reported for a file with YAML errors:
// the rest of its tree is a guess, and checks on a guess produce noise.
import type { ServiceContext } from '../../languageService';
import type { Diagnostic } from '../../types';
import type { ComposeFile } from '../model/composeFile';
import { checkContext, type CheckContext } from './checkContext';
import { toDiagnostics, type Problem } from './problems';
import { checkYamlSyntax, hasSyntaxErrors } from './yamlSyntax';
import { checkInterpolation } from './interpolationSyntax';
import { checkSchema } from './schemaCheck';
import { checkObsoleteVersion } from './obsoleteVersion';
import { checkUndefinedReferences } from './undefinedReferences';
import { checkPorts } from './ports';
import { checkDurations } from './durations';
import { checkByteSizes } from './byteSizes';
import { checkRestartPolicy } from './restartPolicy';
import { checkDuplicateContainerNames } from './duplicateContainerNames';
import { checkDependencyCycles } from './dependencyCycles';
import { checkMissingPaths } from './missingPaths';
import { checkBuildTarget } from './buildTarget';
import { limitsHit } from '../model/limits';
import { LIMIT_CODE, timeNote } from '../../limits';

const MEANING_CHECKS: ((ctx: CheckContext) => void)[] = [
  checkInterpolation,
  checkSchema,
  checkObsoleteVersion,
  checkUndefinedReferences,
  checkPorts,
  checkDurations,
  checkByteSizes,
  checkRestartPolicy,
  checkDuplicateContainerNames,
  checkDependencyCycles,
  checkMissingPaths,
  checkBuildTarget,
];

/** The last problems found per parse, for hovers that explain them. */
const lastProblems = new WeakMap<ComposeFile, Problem[]>();

export function problemsFoundIn(file: ComposeFile): Problem[] | undefined {
  return lastProblems.get(file);
}

export function composeProblems(file: ComposeFile, context: ServiceContext): Problem[] {
  const out: Problem[] = [];
  lastProblems.set(file, out);
  const ctx = checkContext(file, context, out);
  checkYamlSyntax(ctx);
  if (file.skipped || hasSyntaxErrors(ctx)) return out;
  for (const check of MEANING_CHECKS) {
    // Past the validation's deadline the remaining checks are skipped, and the note says so.
    if (context.deadline !== undefined && performance.now() > context.deadline) {
      out.push({ rule: LIMIT_CODE, start: 0, end: Math.min(1, file.text.length), message: timeNote(), severity: 'warning' });
      break;
    }
    // validate must not throw on any text: a check that fails leaves the others' findings intact.
    const before = out.length;
    try {
      check(ctx);
    } catch {
      out.length = before;
    }
  }
  // Budgets the model hit on the way: one note at each place, so a cut-short answer says so.
  for (const hit of limitsHit(file)) out.push({ rule: LIMIT_CODE, start: hit.start, end: hit.end, message: hit.message, severity: 'warning' });
  return out;
}

export function composeDiagnostics(file: ComposeFile, context: ServiceContext): Diagnostic[] {
  return toDiagnostics(file, composeProblems(file, context), context.settings.rules);
}
