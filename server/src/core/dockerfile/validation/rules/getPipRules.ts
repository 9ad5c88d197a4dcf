// `curl https://bootstrap.pypa.io/get-pip.py | python3` on ubuntu:20.04: get-pip.py installs the
// newest pip, which needs a newer Python than old images carry (pip 25.0 left 3.8 behind, earlier
// ones 2.7 and 3.5 to 3.7), and the script stops ("ERROR: This script does not work on Python
// 3.8 ... Please use https://bootstrap.pypa.io/pip/3.8/get-pip.py instead"), so the step fails
// (round 42: python on ubuntu:16.04). The versioned script at /pip/<version>/get-pip.py stays.
// Judged where the image's Python is known: the python image's tag, or the system Python of Ubuntu,
// Debian and CentOS releases, and where nothing installs another Python first.
import { t } from '../../../l10n';
import { repositoryAndTag } from '../../../officialImages';
import { DEBIAN_CODENAMES } from '../../../debianRelease';
import { rule } from './rule';

/** The unversioned script's address (not /pip/3.8/get-pip.py). */
const GET_PIP = /\b(?:https?:\/\/)?bootstrap\.pypa\.io\/get-pip\.py\b/;
/** The first Python the newest pip runs on. */
const OLDEST = [3, 9];

/** System Pythons by release: python3's version, and python's (2.7) where the release has a Python 2. */
const UBUNTU: Record<string, { python3: string; python?: string }> = {
  '14.04': { python3: '3.4', python: '2.7' }, '16.04': { python3: '3.5', python: '2.7' }, '18.04': { python3: '3.6', python: '2.7' }, '20.04': { python3: '3.8' },
  trusty: { python3: '3.4', python: '2.7' }, xenial: { python3: '3.5', python: '2.7' }, bionic: { python3: '3.6', python: '2.7' }, focal: { python3: '3.8' },
};
const DEBIAN: Record<number, { python3: string; python?: string }> = { 8: { python3: '3.4', python: '2.7' }, 9: { python3: '3.5', python: '2.7' }, 10: { python3: '3.7', python: '2.7' } };

/** The version an interpreter name runs on an image, where it is known. */
export function pythonOf(image: string, interpreter: string): string | undefined {
  const named = /^python(\d\.\d+)$/.exec(interpreter)?.[1];
  if (named) return named;
  if (interpreter === 'python2') return '2.7';
  const ref = repositoryAndTag(image);
  if (!ref) return undefined;
  if (ref.repository === 'python') return /^(\d\.\d+)(?:[.-]|$)/.exec(ref.tag)?.[1];
  let release: { python3: string; python?: string } | undefined;
  if (ref.repository === 'ubuntu') release = UBUNTU[/^(\d\d\.\d\d|[a-z]+)/.exec(ref.tag)?.[1] ?? ''];
  else if (ref.repository === 'debian') {
    const number = /^(\d+)(?:[.-]|$)/.exec(ref.tag)?.[1];
    release = DEBIAN[number !== undefined ? Number(number) : DEBIAN_CODENAMES[/^[a-z]+/.exec(ref.tag)?.[0] ?? ''] ?? 0];
  } else if (ref.repository === 'centos' && /^7\b|^centos7\b/.test(ref.tag)) release = { python3: '3.6', python: '2.7' };
  return interpreter === 'python3' ? release?.python3 : interpreter === 'python' ? release?.python : undefined;
}

function tooOld(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major! < OLDEST[0]! || (major === OLDEST[0] && minor! < OLDEST[1]!);
}

/** What brings another Python than the image's own, or points python3 elsewhere. */
const OTHER_PYTHON = /deadsnakes|pyenv|conda|update-alternatives|python-is-python3|uv\s+python\s+install|\bapt(?:-get)?\s+install\b[^\n]*\bpython3\.(?:9|1\d)\b/;

export const getPipOldPython = rule({
  id: 'get-pip-old-python', severity: 'error',
  explain: () => [
    t('https://bootstrap.pypa.io/get-pip.py installs the newest pip, and the newest pip leaves old Pythons behind: 2.7 and 3.5 to 3.7 years ago, 3.8 with pip 25.0 in 2025. On such a Python the script stops ("ERROR: This script does not work on Python 3.8") and the step fails, although the Dockerfile did not change: python3 is 3.8 on ubuntu:20.04, 3.6 on ubuntu:18.04 and centos:7, 3.7 on debian:10, and python is 2.7 on the older ones.'),
    t('Download the script made for that Python, which stays: https://bootstrap.pypa.io/pip/3.8/get-pip.py (2.7, 3.5, 3.6, 3.7 likewise), or build on a newer image. Reported where the image\'s Python is known (the python image\'s tag, the system Python of Ubuntu, Debian and CentOS 7) and nothing installs another Python first.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!a.text.includes('get-pip.py') || OTHER_PYTHON.test(a.text)) return;
  for (const stage of ctx.scope.stages) {
    const chain = [...a.chainOf(stage)];
    const image = a.baseImageRef(chain[chain.length - 1] ?? stage);
    for (const i of stage.instructions) {
      if (i.upper !== 'RUN' && i.upper !== 'ADD') continue;
      const text = a.text.slice(i.fullSpan.start, i.fullSpan.end).replace(/^[ \t]*#[^\n]*/gm, (line) => ' '.repeat(line.length));
      const url = GET_PIP.exec(text);
      if (!url) continue;
      // The Python that runs it: piped into (| python3), or run on the saved file, in this RUN or a later one of the stage.
      const runs = stage.instructions.filter((o) => o.upper === 'RUN' && o.index >= i.index).map((o) => a.text.slice(o.fullSpan.start, o.fullSpan.end));
      const interpreter = runs.map((r) => /\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\/usr\/bin\/)?(python(?:\d(?:\.\d+)?)?)\b(?!\.)/.exec(r)?.[1] ?? /(?:^|[\s;&|(])(?:\/usr\/bin\/)?(python(?:\d(?:\.\d+)?)?)\s+(?:-\S+\s+)*\S*get-pip\.py\b/.exec(r)?.[1]).find((p) => p !== undefined);
      if (!interpreter) continue;
      const version = pythonOf(image, interpreter);
      if (!version || !tooOld(version)) continue;
      const versioned = `https://bootstrap.pypa.io/pip/${version}/get-pip.py`;
      const span = { start: i.fullSpan.start + url.index, end: i.fullSpan.start + url.index + url[0].length };
      ctx.report(span, t('This get-pip.py installs the newest pip, which needs Python 3.9 or later, and {0} on {1} is Python {2}: the script stops ("This script does not work on Python {2}") and the step fails. Download {3}, made for Python {2}.', interpreter, image, version, versioned),
        { data: { replacement: versioned, span } });
    }
  }
});

export const getPipRules = [getPipOldPython];
