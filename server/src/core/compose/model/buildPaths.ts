// Where a service builds from: its build context (a folder, or a URL compose fetches) and the
// Dockerfile in it, as nodes (for ranges) and as URIs (for files on disk).
import { entries, resolve } from './access';
import type { ComposeFile } from './composeFile';
import type { CNode, MapNode } from './nodes';
import { scalarSpan } from './symbols';
import { dirnameUri, resolvePath } from './uris';

export interface BuildPaths {
  /** The node holding the context path (the `build` string itself in the short form), if written. */
  contextNode: CNode | null;
  /** undefined when the context is remote or interpolated. */
  contextUri?: string;
  dockerfileNode: CNode | null;
  dockerfileUri?: string;
  targetNode: CNode | null;
  /** The Dockerfile is written inline (dockerfile_inline), so there is no file. */
  inline: boolean;
}

/** `folder` is what relative paths resolve against: the file's own, or its project's for a -f overlay. */
export function buildPaths(file: ComposeFile, service: MapNode, folder = dirnameUri(file.uri)): BuildPaths | undefined {
  const build = entries(file, service).find((e) => e.key === 'build');
  if (!build) return undefined;
  const value = build.value;
  let contextNode: CNode | null = null;
  let dockerfileNode: CNode | null = null;
  let targetNode: CNode | null = null;
  let inline = false;
  if (value?.kind === 'scalar') {
    contextNode = build.raw;
  } else if (value?.kind === 'map') {
    for (const e of entries(file, value)) {
      if (e.key === 'context') contextNode = e.raw;
      else if (e.key === 'dockerfile') dockerfileNode = e.raw;
      else if (e.key === 'target') targetNode = e.raw;
      else if (e.key === 'dockerfile_inline') inline = true;
    }
  } else {
    return undefined;
  }
  const contextText = contextNode ? scalarSpan(file, contextNode)?.text ?? resolvedText(file, contextNode) : '.';
  const result: BuildPaths = { contextNode, dockerfileNode, targetNode, inline };
  const contextUri = contextText === undefined ? undefined : resolvePath(folder, contextText);
  if (contextUri) result.contextUri = contextUri;
  if (contextUri && !inline) {
    const dockerfileText = dockerfileNode ? scalarSpan(file, dockerfileNode)?.text ?? resolvedText(file, dockerfileNode) : 'Dockerfile';
    const dockerfileUri = dockerfileText === undefined ? undefined : resolvePath(contextUri, dockerfileText);
    if (dockerfileUri) result.dockerfileUri = dockerfileUri;
  }
  return result;
}

function resolvedText(file: ComposeFile, node: CNode): string | undefined {
  const value = resolve(file, node);
  return value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined;
}
