// build.target must name a stage of the Dockerfile (read through the file access, when it exists).
import { t } from '../../l10n';
import { closest } from '../model/closest';
import { namedStages } from '../../dockerfile/syntax/namedStages';
import { buildPaths } from '../model/buildPaths';
import { readText } from '../model/project';
import { scalarSpan } from '../model/symbols';
import { servicesOf, type CheckContext } from './checkContext';

export function checkBuildTarget(ctx: CheckContext): void {
  const { file } = ctx;
  for (const { map } of servicesOf(file)) {
    const build = buildPaths(file, map, ctx.project().directory);
    const target = build && scalarSpan(file, build.targetNode);
    if (!build?.dockerfileUri || !target || target.text.includes('$')) continue;
    const text = readText(build.dockerfileUri, ctx.context);
    if (text === undefined) continue;
    const stages = namedStages(text).map((s) => s.name);
    if (stages.includes(target.text.toLowerCase())) continue;
    const suggestion = closest(target.text, stages);
    ctx.out.push({
      rule: 'compose-unknown-build-target',
      start: target.start,
      end: target.end,
      message: stages.length === 0
        ? t('The Dockerfile has no named stages, so there is no target "{0}". Name a stage with "FROM image AS {0}".', target.text)
        : suggestion
          ? t('The Dockerfile has no stage "{0}". Did you mean "{1}"?', target.text, suggestion)
          : t('The Dockerfile has no stage "{0}". Its stages are: {1}.', target.text, stages.join(', ')),
      ...(suggestion ? { data: { replacement: suggestion } } : {}),
    });
  }
}
