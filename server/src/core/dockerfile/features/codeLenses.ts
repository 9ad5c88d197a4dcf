// Code lenses above each stage: build it as a --target, and, above the final stage, build and run.
import { t } from '../../l10n';
import { ClientCommands } from '../../../protocol/clientCommands';
import type { CodeLens } from '../../types';
import type { Analysis } from '../analysis/analysis';

export function codeLenses(a: Analysis, uri: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  const last = a.doc.stages.length - 1;
  for (const stage of a.doc.stages) {
    const range = a.range(stage.from.keywordSpan);
    const target = stage.name?.value;
    if (target || stage.index === last) {
      lenses.push({ range, command: { title: t('Build this stage'), command: ClientCommands.buildImage, arguments: [{ dockerfileUri: uri, ...(target ? { target } : {}) }] } });
    }
    if (stage.index === last) {
      lenses.push({ range, command: { title: t('Build and run'), command: ClientCommands.buildAndRun, arguments: [{ dockerfileUri: uri, ...(target ? { target } : {}) }] } });
    }
  }
  return lenses;
}
