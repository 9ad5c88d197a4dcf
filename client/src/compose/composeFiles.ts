// Finds the compose projects in the workspace: each folder with a compose file is a project; an
// override file beside it belongs to it (the CLI merges it); other compose-named files stand alone.
// Their names come from the same sources the CLI reads (`.env`, top-level `name:`, the folder).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { projectsAnyFlavor, projectsFromFiles, type ComposeFlavor, type ComposeProject } from './composeProject';

export const COMPOSE_GLOB = '**/{compose,docker-compose}*.{yaml,yml}';

/** Larger files are not read for a name (a compose file or `.env` of this size is not real). */
const MAX_READ_BYTES = 4 * 1024 * 1024;

/** A local file's text, or undefined when it is missing, unreadable, not a file or too large. */
export function readSmallFile(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_READ_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The workspace's compose projects. The flavor decides the names, and finding it out runs the CLI:
 * when both flavors name every project alike (no top-level `name:`, no folder starting with - or
 * _, the usual case) the answer does not wait for it.
 */
export async function findComposeProjects(flavor: ComposeFlavor | Promise<ComposeFlavor>, env: NodeJS.ProcessEnv): Promise<ComposeProject[]> {
  const uris = await vscode.workspace.findFiles(COMPOSE_GLOB, '**/node_modules/**', 500);
  const files = uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  const read = readOnce(readSmallFile);
  const either = projectsAnyFlavor(files, env, read);
  if (either) {
    // Still found out (the services need the CLI), just not waited for here.
    Promise.resolve(flavor).catch(() => undefined);
    return either;
  }
  return projectsFromFiles(files, await flavor, env, read);
}

/** A reader that reads each file once (both flavors' names read the same .env and compose files). */
function readOnce(read: (file: string) => string | undefined): (file: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  return (file) => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file);
  };
}
