// Every Dockerfile rule, in the order they run.
import type { Rule } from './rule';
import { syntaxRules } from './syntaxRules';
import { argumentRules } from './argumentRules';
import { flagRules } from './flagRules';
import { stageRules } from './stageRules';
import { fromRules } from './fromRules';
import { crossBuildRules } from './crossBuildRules';
import { variableRules } from './variableRules';
import { runtimeRules } from './runtimeRules';
import { exposeRules } from './exposeRules';
import { copyRules } from './copyRules';
import { shellRules } from './shellRules';
import { heredocRules } from './heredocRules';
import { packageRules } from './packageRules';
import { layerRules } from './layerRules';
import { aptListsRules } from './aptListsRules';
import { versionSpecRules } from './versionSpecRules';
import { pythonRules } from './pythonRules';
import { contextRules } from './contextRules';
import { metaRules } from './metaRules';
import { configRules } from './configRules';
import { maskedInstallRules } from './maskedInstallRules';
import { secretMountRules } from './secretMountRules';
import { baseUserRules } from './baseUserRules';
import { archivedReleaseRules } from './archivedReleaseRules';
import { devServerRules } from './devServerRules';
import { inlineCommentRules } from './inlineCommentRules';
import { wellKnownEnvRules } from './wellKnownEnvRules';
import { scratchRules } from './scratchRules';
import { devDependencyRules } from './devDependencyRules';
import { nodeDependencyRules } from './nodeDependencyRules';
import { goRules } from './goRules';
import { npmRootRules } from './npmRootRules';
import { nonRootInstallRules } from './nonRootInstallRules';
import { nginxUserRules } from './nginxUserRules';
import { projectNotCopiedRules } from './projectNotCopiedRules';
import { lockfileRules } from './lockfileRules';
import { poetryRules } from './poetryRules';
import { opensslLegacyRules } from './opensslLegacyRules';
import { rubyVersionRules } from './rubyVersionRules';
import { getPipRules } from './getPipRules';
import { dotnetRules } from './dotnetRules';
import { pipImportNameRules } from './pipImportNameRules';
import { apkPackageRules } from './apkPackageRules';
import { missingProgramRules } from './missingProgramRules';
import { phpExtensionRules } from './phpExtensionRules';
import { buildInCmdRules } from './buildInCmdRules';
import { javaOptionRules } from './javaOptionRules';
import { pythonScriptRules } from './pythonScriptRules';
import { nextStandaloneRules } from './nextStandaloneRules';
import { goVersionRules } from './goVersionRules';
import { copyCommandRules } from './copyCommandRules';
import { redirectRules } from './redirectRules';
import { aptPackageRules } from './aptPackageRules';
import { glibcRules } from './glibcRules';
import { entrypointRules } from './entrypointRules';
import { scriptRules } from './scriptRules';
import { subcommandRules } from './subcommandRules';
import { downloadRules } from './downloadRules';
import { typographicQuoteRules } from './typographicQuoteRules';

export const ALL_RULES: Rule[] = [
  ...syntaxRules, ...inlineCommentRules, ...argumentRules, ...flagRules, ...stageRules, ...fromRules, ...crossBuildRules, ...variableRules, ...wellKnownEnvRules, ...scratchRules, ...runtimeRules, ...entrypointRules, ...devServerRules,
  ...exposeRules, ...copyRules, ...shellRules, ...heredocRules, ...packageRules, ...devDependencyRules, ...nodeDependencyRules, ...goRules, ...npmRootRules, ...nonRootInstallRules, ...nginxUserRules, ...projectNotCopiedRules, ...lockfileRules, ...phpExtensionRules, ...buildInCmdRules, ...javaOptionRules, ...pythonScriptRules, ...nextStandaloneRules, ...copyCommandRules, ...redirectRules, ...poetryRules, ...opensslLegacyRules, ...rubyVersionRules, ...goVersionRules, ...getPipRules, ...dotnetRules, ...pipImportNameRules, ...apkPackageRules, ...subcommandRules, ...downloadRules, ...missingProgramRules, ...aptPackageRules, ...glibcRules, ...typographicQuoteRules, ...layerRules, ...aptListsRules, ...versionSpecRules, ...pythonRules, ...contextRules, ...scriptRules, ...metaRules, ...configRules, ...maskedInstallRules, ...secretMountRules, ...baseUserRules, ...archivedReleaseRules,
];

const byId = new Map<string, Rule>(ALL_RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
