// Plain data shapes used by the language-service core. They mirror the LSP shapes field for
// field (0-based lines, UTF-16 characters) so the LSP adapter can pass them through unchanged,
// while the core itself imports nothing from LSP or VS Code.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

export const DiagnosticTag = { Unnecessary: 1, Deprecated: 2 } as const;
export type DiagnosticTag = (typeof DiagnosticTag)[keyof typeof DiagnosticTag];

export interface Diagnostic {
  range: Range;
  severity: DiagnosticSeverity;
  /**
   * Stable rule id, e.g. `latest-tag` or `compose-yaml-syntax`; code actions and settings key on it.
   * Ours come from diagnosticCodes.ts (the sites that make them are typed against it); a string
   * here because code actions also receive other tools' diagnostics.
   */
  code: string;
  /** Where the rule is explained (shown by VS Code as a link next to the code). */
  codeDescription?: { href: string };
  source: string;
  message: string;
  tags?: DiagnosticTag[];
  /** Free-form data a quick fix can use later. */
  data?: unknown;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface MarkupContent {
  kind: 'markdown' | 'plaintext';
  value: string;
}

export interface Hover {
  contents: MarkupContent;
  range?: Range;
}

export const CompletionItemKind = {
  Text: 1, Method: 2, Function: 3, Constructor: 4, Field: 5, Variable: 6, Class: 7, Interface: 8, Module: 9,
  Property: 10, Unit: 11, Value: 12, Enum: 13, Keyword: 14, Snippet: 15, Color: 16, File: 17, Reference: 18,
  Folder: 19, EnumMember: 20, Constant: 21, Struct: 22, Event: 23, Operator: 24, TypeParameter: 25,
} as const;
export type CompletionItemKind = (typeof CompletionItemKind)[keyof typeof CompletionItemKind];

export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const;
export type InsertTextFormat = (typeof InsertTextFormat)[keyof typeof InsertTextFormat];

export interface CompletionItem {
  label: string;
  kind?: CompletionItemKind;
  detail?: string;
  documentation?: MarkupContent;
  sortText?: string;
  filterText?: string;
  insertText?: string;
  insertTextFormat?: InsertTextFormat;
  textEdit?: TextEdit;
  command?: Command;
}

export interface CompletionList {
  isIncomplete: boolean;
  items: CompletionItem[];
}

export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface Location {
  uri: string;
  range: Range;
}

export interface LocationLink {
  targetUri: string;
  targetRange: Range;
  targetSelectionRange: Range;
  originSelectionRange?: Range;
}

export const DocumentHighlightKind = { Text: 1, Read: 2, Write: 3 } as const;
export type DocumentHighlightKind = (typeof DocumentHighlightKind)[keyof typeof DocumentHighlightKind];

export interface DocumentHighlight {
  range: Range;
  kind?: DocumentHighlightKind;
}

export const SymbolKind = {
  File: 1, Module: 2, Namespace: 3, Package: 4, Class: 5, Method: 6, Property: 7, Field: 8, Constructor: 9,
  Enum: 10, Interface: 11, Function: 12, Variable: 13, Constant: 14, String: 15, Number: 16, Boolean: 17,
  Array: 18, Object: 19, Key: 20, Null: 21, EnumMember: 22, Struct: 23, Event: 24, Operator: 25, TypeParameter: 26,
} as const;
export type SymbolKind = (typeof SymbolKind)[keyof typeof SymbolKind];

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'imports' | 'region';
}

export interface DocumentLink {
  range: Range;
  target?: string;
  tooltip?: string;
}

/** Edits keyed by document URI. */
export interface WorkspaceEdit {
  changes: Record<string, TextEdit[]>;
}

export interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  command?: Command;
}

export interface CodeLens {
  range: Range;
  command?: Command;
}

export const InlayHintKind = { Type: 1, Parameter: 2 } as const;
export type InlayHintKind = (typeof InlayHintKind)[keyof typeof InlayHintKind];

export interface InlayHint {
  position: Position;
  label: string;
  kind?: InlayHintKind;
  tooltip?: string | MarkupContent;
  paddingLeft?: boolean;
  paddingRight?: boolean;
}

export interface SelectionRange {
  range: Range;
  parent?: SelectionRange;
}

export interface ParameterInformation {
  label: string | [number, number];
  documentation?: string | MarkupContent;
}

export interface SignatureInformation {
  label: string;
  documentation?: string | MarkupContent;
  parameters?: ParameterInformation[];
  activeParameter?: number;
}

export interface SignatureHelp {
  signatures: SignatureInformation[];
  activeSignature?: number;
  activeParameter?: number;
}

export interface FormattingOptions {
  tabSize: number;
  insertSpaces: boolean;
  insertFinalNewline?: boolean;
  trimFinalNewlines?: boolean;
  trimTrailingWhitespace?: boolean;
  [key: string]: boolean | number | string | undefined;
}

/** The legend is fixed per language; `data` is the LSP relative encoding. */
export interface SemanticTokensLegend {
  tokenTypes: string[];
  tokenModifiers: string[];
}

export interface SemanticTokens {
  data: number[];
}
