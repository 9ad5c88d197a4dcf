// The build context a service's build reads once compose has merged the project's files: an
// override that gives only `dockerfile:` or `target:` (docker-compose.prod.yml's `dockerfile:
// Dockerfile.pdf`) builds in the context the base file gives the same service, and its dockerfile
// is read from there (rounds 26 and 27). Undefined where no file of the project gives a context
// for it (compose's default, the project's folder, applies) or the base's is not on disk.
import { buildPaths, type BuildPaths } from './buildPaths';
import type { ComposeFile } from './composeFile';
import { projectFiles, type Project } from './project';
import { symbolsOf } from './symbols';

export function inheritedContext(file: ComposeFile, project: Project, name: string, build: BuildPaths): { contextUri: string | undefined } | undefined {
  if (build.contextNode) return undefined;
  for (const other of projectFiles(project)) {
    const service = other === file ? undefined : symbolsOf(other).services.get(name);
    const theirs = service?.map ? buildPaths(other, service.map, project.directory) : undefined;
    if (theirs?.contextNode) return { contextUri: theirs.inline ? undefined : theirs.contextUri };
  }
  return undefined;
}
