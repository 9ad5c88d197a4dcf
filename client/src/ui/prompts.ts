// Every question the commands ask goes through Prompts. The real one uses VS Code's dialogs;
// integration tests install scripted answers (modal dialogs cannot be clicked in a test host),
// while the engine they act on stays real.
import * as vscode from 'vscode';

export interface Prompts {
  /** A modal warning; resolves to the label of the button chosen, or undefined when cancelled. */
  confirm(message: string, detail: string, ...buttons: string[]): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T[] | undefined>;
  saveFile(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  openFiles(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
}

export const vscodePrompts: Prompts = {
  async confirm(message, detail, ...buttons) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  },
  input: (options) => Promise.resolve(vscode.window.showInputBox(options)),
  pick: (items, options) => Promise.resolve(vscode.window.showQuickPick(items, { ...options, canPickMany: false })),
  pickMany: (items, options) => Promise.resolve(vscode.window.showQuickPick(items, { ...options, canPickMany: true })),
  saveFile: (options) => Promise.resolve(vscode.window.showSaveDialog(options)),
  openFiles: (options) => Promise.resolve(vscode.window.showOpenDialog(options)),
  info: (message, ...actions) => Promise.resolve(vscode.window.showInformationMessage(message, ...actions)),
};

/** Holds the Prompts in use, so tests can swap them without reaching into each command. */
export class PromptsHolder {
  current: Prompts = vscodePrompts;
}
