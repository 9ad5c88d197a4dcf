// Code lenses that run compose from the file: "Up all" on `services:`, "Up" and "Logs" on each
// service. They call the client's commands (ClientCommands), which run compose in a terminal.
// "Deploy as stack" joins them when the file is valid for Swarm and is used for a stack, or the
// client's engine manages a swarm.
import { t } from '../../l10n';
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import type { CodeLens } from '../../types';
import { ClientCommands } from '../../../protocol/clientCommands';
import { entries, rootMaps } from '../model/access';
import { composeFileOf } from '../model/documentStore';
import { deployableAsStack, usedForStack } from '../checks/swarmKeys';
import { composeDiagnostics } from '../checks/runChecks';
import { DiagnosticSeverity } from '../../types';

export function codeLensesCompose(document: TextDocumentLike, context: ServiceContext): CodeLens[] {
  const file = composeFileOf(document);
  // Compose runs files on disk; an untitled buffer has nothing to run.
  if (!file.uri.startsWith('file:') || file.skipped) return [];
  const lenses: CodeLens[] = [];
  const composeFileUri = file.uri;
  const stack = (context.facts.swarmManager || usedForStack(file, context))
    && deployableAsStack(file)
    && !composeDiagnostics(file, context).some((d) => d.severity === DiagnosticSeverity.Error);
  for (const root of rootMaps(file)) {
    const services = entries(file, root).find((e) => e.key === 'services' && !e.mergedFrom);
    if (!services || services.value?.kind !== 'map') continue;
    const at = file.range(services.keyNode.start, services.keyNode.end);
    lenses.push({ range: at, command: { title: `$(run-all) ${t('Up all')}`, command: ClientCommands.composeUp, arguments: [{ composeFileUri }] } });
    lenses.push({ range: at, command: { title: `$(output) ${t('Logs')}`, command: ClientCommands.composeLogs, arguments: [{ composeFileUri }] } });
    if (stack) lenses.push({ range: at, command: { title: `$(cloud-upload) ${t('Deploy as stack')}`, command: ClientCommands.deployStack, arguments: [{ composeFileUri }] } });
    for (const service of entries(file, services.value)) {
      if (service.key.startsWith('x-') || service.mergedFrom) continue;
      const range = file.range(service.keyNode.start, service.keyNode.end);
      const args = { composeFileUri, services: [service.key] };
      lenses.push({ range, command: { title: `$(play) ${t('Up')}`, command: ClientCommands.composeUp, arguments: [args] } });
      lenses.push({ range, command: { title: `$(output) ${t('Logs')}`, command: ClientCommands.composeLogs, arguments: [args] } });
    }
  }
  return lenses;
}
