// The image a service runs, as far as its files say: its own `image:`, or the base of the stage its
// Dockerfile builds (build.target, else the last), followed through the stages it is built FROM.
// With the Dockerfile's text, so that a check can see what it installs. For checks that judge an
// image by what its tag runs: the healthcheck's tools, the server options a version removed.
import type { ServiceContext } from '../../languageService';
import { stageImages } from '../../dockerfile/syntax/namedStages';
import { buildPaths } from './buildPaths';
import type { ComposeFile } from './composeFile';
import type { MapNode } from './nodes';
import { readText } from './project';
import { valueAt } from './access';

/** The image the service runs: its own, or its Dockerfile's final stage's base (through its stages). */
export function serviceBaseImage(file: ComposeFile, map: MapNode, context: ServiceContext): { image: string; dockerfile?: string } | undefined {
  const paths = buildPaths(file, map);
  if (!paths) {
    const image = valueAt(file, map, 'image');
    return image?.kind === 'scalar' && typeof image.value === 'string' ? { image: image.value } : undefined;
  }
  if (!paths.dockerfileUri || paths.inline) return undefined;
  const text = readText(paths.dockerfileUri, context);
  if (text === undefined) return undefined;
  const { stages } = stageImages(text);
  const target = valueAt(file, map, 'build', 'target');
  let stage = target?.kind === 'scalar' ? stages.find((s) => s.name === String(target.value).toLowerCase()) : stages[stages.length - 1];
  for (let guard = 0; stage && guard < 32; guard++) {
    const parent = stages.find((s) => s.name !== undefined && s.name === stage!.image);
    if (!parent) break;
    stage = parent;
  }
  return stage?.image ? { image: stage.image, dockerfile: text } : undefined;
}
