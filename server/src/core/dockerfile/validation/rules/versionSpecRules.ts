// A version constraint written without quotes in a package install (`pip install flask>=2.0`,
// `apk add curl<9`): the shell reads `>` and `<` as redirections, so the constraint never reaches
// the package manager. `>=2.0` installs the newest version and writes the output to a file named
// "=2.0"; `<9` reads the input from a file named "9", which fails. None of the peers reports it.
import { t } from '../../../l10n';
import { commandsOf, runShells, type RunShell } from './shellCommands';
import { rule } from './rule';

/** Commands whose arguments take version constraints written with < and >. */
const INSTALLERS = new Set([
  'pip', 'pip3', 'pip2', 'uv', 'conda', 'mamba', 'micromamba', 'poetry', 'pipx', 'pdm', 'npm', 'yarn', 'pnpm', 'bun',
  'gem', 'apk', 'composer', 'cargo',
]);

const WORD_CHAR = /[A-Za-z0-9_.\-\]@:/]/;

interface Misread {
  /** Offsets in the script: the package word's start and the constraint's end. */
  start: number;
  end: number;
  spec: string;
  output: boolean;
}

/**
 * The first `>`/`<` outside quotes that starts a version constraint, in the command that starts at
 * `from` (its redirections included: up to the first unquoted ;, &, |, ) or line end).
 */
function misreadConstraint(text: string, from: number): Misread | undefined {
  const to = text.length;
  let quote: string | undefined;
  for (let p = from; p < to; p++) {
    const c = text[p]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') p++;
      continue;
    }
    if (c === '\\') {
      p++;
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === ')' || c === '\n') return undefined;
    if (c === '"' || c === '\'') {
      quote = c;
      continue;
    }
    if (c !== '>' && c !== '<') continue;
    const next = text[p + 1] ?? '';
    // The word the operator is stuck to (flask in flask>=2), if any.
    let start = p;
    while (start > from && WORD_CHAR.test(text[start - 1]!)) start--;
    const stuck = start < p;
    // 2>/dev/null or 2>&1: a file descriptor, not a package.
    if (stuck && /^\d+$/.test(text.slice(start, p))) continue;
    if (next === '=' || (stuck && /\d/.test(next))) {
      let end = p + 1;
      while (end < to && /[^\s;&|)<>]/.test(text[end]!)) end++;
      return { start: stuck ? start : p, end, spec: text.slice(p, end), output: c === '>' };
    }
  }
  return undefined;
}

export const unquotedVersionSpec = rule({
  id: 'unquoted-version-spec', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('In a shell command > and < are redirections, also inside a package name: pip install flask>=2.0 installs the newest flask and writes pip\'s output to a file named "=2.0", and apk add curl<9 reads its input from a file named "9" and fails. The version constraint never reaches the package manager.'),
    t('Quote the package with its constraint: pip install "flask>=2.0".'),
  ],
}, (ctx) => {
  const report = (run: RunShell, found: Misread) => {
    const span = run.info.span(found.start, found.end);
    ctx.report(span, found.output
      ? t('The shell reads {0} as a redirection: the version constraint is dropped and the output goes to a file named {1}. Quote the package and its constraint.', found.spec, found.spec.replace(/^>+/, ''))
      : t('The shell reads {0} as a redirection from a file named {1}, which fails: the version constraint never reaches the package manager. Quote the package and its constraint.', found.spec, found.spec.replace(/^<+/, '')));
  };
  for (const run of runShells(ctx)) {
    const text = run.info.source.text;
    for (const c of commandsOf(run)) {
      // python -m pip counts as pip.
      if (!INSTALLERS.has(c.name) && !(/^python[0-9.]*$/.test(c.name) && c.args[0]?.text === '-m')) continue;
      // Each install's own constraint (round 61: the second pip install of a RUN went untold).
      const found = misreadConstraint(text, c.raw.start);
      if (found) report(run, found);
    }
  }
});

export const versionSpecRules = [unquotedVersionSpec];
