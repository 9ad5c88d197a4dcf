// `pip install sklearn cv2`: the names a program imports, not the names PyPI publishes them under.
// cv2, PIL and yaml have no distribution of that name ("No matching distribution found for cv2"),
// and sklearn's placeholder has refused to install since December 2023 ("The 'sklearn' PyPI package
// is deprecated, use 'scikit-learn'"), so the build stops (round 30's miss: pip install sklearn in
// a PyTorch image). Told for pip install's operands in a RUN, and for the lines of a requirements
// file it installs from the build context; an exact pin of sklearn's old placeholder (==0.0)
// still installs and is left alone.
import { t } from '../../../l10n';
import { buildContextOf } from '../../analysis/buildContext';
import { commandsOf, runShells, type RunShell } from './shellCommands';
import { isPipInstall, PIP } from './packageRules';
import { rule, type RuleContext } from './rule';
import type { ShellWord } from '../../syntax/shell/parseShell';

/** Import names that are no installable distribution, with the distribution that provides them. */
const DISTRIBUTION: Record<string, string> = {
  sklearn: 'scikit-learn',
  cv2: 'opencv-python-headless',
  pil: 'Pillow',
  yaml: 'PyYAML',
};

/** The import name a requirement names (`sklearn`, `cv2>=4`, `PIL[extra]`), unless it pins sklearn's old placeholder. */
function importName(requirement: string): string | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(requirement.trim());
  if (!m) return undefined;
  const name = m[1]!.toLowerCase();
  if (!(name in DISTRIBUTION)) return undefined;
  if (name === 'sklearn' && /^==\s*0\.0\s*$/.test(m[3]!.split(';')[0]!)) return undefined;
  return name;
}

function message(name: string): string {
  return name === 'sklearn'
    ? t('sklearn is the name scikit-learn is imported by; its placeholder on PyPI refuses to install since December 2023 ("The \'sklearn\' PyPI package is deprecated, use \'scikit-learn\'"), so the build stops. Install scikit-learn.')
    : t('{0} is the name a program imports, but no package of that name can be installed ("No matching distribution found for {0}"), so the build stops. Install {1}, which provides it.', name, DISTRIBUTION[name]!);
}

export const pipImportName = rule({
  id: 'pip-import-name', reach: 'instruction', severity: 'error',
  explain: () => [
    t('Some Python packages are imported by another name than the one they are published under: import sklearn comes from scikit-learn, import cv2 from opencv-python (opencv-python-headless in an image without a screen), from PIL import Image from Pillow, import yaml from PyYAML. pip install cv2, PIL or yaml finds nothing ("No matching distribution found"), and the sklearn placeholder has refused to install since December 2023.'),
    t('Install the published name (the fix writes it). Reported for pip install in a RUN, and for the requirements files it installs from the build context.'),
  ],
}, (ctx) => {
  if (!/\bpip/.test(ctx.a.text)) return;
  let context: ReturnType<typeof buildContextOf> | null = null;
  const requirementsText = (path: string): string | undefined => {
    if (context === null) context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
    if (!context || path.includes('$') || path.startsWith('/')) return undefined;
    const text = ctx.files.readText(`${context.folderUri}/${path.replace(/^\.\//, '')}`);
    return text === undefined || text.length > 512 * 1024 ? undefined : text;
  };
  for (const run of runShells(ctx)) {
    for (const c of commandsOf(run)) {
      if (!isPipInstall(c)) continue;
      checkCommand(ctx, run, c.args, requirementsText);
    }
  }
});

function checkCommand(ctx: RuleContext, run: RunShell, args: readonly ShellWord[], requirementsText: (path: string) => string | undefined): void {
  let afterInstall = false;
  for (let k = 0; k < args.length; k++) {
    const word = args[k]!;
    const text = word.text;
    if (!afterInstall) {
      if (text === 'install') afterInstall = true;
      continue;
    }
    if (text === '-r' || text === '--requirement' || text.startsWith('--requirement=') || /^-r\S/.test(text)) {
      const path = text === '-r' || text === '--requirement' ? args[++k]?.text : text.replace(/^(--requirement=|-r)/, '');
      const file = path === undefined ? undefined : requirementsText(path);
      if (file === undefined) continue;
      for (const line of file.split('\n').slice(0, 2000)) {
        const name = importName(line.replace(/#.*$/, ''));
        if (name) ctx.report(run.info.span(word.start, (args[k] ?? word).end), t('{0} (in {1}): {2}', line.trim(), path!, message(name)));
      }
      continue;
    }
    if (text.startsWith('-')) {
      if (PIP.withValue!.includes(text)) k++;
      continue;
    }
    const name = word.literal ? importName(text) : undefined;
    if (!name) continue;
    const span = run.info.span(word.start, word.end);
    // The fix replaces the name where the file spells it out as the word.
    const at = ctx.a.text.slice(span.start, span.end).toLowerCase().indexOf(name);
    ctx.report(span, message(name), at < 0 ? undefined : { data: { replacement: DISTRIBUTION[name]!, span: { start: span.start + at, end: span.start + at + name.length } } });
  }
}

export const pipImportNameRules = [pipImportName];
