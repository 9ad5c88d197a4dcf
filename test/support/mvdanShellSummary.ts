// Test-only oracle: the walk over mvdan-sh (the Go shell parser compiled to JavaScript) that
// parseShell used before our own parser replaced it. The differential tests compare the two.
// mvdan-sh is synchronous, with no native parts. Reading its AST through the exported
// wrappers costs tens of microseconds per field, so the walk below reads GopherJS's internal
// objects (plain fields, byte offsets, UTF-8 byte strings) and turns them at once into a small
// plain summary: commands with their words, pipes and bash-only syntax.
import type { ParseError, Parser } from 'mvdan-sh';
import type { ShellSummary, ShellWord } from '../../server/src/core/dockerfile/syntax/shell/parseShell';
import { shellLimit } from '../../server/src/core/dockerfile/syntax/shell/parseShell';
// What is read off the collected commands (source, == in test) is the same step for both parsers.
import { commandBashisms } from '../../server/src/core/dockerfile/syntax/shell/shellParser';

type MvdanSh = typeof import('mvdan-sh');
const shellSyntax = () => (require('mvdan-sh') as MvdanSh).syntax;

const AND = 10;
const OR = 11;
const PIPE = 12;
const PIPE_ALL = 13;
const HERE_STRING = 63;
const REDIRECT_ALL = 64;
const REDIRECT_ALL_APPEND = 65;

/** A GopherJS internal object: Go struct fields as plain properties. */
type GoNode = any;

let parser: Parser | undefined;

/** The summary mvdan-sh gives (what parseShell returned before our own parser): the differential tests' oracle. */
export function mvdanShellSummary(source: string): ShellSummary {
  return summarize(source);
}

function summarize(source: string): ShellSummary {
  const summary: ShellSummary = { error: undefined, commands: [], pipelines: [], bashisms: [], statements: 0 };
  const limit = shellLimit(source);
  if (limit) {
    summary.limit = limit;
    return summary;
  }
  const toUtf16 = offsetConverter(source);
  let file: GoNode;
  try {
    const syntax = shellSyntax();
    parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
    file = (parser.Parse(source, '') as GoNode).__internal_object__;
  } catch (thrown) {
    if (thrown instanceof RangeError) {
      // Out of stack (or memory) inside the parser: not a syntax error. Start the next parse afresh.
      parser = undefined;
      summary.limit = 'depth';
      return summary;
    }
    const error = thrown as Partial<ParseError> | undefined;
    let at = source.length;
    try {
      at = toUtf16(error?.Pos?.Offset() ?? source.length);
    } catch {
      // keep the end of the source
    }
    const message = typeof error?.Text === 'string' ? error.Text : String(thrown);
    summary.error = { message, start: Math.min(at, source.length), end: Math.min(source.length, at + 1) };
    return summary;
  }
  try {
    const walker = new Walker(source, toUtf16, summary);
    const stmts = items(file.Stmts);
    stmts.forEach((stmt, i) => walker.stmt(stmt, { nested: false, inPipeline: false, statement: i }));
    summary.statements = stmts.length;
    commandBashisms(summary);
  } catch (thrown) {
    // An AST shape we do not know: keep what was collected. Out of stack: say so.
    if (thrown instanceof RangeError) summary.limit = 'depth';
  }
  return summary;
}

/** mvdan-sh reports UTF-8 byte offsets; Dockerfiles are mostly ASCII, where they are equal. */
function offsetConverter(source: string): (byteOffset: number) => number {
  if (!/[^\x00-\x7f]/.test(source)) return (b) => b;
  const byteToUnit: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const code = source.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) byteToUnit.push(i);
    if (code >= 0x10000) i++;
  }
  return (b) => (b >= byteToUnit.length ? source.length : byteToUnit[b]!);
}

const utf8 = new TextDecoder();

/** Go strings are UTF-8 bytes held in a JS string. */
function goString(value: unknown): string {
  const s = typeof value === 'string' ? value : '';
  if (!/[^\x00-\x7f]/.test(s)) return s;
  return utf8.decode(Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff));
}

/** Nil pointers are per-type sentinel objects; a nil interface is a typeless object. */
function isNil(x: GoNode): boolean {
  return x === undefined || x === null || x === x.constructor?.nil || typeof x.constructor?.string !== 'string';
}

function items(slice: GoNode): GoNode[] {
  if (isNil(slice) || !slice.$array) return [];
  return slice.$array.slice(slice.$offset, slice.$offset + slice.$length);
}

const typeOf = (node: GoNode): string => (isNil(node) ? '' : String(node.constructor?.string ?? ''));

/** Start byte offset of a word part. */
function partStart(part: GoNode): number {
  switch (typeOf(part)) {
    case '*syntax.Lit': return part.ValuePos.offs;
    case '*syntax.ParamExp': return part.Dollar.offs;
    case '*syntax.ProcSubst': case '*syntax.ExtGlob': return part.OpPos.offs;
    default: return part.Left?.offs ?? 0;
  }
}

/** End byte offset (exclusive) of a word part. */
function partEnd(part: GoNode): number {
  switch (typeOf(part)) {
    case '*syntax.Lit': return part.ValueEnd.offs;
    case '*syntax.SglQuoted': case '*syntax.DblQuoted': case '*syntax.CmdSubst': return part.Right.offs + 1;
    case '*syntax.ParamExp': return part.Short ? (isNil(part.Param) ? part.Dollar.offs + 2 : part.Param.ValueEnd.offs) : part.Rbrace.offs + 1;
    case '*syntax.ArithmExp': return part.Right.offs + (part.Bracket ? 1 : 2);
    case '*syntax.ProcSubst': return part.Rparen.offs + 1;
    case '*syntax.ExtGlob': return isNil(part.Pattern) ? part.OpPos.offs + 2 : part.Pattern.ValueEnd.offs + 1;
    default: return partStart(part) + 1;
  }
}

interface Where {
  nested: boolean;
  inPipeline: boolean;
  statement: number;
}

class Walker {
  constructor(
    private readonly source: string,
    private readonly at: (byteOffset: number) => number,
    private readonly summary: ShellSummary,
  ) {}

  private bashism(what: string, start: number, end: number, busybox: boolean): void {
    this.summary.bashisms.push({ what, start: this.at(start), end: this.at(end), busybox });
  }

  stmt(stmt: GoNode, where: Where): void {
    if (isNil(stmt)) return;
    for (const redirect of items(stmt.Redirs)) {
      const op = redirect.Op as number;
      const end = isNil(redirect.Word) ? redirect.OpPos.offs + 3 : this.wordEnd(redirect.Word);
      if (op === HERE_STRING) this.bashism('<<<', redirect.OpPos.offs, end, true);
      if (op === REDIRECT_ALL || op === REDIRECT_ALL_APPEND) this.bashism('&>', redirect.OpPos.offs, end, true);
      if (!isNil(redirect.Word)) this.word(redirect.Word, { ...where, nested: true });
    }
    const cmd = stmt.Cmd;
    if (isNil(cmd)) return;
    const background = stmt.Background === true;
    const nested = { ...where, nested: true };
    const start = stmt.Position.offs as number;
    switch (typeOf(cmd)) {
      case '*syntax.CallExpr': {
        for (const assign of items(cmd.Assigns)) {
          if (!isNil(assign.Array)) this.bashism('arrays', assign.Array.Lparen.offs, assign.Array.Rparen.offs + 1, false);
          if (!isNil(assign.Value)) this.word(assign.Value, where);
        }
        const args = items(cmd.Args);
        if (args.length === 0) return;
        // Commands inside $(...) are collected while reading the words; keep them after this one.
        const at = this.summary.commands.length;
        const words = args.map((w) => this.word(w, where));
        const first = words[0]!;
        this.summary.commands.splice(at, 0, {
          name: first.text,
          words,
          start: first.start,
          end: words[words.length - 1]!.end,
          nested: where.nested,
          inPipeline: where.inPipeline,
          background,
          statement: where.statement,
        });
        return;
      }
      case '*syntax.BinaryCmd': {
        const op = cmd.Op as number;
        const pipe = op === PIPE || op === PIPE_ALL;
        if (pipe && !where.inPipeline) this.summary.pipelines.push(this.at(start));
        const inner = pipe ? { ...where, inPipeline: true } : where;
        if (op === AND || op === OR || pipe) {
          this.stmt(cmd.X, inner);
          this.stmt(cmd.Y, inner);
        }
        return;
      }
      case '*syntax.Subshell':
      case '*syntax.Block':
        this.stmts(cmd.Stmts, nested);
        return;
      case '*syntax.IfClause': {
        for (let clause = cmd, guard = 0; !isNil(clause) && guard < 1000; clause = clause.Else, guard++) {
          this.stmts(clause.Cond, nested);
          this.stmts(clause.Then, nested);
        }
        return;
      }
      case '*syntax.WhileClause':
        this.stmts(cmd.Cond, nested);
        this.stmts(cmd.Do, nested);
        return;
      case '*syntax.ForClause':
        this.stmts(cmd.Do, nested);
        return;
      case '*syntax.CaseClause':
        for (const item of items(cmd.Items)) this.stmts(item.Stmts, nested);
        return;
      case '*syntax.FuncDecl':
        if (cmd.RsrvWord === true) this.bashism('function', start, cmd.Name.ValueEnd.offs, true);
        this.stmt(cmd.Body, nested);
        return;
      case '*syntax.TimeClause':
      case '*syntax.CoprocClause':
        this.stmt(cmd.Stmt, where);
        return;
      case '*syntax.TestClause':
        this.bashism('[[ ]]', start, cmd.Right.offs + 2, true);
        return;
      case '*syntax.ArithmCmd':
        this.bashism('(( ))', start, cmd.Right.offs + 2, true);
        return;
      case '*syntax.LetClause':
        this.bashism('let', start, start + 3, true);
        return;
      case '*syntax.DeclClause': {
        const variant = goString(cmd.Variant?.Value) || 'declare';
        const s = this.at(start);
        this.summary.commands.push({
          name: variant,
          words: [{ text: variant, literal: true, start: s, end: s + variant.length }],
          start: s,
          end: s + variant.length,
          nested: where.nested,
          inPipeline: where.inPipeline,
          background,
          statement: where.statement,
        });
        return;
      }
      default:
        return;
    }
  }

  private stmts(list: GoNode, where: Where): void {
    for (const s of items(list)) this.stmt(s, where);
  }

  private wordEnd(word: GoNode): number {
    const parts = items(word.Parts);
    return parts.length > 0 ? partEnd(parts[parts.length - 1]) : 0;
  }

  private word(word: GoNode, where: Where): ShellWord {
    const parts = items(word.Parts);
    const built = { text: '', literal: true };
    this.parts(parts, built, where);
    const start = parts.length > 0 ? partStart(parts[0]) : 0;
    const end = parts.length > 0 ? partEnd(parts[parts.length - 1]) : start;
    return { text: built.text, literal: built.literal, start: this.at(start), end: this.at(end) };
  }

  private parts(parts: GoNode[], out: { text: string; literal: boolean }, where: Where): void {
    for (const part of parts) {
      const type = typeOf(part);
      if (type === '*syntax.Lit') {
        out.text += goString(part.Value);
        continue;
      }
      if (type === '*syntax.SglQuoted') {
        if (part.Dollar === true) this.bashism("$'...'", part.Left.offs - 1, part.Right.offs + 1, true);
        out.text += goString(part.Value);
        continue;
      }
      if (type === '*syntax.DblQuoted') {
        this.parts(items(part.Parts), out, where);
        continue;
      }
      out.literal = false;
      out.text += this.source.slice(this.at(partStart(part)), this.at(partEnd(part)));
      if (type === '*syntax.CmdSubst') this.stmts(part.Stmts, { ...where, nested: true });
      else if (type === '*syntax.ProcSubst') {
        this.bashism('<( )', partStart(part), partEnd(part), true);
        this.stmts(part.Stmts, { ...where, nested: true });
      } else if (type === '*syntax.ParamExp') {
        const text = this.source.slice(this.at(partStart(part)), this.at(partEnd(part)));
        const caseChange = /^\$\{[A-Za-z_][A-Za-z0-9_]*(\^|,)/.test(text);
        if (!isNil(part.Repl) || !isNil(part.Slice) || part.Excl === true || !isNil(part.Index) || caseChange) {
          this.bashism('${...}', partStart(part), partEnd(part), !isNil(part.Repl) || !isNil(part.Slice));
        }
        if (!isNil(part.Exp) && !isNil(part.Exp.Word)) this.parts(items(part.Exp.Word.Parts), { text: '', literal: false }, where);
      }
    }
  }
}
