// build.target must name a stage of the Dockerfile (read through the file access, when it exists).
import { t } from '../../l10n';
import { closest } from '../model/closest';
import { namedStages } from '../../dockerfile/syntax/namedStages';
import { buildPaths, type BuildPaths } from '../model/buildPaths';
import { inheritedContext } from '../model/mergedBuild';
import { readText } from '../model/project';
import { scalarSpan } from '../model/symbols';
import { resolvePath } from '../model/uris';
import { servicesOf, type CheckContext } from './checkContext';

/**
 * The Dockerfile a service's build reads. An override that gives only a target (`build: target:
 * development` in docker-compose.dev.yml) is merged with the build of the same service in the
 * files compose reads with it: their context, and their dockerfile unless this one names its own
 * (round 26: a target the base's Dockerfile does not have).
 */
export function dockerfileOf(ctx: CheckContext, name: string, build: BuildPaths): string | undefined {
  if (build.inline) return undefined;
  const inherited = inheritedContext(ctx.file, ctx.project(), name, build);
  if (!inherited) return build.dockerfileUri;
  if (!inherited.contextUri) return undefined;
  return resolvePath(inherited.contextUri, scalarSpan(ctx.file, build.dockerfileNode)?.text ?? 'Dockerfile');
}

export function checkBuildTarget(ctx: CheckContext): void {
  const { file } = ctx;
  for (const { name, map } of servicesOf(file)) {
    const build = buildPaths(file, map, ctx.project().directory);
    const target = build && scalarSpan(file, build.targetNode);
    if (!build || !target || target.text.includes('$')) continue;
    const dockerfileUri = dockerfileOf(ctx, name, build);
    if (!dockerfileUri) continue;
    const text = readText(dockerfileUri, ctx.context);
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
