// Poetry 2.0 (January 2025) removed options and commands that Dockerfiles of the Poetry 1 days
// still run: `poetry install --no-dev` and `--remove-untracked`, `poetry lock --no-update` and
// `--check`, and `poetry export`, which moved to a plugin. On Poetry 2 each stops the build ('The
// "--no-dev" option does not exist', 'The requested command export does not exist'). An unpinned
// `pip install poetry` or the official installer gets Poetry 2 on Python 3.9 and later, so
// Dockerfiles that worked for years now fail (rounds 12, 14 and 19 had them). Reported only where
// the Poetry version is known: installed in the stage or the stages it is built FROM, by pip,
// pipx, uv or the official installer, with no version or a version of 2 or later, on an official
// python image of 3.9 or later (an older Python gets Poetry 1.8). A pin below 2, a version from a
// build arg without a default, or a Poetry the base image brings is left alone.
import { t } from '../../../l10n';
import type { Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { buildContextOf } from '../../analysis/buildContext';
import { expandText } from '../../analysis/expand';
import { repositoryAndTag } from '../../../officialImages';
import { commandsOf, operands, type Cmd, type RunShell } from './shellCommands';
import { isPipInstall } from './packageRules';
import { rule } from './rule';

/** Whether an official python tag runs Python 3.9 or later (the Pythons Poetry 2 installs on): 3.9+, 3, and the tags without a version. */
export function pythonForPoetry2(reference: string): boolean {
  const ref = repositoryAndTag(reference);
  if (ref?.repository !== 'python') return false;
  const m = /^(\d+)(?:\.(\d+))?/.exec(ref.tag);
  if (!m) return true;
  return Number(m[1]) > 3 || (Number(m[1]) === 3 && (m[2] === undefined || Number(m[2]) >= 9));
}

/**
 * The Poetry major version a requirement gets, newest allowed: 2 unless an upper bound or an exact
 * or compatible pin keeps it below 2 (poetry<2, poetry==1.8.3, poetry~=1.8, poetry>=1.5,<2.0).
 */
export function poetryMajorOf(spec: string): 1 | 2 {
  for (const clause of spec.split(',')) {
    const m = /^\s*(===|==|~=|<=|<|!=|>=|>)?\s*v?(\d+)(?:\.(\d+|\*))?(?:\.(\d+|\*))?/.exec(clause);
    if (!m || !m[1]) continue;
    const [major, minor, patch] = [Number(m[2]), m[3] === undefined || m[3] === '*' ? 0 : Number(m[3]), m[4] === undefined || m[4] === '*' ? 0 : Number(m[4])];
    if (m[1] === '==' || m[1] === '===' || m[1] === '~=' || m[1] === '<=') {
      if (major < 2) return 1;
    } else if (m[1] === '<') {
      if (major < 2 || (major === 2 && minor === 0 && patch === 0)) return 1;
    }
  }
  return 2;
}

const INSTALLER = /install\.python-poetry\.org|install-poetry\.py/;
/** The requirement `poetry`, `poetry[extra]` or `poetry==1.8.3` as pip, pipx or uv reads it. */
const REQUIREMENT = /^poetry(\[[^\]]*\])?\s*(?=$|[=<>~!])/i;

/** The Poetry major version a command installs: 1 or 2, unknown when it names a version the Dockerfile does not give, undefined when it installs no Poetry. */
function installedBy(c: Cmd, run: RunShell, a: Analysis): 1 | 2 | 'unknown' | undefined {
  const pip = isPipInstall(c) || (c.name === 'pipx' && c.args[0]?.text === 'install')
    || (c.name === 'uv' && ((c.args[0]?.text === 'tool' && c.args[1]?.text === 'install') || (c.args[0]?.text === 'pip' && c.args[1]?.text === 'install')));
  if (pip) {
    const word = c.args.find((w) => REQUIREMENT.test(w.text));
    if (!word) return undefined;
    const spec = expanded(word.text.replace(REQUIREMENT, ''), run, a);
    return spec === undefined ? 'unknown' : poetryMajorOf(spec);
  }
  return undefined;
}

/** $NAME and ${NAME} replaced by the values the Dockerfile gives them; undefined when one has none (a build arg without a default). */
function expanded(text: string, run: RunShell, a: Analysis): string | undefined {
  if (!text.includes('$')) return text;
  const visible = a.variables.visibleAt(run.instruction);
  // The shell word's quotes are gone already; ${POETRY_VERSION:-1.8.5} takes its default as the shell would.
  const result = expandText(text, (name) => visible.get(name)?.value, a.doc.escape, false);
  return result.unknown.length > 0 || result.tooLarge ? undefined : result.value;
}

/** The Poetry version the official installer gets in this RUN: --version, or POETRY_VERSION set in the RUN or the Dockerfile; the newest otherwise. */
function installerMajor(run: RunShell, a: Analysis): 1 | 2 | 'unknown' {
  const words = commandsOf(run).flatMap((c) => c.args);
  const at = words.findIndex((w) => w.text === '--version' || w.text.startsWith('--version='));
  let version: string | undefined;
  if (at >= 0) version = words[at]!.text.startsWith('--version=') ? words[at]!.text.slice(10) : words[at + 1]?.text;
  else {
    const assigned = /\bPOETRY_VERSION=["']?([^\s"';&|]+)/.exec(run.instruction.argText)?.[1];
    const def = a.variables.visibleAt(run.instruction).get('POETRY_VERSION');
    version = assigned ?? (def ? def.value ?? '$' : undefined);
  }
  if (version === undefined) return 2;
  const value = expanded(version, run, a);
  if (value === undefined || value.includes('$')) return 'unknown';
  return /^\d/.test(value) ? poetryMajorOf(`==${value}`) : 2;
}

interface Removed {
  option: string;
  message: () => string;
  replacement?: string;
}

const REMOVED: Record<string, Removed[]> = {
  install: [
    { option: '--no-dev', replacement: '--only main', message: () => t('Poetry 2 removed poetry install --no-dev: the build stops with \'The "--no-dev" option does not exist\'. Write --only main (or --without dev), which Poetry 1.2 and later understand.') },
    { option: '--remove-untracked', message: () => t('Poetry 2 removed poetry install --remove-untracked: the build stops with \'The "--remove-untracked" option does not exist\'. Write poetry sync (or poetry install --sync).') },
  ],
  lock: [
    { option: '--no-update', message: () => t('Poetry 2 removed poetry lock --no-update, now what poetry lock does by default: the build stops with \'The "--no-update" option does not exist\'. Leave it out.') },
    { option: '--check', message: () => t('Poetry 2 removed poetry lock --check: the build stops with \'The "--check" option does not exist\'. Write poetry check --lock.') },
  ],
};

export const poetryRemovedOption = rule({
  id: 'poetry-removed-option', severity: 'error', reach: 'file',
  explain: () => [
    t('Poetry 2.0 (January 2025) removed poetry install --no-dev and --remove-untracked, poetry lock --no-update and --check, and took poetry export out into the poetry-plugin-export plugin. On Poetry 2 each of these stops the build (\'The "--no-dev" option does not exist\', \'The requested command export does not exist\'). pip install poetry without a version, pipx install poetry and the official installer get Poetry 2 on Python 3.9 and later, so Dockerfiles written for Poetry 1 break without a change of their own.'),
    t('Write what Poetry 2 understands (--only main, poetry sync, poetry check --lock, poetry lock), or pin the Poetry you wrote for: pip install "poetry<2", or POETRY_VERSION=1.8.5 for the installer. For poetry export, install poetry-plugin-export beside Poetry or name it under [tool.poetry.requires-plugins]. Reported only where the Dockerfile installs Poetry itself on an official python image of 3.9 or later, and nothing pins it below 2.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!/\bpoetry\s+(install|lock|export)\b/.test(a.text)) return;
  const exportPlugin = /poetry-plugin-export|requires-plugins/.test(a.text);
  let pyprojectPlugins: boolean | undefined;
  /** Whether the pyproject.toml at the build context's root may name the export plugin; unknown (no context, no pyproject there) counts as yes. */
  const projectMayNamePlugin = (): boolean => {
    if (pyprojectPlugins === undefined) {
      const context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
      const text = context ? ctx.files.readText(`${context.folderUri}/pyproject.toml`) : undefined;
      pyprojectPlugins = text === undefined || /requires-plugins|poetry-plugin-export/.test(text);
    }
    return pyprojectPlugins;
  };
  for (const stage of ctx.scope.stages) {
    if (!pythonForPoetry2(a.rootImage(stage))) continue;
    let major: 1 | 2 | 'unknown' | undefined;
    const chain: Stage[] = [...a.chainOf(stage)].reverse();
    for (const s of chain) {
      for (const i of s.instructions) {
        if (i.upper !== 'RUN') continue;
        const info = a.shell(i);
        if (!info || info.summary.error) continue;
        const run: RunShell = { instruction: i, stage: s, info };
        if (INSTALLER.test(i.argText)) major = installerMajor(run, a);
        for (const c of commandsOf(run)) {
          const installed = installedBy(c, run, a);
          if (installed !== undefined) major = installed;
          if (c.name !== 'poetry' || s !== stage || major !== 2) continue;
          const sub = operands(c)[0]?.text ?? '';
          if (sub === 'export') {
            if (!exportPlugin && !projectMayNamePlugin()) {
              ctx.report(run.info.span(c.raw.start, c.raw.end), t('Poetry 2 no longer includes poetry export: the build stops with \'The requested command export does not exist\'. Install poetry-plugin-export beside Poetry (pip install poetry poetry-plugin-export), or pin Poetry below 2.'));
            }
            continue;
          }
          for (const removed of REMOVED[sub] ?? []) {
            const word = c.args.find((w) => w.text === removed.option);
            if (!word) continue;
            const span = run.info.span(word.start, word.end);
            ctx.report(span, removed.message(), removed.replacement ? { data: { replacement: removed.replacement } } : undefined);
          }
        }
      }
    }
  }
});

export const poetryRules = [poetryRemovedOption];
