// The small part of mvdan-sh's (GopherJS) API that the shell analysis uses. Nodes are Go structs
// exposed as objects; positions are byte offsets into the UTF-8 source.
declare module 'mvdan-sh' {
  export interface Pos {
    Offset(): number;
  }
  export interface Node {
    Pos(): Pos;
    End(): Pos;
    [field: string]: unknown;
  }
  export interface Parser {
    Parse(src: string, name: string): Node;
  }
  export interface ParseError {
    Pos: Pos;
    Text: string;
    Incomplete: boolean;
  }
  export const syntax: {
    NewParser(...options: unknown[]): Parser;
    KeepComments(keep: boolean): unknown;
    Variant(lang: number): unknown;
    LangBash: number;
    LangPOSIX: number;
    NodeType(node: unknown): string;
    Walk(node: Node, visit: (node: Node | null) => boolean): void;
  };
}
