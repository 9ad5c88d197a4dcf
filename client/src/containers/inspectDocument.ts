// "Inspect": any engine object as a read-only JSON document. Secret-looking values (in Env, Cmd,
// Args, Entrypoint, Labels, Healthcheck, and credential shapes anywhere) are masked (secretMasking.ts). Revealing is a separate document, the same URI with
// `reveal=1`: the masked one stays as it was, closing the revealed one drops the secrets from the
// editor, and nothing secret is shown without an explicit click on the code lens above the JSON
// ("Reveal N masked values"), which runs REVEAL_COMMAND. A "Refresh" lens fetches it again.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { maskSecrets } from './secretMasking';

export const INSPECT_SCHEME = 'docker-workbench-inspect';
export const REVEAL_COMMAND = 'dockerWorkbench.internal.inspectRevealSecrets';
export const HIDE_COMMAND = 'dockerWorkbench.internal.inspectHideSecrets';
export const REFRESH_COMMAND = 'dockerWorkbench.internal.refreshDocument';

export type InspectKind = 'container' | 'image' | 'volume' | 'network';

const KINDS: readonly InspectKind[] = ['container', 'image', 'volume', 'network'];

export function inspectObject(engine: DockerEngine, kind: InspectKind, id: string): Promise<unknown> {
  switch (kind) {
    case 'container': return engine.inspectContainer(id);
    case 'image': return engine.inspectImage(id);
    case 'volume': return engine.inspectVolume(id);
    case 'network': return engine.inspectNetwork(id);
  }
}

export class InspectDocumentProvider implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly lensEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensEmitter.event;
  /** Masked-value count per masked document, for its code lens. */
  private readonly maskedCounts = new Map<string, number>();

  constructor(
    private readonly getEngine: () => DockerEngine,
    readonly scheme = INSPECT_SCHEME,
  ) {}

  uriFor(kind: InspectKind, id: string, label = id, reveal = false): vscode.Uri {
    const query = new URLSearchParams({ kind, id });
    if (reveal) query.set('reveal', '1');
    const safe = label.replace(/^\//, '').replace(/[/\\]/g, '_').slice(0, 80);
    return vscode.Uri.from({ scheme: this.scheme, path: `/${kind}/${safe}${reveal ? ' (revealed)' : ''}.json`, query: query.toString() });
  }

  /** Opens the inspect document (masked unless `reveal`). */
  async open(kind: InspectKind, id: string, label?: string, reveal = false): Promise<vscode.TextEditor> {
    const uri = this.uriFor(kind, id, label ?? id, reveal);
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'json') document = await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(document, { preview: false });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const kind = query.get('kind') as InspectKind | null;
    const id = query.get('id');
    if (!kind || !KINDS.includes(kind) || !id) return vscode.l10n.t('// not an inspect document: {0}', uri.toString());
    try {
      const data = await inspectObject(this.getEngine(), kind, id);
      if (query.get('reveal') === '1') return JSON.stringify(data, null, 2) + '\n';
      const { value, masked } = maskSecrets(data);
      this.maskedCounts.set(uri.toString(), masked);
      this.lensEmitter.fire();
      return JSON.stringify(value, null, 2) + '\n';
    } catch (error) {
      return `// ${vscode.l10n.t('Could not inspect {0} {1}: {2}', kind, id, (error as Error).message)}\n`;
    }
  }

  /** How many values the masked document hides (undefined before it was produced). */
  maskedCount(uri: vscode.Uri): number | undefined {
    return this.maskedCounts.get(uri.toString());
  }

  refresh(uri: vscode.Uri): void {
    this.changeEmitter.fire(uri);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== this.scheme) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: vscode.l10n.t('$(refresh) Refresh'), command: REFRESH_COMMAND, arguments: [document.uri] })];
    const revealed = new URLSearchParams(document.uri.query).get('reveal') === '1';
    if (revealed) {
      lenses.push(new vscode.CodeLens(top, { title: vscode.l10n.t('$(eye-closed) Showing secret values; open the masked view'), command: HIDE_COMMAND, arguments: [document.uri] }));
    } else {
      const count = this.maskedCounts.get(document.uri.toString()) ?? 0;
      if (count > 0) {
        lenses.push(new vscode.CodeLens(top, {
          title: count === 1 ? vscode.l10n.t('$(eye) Reveal 1 masked value') : vscode.l10n.t('$(eye) Reveal {0} masked values', count),
          tooltip: vscode.l10n.t('Opens a second document with the masked values shown'),
          command: REVEAL_COMMAND,
          arguments: [document.uri],
        }));
      }
    }
    return lenses;
  }

  /** The other variant (revealed ⇄ masked) of an inspect document. */
  async openVariant(uri: vscode.Uri, reveal: boolean): Promise<vscode.TextEditor> {
    const query = new URLSearchParams(uri.query);
    const kind = query.get('kind') as InspectKind;
    const id = query.get('id') ?? '';
    const label = uri.path.replace(/^\/[^/]+\//, '').replace(/( \(revealed\))?\.json$/, '');
    return this.open(kind, id, label, reveal);
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.lensEmitter.dispose();
    this.maskedCounts.clear();
  }
}
