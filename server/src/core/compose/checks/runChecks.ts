// All checks, in order. They run on files with YAML errors too: the parser's findings are
// reported, and the other checks' findings inside the unreadable parts (see brokenBlocks) are
// dropped, since they would be about a guess.
import type { ServiceContext } from '../../languageService';
import type { Diagnostic } from '../../types';
import type { ComposeFile } from '../model/composeFile';
import { checkContext, type CheckContext } from './checkContext';
import { toDiagnostics, type Problem } from './problems';
import { checkYamlSyntax } from './yamlSyntax';
import { isHeld } from '../model/brokenBlocks';
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
import { checkServiceImage } from './serviceImage';
import { checkExtendsCycles } from './extendsCycles';
import { checkOptionLikeNames } from './optionLikeNames';
import { checkSwarmKeys } from './swarmKeys';

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
  checkServiceImage,
  checkExtendsCycles,
  checkOptionLikeNames,
  checkSwarmKeys,
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
  if (file.skipped) return out;
  const syntax = out.length;
  for (const check of MEANING_CHECKS) {
    // validate must not throw on any text: a check that fails leaves the others' findings intact.
    const before = out.length;
    try {
      check(ctx);
    } catch {
      out.length = before;
    }
  }
  if (file.broken.length > 0) {
    const kept = out.filter((problem, index) => index < syntax || !isHeld(file, problem.start));
    out.length = 0;
    out.push(...kept);
  }
  return out;
}

export function composeDiagnostics(file: ComposeFile, context: ServiceContext): Diagnostic[] {
  return toDiagnostics(file, composeProblems(file, context), context.settings.rules);
}
