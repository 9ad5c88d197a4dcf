// The names of everything the walkthrough makes (all start with "learn-"), the context keys that
// tick its steps off (package.json's completionEvents use the same), and the command ids.
import * as vscode from 'vscode';
import type { LearnItem } from './learnCleanUp';
import { LEARN_FOLDER } from './learnSession';

export const WALKTHROUGH_ID = 'docker-workbench.docker-workbench#dockerWorkbench.learn';

export const LEARN_COMMANDS = {
  open: 'dockerWorkbench.learn.open',
  checkEngine: 'dockerWorkbench.learn.checkEngine',
  runContainers: 'dockerWorkbench.learn.runContainers',
  separateFilesystems: 'dockerWorkbench.learn.separateFilesystems',
  shareVolume: 'dockerWorkbench.learn.shareVolume',
  bindMount: 'dockerWorkbench.learn.bindMount',
  network: 'dockerWorkbench.learn.network',
  buildCache: 'dockerWorkbench.learn.buildCache',
  compose: 'dockerWorkbench.learn.compose',
  cleanUp: 'dockerWorkbench.learn.cleanUp',
  explain: 'dockerWorkbench.dockerfile.explain',
} as const;

/** Set to true when a step has done what it shows; `onContext:<key>` completes the step. */
export const LEARN_DONE = {
  checkEngine: 'dockerWorkbench.learn.engineChecked',
  runContainers: 'dockerWorkbench.learn.containersRun',
  separateFilesystems: 'dockerWorkbench.learn.filesystemsSeen',
  shareVolume: 'dockerWorkbench.learn.volumeShared',
  bindMount: 'dockerWorkbench.learn.bindMounted',
  network: 'dockerWorkbench.learn.networkResolved',
  buildCache: 'dockerWorkbench.learn.cacheSeen',
  compose: 'dockerWorkbench.learn.composeDone',
} as const;

export const NAMES = {
  background: 'learn-background',
  interactive: 'learn-interactive',
  fsOne: 'learn-fs-one',
  fsTwo: 'learn-fs-two',
  volume: 'learn-data',
  volumeOne: 'learn-volume-one',
  volumeTwo: 'learn-volume-two',
  volumeThree: 'learn-volume-three',
  bind: 'learn-bind',
  network: 'learn-net',
  web: 'learn-web',
  webAlias: 'web',
  client: 'learn-client',
  image: 'learn-cache:latest',
  composeProject: 'learn-compose',
  composeVolume: 'learn-compose_data',
  composeNetwork: 'learn-compose_default',
} as const;

/** Workspace files, relative to the learn-docker folder. */
export const FILES = {
  bindHello: 'hello.txt',
  dockerfile: 'learn-cache/Dockerfile',
  appScript: 'learn-cache/app.sh',
  compose: 'learn-compose/compose.yaml',
} as const;

export function workspaceFileUri(folder: vscode.WorkspaceFolder, relative: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, LEARN_FOLDER, ...relative.split('/'));
}

/** Everything a step makes, for its own clean-up. */
export function itemsOfStep(step: number, folder: vscode.WorkspaceFolder | undefined): LearnItem[] {
  const file = (relative: string): LearnItem[] => (folder ? [{ kind: 'file', name: relative, uri: workspaceFileUri(folder, relative) }] : []);
  switch (step) {
    case 2: return [{ kind: 'container', name: NAMES.background }, { kind: 'container', name: NAMES.interactive }];
    case 3: return [{ kind: 'container', name: NAMES.fsOne }, { kind: 'container', name: NAMES.fsTwo }];
    case 4: return [
      { kind: 'container', name: NAMES.volumeOne }, { kind: 'container', name: NAMES.volumeTwo }, { kind: 'container', name: NAMES.volumeThree },
      { kind: 'volume', name: NAMES.volume },
    ];
    case 5: return [{ kind: 'container', name: NAMES.bind }, ...file(FILES.bindHello)];
    case 6: return [{ kind: 'container', name: NAMES.web }, { kind: 'container', name: NAMES.client }, { kind: 'network', name: NAMES.network }];
    case 7: return [{ kind: 'image', name: NAMES.image }, ...(folder ? [{ kind: 'file' as const, name: 'learn-cache', uri: workspaceFileUri(folder, 'learn-cache') }] : [])];
    case 8: return [
      { kind: 'composeProject', name: NAMES.composeProject }, { kind: 'network', name: NAMES.composeNetwork }, { kind: 'volume', name: NAMES.composeVolume },
      ...(folder ? [{ kind: 'file' as const, name: 'learn-compose', uri: workspaceFileUri(folder, 'learn-compose') }] : []),
    ];
    default: return [];
  }
}

/** Everything the walkthrough makes, for "Clean Up Everything". */
export function allLearnItems(folder: vscode.WorkspaceFolder | undefined): LearnItem[] {
  const items: LearnItem[] = [];
  for (let step = 2; step <= 8; step++) items.push(...itemsOfStep(step, folder).filter((i) => i.kind !== 'file'));
  if (folder) items.push({ kind: 'file', name: 'learn-docker', uri: vscode.Uri.joinPath(folder.uri, LEARN_FOLDER) });
  return items;
}
