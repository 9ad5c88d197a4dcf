// Where relative paths point: the working directory at an instruction (the WORKDIRs of the stage
// and of the stages it is built FROM, with their variables expanded) and POSIX path arithmetic,
// so that `COPY app.tgz .` under WORKDIR /opt and a later `rm /opt/app.tgz` name one file.
import type { Analysis } from './analysis';
import type { Instruction, Stage } from '../syntax/ast';
import { expandText } from './expand';

/** The base image's working directory, which the Dockerfile does not know. */
export const BASE_WORKDIR = '<base>';

/** `a/./b/../c//` → `a/c`; keeps a leading `/` and the `<base>` marker. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== BASE_WORKDIR) out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** `path` resolved against the directory `cwd` (itself absolute or under `<base>`). */
export function resolvePath(cwd: string, path: string): string {
  if (path.startsWith('/')) return normalizePath(path);
  if (path === '~' || path.startsWith('~/')) return normalizePath(`/root/${path.slice(1)}`);
  return normalizePath(`${cwd}/${path}`);
}

/**
 * The working directory after a WORKDIR instruction, given the one before it (undefined when it
 * depends on a build argument without a value); any other instruction leaves it as it is.
 */
export function afterInstruction(a: Analysis, cwd: string | undefined, i: Instruction): string | undefined {
  if (i.upper !== 'WORKDIR' || !i.words[0]) return cwd;
  let dir = i.words[0].value;
  if (dir.includes('$')) {
    const visible = a.variables.visibleAt(i);
    const expanded = expandText(i.words[0].raw, (n) => visible.get(n)?.value, a.doc.escape);
    if (expanded.unknown.length > 0) return undefined;
    dir = expanded.value.replace(/^["']|["']$/g, '');
  }
  return cwd === undefined && !dir.startsWith('/') ? undefined : resolvePath(cwd ?? '/', dir);
}

/** The working directory a stage starts in: the base image's, after the WORKDIRs of the stages it is built FROM. */
export function workdirAtStart(a: Analysis, stage: Stage): string | undefined {
  const parent = a.doc.stages[a.parentOf(stage.index)];
  return parent ? workdirAtEnd(a, parent) : BASE_WORKDIR;
}

/** The working directory an instruction of the stage runs in (undefined when a build argument decides it). */
export function workdirBefore(a: Analysis, stage: Stage, instruction: Instruction): string | undefined {
  let cwd = workdirAtStart(a, stage);
  for (const i of stage.instructions) {
    if (i === instruction || i.index >= instruction.index) break;
    cwd = afterInstruction(a, cwd, i);
  }
  return cwd;
}

/**
 * The WORKDIR some official images set, which a stage built on them starts in: php's apache and fpm
 * variants (and wordpress on them) /var/www/html, httpd, golang, redis, tomcat, composer.
 */
export function officialImageWorkdir(repository: string, tag: string): string | undefined {
  switch (repository) {
    case 'php': return /apache|fpm/.test(tag) ? '/var/www/html' : undefined;
    case 'wordpress': return /cli/.test(tag) ? undefined : '/var/www/html';
    case 'httpd': return '/usr/local/apache2';
    case 'golang': return '/go';
    case 'redis': return '/data';
    case 'tomcat': return '/usr/local/tomcat';
    case 'composer': return '/app';
    default: return undefined;
  }
}

/** The working directory after a stage's last instruction, per analysis and stage. */
const endMemo = new WeakMap<Analysis, Map<number, string | undefined>>();

export function workdirAtEnd(a: Analysis, stage: Stage): string | undefined {
  let memo = endMemo.get(a);
  if (!memo) endMemo.set(a, (memo = new Map()));
  // Up the chain to the first stage already worked out, then down again: each stage is read once.
  const todo: Stage[] = [];
  for (const s of a.chainOf(stage)) {
    if (memo.has(s.index)) break;
    todo.push(s);
  }
  const top = todo[todo.length - 1];
  const above = top ? a.doc.stages[a.parentOf(top.index)] : undefined;
  let cwd: string | undefined = above ? memo.get(above.index) : BASE_WORKDIR;
  for (const s of todo.reverse()) {
    for (const i of s.instructions) cwd = afterInstruction(a, cwd, i);
    memo.set(s.index, cwd);
  }
  return memo.get(stage.index);
}

/** Whether a removal of `target` (a path, maybe with `*` and `?`) deletes the file at `path`. */
export function removes(target: string, path: string): boolean {
  if (target === path || path.startsWith(`${target}/`)) return true;
  if (!/[*?]/.test(target) || target.length > 300) return false;
  const pattern = new RegExp(`^${target.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}(/.*)?$`);
  return pattern.test(path);
}
