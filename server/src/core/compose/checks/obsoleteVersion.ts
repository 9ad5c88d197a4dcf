// The top-level `version` key: ignored by compose, which prints a warning for it. Not in a file
// that may be a stack file (see mayBeStack), nor in an override of one: docker stack deploy reads
// it to choose its schema (and required it before Docker 23). Not in a file compose reads only
// for services to extend: it does not validate it, nor warn.
import { t } from '../../l10n';
import { DiagnosticTag } from '../../types';
import { entries, rootMaps } from '../model/access';
import { extendsLibrary, type CheckContext } from './checkContext';
import { mayBeStack } from './swarmKeys';

export function checkObsoleteVersion(ctx: CheckContext): void {
  const { file, context, out } = ctx;
  const versions = rootMaps(file).flatMap((root) => entries(file, root).filter((e) => e.key === 'version' && !e.mergedFrom));
  // Whether the file is a stack's is read only for a file that has a version (it walks every service).
  if (versions.length === 0 || mayBeStack(file, context) || extendsLibrary(ctx)) return;
  // An override or -f layer of a stack file goes to docker stack deploy with it (-c base -c layer).
  if (ctx.project().partners.some((base) => mayBeStack(base, context))) return;
  for (const version of versions) {
    out.push({
      rule: 'compose-obsolete-version',
      start: version.keyNode.start,
      end: (version.raw ?? version.keyNode).end,
      message: t('"version" is obsolete: compose ignores it. Remove it.'),
      tags: [DiagnosticTag.Unnecessary],
    });
  }
}
