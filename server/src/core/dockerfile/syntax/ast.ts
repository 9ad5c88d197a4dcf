// The Dockerfile syntax tree. Everything is in document offsets (UTF-16 code units); positions
// only appear at the edges. Nodes are plain data so features can share one parse.

export interface Span {
  start: number;
  end: number;
}

/** Maps offsets in an instruction's logical text (continuations joined) back to the document. */
export interface OffsetMap {
  /** Sorted pairs: logical offset where a piece starts, and its document offset. */
  readonly logical: number[];
  readonly doc: number[];
}

/** `# name=value` at the top of the file. */
export interface Directive {
  name: string;
  value: string;
  span: Span;
  nameSpan: Span;
  valueSpan: Span;
}

/** A whole-line comment, outside heredoc bodies. */
export interface Comment {
  span: Span;
  /** Text after the `#`, trimmed. */
  text: string;
  /** True when it sits inside a continued instruction (BuildKit drops such lines). */
  inContinuation: boolean;
}

export interface Heredoc {
  /** `<<EOF` / `<<-"EOF"` as written. */
  marker: Span;
  name: string;
  nameSpan: Span;
  /** `<<-`: leading tabs are stripped from body and terminator. */
  stripTabs: boolean;
  /** A quoted delimiter turns off variable expansion in the body. */
  quoted: boolean;
  /** The body lines, without the terminator (may be empty). */
  body: Span;
  content: string;
  /** The terminator line; undefined when the file ends first. */
  terminator: Span | undefined;
}

/** `--name=value` or `--name` before the arguments. */
export interface Flag {
  name: string;
  value: string | undefined;
  span: Span;
  nameSpan: Span;
  valueSpan: Span | undefined;
}

/** An argument word: `value` has quotes removed and escapes resolved; variables stay unexpanded. */
export interface Word {
  value: string;
  raw: string;
  span: Span;
}

/** A JSON array argument (`["a", "b"]`). */
export interface ExecForm {
  items: Word[];
  span: Span;
}

/** `key=value` (or the legacy `key value`) in ENV, LABEL and ARG. */
export interface KeyValue {
  key: Word;
  value: Word | undefined;
  hasEquals: boolean;
  span: Span;
}

/** A `$NAME` / `${NAME...}` reference. */
export interface VariableRef {
  name: string;
  span: Span;
  nameSpan: Span;
  braced: boolean;
  /** `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `##`, `%`, `%%`, `/`, `//`, or something unsupported. */
  modifier: string | undefined;
  /** The word after the modifier (e.g. the default value), as written. */
  modifierWord: string | undefined;
}

export interface Instruction {
  /** Keyword as written, and upper-cased. */
  keyword: string;
  upper: string;
  keywordSpan: Span;
  /** From the keyword to the end of the instruction's last line (heredoc bodies excluded). */
  span: Span;
  /** Also covering heredoc bodies and terminators. */
  fullSpan: Span;
  flags: Flag[];
  /** Arguments after the flags: logical text, its document span and the offset map. */
  argText: string;
  argStart: number;
  args: Span;
  map: OffsetMap;
  /** Whitespace/quote split of the arguments. */
  words: Word[];
  /** Set when the arguments are a JSON array of strings. */
  exec: ExecForm | undefined;
  /** True when the arguments look like a JSON array but use single quotes (becomes shell form). */
  singleQuotedJson: boolean;
  heredocs: Heredoc[];
  /** ONBUILD's trigger instruction. */
  trigger: Instruction | undefined;
  /** Blank lines inside the continuation (BuildKit ignores them, with a warning). */
  emptyContinuations: Span[];
  /** Index of the stage this belongs to (-1 before the first FROM). */
  stage: number;
  /** Position in `Dockerfile.instructions`. */
  index: number;
  /** Raw logical line (keyword and all), for rules that scan it. */
  logical: string;
}

export interface Stage {
  index: number;
  from: Instruction;
  /** The image word (`image[:tag][@digest]`), if present. */
  image: Word | undefined;
  /** `AS name`, if present. */
  name: Word | undefined;
  /** `AS` keyword as written. */
  asWord: Word | undefined;
  /** FROM first, then the stage's instructions. */
  instructions: Instruction[];
  span: Span;
}

export interface Dockerfile {
  text: string;
  directives: Directive[];
  /** The active escape character. */
  escape: '\\' | '`';
  comments: Comment[];
  instructions: Instruction[];
  stages: Stage[];
  /** ARGs before the first FROM. */
  globalArgs: Instruction[];
  /**
   * Set when the text from `at` on was not parsed: the file is larger than the parse budget
   * (MAX_PARSED_ITEMS, MAX_PARSED_LENGTH) or binary.
   */
  unparsed?: { at: number; reason: 'size' | 'binary' };
}
