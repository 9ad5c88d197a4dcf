// Finds the compose projects in the workspace: each folder with a compose file is a project; an
// override file beside it belongs to it (the CLI merges it); other compose-named files stand alone.
// Their names come from the same sources the CLI reads (`.env`, top-level `name:`, the folder).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { projectsFromFiles, type ComposeFlavor, type ComposeProject } from './composeProject';

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

/** The flavor decides the names; it may still be being found out while the files are searched for. */
export async function findComposeProjects(flavor: ComposeFlavor | Promise<ComposeFlavor>, env: NodeJS.ProcessEnv): Promise<ComposeProject[]> {
  const [uris, named] = await Promise.all([vscode.workspace.findFiles(COMPOSE_GLOB, '**/node_modules/**', 500), flavor]);
  return projectsFromFiles(uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath), named, env, readSmallFile);
}
