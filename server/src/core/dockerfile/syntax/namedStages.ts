// The named stages of a Dockerfile (`FROM image AS name`), for readers outside the Dockerfile
// service: compose's build.target completion, check and navigation. Read by the Dockerfile parser,
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
