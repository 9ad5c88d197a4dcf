// "Browse Files": a quick pick that walks a running container's folders through the container
// file system provider. Picking a file opens it in an editor (saving writes it back); the first
// items add the current folder to the Explorer (a workspace folder on the container scheme) or
// download it into a folder the user picks.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { containerUri, type ContainerFileSystemProvider } from './containerFileSystem';
import { askAboutExisting, describeSkipped, downloadFromContainer } from './fileTransfer';
import { vscodePrompts } from '../ui/prompts';
import { dirname, normalizeContainerPath } from './directoryListing';

type Action = 'up' | 'addToExplorer' | 'download' | 'open';

interface Item extends vscode.QuickPickItem {
  action: Action;
  path?: string;
  isDirectory?: boolean;
}

export async function browseContainerFiles(
  getEngine: () => DockerEngine,
  provider: ContainerFileSystemProvider,
  containerId: string,
  containerName: string,
  startPath = '/',
): Promise<void> {
  let path = normalizeContainerPath(startPath);
  for (;;) {
    let entries: [string, vscode.FileType][];
    try {
      entries = await provider.readDirectory(containerUri(containerId, path));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not list {0} in {1}: {2}', path, containerName, (error as Error).message));
      return;
    }
    const items: Item[] = [
      { label: vscode.l10n.t('$(root-folder) Add {0} to the Explorer', path), action: 'addToExplorer' },
      { label: vscode.l10n.t('$(cloud-download) Download {0} to a folder…', path), action: 'download' },
    ];
    if (path !== '/') items.push({ label: '$(arrow-up) ..', action: 'up' });
    const sorted = entries
      .map(([name, type]) => ({ name, type, isDirectory: (type & vscode.FileType.Directory) !== 0 }))
      .sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));
    for (const entry of sorted) {
      const link = (entry.type & vscode.FileType.SymbolicLink) !== 0;
      items.push({
        label: `${entry.isDirectory ? '$(folder)' : '$(file)'} ${entry.name}`,
        description: link ? vscode.l10n.t('symlink') : undefined,
        action: 'open',
        path: normalizeContainerPath(`${path}/${entry.name}`),
        isDirectory: entry.isDirectory,
      });
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Files of {0}: {1}', containerName, path),
      placeHolder: vscode.l10n.t('Pick a folder to open it, or a file to edit it'),
      matchOnDescription: true,
    });
    if (!picked) return;
    switch (picked.action) {
      case 'up':
        path = dirname(path);
        continue;
      case 'addToExplorer': {
        const folders = vscode.workspace.workspaceFolders ?? [];
        vscode.workspace.updateWorkspaceFolders(folders.length, 0, { uri: containerUri(containerId, path), name: `${containerName}: ${path}` });
        return;
      }
      case 'download': {
        const target = await pickTargetFolder();
        if (!target) return;
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0} from {1}…', path, containerName) },
          async () => {
            try {
              const result = await downloadFromContainer(getEngine, containerId, path, target, askAboutExisting(vscodePrompts));
              if (result.cancelled) return;
              const skipped = describeSkipped(result.skipped);
              const where = vscode.workspace.asRelativePath(result.destination);
              const done = result.files === 1 ? vscode.l10n.t('Downloaded 1 file to {0}', where) : vscode.l10n.t('Downloaded {0} files to {1}', result.files, where);
              void vscode.window.showInformationMessage(skipped ? vscode.l10n.t('{0} ({1}).', done, skipped) : vscode.l10n.t('{0}.', done));
            } catch (error) {
              void vscode.window.showErrorMessage(vscode.l10n.t('Download failed: {0}', (error as Error).message));
            }
          },
        );
        return;
      }
      case 'open':
        if (picked.isDirectory && picked.path) {
          path = picked.path;
          continue;
        }
        if (picked.path) await vscode.window.showTextDocument(containerUri(containerId, picked.path), { preview: false });
        return;
    }
  }
}

/** The folder to download into: always the user's choice (the dialog opens at the first workspace folder). */
export async function pickTargetFolder(): Promise<vscode.Uri | undefined> {
  const start = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri: start, openLabel: vscode.l10n.t('Download here'), title: vscode.l10n.t('Download into which folder?') });
  return chosen?.[0];
}
