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
  /** Stable rule id, e.g. `DW001` or `compose-yaml-syntax`; code actions and settings key on it. */
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
