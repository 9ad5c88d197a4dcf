// Answers the extension's dialogs in tests (code-server's test mode refuses modal dialogs) and
// records every question, so a test can check what a confirmation said would go.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Prompts } from '../../client/src/ui/prompts';

type Kind = 'confirm' | 'input' | 'pick' | 'pickMany' | 'saveFile' | 'openFiles' | 'info';

export interface Asked {
  kind: Kind;
  message?: string;
  detail?: string;
  buttons?: string[];
  items?: string[];
  title?: string;
}

type Answer = (asked: Asked, raw: unknown) => unknown;

export class ScriptedPrompts implements Prompts {
  readonly asked: Asked[] = [];
  private readonly answers: Array<{ kind: Kind; answer: Answer }> = [];

  /** Queues the answer to the next question of this kind. */
  next(kind: Kind, answer: Answer | string | boolean | string[] | undefined): this {
    this.answers.push({ kind, answer: typeof answer === 'function' ? answer : () => answer });
    return this;
  }

  /** Confirms with the first (or named) button. */
  accept(button?: string): this {
    return this.next('confirm', (asked) => button ?? asked.buttons?.[0]);
  }

  decline(): this {
    return this.next('confirm', () => undefined);
  }

  get pending(): number {
    return this.answers.length;
  }

  // Answers are matched by kind, first queued first: a follow-up the extension shows without
  // awaiting it (the offer after a run) may come before or after the next command's question.
  private take(asked: Asked, raw: unknown): unknown {
    this.asked.push(asked);
    const index = this.answers.findIndex((a) => a.kind === asked.kind);
    const queued = this.answers.map((a) => a.kind).join(', ') || 'nothing';
    assert.ok(index >= 0, `unexpected ${asked.kind} (queued: ${queued}): ${asked.message ?? asked.title ?? ''}`);
    const [next] = this.answers.splice(index, 1);
    return next!.answer(asked, raw);
  }

  async confirm(message: string, detail: string, ...buttons: string[]) {
    return this.take({ kind: 'confirm', message, detail, buttons }, undefined) as string | undefined;
  }

  async input(options: vscode.InputBoxOptions) {
    const value = this.take({ kind: 'input', title: options.title, message: options.prompt }, options) as string | undefined;
    if (value !== undefined && options.validateInput) {
      const problem = await options.validateInput(value);
      if (problem) throw new Error(`input "${value}" rejected: ${typeof problem === 'string' ? problem : problem.message}`);
    }
    return value;
  }

  async pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions) {
    const choice = this.take({ kind: 'pick', title: options.title, items: items.map((i) => i.label) }, items);
    return (typeof choice === 'string' ? items.find((i) => i.label === choice || i.label.endsWith(choice)) : (choice as T | undefined));
  }

  async pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions) {
    const choice = this.take({ kind: 'pickMany', title: options.title, items: items.map((i) => i.label) }, items);
    if (choice === 'defaults') return items.filter((i) => i.picked);
    return Array.isArray(choice) ? items.filter((i) => (choice as string[]).includes(i.label)) : (choice as T[] | undefined);
  }

  async saveFile(options: vscode.SaveDialogOptions) {
    return this.take({ kind: 'saveFile', title: options.title }, options) as vscode.Uri | undefined;
  }

  async openFiles(options: vscode.OpenDialogOptions) {
    return this.take({ kind: 'openFiles', title: options.title }, options) as vscode.Uri[] | undefined;
  }

  async info(message: string) {
    return this.take({ kind: 'info', message }, undefined) as string | undefined;
  }
}
