// Hover help for the placeholders of dockerWorkbench.containers.description in settings.json (and
// workspace files): what {{.Status}} or {{.Label "key"}} shows, and a warning on one that this view
// does not know. The setting's own description lists them all (the hover on its key).
import * as vscode from 'vscode';
import { PLACEHOLDERS, placeholderHelp, placeholdersIn } from './containerTemplate';
import { DESCRIPTION_SETTING } from './containersView';

export class DescriptionSettingHover implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line).text;
    if (line.length > 2000 || !line.includes(`"${DESCRIPTION_SETTING}"`)) return undefined;
    const found = placeholdersIn(line).find((p) => position.character >= p.start && position.character < p.end);
    if (!found) return undefined;
    const range = new vscode.Range(position.line, found.start, position.line, found.end);
    const markdown = new vscode.MarkdownString();
    markdown.appendCodeblock(found.text, 'plaintext');
    if (found.name) markdown.appendMarkdown(placeholderHelp(found.name, vscode.l10n));
    else markdown.appendMarkdown(vscode.l10n.t('Not a placeholder the Containers view knows; the default description is used instead. Known: {0}.', PLACEHOLDERS.map((p) => (p === 'Label' ? '{{.Label "key"}}' : `{{.${p}}}`)).join(', ')));
    return new vscode.Hover(markdown, range);
  }
}

export function registerDescriptionSettingHover(): vscode.Disposable {
  const selector: vscode.DocumentSelector = [
    { language: 'jsonc', pattern: '**/settings.json' },
    { language: 'json', pattern: '**/settings.json' },
    { language: 'jsonc', pattern: '**/*.code-workspace' },
  ];
  return vscode.languages.registerHoverProvider(selector, new DescriptionSettingHover());
}
