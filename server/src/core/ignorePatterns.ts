// Ignore patterns the way BuildKit reads .dockerignore (and, as dockerignore patterns, the way the
// checks read .gitignore): one pattern per line, # comments, Go-style globs with **, a leading !
// re-includes, and the last matching line wins. Paths are relative to the folder of the file and
// compared with forward slashes. Shared by the Dockerfile and compose checks.

export interface IgnorePattern {
  pattern: string;
  negated: boolean;
  regex: RegExp;
}

/** The regular expression's text for a glob (no anchors). */
function globSource(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**` matches any number of directories (including none).
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      re += glob[i + 1]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

function globToRegex(glob: string): RegExp {
  return new RegExp(`^${globSource(glob)}(?:/.*)?$`);
}

/**
 * Whether a pattern can match a path inside the folder `target`: its segments match the folder's
 * one by one and more are left, or a `**` segment is reached (it matches any folders below).
 */
function mayMatchWithin(pattern: string, target: string): boolean {
  const globs = pattern.split('/');
  const folders = target.split('/');
  for (let k = 0; k < globs.length; k++) {
    if (globs[k]!.includes('**')) return true;
    if (k >= folders.length) return true;
    if (!new RegExp(`^${globSource(globs[k]!)}$`).test(folders[k]!)) return false;
  }
  return false;
}

function clean(path: string): string {
  const parts: string[] = [];
  for (const p of path.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const line of text.split(/\r?\n/)) {
    let p = line.trim();
    if (p === '' || p.startsWith('#')) continue;
    const negated = p.startsWith('!');
    if (negated) p = p.slice(1).trim();
    p = clean(p);
    if (p === '') continue;
    out.push({ pattern: p, negated, regex: globToRegex(p) });
  }
  return out;
}

/**
 * Whether an exception (`!.yarn/patches`, `!nginx/**\/*.conf`) may bring back something inside
 * `path`, a folder the patterns exclude: Docker sends those files, so copying the folder copies
 * them (rounds 47 and 65).
 */
export function reincludedWithin(patterns: IgnorePattern[], path: string): boolean {
  const target = clean(path);
  return target !== '' && patterns.some((p) => p.negated && mayMatchWithin(p.pattern, target));
}

/** True when `path` (relative to the context) is excluded from the build context. */
export function isIgnored(patterns: IgnorePattern[], path: string): boolean {
  const target = clean(path);
  if (target === '') return false;
  let ignored = false;
  for (const p of patterns) if (p.regex.test(target)) ignored = !p.negated;
  return ignored;
}
