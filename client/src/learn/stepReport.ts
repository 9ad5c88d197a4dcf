// What a walkthrough step did, as a Markdown report shown beside the walkthrough while it runs:
// a title, the plain-words explanation, each engine action as the `docker` command that would do
// the same (for display only; nothing here runs a shell) with its output, and the conclusion.
import type * as vscode from 'vscode';
import { formatCommandLine } from '../build/buildSpec';
import type { LearnDocuments } from './learnDocuments';

const MAX_OUTPUT = 4000;

/** A fenced block that its own content cannot close. */
function fence(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${text}\n${marks}`;
}

export class StepReport {
  private readonly parts: string[] = [];
  private uri: vscode.Uri | undefined;

  constructor(private readonly documents: LearnDocuments, private readonly name: string, title: string) {
    this.parts.push(`# ${title}`, '');
  }

  /** A paragraph of explanation. */
  say(text: string): this {
    this.parts.push(text, '');
    return this.flush();
  }

  /** A `docker …` command (the equivalent of what the extension did) and, optionally, what it printed. */
  command(args: readonly string[], output?: string): this {
    const shown = output === undefined ? '' : output.length > MAX_OUTPUT ? `${output.slice(0, MAX_OUTPUT)}\n…` : output.replace(/\s+$/, '');
    this.parts.push(fence(`$ ${formatCommandLine('docker', args)}${shown ? `\n${shown}` : ''}`, 'console'), '');
    return this.flush();
  }

  /** Any other command line (compose, a file written), shown the same way. */
  line(text: string, output?: string): this {
    this.parts.push(fence(`$ ${text}${output ? `\n${output.replace(/\s+$/, '')}` : ''}`, 'console'), '');
    return this.flush();
  }

  /** A file's content, e.g. the Dockerfile the step wrote. */
  file(content: string, language: string): this {
    this.parts.push(fence(content.replace(/\s+$/, ''), language), '');
    return this.flush();
  }

  /** The take-away, set apart. */
  conclude(text: string): this {
    this.parts.push(`> ${text.replace(/\n/g, '\n> ')}`, '');
    return this.flush();
  }

  get text(): string {
    return this.parts.join('\n');
  }

  /** Opens the report beside the walkthrough (later additions appear in it as they happen). */
  async show(): Promise<vscode.TextDocument> {
    const document = await this.documents.show(this.name, this.text);
    this.uri = document.uri;
    return document;
  }

  private flush(): this {
    if (this.uri) this.documents.update(this.uri, this.text);
    return this;
  }
}
