// pip into the system Python of Debian 12 and later, Ubuntu 23.04 and later, or Alpine 3.19 and later: those mark it
// externally managed (PEP 668, /usr/lib/python3.*/EXTERNALLY-MANAGED), so `pip install` stops the
// build with "error: externally-managed-environment". Reported only when that is sure: the stage
// is built on debian, ubuntu or buildpack-deps of such a release, its pip came from apt
// (python3-pip) earlier in the stage or the stages it is built FROM, no virtual environment was
// made before, and the install goes into that Python (no --target, --prefix or --root, which pip
// does not check). A Dockerfile that mentions break-system-packages, EXTERNALLY-MANAGED or a
// pip.conf anywhere has dealt with it. The python images keep their own Python in /usr/local,
// which is not externally managed, so they are not concerned. None of the peers has this check.
import { t } from '../../../l10n';
import type { Analysis } from '../../analysis/analysis';
import type { Stage } from '../../syntax/ast';
import { commandsOf, commandSpan, runShells, type Cmd } from './shellCommands';
import { rule } from './rule';
import { isPipInstall } from './packageRules';
import { repositoryAndTag } from '../../../officialImages';

const DEBIAN_MANAGED = new Set(['12', '13', '14', 'bookworm', 'trixie', 'forky', 'sid', 'testing', 'unstable', 'stable', 'oldstable', 'latest']);
const UBUNTU_MANAGED = new Set(['lunar', 'mantic', 'noble', 'oracular', 'plucky', 'questing', 'resolute', 'latest', 'rolling', 'devel']);

/** Whether the image's system Python is externally managed (Debian 12+, Ubuntu 23.04+), by its tag. */
export function externallyManagedBase(reference: string): boolean {
  const image = repositoryAndTag(reference);
  if (!image) return false;
  const { repository, tag } = image;
  const words = tag.split(/[-_]/);
  const first = words[0]!;
  if (repository === 'debian') return DEBIAN_MANAGED.has(first) || DEBIAN_MANAGED.has(first.split('.')[0]!);
  // Alpine's python3 package is externally managed from 3.19 on (round 13: FROM alpine, then py3-pip).
  if (repository === 'alpine') {
    const version = /^(\d+)\.(\d+)/.exec(first);
    return version ? Number(version[1]) * 100 + Number(version[2]) >= 319 : first === 'latest' || first === 'edge';
  }
  if (repository === 'ubuntu') {
    const version = /^(\d{2})\.(\d{2})$/.exec(first);
    return version ? Number(version[1]) * 100 + Number(version[2]) >= 2304 : UBUNTU_MANAGED.has(first);
  }
  // buildpack-deps names its release in the tag (bookworm, noble, bookworm-curl); "latest" and
  // the plain variants are the newest Debian.
  if (repository === 'buildpack-deps') return words.some((w) => (DEBIAN_MANAGED.has(w) && w !== 'stable' && w !== 'oldstable') || (UBUNTU_MANAGED.has(w) && w !== 'latest')) || ['latest', 'curl', 'scm'].includes(tag);
  return false;
}

const PYTHON = /^python3?(\.\d+)?$/;

/** An install pip does not check: into another root, prefix or target folder, or told to go ahead. */
function unchecked(c: Cmd): boolean {
  return c.args.some((w) => /^(--target|-t|--prefix|--root|--break-system-packages)(=|$)/.test(w.text));
}

/** The pip a command runs is the system Python's: not one of a virtual environment named by its path. */
function systemPip(c: Cmd): boolean {
  const word = c.raw.words.find((w) => w.text.split('/').pop() === c.name)?.text ?? c.name;
  return !word.includes('/') || word.startsWith('/usr/bin/') || word.startsWith('/usr/local/bin/');
}

function makesVenv(c: Cmd): boolean {
  return (PYTHON.test(c.name) && c.args[0]?.text === '-m' && (c.args[1]?.text === 'venv' || c.args[1]?.text === 'virtualenv'))
    || c.name === 'virtualenv' || (c.name === 'uv' && c.args[0]?.text === 'venv') || c.name === 'conda' || c.name === 'micromamba'
    || ((c.name === 'source' || c.name === '.') && (c.args[0]?.text.includes('activate') ?? false));
}

function installsAptPip(c: Cmd): boolean {
  return ((c.name === 'apt-get' || c.name === 'apt') && c.args.some((w) => /^python3-pip(=|$)/.test(w.text)))
    || (c.name === 'apk' && c.args.some((w) => /^py3?-pip([=~<>]|$)/.test(w.text)));
}

/** What the lines before tell about pip: installed from apt, and whether a virtual environment (or ENV pointing at one) came first. */
interface PipState {
  aptPip: boolean;
  venv: boolean;
}

const MAX_CHAIN_INSTRUCTIONS = 2000;

/** The state before each pip install of a stage, read forward through its FROM chain; undefined past the budget. */
function pipStates(a: Analysis, stage: Stage): Map<Cmd, PipState> | undefined {
  const chain = [...a.chainOf(stage)].reverse();
  if (chain.reduce((n, s) => n + s.instructions.length, 0) > MAX_CHAIN_INSTRUCTIONS) return undefined;
  const state: PipState = { aptPip: false, venv: false };
  const before = new Map<Cmd, PipState>();
  for (const s of chain) {
    for (const i of s.instructions) {
      if (i.trigger) continue;
      if ((i.upper === 'ENV' || i.upper === 'ARG') && /VIRTUAL_ENV|venv|conda/i.test(i.argText)) state.venv = true;
      if (i.upper !== 'RUN') continue;
      const info = a.shell(i);
      if (!info || info.summary.error) continue;
      for (const c of commandsOf({ instruction: i, stage: s, info })) {
        if (isPipInstall(c)) before.set(c, { ...state });
        if (installsAptPip(c)) state.aptPip = true;
        if (makesVenv(c)) state.venv = true;
      }
    }
  }
  return before;
}

export const pipExternallyManaged = rule({
  id: 'pip-externally-managed', severity: 'error',
  explain: () => [
    t('Debian 12 and later, Ubuntu 23.04 and later and Alpine 3.19 and later mark their system Python as externally managed (PEP 668): pip refuses to install into it and the build stops with "error: externally-managed-environment". This concerns the python3-pip of apt on debian, ubuntu and buildpack-deps images and the py3-pip of apk on alpine; the python images keep their own Python in /usr/local and are not concerned.'),
    t('Install the package from apt (python3-requests), make a virtual environment (python3 -m venv /opt/venv, then /opt/venv/bin/pip install), or, knowing that pip may then replace files apt owns, add --break-system-packages. Reported only when the stage (or one it is built FROM) installed python3-pip from apt (py3-pip from apk) and made no virtual environment before, and the Dockerfile nowhere mentions break-system-packages, EXTERNALLY-MANAGED or a pip.conf.'),
  ],
}, (ctx) => {
  if (/break-system-packages|EXTERNALLY-MANAGED|PIP_BREAK_SYSTEM_PACKAGES|pip\.conf/i.test(ctx.a.text)) return;
  const states = new Map<number, Map<Cmd, PipState> | undefined>();
  for (const run of runShells(ctx)) {
    const stage = run.stage;
    if (!stage || run.instruction.trigger || !externallyManagedBase(ctx.a.baseImageRef(stage))) continue;
    const c = commandsOf(run).find((x) => isPipInstall(x) && systemPip(x) && !unchecked(x));
    if (!c) continue;
    if (!states.has(stage.index)) states.set(stage.index, pipStates(ctx.a, stage));
    const state = states.get(stage.index)?.get(c);
    if (!state?.aptPip || state.venv) continue;
    ctx.report(commandSpan(run, c), repositoryAndTag(ctx.a.baseImageRef(stage))?.repository === 'alpine'
      ? t('{0} is externally managed (PEP 668): pip install into its system Python stops the build with "externally-managed-environment". Use apk packages (py3-...), a virtual environment, or --break-system-packages.', ctx.a.baseImageRef(stage))
      : t('{0} is externally managed (PEP 668): pip install into its system Python stops the build with "externally-managed-environment". Use apt packages, a virtual environment, or --break-system-packages.', ctx.a.baseImageRef(stage)));
  }
});

export const pythonRules = [pipExternallyManaged];
