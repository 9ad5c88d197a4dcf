// Malformed `${…}` anywhere in a value (keys are not interpolated by compose). Each scalar is
// scanned in its source text, so the reported range is exactly the faulty variable. Findings in
// a service are kept while other services are edited (scanValues).
import type { ComposeFile } from '../model/composeFile';
import { NodeMemo } from '../model/nodeMemo';
import type { CNode } from '../model/nodes';
import { scanValues } from '../model/valueScan';
import { MAX_INTERPOLATION_DEPTH, scanInterpolation } from '../model/interpolation';
import { LIMIT_CODE } from '../../limits';
import { t } from '../../l10n';
import type { Problem } from './problems';
import type { CheckContext } from './checkContext';

const memo = new NodeMemo<Problem>();

export function checkInterpolation({ file, out }: CheckContext): void {
  out.push(...scanValues(file, memo, (node) => scalarErrors(file, node)));
}

function scalarErrors(file: ComposeFile, node: CNode): Problem[] {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return [];
  const source = file.text.slice(node.start, node.end);
  if (!source.includes('${')) return [];
  const scan = scanInterpolation(source, node.start);
  const found: Problem[] = scan.errors.map((error) => ({ rule: 'compose-interpolation', start: error.start, end: error.end, message: error.message }));
  if (scan.tooDeep) {
    found.push({ rule: LIMIT_CODE, severity: 'warning', ...scan.tooDeep, message: t('Variables nested more than {0} levels deep are not read; checks of this value stopped here.', MAX_INTERPOLATION_DEPTH) });
  }
  return found;
}
