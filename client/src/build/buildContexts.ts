// The build contexts of the workspace's Dockerfiles, read where VS Code keeps them: each
// folder's tasks.json and the Build Image answers remembered in workspace state.
import * as vscode from 'vscode';
import type { BuildContextFact } from '../../../server/src/core/languageService';
import { contextsFromRemembered, contextsFromTasks, mergeContexts } from './buildContextFacts';

const toUri = (fsPath: string) => vscode.Uri.file(fsPath).toString();

export function workspaceBuildContexts(state: vscode.Memento): BuildContextFact[] {
  const fromTasks = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => contextsFromTasks(vscode.workspace.getConfiguration('tasks', f.uri).get('tasks'), f.uri.fsPath, toUri));
  const remembered = contextsFromRemembered(state.keys().map((k): [string, unknown] => [k, state.get(k)]), toUri);
  return mergeContexts(...fromTasks, remembered);
}
