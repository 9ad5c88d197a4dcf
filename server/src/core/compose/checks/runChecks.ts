// All checks, in order. They run on files with YAML errors too: the parser's findings are
// reported, and the other checks' findings inside the unreadable parts (see brokenBlocks) are
// dropped, since they would be about a guess.
import type { ServiceContext } from '../../languageService';
import type { Diagnostic } from '../../types';
import type { ComposeFile } from '../model/composeFile';
import { checkContext, type CheckContext } from './checkContext';
import { toDiagnostics, type Problem } from './problems';
import { checkYamlSyntax, TEMPLATE } from './yamlSyntax';
import { emptyAboveBroken, isHeld } from '../model/brokenBlocks';
import { checkInterpolation } from './interpolationSyntax';
import { checkSchema } from './schemaCheck';
import { checkObsoleteVersion } from './obsoleteVersion';
import { checkUndefinedReferences } from './undefinedReferences';
import { checkPorts } from './ports';
import { checkDurations } from './durations';
import { checkByteSizes } from './byteSizes';
import { checkRestartPolicy } from './restartPolicy';
import { checkVolumeSpecs } from './volumeSpecs';
import { checkDuplicateContainerNames } from './duplicateContainerNames';
import { checkDependencyCycles } from './dependencyCycles';
import { checkDisabledDependencies } from './disabledDependencies';
import { checkHealthDependencies } from './healthDependencies';
import { checkMissingPaths } from './missingPaths';
import { checkBuildTarget } from './buildTarget';
import { checkBuildArgs } from './buildArgs';
import { checkSecretFiles } from './secretFiles';
import { limitsHit } from '../model/limits';
import { LIMIT_CODE, timeNote } from '../../limits';
import { checkServiceImage } from './serviceImage';
import { checkExtendsCycles } from './extendsCycles';
import { checkOptionLikeNames } from './optionLikeNames';
import { checkSwarmKeys } from './swarmKeys';
import { checkMisspeltVariables } from './misspeltVariables';
import { checkExampleEnv } from './exampleEnv';
import { checkStackEnv } from './stackEnv';
import { foreignFile } from './foreignFile';
import { checkImageEnvironment } from './imageEnvironment';
import { checkPostgresDataMount } from './postgresDataMount';
import { checkDatabasePassword } from './databasePassword';
import { checkContainerVariables } from './containerVariables';
import { checkRemovedServerOption } from './removedServerOption';
import { checkHealthcheckTools } from './healthcheckTools';
import { checkHealthcheckAlwaysPasses } from './healthcheckAlwaysPasses';
import { checkHealthcheckShellItems } from './healthcheckShellItems';
import { checkCommandOperators } from './commandOperators';
import { checkFoldedComments } from './foldedComments';
import { checkBuildTimeEnvironment } from './buildTimeEnvironment';
import { checkBaseImageBuildOrder } from './baseImageBuildOrder';
import { checkTraefikRule } from './traefikRule';
import { checkImageReference } from './imageReference';
import { checkDeletedImage } from './deletedImage';
import { checkCommittedSecret } from './committedSecret';
import { checkRedirectEmptiesInput } from './redirectEmptiesInput';
import { checkPortNotListened } from './portNotListened';
import { checkKeyValueEntries } from './keyValueEntries';
import { checkEmptyOverrides } from './emptyOverrides';
import { checkAddedPorts } from './addedPorts';
import { checkConsistency } from './consistency';
import { checkUnknownHosts } from './unknownHosts';
import { checkDataMounts } from './dataMounts';
import { checkHiddenDependencies } from './hiddenDependencies';

const MEANING_CHECKS: ((ctx: CheckContext) => void)[] = [
  checkInterpolation,
  checkSchema,
  checkObsoleteVersion,
  checkUndefinedReferences,
  checkPorts,
  checkDurations,
  checkByteSizes,
  checkRestartPolicy,
  checkVolumeSpecs,
  checkDuplicateContainerNames,
  checkDependencyCycles,
  checkDisabledDependencies,
  checkHealthDependencies,
  checkHealthcheckTools,
  checkHealthcheckAlwaysPasses,
  checkHealthcheckShellItems,
  checkCommandOperators,
  checkFoldedComments,
  checkTraefikRule,
  checkImageReference,
  checkDeletedImage,
  checkCommittedSecret,
  checkRedirectEmptiesInput,
  checkPortNotListened,
  // Before the missing paths: a missing env_file .env whose example this has told to copy is not told again.
  checkExampleEnv,
  checkMissingPaths,
  checkBuildTarget,
  checkBaseImageBuildOrder,
  checkBuildArgs,
  checkSecretFiles,
  checkUnknownHosts,
  checkImageEnvironment,
  checkBuildTimeEnvironment,
  checkPostgresDataMount,
  checkDataMounts,
  checkHiddenDependencies,
  checkDatabasePassword,
  checkContainerVariables,
  checkRemovedServerOption,
  checkServiceImage,
  checkExtendsCycles,
  checkOptionLikeNames,
  checkSwarmKeys,
  checkMisspeltVariables,
  checkStackEnv,
  checkKeyValueEntries,
  checkEmptyOverrides,
  checkAddedPorts,
  checkConsistency,
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
  const foreign = foreignFile(file);
  if (foreign) {
    // Another tool's tags (CloudFormation's !Sub and !Ref) are that tool's to read: only YAML errors stay.
    const errors = out.filter((p) => p.rule !== 'compose-yaml-warning');
    out.length = 0;
    out.push(...errors, foreign);
    return out;
  }
  const syntax = out.length;
  let timedOut = false;
  for (const check of MEANING_CHECKS) {
    // Past the validation's deadline the remaining checks are skipped, and the note says so.
    if (context.deadline !== undefined && performance.now() > context.deadline) {
      timedOut = true;
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
  if (file.broken.length > 0) {
    const kept = out.filter((problem, index) => index < syntax || !(isHeld(file, problem.start) || emptyAboveBroken(file, problem)));
    out.length = 0;
    out.push(...kept);
  }
  // A template's placeholders ({{ cookiecutter.name }}) are another tool's to fill in: what is said
  // on their lines is about the unrendered text, a hint (round 36: three type errors on a
  // cookiecutter template's `image: {{ ... }}`, which YAML reads as a mapping).
  if (file.text.includes('{{') || file.text.includes('{%')) {
    for (const problem of out) {
      if (problem.severity === 'hint' || problem.rule === LIMIT_CODE) continue;
      const from = file.text.lastIndexOf('\n', Math.max(0, problem.start - 1)) + 1;
      const to = file.text.indexOf('\n', problem.start);
      if (TEMPLATE.test(file.text.slice(from, to < 0 ? file.text.length : to))) problem.severity = 'hint';
    }
  }
  // Budgets the model hit on the way: one note at each place, so a cut-short answer says so
  // (after the held-back filter, which must not drop them).
  if (timedOut) out.push({ rule: LIMIT_CODE, start: 0, end: Math.min(1, file.text.length), message: timeNote(), severity: 'warning' });
  for (const hit of limitsHit(file)) out.push({ rule: LIMIT_CODE, start: hit.start, end: hit.end, message: hit.message, severity: 'warning' });
  return out;
}

export function composeDiagnostics(file: ComposeFile, context: ServiceContext): Diagnostic[] {
  return toDiagnostics(file, composeProblems(file, context), context.settings.rules);
}
