// A small recursive descent reader of bash, enough to summarize a RUN script: the commands with
// their words, pipelines, background jobs, bash-only syntax, and the syntax errors bash would
// certainly stop on. Bash's lexing depends on where it is (reserved words only in command
// position, `)` ending a case pattern...), so there is no separate token stream: the parser reads
// characters directly. Every loop moves forward and nesting is bounded, so time is linear.
// What it does not understand ends the reading quietly with what was collected: a false syntax
// error on a valid script is worse than a missed one.
import type { Bashism, ShellCommand, ShellSummary, ShellWord } from './parseShell';

interface Where {
  nested: boolean;
  inPipeline: boolean;
  statement: number;
}

/** A syntax error bash would report: the reading stops and the summary holds only the error. */
class SyntaxFailure {
  constructor(readonly message: string, readonly start: number, readonly end: number) {}
}
/** Something the parser does not understand: keep what was collected and stop. */
class Unsupported {}
/** Nested deeper than the parser goes. */
class TooDeep {}

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'select', 'function', 'time', 'coproc', '{', '}', '!', '[[']);
/** Words that close a construct: where one is not expected, bash fails. */
const CLOSERS: Record<string, string> = { then: 'if', elif: 'if', else: 'if', fi: 'if', do: 'a loop', done: 'do', esac: 'case', '}': '{' };
const DECLARATIONS = new Set(['declare', 'local', 'export', 'readonly', 'typeset', 'nameref']);
const SPECIAL_PARAMS = '@*#?-$!0123456789';

const isBlank = (c: string) => c === ' ' || c === '\t';
/** Characters that end an unquoted word. */
const isMeta = (c: string) => c === '' || c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNameChar = (c: string) => isNameStart(c) || (c >= '0' && c <= '9');

interface Built {
  text: string;
  literal: boolean;
}

/** A summary with nothing read (yet): a script not read at all, or one whose reading stopped. */
export function emptySummary(why: Pick<ShellSummary, 'error' | 'limit'> = { error: undefined }): ShellSummary {
  return { ...why, commands: [], pipelines: [], bashisms: [], statements: 0 };
}

export function summarizeShell(source: string, maxDepth: number): ShellSummary {
  const summary = emptySummary();
  const parser = new ShellParser(source, summary, maxDepth);
  try {
    parser.script();
  } catch (thrown) {
    if (thrown instanceof SyntaxFailure) {
      return emptySummary({ error: { message: thrown.message, start: thrown.start, end: thrown.end } });
    }
    // Out of stack should not happen (nesting is bounded), but it is no syntax error either.
    if (thrown instanceof TooDeep || thrown instanceof RangeError) return emptySummary({ error: undefined, limit: 'depth' });
    if (!(thrown instanceof Unsupported)) throw thrown;
    summary.statements = parser.statements;
  }
  commandBashisms(summary);
  return summary;
}

class ShellParser {
  private pos = 0;
  private depth = 0;
  private heredocs: { delimiter: string; strip: boolean }[] = [];
  /** Where found commands and bashisms go (swapped to set aside or drop what a part holds). */
  private commands: ShellCommand[];
  private bashisms: Bashism[];
  statements = 0;

  constructor(
    private readonly src: string,
    private readonly summary: ShellSummary,
    private readonly maxDepth: number,
  ) {
    this.commands = summary.commands;
    this.bashisms = summary.bashisms;
  }

  // ---- characters ----

  private at(offset = 0): string {
    return this.src.charAt(this.pos + offset);
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** The range is the first character of the token at fault (as rules have always shown it). */
  private fail(message: string, start: number, _end?: number): never {
    throw new SyntaxFailure(message, Math.min(start, this.src.length), Math.min(start + 1, this.src.length));
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) throw new TooDeep();
  }

  /** Blanks, line continuations and a comment. */
  private blank(): void {
    for (;;) {
      const c = this.at();
      if (isBlank(c)) this.pos++;
      else if (c === '\\' && this.at(1) === '\n') this.pos += 2;
      else if (c === '#') {
        const nl = this.src.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.src.length : nl;
      } else return;
    }
  }

  /** Blanks, comments and newlines (reading the here-documents each newline starts). */
  private linebreak(): void {
    this.blank();
    while (this.at() === '\n') {
      this.newline();
      this.blank();
    }
  }

  private newline(): void {
    this.pos++;
    const pending = this.heredocs;
    this.heredocs = [];
    for (const doc of pending) {
      // Body lines up to the delimiter line; a missing delimiter ends the body at the end (bash warns).
      for (;;) {
        if (this.pos >= this.src.length) return;
        const nl = this.src.indexOf('\n', this.pos);
        const lineEnd = nl < 0 ? this.src.length : nl;
        let line = this.src.slice(this.pos, lineEnd);
        if (doc.strip) line = line.replace(/^\t+/, '');
        this.pos = nl < 0 ? lineEnd : lineEnd + 1;
        if (line === doc.delimiter) break;
      }
    }
  }

  /** The reserved word at the cursor, if any (the caller knows it is in command position). */
  private reserved(): string | undefined {
    const c = this.at();
    if (c === '{' || c === '}' || c === '!') {
      const next = this.at(1);
      return isMeta(next) ? c : undefined;
    }
    let end = this.pos;
    while (end < this.src.length && end - this.pos < 9 && ((this.src[end]! >= 'a' && this.src[end]! <= 'z') || this.src[end] === '[')) end++;
    const word = this.src.slice(this.pos, end);
    return RESERVED.has(word) && isMeta(this.src.charAt(end)) ? word : undefined;
  }

  private operatorAt(): string | undefined {
    for (const op of [';;&', ';;', ';&', '&&', '||', '|&', '|', ';', '&']) if (this.startsWith(op) && !(op === '&' && this.at(1) === '>')) return op;
    return undefined;
  }

  // ---- lists ----

  script(): void {
    this.list({ nested: false, inPipeline: false, statement: 0 }, [], true);
    this.summary.statements = this.statements;
    if (this.pos < this.src.length) this.unexpected();
  }

  /** What stops a list where it is not expected. */
  private unexpected(): never {
    const closer = this.reserved();
    if (closer && CLOSERS[closer]) this.fail(`\`${closer}\` has no ${CLOSERS[closer]} to close`, this.pos, this.pos + closer.length);
    const op = this.operatorAt();
    if (op === ';;' || op === ';;&' || op === ';&') this.fail(`\`${op}\` is only allowed inside a case`, this.pos, this.pos + op.length);
    if (this.at() === ')') this.fail('`)` has no `(` to close', this.pos);
    throw new Unsupported();
  }

  /**
   * Statements up to one of `closers` (reserved words), a `)` or a case item end (left for the
   * caller), or the end. `top`: each statement gets its own index.
   */
  private list(where: Where, closers: readonly string[], top = false, caseItem = false): string | undefined {
    for (;;) {
      this.linebreak();
      if (this.pos >= this.src.length) return undefined;
      const word = this.reserved();
      if (word && closers.includes(word)) return word;
      if (word && CLOSERS[word]) {
        if (closers.length > 0) this.fail(`\`${word}\` found where \`${closers.join('` or `')}\` was expected`, this.pos, this.pos + word.length);
        this.unexpected();
      }
      const c = this.at();
      if (c === ')') return ')';
      if (c === ';' && (this.at(1) === ';' || this.at(1) === '&')) {
        if (!caseItem) this.unexpected();
        return ';;';
      }
      if (!top && (c === ';' || (c === '&' && this.at(1) !== '&' && this.at(1) !== '>'))) {
        // An empty command list in a body (`if ; then`): bash fails, mvdan-sh does not; we let it be.
        this.pos++;
        continue;
      }
      const statement = top ? this.statements : where.statement;
      this.andOr({ ...where, statement });
      if (top) this.statements++;
      this.blank();
      const op = this.operatorAt();
      if (op === ';' || op === '&') {
        this.pos++;
        this.blank();
        // `a; ;` or `a & ;`: a separator needs a command before it.
        const again = this.operatorAt();
        if (top && (again === ';' || again === '&')) this.fail(`\`${again}\` has no command before it`, this.pos);
      } else if (this.at() !== '\n' && this.pos < this.src.length && this.at() !== ')' && op !== ';;' && op !== ';;&' && op !== ';&') {
        const next = this.reserved();
        if (!(next && (closers.includes(next) || CLOSERS[next]))) throw new Unsupported();
      }
    }
  }

  private noCommandBefore(): void {
    const op = this.operatorAt();
    if (op) this.fail(`\`${op}\` has no command before it`, this.pos, this.pos + op.length);
  }

  private andOr(where: Where): void {
    this.noCommandBefore();
    const first = this.commands.length;
    let single = this.pipeline(where);
    for (;;) {
      this.blank();
      const op = this.operatorAt();
      if (op !== '&&' && op !== '||') break;
      single = undefined;
      const opAt = this.pos;
      this.pos += 2;
      this.linebreak();
      if (this.pos >= this.src.length) this.fail(`the script ends after \`${op}\`: a command must follow it`, opAt, opAt + 2);
      this.noCommandBefore();
      this.pipeline(where);
    }
    // `cmd &`: only a lone simple command is marked (what runs in the background of `a && b &` is the list).
    if (this.operatorAt() === '&' && single && this.commands.length > first) single.background = true;
  }

  /** Returns the command when the pipeline is one simple command. */
  private pipeline(where: Where): ShellCommand | undefined {
    const start = this.pos;
    let pipeStart = start;
    let word = this.reserved();
    let plain = true;
    if (word === '!') {
      this.pos++;
      this.blank();
      word = this.reserved();
    }
    if (word === 'time') {
      plain = false;
      this.pos += 4;
      this.blank();
      if (this.startsWith('-p') && isMeta(this.at(2))) this.pos += 2;
      this.blank();
      pipeStart = this.pos;
      if (this.pos >= this.src.length || this.operatorAt() || this.at() === '\n') return undefined;
    }
    const firstCommand = this.commands.length;
    const firstPipeline = this.summary.pipelines.length;
    let single = this.command(where);
    if (!plain) single = undefined;
    let piped = false;
    for (;;) {
      this.blank();
      const op = this.operatorAt();
      if (op !== '|' && op !== '|&') break;
      if (!piped) {
        piped = true;
        single = undefined;
        // The commands read so far turn out to be in a pipeline (and pipelines inside it are part of this one).
        for (let i = firstCommand; i < this.commands.length; i++) this.commands[i]!.inPipeline = true;
        if (!where.inPipeline) {
          this.summary.pipelines.length = firstPipeline;
          this.summary.pipelines.push(pipeStart);
        }
        where = { ...where, inPipeline: true };
      }
      const opAt = this.pos;
      this.pos += op.length;
      this.linebreak();
      if (this.pos >= this.src.length) this.fail(`the script ends after \`${op}\`: a command must follow it`, opAt, opAt + op.length);
      this.noCommandBefore();
      this.command(where);
    }
    return single;
  }

  // ---- commands ----

  /** One command with its redirections; returns it when it is a simple command. */
  private command(where: Where): ShellCommand | undefined {
    const start = this.pos;
    const word = this.reserved();
    const nested = { ...where, nested: true };
    const before = this.commands.length;
    this.enter();
    try {
      if (word === '{') {
        this.pos++;
        this.body(nested, '}', start);
      } else if (this.at() === '(' && this.at(1) === '(' && this.arithmetic(start, '(( ))')) {
        // (( expression ))
      } else if (this.at() === '(') {
        this.pos++;
        if (this.list(nested, []) !== ')') this.unclosed('(', start);
        this.pos++;
      } else if (word === 'if') this.ifClause(nested, start);
      else if (word === 'while' || word === 'until') {
        this.pos += word.length;
        this.body(nested, 'do', start);
        this.body(nested, 'done', start);
      } else if (word === 'for' || word === 'select') this.forClause(nested, start, word);
      else if (word === 'case') this.caseClause(nested, start);
      else if (word === 'function') this.functionClause(nested, start);
      else if (word === '[[') this.testClause(start);
      else if (word === 'time' || word === 'coproc') {
        // `time` after a `|` too (at a pipeline's start the pipeline reads it).
        this.pos += word.length;
        this.blank();
        if (word === 'time' && this.startsWith('-p') && isMeta(this.at(2))) this.pos += 2;
        this.blank();
        // coproc NAME { ...; }: the name before a compound command.
        if (word === 'coproc' && isNameStart(this.at())) {
          const end = this.wordEnd(this.pos);
          const after = this.pos;
          this.pos = end;
          this.blank();
          const next = this.reserved();
          if (!(next === '{' || next === 'if' || next === 'while' || next === 'until' || next === 'for' || next === 'case' || next === '[[' || this.at() === '(')) this.pos = after;
        }
        // What runs in the background of `coproc c &` or `time c &` is the clause, not `c`.
        if (!(this.pos >= this.src.length || this.operatorAt() || this.at() === '\n')) this.command(where);
        return undefined;
      } else return this.simple(where);
      // Redirections after a compound command: what they hold comes before its body, as written by the statement.
      const after = this.collect(() => this.redirections(nested));
      this.commands.splice(before, 0, ...after);
      return undefined;
    } finally {
      this.depth--;
    }
  }

  /** Runs `read` with fresh lists of commands and bashisms; returns the commands and keeps the bashisms (or drops them too). */
  private collect(read: () => void, drop = false): ShellCommand[] {
    const commands = this.commands;
    const bashisms = this.bashisms;
    const pipelines = this.summary.pipelines;
    this.commands = [];
    if (drop) {
      this.bashisms = [];
      this.summary.pipelines = [];
    }
    try {
      read();
      return this.commands;
    } finally {
      this.commands = commands;
      this.bashisms = bashisms;
      this.summary.pipelines = pipelines;
    }
  }

  private unclosed(what: string, start: number): never {
    this.fail(`reached the end of the script without closing the \`${what}\` opened here`, start, start + what.length);
  }

  /** A list that must end with `closer` (consumed). */
  private body(where: Where, closer: string, opener: number): string {
    const found = this.list(where, [closer]);
    if (found !== closer) {
      if (found === undefined) this.unclosed(this.src.slice(opener, this.wordEnd(opener)), opener);
      if (found === ')') this.fail(`\`)\` has no \`(\` to close`, this.pos);
      throw new Unsupported();
    }
    this.pos += closer.length;
    return closer;
  }

  private wordEnd(from: number): number {
    let end = from + 1;
    while (end < this.src.length && !isMeta(this.src[end]!)) end++;
    return end;
  }

  private ifClause(where: Where, start: number): void {
    this.pos += 2;
    for (let opener = start; ;) {
      const found = this.list(where, ['then']);
      if (found !== 'then') this.closeFail(found, opener, 'if');
      this.pos += 4;
      const next = this.list(where, ['elif', 'else', 'fi']);
      if (next === 'fi') {
        this.pos += 2;
        return;
      }
      if (next === 'else') {
        this.pos += 4;
        this.body(where, 'fi', start);
        return;
      }
      if (next !== 'elif') this.closeFail(next, start, 'if');
      opener = this.pos;
      this.pos += 4;
    }
  }

  private closeFail(found: string | undefined, opener: number, what: string): never {
    if (found === undefined) this.unclosed(what, opener);
    if (found === ')') this.fail('`)` has no `(` to close', this.pos);
    throw new Unsupported();
  }

  private forClause(where: Where, start: number, word: string): void {
    this.pos += word.length;
    this.blank();
    if (word === 'for' && this.startsWith('((')) {
      if (!this.arithmetic(this.pos, undefined)) throw new Unsupported();
      this.blank();
      if (this.at() === ';') this.pos++;
    } else {
      if (!isNameStart(this.at())) throw new Unsupported();
      while (isNameChar(this.at())) this.pos++;
      this.linebreak();
      if (this.startsWith('in') && isMeta(this.at(2))) {
        this.pos += 2;
        // The words are not walked (as before): what they hold is dropped.
        this.collect(() => {
          for (this.blank(); !isMeta(this.at()); this.blank()) this.word(where);
        }, true);
        if (this.at() === ';') this.pos++;
      } else if (this.at() === ';') this.pos++;
    }
    this.linebreak();
    const word2 = this.reserved();
    if (word2 === '{') {
      const open = this.pos++;
      this.body(where, '}', open);
      return;
    }
    if (word2 !== 'do') {
      if (this.pos >= this.src.length) this.unclosed(word, start);
      throw new Unsupported();
    }
    const open = this.pos;
    this.pos += 2;
    this.body(where, 'done', open);
  }

  private caseClause(where: Where, start: number): void {
    this.pos += 4;
    this.blank();
    this.collect(() => this.word(where), true);
    this.linebreak();
    if (!(this.startsWith('in') && isMeta(this.at(2)))) throw new Unsupported();
    this.pos += 2;
    for (;;) {
      this.linebreak();
      if (this.reserved() === 'esac') {
        this.pos += 4;
        return;
      }
      if (this.pos >= this.src.length) this.unclosed('case', start);
      // Patterns: (a|b) ...
      if (this.at() === '(') this.pos++;
      this.collect(() => {
        for (;;) {
          this.blank();
          if (!this.word(where)) throw new Unsupported();
          this.blank();
          if (this.at() !== '|') break;
          this.pos++;
        }
      }, true);
      if (this.at() !== ')') throw new Unsupported();
      this.pos++;
      const found = this.list(where, ['esac'], false, true);
      if (found === ';;') {
        this.pos += this.startsWith(';;&') ? 3 : 2;
        continue;
      }
      if (found === 'esac') {
        this.pos += 4;
        return;
      }
      if (found === undefined) this.unclosed('case', start);
      if (found === ')') this.fail('`)` has no `(` to close', this.pos);
      throw new Unsupported();
    }
  }

  private functionClause(where: Where, start: number): void {
    this.pos += 8;
    this.blank();
    const nameStart = this.pos;
    const nameEnd = this.wordEnd(nameStart);
    if (nameEnd <= nameStart || /["'`$\\]/.test(this.src.slice(nameStart, nameEnd))) throw new Unsupported();
    this.pos = nameEnd;
    this.bashism('function', start, nameEnd, true);
    this.blank();
    if (this.at() === '(') {
      this.pos++;
      this.blank();
      if (this.at() !== ')') throw new Unsupported();
      this.pos++;
    }
    this.functionBody(where);
  }

  private functionBody(where: Where): void {
    this.linebreak();
    const word = this.reserved();
    const compound = word === '{' || word === 'if' || word === 'while' || word === 'until' || word === 'for' || word === 'select' || word === 'case' || word === '[[' || this.at() === '(';
    if (!compound) throw new Unsupported();
    this.command(where);
  }

  /** `[[ ... ]]`: a bashism; the words inside are not commands. */
  private testClause(start: number): void {
    this.pos += 2;
    this.collect(() => {
      for (;;) {
        this.linebreak();
        if (this.pos >= this.src.length) throw new Unsupported();
        if (this.startsWith(']]') && isMeta(this.at(2))) break;
        const c = this.at();
        if (c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>' || c === '!') {
          this.pos++;
          continue;
        }
        this.word({ nested: true, inPipeline: false, statement: 0 }, true);
      }
    }, true);
    this.pos += 2;
    this.bashism('[[ ]]', start, this.pos, true);
  }

  /**
   * `((...))` at the cursor (`$((` after `$`): balanced parentheses ending in `))`. False (cursor
   * unmoved) when it is really nested subshells, such as `((a) )`.
   */
  private arithmetic(start: number, what: string | undefined): boolean {
    const from = this.pos;
    let depth = 0;
    let i = from;
    for (; i < this.src.length; i++) {
      const c = this.src[i]!;
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 1) {
          if (this.src[i + 1] !== ')') return false;
          i++;
          depth = 0;
          break;
        }
      } else if (c === '\\') i++;
      else if (c === "'" || c === '"' || c === '`') {
        const close = this.src.indexOf(c, i + 1);
        if (close < 0) return false;
        i = close;
      }
    }
    if (depth !== 0) {
      // Unclosed: bash fails either way (as arithmetic or as a subshell).
      this.unclosed(what === undefined || what === '(( ))' ? '((' : '$((', start);
    }
    this.pos = i + 1;
    if (what) this.bashism(what, start, this.pos, true);
    return true;
  }

  /** A simple command: assignments, words and redirections. */
  private simple(where: Where): ShellCommand | undefined {
    const nested = { ...where, nested: true };
    const redirected: ShellCommand[] = [];
    const assigned: ShellCommand[] = [];
    const after: ShellCommand[] = [];
    const words: ShellWord[] = [];
    let declaration: string | undefined;
    let declarationStart = 0;
    const stmtStart = this.pos;
    for (;;) {
      this.blank();
      const c = this.at();
      if (this.redirectionAhead()) {
        redirected.push(...this.collect(() => this.redirection(nested)));
        continue;
      }
      if (c === '(') {
        if (words.length === 1 && words[0]!.literal && assigned.length === 0 && /^[^"'$`\\]+$/.test(this.src.slice(words[0]!.start, words[0]!.end))) {
          // name() compound-command
          this.pos++;
          this.blank();
          if (this.at() !== ')') throw new Unsupported();
          this.pos++;
          this.functionBody(nested);
          return undefined;
        }
        throw new Unsupported();
      }
      // `<(` and `>(` (not redirections) start a process substitution word.
      if (isMeta(c) && c !== '<' && c !== '>') break;
      if (words.length === 0 && declaration === undefined) {
        const assignment = this.assignment(where);
        if (assignment) {
          assigned.push(...assignment);
          continue;
        }
        const name = this.src.slice(this.pos, this.wordEnd(this.pos));
        if (DECLARATIONS.has(name) && assigned.length === 0) {
          declaration = name;
          declarationStart = stmtStart;
          this.pos += name.length;
          continue;
        }
        if (name === 'let' && assigned.length === 0) {
          this.bashism('let', stmtStart, stmtStart + 3, true);
          this.pos += 3;
          // Its arguments are expressions, not walked.
          this.collect(() => this.rest(nested), true);
          this.commands.push(...redirected);
          return undefined;
        }
      }
      let word: ShellWord | undefined;
      const found = this.collect(() => {
        word = this.word(where);
      }, declaration !== undefined);
      if (!word) throw new Unsupported();
      if (declaration === undefined) {
        words.push(word);
        after.push(...found);
      }
    }
    this.commands.push(...redirected, ...assigned);
    if (declaration !== undefined) {
      const command: ShellCommand = {
        name: declaration,
        words: [{ text: declaration, literal: true, start: declarationStart, end: declarationStart + declaration.length }],
        start: declarationStart,
        end: declarationStart + declaration.length,
        nested: where.nested,
        inPipeline: where.inPipeline,
        background: false,
        statement: where.statement,
      };
      this.commands.push(command);
      return command;
    }
    if (words.length === 0) return undefined;
    const command: ShellCommand = {
      name: words[0]!.text,
      words,
      start: words[0]!.start,
      end: words[words.length - 1]!.end,
      nested: where.nested,
      inPipeline: where.inPipeline,
      background: false,
      statement: where.statement,
    };
    this.commands.push(command, ...after);
    return command;
  }

  /** The rest of a simple command, read and dropped. */
  private rest(where: Where): void {
    for (;;) {
      this.blank();
      if (this.redirectionAhead()) this.redirection(where);
      else if (isMeta(this.at())) return;
      else if (!this.word(where)) throw new Unsupported();
    }
  }

  /** `name=value`, `name+=value`, `name[i]=value`, `name=(...)`: returns the commands its value holds. */
  private assignment(where: Where): ShellCommand[] | undefined {
    let i = this.pos;
    if (!isNameStart(this.src.charAt(i))) return undefined;
    while (isNameChar(this.src.charAt(i))) i++;
    if (this.src[i] === '[') {
      const close = this.src.indexOf(']', i);
      if (close < 0) return undefined;
      i = close + 1;
    }
    if (this.src[i] === '+') i++;
    if (this.src[i] !== '=') return undefined;
    this.pos = i + 1;
    if (this.at() === '(') {
      // An array: its elements are not walked.
      const open = this.pos++;
      this.collect(() => {
        for (this.linebreak(); this.at() !== ')'; this.linebreak()) {
          if (this.pos >= this.src.length) this.unclosed('(', open);
          if (!this.word(where)) throw new Unsupported();
        }
      }, true);
      this.pos++;
      this.bashism('arrays', open, this.pos, false);
      return [];
    }
    if (isMeta(this.at())) return [];
    return this.collect(() => this.word(where));
  }

  private redirectionAhead(): boolean {
    let i = this.pos;
    if (this.src[i] === '{') {
      // {fd}>file
      let j = i + 1;
      while (isNameChar(this.src.charAt(j))) j++;
      if (j > i + 1 && this.src[j] === '}' && (this.src[j + 1] === '<' || this.src[j + 1] === '>')) return true;
      return false;
    }
    while (this.src.charAt(i) >= '0' && this.src.charAt(i) <= '9') i++;
    const c = this.src.charAt(i);
    if (c === '&') return i === this.pos && this.src[i + 1] === '>';
    return (c === '<' || c === '>') && this.src[i + 1] !== '(';
  }

  private redirections(where: Where): void {
    for (this.blank(); this.redirectionAhead(); this.blank()) this.redirection(where);
  }

  private redirection(where: Where): void {
    if (this.at() === '{') this.pos = this.src.indexOf('}', this.pos) + 1;
    while (this.at() >= '0' && this.at() <= '9') this.pos++;
    const opStart = this.pos;
    let op = '';
    for (const candidate of ['&>>', '&>', '<<<', '<<-', '<<', '<>', '<&', '>>', '>|', '>&', '<', '>']) {
      if (this.startsWith(candidate)) {
        op = candidate;
        break;
      }
    }
    this.pos += op.length;
    this.blank();
    const wordStart = this.pos;
    // `< <(find ...)`: a process substitution is the redirection's word (round 46: mapfile -t A < <(find ...)).
    const substitution = (this.at() === '<' || this.at() === '>') && this.at(1) === '(';
    if (isMeta(this.at()) && !substitution) this.fail(`\`${op}\` must be followed by a word`, opStart, opStart + op.length);
    const word = this.word(where);
    if (!word) throw new Unsupported();
    if (op === '<<<') this.bashism('<<<', opStart, word.end, true);
    if (op === '&>' || op === '&>>') this.bashism('&>', opStart, word.end, true);
    if (op === '<<' || op === '<<-') {
      const delimiter = this.src.slice(wordStart, this.pos).replace(/\\\n/g, '').replace(/["'\\]/g, '');
      this.heredocs.push({ delimiter, strip: op === '<<-' });
    }
  }

  // ---- words ----

  /** One word at the cursor (undefined when none starts here). `test`: inside `[[ ]]`, where `<`, `>`, `(`, `|` are part of words. */
  private word(where: Where, test = false): ShellWord | undefined {
    const start = this.pos;
    const built: Built = { text: '', literal: true };
    let partStart = -1;
    for (;;) {
      const c = this.at();
      if (c === '' || c === ' ' || c === '\t' || c === '\n') break;
      if (isMeta(c) && !test) {
        if ((c === '<' || c === '>') && this.at(1) === '(' && this.pos === start) {
          partStart = start;
          this.substitution(where);
          this.bashism('<( )', start, this.pos, true);
          built.literal = false;
          built.text += this.src.slice(start, this.pos);
          continue;
        }
        break;
      }
      if (test && (c === ';' || c === '&')) break;
      if (partStart < 0) partStart = this.pos;
      if (c === '\\') {
        if (this.at(1) === '\n') this.pos += 2;
        else {
          built.text += this.src.slice(this.pos, this.pos + 2);
          this.pos = Math.min(this.pos + 2, this.src.length);
        }
      } else if (c === "'") {
        const close = this.src.indexOf("'", this.pos + 1);
        if (close < 0) this.unclosedQuote(this.pos);
        built.text += this.src.slice(this.pos + 1, close);
        this.pos = close + 1;
      } else if (c === '"') {
        this.pos++;
        this.doubleQuoted(where, built, this.pos - 1);
      } else if (c === '$') {
        this.dollar(where, built);
      } else if (c === '`') {
        this.backquoted(where, built);
      } else if ('@!+*?'.includes(c) && this.at(1) === '(' && !test) {
        // Extended glob @(a|b): bash needs `shopt -s extglob`, which the parser leaves to run time.
        const from = this.pos;
        this.pos++;
        this.balanced('(', ')', from);
        built.literal = false;
        built.text += this.src.slice(from, this.pos);
      } else {
        built.text += c;
        this.pos++;
      }
    }
    if (this.pos === start) return undefined;
    return { text: built.text, literal: built.literal, start: partStart < 0 ? start : partStart, end: this.pos };
  }

  private unclosedQuote(at: number): never {
    this.fail('reached the end of the script without closing the quote opened here', at);
  }

  /** Skips from an opening bracket at the cursor to its match, minding quotes. */
  private balanced(open: string, close: string, opener: number): void {
    let depth = 0;
    for (; this.pos < this.src.length; this.pos++) {
      const c = this.at();
      if (c === '\\') this.pos++;
      else if (c === open) depth++;
      else if (c === close) {
        if (--depth === 0) {
          this.pos++;
          return;
        }
      } else if (c === "'" || c === '"') {
        const end = this.src.indexOf(c, this.pos + 1);
        if (end < 0) this.unclosedQuote(this.pos);
        this.pos = end;
      }
    }
    this.unclosed(this.src.slice(opener, opener + 2), opener);
  }

  /** Inside "...", the cursor after the opening quote. */
  private doubleQuoted(where: Where, built: Built, opener: number): void {
    for (;;) {
      const c = this.at();
      if (c === '') this.unclosedQuote(opener);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        if (this.at(1) === '\n') this.pos += 2;
        else {
          built.text += this.src.slice(this.pos, this.pos + 2);
          this.pos += 2;
        }
      } else if (c === '$') this.dollar(where, built, true);
      else if (c === '`') this.backquoted(where, built);
      else {
        built.text += c;
        this.pos++;
      }
    }
  }

  private dollar(where: Where, built: Built, quoted = false): void {
    const start = this.pos;
    const next = this.at(1);
    if (next === "'" && !quoted) {
      // $'...': backslash escapes inside
      let i = this.pos + 2;
      while (i < this.src.length && this.src[i] !== "'") i += this.src[i] === '\\' ? 2 : 1;
      if (i >= this.src.length) this.unclosedQuote(this.pos + 1);
      built.text += this.src.slice(this.pos + 2, i);
      this.pos = i + 1;
      this.bashism("$'...'", start, this.pos, true);
      return;
    }
    if (next === '"' && !quoted) {
      this.pos += 2;
      this.doubleQuoted(where, built, start + 1);
      return;
    }
    const wasLiteral = built.literal;
    built.literal = false;
    if (next === '(' && this.at(2) === '(') {
      this.pos++;
      if (!this.arithmetic(start, undefined)) {
        this.pos = start;
        this.substitution(where);
      }
    } else if (next === '(') this.substitution(where);
    else if (next === '[') {
      this.pos++;
      this.balanced('[', ']', start);
    } else if (next === '{') this.parameter(where);
    else if (isNameStart(next)) {
      this.pos += 2;
      while (isNameChar(this.at())) this.pos++;
    } else if (next !== '' && SPECIAL_PARAMS.includes(next)) this.pos += 2;
    else {
      // A lone `$` is a literal character (the word stays as literal as it was: `$a$` is not).
      built.literal = wasLiteral;
      built.text += '$';
      this.pos++;
      return;
    }
    built.text += this.src.slice(start, this.pos);
  }

  /** `$(...)`, `<(...)` or `>(...)` at the cursor, read to its `)`: its commands are nested. */
  private substitution(where: Where): void {
    const start = this.pos;
    this.pos += 2;
    this.enter();
    const found = this.list({ ...where, nested: true }, []);
    this.depth--;
    if (found !== ')') {
      if (found === undefined) this.unclosed(this.src.slice(start, start + 2), start);
      this.unexpected();
    }
    this.pos++;
  }

  private backquoted(where: Where, built: Built): void {
    const start = this.pos;
    let i = this.pos + 1;
    let escaped = false;
    while (i < this.src.length && this.src[i] !== '`') {
      if (this.src[i] === '\\') {
        escaped = true;
        i++;
      }
      i++;
    }
    if (i >= this.src.length) this.fail('reached the end of the script without closing the backquote opened here', start);
    built.literal = false;
    built.text += this.src.slice(start, i + 1);
    if (!escaped) {
      // The inside read as a script of its own (with escapes, its text is not the script: left unread).
      const inner = new ShellParser(this.src.slice(0, i), this.summary, this.maxDepth - this.depth - 1);
      inner.pos = start + 1;
      inner.commands = this.commands;
      inner.bashisms = this.bashisms;
      try {
        inner.list({ ...where, nested: true }, []);
        if (inner.pos < i) inner.unexpected();
      } catch (thrown) {
        if (!(thrown instanceof Unsupported)) throw thrown;
      }
    }
    this.pos = i + 1;
  }

  /** `${...}`: bash-only forms are noted; commands in a default value (`${v:-$(cmd)}`) are collected. */
  private parameter(where: Where): void {
    const start = this.pos;
    this.pos += 2;
    let excl = false;
    let index = false;
    let repl = false;
    let slice = false;
    let caseChange = false;
    let c = this.at();
    if ((c === '#' || c === '!') && this.at(1) !== '}' && !(c === '#' && ':-=?+'.includes(this.at(1)) && this.at(1) !== '')) {
      excl = c === '!';
      this.pos++;
    }
    const nameStart = this.pos;
    if (isNameStart(this.at())) while (isNameChar(this.at())) this.pos++;
    else if (/[0-9]/.test(this.at())) while (/[0-9]/.test(this.at())) this.pos++;
    else if (SPECIAL_PARAMS.includes(this.at()) && this.at() !== '') this.pos++;
    const identifier = isNameStart(this.src.charAt(nameStart));
    if (this.at() === '[') {
      index = true;
      this.balanced('[', ']', this.pos);
    }
    c = this.at();
    let keepWord = false;
    if (c === '}') {
      // done
    } else if (c === ':' && '-=?+'.includes(this.at(1)) && this.at(1) !== '') {
      this.pos += 2;
      keepWord = true;
    } else if ('-=?+'.includes(c)) {
      this.pos++;
      keepWord = true;
    } else if (c === '#' || c === '%') {
      this.pos += this.at(1) === c ? 2 : 1;
      keepWord = true;
    } else if (c === '^' || c === ',') {
      caseChange = identifier && !index;
      this.pos += this.at(1) === c ? 2 : 1;
      keepWord = true;
    } else if (c === '/') repl = true;
    else if (c === ':') slice = true;
    else if (c === '@') {
      // ${v@Q}
    } else {
      // Not a form we know: bash only complains when it runs.
    }
    const rest = () => this.parameterRest(start, where);
    this.enter();
    if (keepWord) rest();
    else this.collect(rest, true);
    this.depth--;
    if (excl || index || repl || slice || caseChange) this.bashism('${...}', start, this.pos, repl || slice);
  }

  /** The rest of `${...}` up to its `}` (quotes, nested expansions and command substitutions read as such). */
  private parameterRest(opener: number, where: Where): void {
    const scratch: Built = { text: '', literal: true };
    for (;;) {
      const c = this.at();
      if (c === '') this.unclosed('${', opener);
      if (c === '}') {
        this.pos++;
        return;
      }
      if (c === '\\') this.pos += 2;
      else if (c === "'") {
        const close = this.src.indexOf("'", this.pos + 1);
        if (close < 0) this.unclosedQuote(this.pos);
        this.pos = close + 1;
      } else if (c === '"') {
        this.pos++;
        this.doubleQuoted(where, scratch, this.pos - 1);
      } else if (c === '$') this.dollar(where, scratch);
      else if (c === '`') this.backquoted(where, scratch);
      else this.pos++;
    }
  }

  private bashism(what: string, start: number, end: number, busybox: boolean): void {
    this.bashisms.push({ what, start, end, busybox });
  }
}

/** Bash-only builtins and test operators, found on the collected commands; sorts the bashisms. */
export function commandBashisms(summary: ShellSummary): void {
  for (const c of summary.commands) {
    const name = c.words[0]?.text;
    if (name === 'source') summary.bashisms.push({ what: 'source', start: c.start, end: c.end, busybox: true });
    if ((name === '[' || name === 'test') && c.words.some((w) => w.text === '==')) summary.bashisms.push({ what: '==', start: c.start, end: c.end, busybox: true });
  }
  summary.bashisms.sort((x, y) => x.start - y.start);
}
