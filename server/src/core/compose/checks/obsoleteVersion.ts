// The top-level `version` key: ignored by compose, which prints a warning for it. Not in a file
// that may be a stack file (see mayBeStack): docker stack deploy reads it to choose its schema
// (and required it before Docker 23). Not
// in a file compose reads only for services to extend: it does not validate it, nor warn.
import { t } from '../../l10n';
import { DiagnosticTag } from '../../types';
import { entries, rootMaps } from '../model/access';
import { extendsLibrary, type CheckContext } from './checkContext';
import { mayBeStack } from './swarmKeys';

/** Whether a root of the file has a top-level version (so that the project is read only then). */
function hasVersion(file: CheckContext['file']): boolean {
  return rootMaps(file).some((root) => entries(file, root).some((e) => e.key === 'version' && !e.mergedFrom));
}

export function checkObsoleteVersion(ctx: CheckContext): void {
  const { file, context, out } = ctx;
  if (mayBeStack(file, context)) return;
  // An override or -f layer of a stack file goes to docker stack deploy with it (-c base -c layer).
  if (hasVersion(file) && ctx.project().partners.some((base) => mayBeStack(base, context))) return;
  for (const root of rootMaps(file)) {
    const version = entries(file, root).find((e) => e.key === 'version' && !e.mergedFrom);
    if (!version || extendsLibrary(ctx)) continue;
    out.push({
      rule: 'compose-obsolete-version',
      start: version.keyNode.start,
      end: (version.raw ?? version.keyNode).end,
      message: t('"version" is obsolete: compose ignores it. Remove it.'),
      tags: [DiagnosticTag.Unnecessary],
    });
  }
}
