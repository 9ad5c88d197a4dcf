// Edits for the incremental tests: the real Dockerfiles of the repository's corpus, and a seeded
// generator of small edits aimed at what incremental parsing and validation must get right
// (FROM lines and stage names, ARGs, continuations, heredocs, comments and suppressions, line
// breaks), plus random single characters anywhere.
import * as fs from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
export const corpus = path.resolve(repo, 'test', 'fixtures', 'corpus');

/** Every Dockerfile of the corpus (real projects, then BuildKit's parser test files). */
export function corpusDockerfiles(): { name: string; text: string }[] {
  return ['dockerfiles', 'parser-edge'].flatMap((dir) =>
    fs.readdirSync(path.join(corpus, dir)).sort().map((f) => ({ name: f, text: fs.readFileSync(path.join(corpus, dir, f), 'utf8') })));
}

export interface Edit {
  at: number;
  remove: number;
  insert: string;
  kind: string;
}

export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
}

interface Line {
  start: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const t of text.split('\n')) {
    out.push({ start, text: t });
    start += t.length + 1;
  }
  return out;
}

const CHARS = ['x', ' ', '\n', '\\', '#', '<', '"', "'", '`', '-', '=', '$', '{', '}', '\t', 'A', ':'];

/** One edit of the given text; `kind` says what it aims at. */
export function nextEdit(text: string, rnd: (n: number) => number): Edit {
  const lines = linesOf(text);
  const pick = <T>(list: T[]): T | undefined => (list.length > 0 ? list[rnd(list.length)] : undefined);
  const lineWhere = (re: RegExp) => pick(lines.filter((l) => re.test(l.text)));
  const char = () => CHARS[rnd(CHARS.length)]!;
  const inLine = (l: Line, kind: string): Edit => {
    const at = l.start + rnd(l.text.length + 1);
    return rnd(3) === 0 && at < l.start + l.text.length ? { at, remove: 1, insert: '', kind } : { at, remove: 0, insert: char(), kind };
  };
  switch (rnd(12)) {
    case 0: { // a FROM line: image, AS, stage name, flags
      const l = lineWhere(/^\s*from\s/i);
      if (!l) break;
      const name = / as\s+(\S+)/i.exec(l.text);
      if (name && rnd(2) === 0) return { at: l.start + name.index + name[0].length, remove: rnd(3) === 0 ? 1 : 0, insert: rnd(2) === 0 ? 'x' : '', kind: 'stage name' };
      if (rnd(4) === 0) {
        const other = pick(lines.map((x) => / as\s+(\S+)/i.exec(x.text)?.[1]).filter((x): x is string => !!x));
        const image = /^\s*from\s+(?:--\S+\s+)*(\S+)/i.exec(l.text);
        if (other && image) return { at: l.start + image[0].length - image[1]!.length, remove: image[1]!.length, insert: other, kind: 'from a stage' };
      }
      return inLine(l, 'from line');
    }
    case 1: { // an ARG, or a new global ARG
      const l = lineWhere(/^\s*arg\s/i);
      if (l && rnd(3) > 0) return inLine(l, 'arg');
      const from = lineWhere(/^\s*from\s/i);
      return { at: from?.start ?? 0, remove: 0, insert: `ARG ${['VERSION', 'TAG', 'BASE', 'X'][rnd(4)]}=${rnd(10)}\n`, kind: 'new arg' };
    }
    case 2: { // continuations: drop or add a trailing backslash, blank or comment line inside one
      const l = lineWhere(/\\\s*$/);
      if (l && rnd(2) === 0) {
        const at = l.start + l.text.lastIndexOf('\\');
        return { at, remove: 1, insert: '', kind: 'drop continuation' };
      }
      if (l) return { at: l.start + l.text.length + 1, remove: 0, insert: rnd(2) === 0 ? '\n' : '  # note\n', kind: 'inside continuation' };
      const any = lineWhere(/^\s*[a-z]/i);
      if (any) return { at: any.start + any.text.length, remove: 0, insert: ' \\', kind: 'add continuation' };
      break;
    }
    case 3: { // heredocs: marker names, terminators, new heredocs
      const l = lineWhere(/<</);
      if (l && rnd(2) === 0) {
        const m = /<<-?["']?(\w*)/.exec(l.text)!;
        return { at: l.start + m.index + m[0].length, remove: rnd(2), insert: rnd(2) === 0 ? 'X' : '', kind: 'heredoc marker' };
      }
      const term = lineWhere(/^\s*(EOF|EOT|END)\s*$/);
      if (term && rnd(2) === 0) return { at: term.start, remove: rnd(2), insert: rnd(2) === 0 ? 'x' : '', kind: 'heredoc terminator' };
      const at = pick(lines)!;
      return { at: at.start, remove: 0, insert: rnd(2) === 0 ? 'RUN <<EOF\necho hi\nEOF\n' : 'COPY <<-"EOT" /a\n\tx\n', kind: 'new heredoc' };
    }
    case 4: { // comments: suppressions above instructions, file-wide ones, plain text
      const l = lineWhere(/^\s*[a-z]/i) ?? pick(lines)!;
      const comments = ['# hadolint ignore=DL3008,DL3059\n', '# workbench ignore\n', '# hadolint global ignore=DL3059\n', '# dockerfile-utils: ignore\n', '# just a note\n', '# check=skip=all\n'];
      if (rnd(3) === 0) {
        const c = lineWhere(/^\s*#/);
        if (c) return inLine(c, 'comment text');
      }
      return { at: l.start, remove: 0, insert: comments[rnd(comments.length)]!, kind: 'comment' };
    }
    case 5: { // line breaks: everything below moves
      const l = pick(lines)!;
      if (rnd(2) === 0 && l.start > 0) return { at: l.start - 1, remove: 1, insert: '', kind: 'join lines' };
      return { at: l.start + rnd(l.text.length + 1), remove: 0, insert: '\n', kind: 'split line' };
    }
    case 6: { // COPY --from and RUN --mount from=
      const copy = lineWhere(/^\s*copy\s/i);
      const name = pick(lines.map((x) => / as\s+(\S+)/i.exec(x.text)?.[1]).filter((x): x is string => !!x)) ?? '0';
      if (copy && rnd(2) === 0) {
        const flag = /--from=(\S*)/.exec(copy.text);
        if (flag) return { at: copy.start + flag.index + 7, remove: flag[1]!.length, insert: rnd(2) === 0 ? name : `${name}x`, kind: 'copy from' };
        const kw = /^\s*copy/i.exec(copy.text)!;
        return { at: copy.start + kw[0].length, remove: 0, insert: ` --from=${name}`, kind: 'copy from' };
      }
      const run = lineWhere(/^\s*run\s/i);
      if (run) return { at: run.start + /^\s*run/i.exec(run.text)![0].length, remove: 0, insert: ` --mount=type=cache,from=${name},target=/c`, kind: 'mount from' };
      break;
    }
    case 7: { // the top of the file: directives, the escape character
      const first = lines[0]!;
      const options = ['# escape=`\n', '# syntax=docker/dockerfile:1\n', '# check=error=true\n', ''];
      const insert = options[rnd(options.length)]!;
      return insert ? { at: 0, remove: 0, insert, kind: 'directive' } : inLine(first, 'first line');
    }
    case 8: { // whole instructions appear or go
      const l = pick(lines)!;
      if (rnd(2) === 0) return { at: l.start, remove: Math.min(l.text.length + 1, text.length - l.start), insert: '', kind: 'delete line' };
      const lines2 = ['FROM alpine AS extra\n', 'RUN apt-get update\n', 'CMD node a.js\n', 'USER app\n', 'WORKDIR app\n', 'ENV TOKEN=x\n', 'EXPOSE 80/TCP\n', 'SHELL ["/bin/bash", "-c"]\n', 'ONBUILD RUN cd /x\n'];
      return { at: l.start, remove: 0, insert: lines2[rnd(lines2.length)]!, kind: 'insert line' };
    }
    default:
      break;
  }
  const at = rnd(text.length + 1);
  return { at, remove: rnd(4) === 0 ? Math.min(rnd(4), text.length - at) : 0, insert: rnd(5) === 0 ? '' : char(), kind: 'random' };
}
