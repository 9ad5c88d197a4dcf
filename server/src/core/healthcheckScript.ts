// Whether a health check's shell script always exits 0: `curl -f http://localhost/ || exit 0`,
// `... && echo 0 || echo 1`, `...; true`. The last command of the script's top-level list decides
// its exit status; after || or ; a command that cannot fail (true, :, exit 0, echo) makes a
// failing probe report healthy, so the container never turns unhealthy and compose's
// service_healthy waits for nothing (round 12: a mongo probe ending in `|| echo 1`). Shared by the
// Dockerfile's HEALTHCHECK rule and compose's healthcheck check: plain text in, no parser.

/** The script with the contents of its quotes and $( ) blanked, same length, so operators in them do not count. */
function blanked(script: string): string {
  let out = '';
  let quote: string | undefined;
  let depth = 0;
  for (let k = 0; k < script.length; k++) {
    const c = script[k]!;
    if (quote) {
      if (c === '\\' && quote === '"') { out += '  '; k++; continue; }
      if (c === quote) quote = undefined;
      out += c === quote || quote === undefined ? c : ' ';
      continue;
    }
    if (c === '\\') { out += '  '; k++; continue; }
    if (c === '"' || c === "'" || c === '`') { quote = c; out += c; continue; }
    if (c === '$' && script[k + 1] === '(') { depth++; out += '$('; k++; continue; }
    if (depth > 0) { if (c === ')') depth--; out += c === ')' && depth === 0 ? ')' : ' '; continue; }
    out += c;
  }
  return out;
}

/** Commands that exit 0 whatever happened before them. */
const CANNOT_FAIL = /^(true|:|exit\s+0|echo(\s[^;&|<>]*)?|printf(\s[^;&|<>]*)?)\s*$/;

/**
 * The command after the last top-level || or ; when it cannot fail (the script then always exits
 * 0), with its offset in the script; undefined otherwise, and for scripts with compound commands
 * (if, case, loops, groups), whose ends this does not follow.
 */
export function alwaysPasses(script: string): { tail: string; start: number } | undefined {
  if (script.length > 4096) return undefined;
  const text = blanked(script);
  if (/[(){}]|\b(if|then|fi|case|esac|while|until|for|do|done)\b/.test(text.replace(/\$\(\s*\)/g, ''))) return undefined;
  const trimmed = text.replace(/[\s;]+$/, '');
  let cut = -1;
  let width = 0;
  for (let k = trimmed.length - 1; k > 0; k--) {
    if (trimmed[k] === '|' && trimmed[k - 1] === '|') { cut = k - 1; width = 2; break; }
    if (trimmed[k] === ';' || trimmed[k] === '\n') { cut = k; width = 1; break; }
    if (trimmed[k] === '&' || trimmed[k] === '|') return undefined;
  }
  if (cut < 0) return undefined;
  const tail = script.slice(cut + width, trimmed.length).trim();
  if (!CANNOT_FAIL.test(blanked(tail))) return undefined;
  return { tail, start: script.indexOf(tail, cut + width) };
}

/** Shells that run a script given after -c (or -ec, -xc...). */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/**
 * Where the script is in a command written as a list (`sh -c "..."`, `/bin/bash -ec "..."`): the
 * index of the item after the shell's -c, or -1. Health checks in both files are written so.
 */
export function shellScriptIndex(items: readonly string[]): number {
  const c = items.findIndex((w, k) => k > 0 && /^-[a-z]*c$/.test(w) && SHELLS.has(items[k - 1]!.split('/').pop()!));
  return c > 0 && c + 1 < items.length ? c + 1 : -1;
}
