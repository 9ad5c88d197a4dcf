// Finds the compose projects in the workspace: each folder with a compose file is a project; an
// override file beside it belongs to it (the CLI merges it); other compose-named files stand alone.
import * as vscode from 'vscode';
import { projectsFromFiles, type ComposeFlavor, type ComposeProject } from './composeProject';

export const COMPOSE_GLOB = '**/{compose,docker-compose}*.{yaml,yml}';

export async function findComposeProjects(flavor: ComposeFlavor, env: NodeJS.ProcessEnv): Promise<ComposeProject[]> {
  const uris = await vscode.workspace.findFiles(COMPOSE_GLOB, '**/node_modules/**', 500);
  return projectsFromFiles(uris.map((u) => u.fsPath), flavor, env);
}
