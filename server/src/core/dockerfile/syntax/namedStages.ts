// The named stages of a Dockerfile (`FROM image AS name`) and what its stages are built on, for
// readers outside the Dockerfile service: compose's build.target completion, check and
// navigation, and its healthcheck check. Read by the Dockerfile parser,
// so heredoc bodies, parser directives, continuations and comments count as they do for the build;
// it needs only syntax/, so a compose worker loads neither the analysis, the rules nor the shell parser.
import { parseDockerfile } from './parser';

export interface NamedStage {
  /** Lower-cased, as BuildKit compares stage names. */
  name: string;
  /** Offsets of the name in the Dockerfile text. */
  start: number;
  end: number;
}

export function namedStages(text: string): NamedStage[] {
  return parseDockerfile(text).stages.flatMap((stage) => stage.name ? [{ name: stage.name.value.toLowerCase(), start: stage.name.span.start, end: stage.name.span.end }] : []);
}

export interface StageImages {
  stages: { image: string | undefined; name: string | undefined }[];
  healthcheck: boolean;
}

/**
 * The last Dockerfiles read, by text: several compose checks read each building service's
 * Dockerfile on every validation, and many services of a file often build the same one.
 */
const recent = new Map<string, StageImages>();
const RECENT_TEXTS = 16;

/** Each stage's FROM image as written (lower-cased) and name, and whether a HEALTHCHECK other than NONE is there. */
export function stageImages(text: string): StageImages {
  const known = recent.get(text);
  if (known) return known;
  const doc = parseDockerfile(text);
  const stages = doc.stages.map((s) => ({ image: s.image?.raw.toLowerCase(), name: s.name?.value.toLowerCase() }));
  const healthcheck = doc.instructions.some((i) => i.upper === 'HEALTHCHECK' && i.words[0]?.value.toUpperCase() !== 'NONE');
  const result = { stages, healthcheck };
  if (recent.size >= RECENT_TEXTS) recent.delete(recent.keys().next().value!);
  recent.set(text, result);
  return result;
}
