// Downloads from places that no longer serve them: Bintray (shut down on 1 May 2021), Poetry's
// get-poetry.py (removed from the repository in 2022, replaced by install.python-poetry.org) and
// the Kubernetes package repositories on apt.kubernetes.io and packages.cloud.google.com (frozen
// in 2023, removed on 4 March 2024, replaced by pkgs.k8s.io). A Dockerfile written before then
// stops at that step with a 403, a 404 or "does not have a Release file" (round 36: sbt from
// dl.bintray.com; round 34: get-poetry.py). Told at the URL, in RUN and ADD.
import { t } from '../../../l10n';
import { rule } from './rule';

interface Gone {
  /** The URL, as written (scheme optional). */
  url: RegExp;
  message: () => string;
}

const GONE: readonly Gone[] = [
  {
    // Not jcenter.bintray.com, which JFrog keeps serving read-only.
    url: /(?<![\w.-])(?:https?:\/\/)?(?:(?:[\w-]+\.)?dl\.|api\.)?bintray\.com(?:\/[^\s"'`;|&)]*)?/i,
    message: () => t('Bintray shut down on 1 May 2021: this download gets an error page (403) instead of the file, and the step fails or installs nothing. Download it from the project\'s current releases (its GitHub releases, Maven Central, its own site).'),
  },
  {
    // From a branch: a tag (poetry/1.1.15/get-poetry.py) keeps the file.
    url: /\b(?:https?:\/\/)?raw\.githubusercontent\.com\/(?:python-poetry|sdispater)\/poetry\/(?:master|main|develop)\/get-poetry\.py/i,
    message: () => t('get-poetry.py was removed from Poetry\'s repository in 2022: this download gets a 404 and the step fails. Install Poetry with curl -sSL https://install.python-poetry.org | python3 -, or pip install poetry.'),
  },
  {
    // Only the Kubernetes repositories: packages.cloud.google.com still serves the Cloud SDK's.
    url: /(?<![\w.-])(?:https?:\/\/)?(?:apt|yum)\.kubernetes\.io\b[^\s"'`;|&)]*|\b(?:https?:\/\/)?packages\.cloud\.google\.com\/(?:apt|yum)[^\s"'`;|&)]*kubernetes[^\s"'`;|&)]*/i,
    message: () => t('The Kubernetes package repositories on apt.kubernetes.io, yum.kubernetes.io and packages.cloud.google.com were removed on 4 March 2024: apt-get update or yum fails here. Use pkgs.k8s.io, one repository per minor version (https://pkgs.k8s.io/core:/stable:/v1.31/deb/).'),
  },
];

/** Quick test before the per-URL patterns: none of the hosts or names is in the file. */
const ANY = /bintray\.com|get-poetry\.py|kubernetes\.io|packages\.cloud\.google\.com\/(apt|yum)/i;

export const downloadGone = rule({
  id: 'download-gone', reach: 'instruction', severity: 'error',
  explain: () => [
    t('Some places Dockerfiles download from have shut down: Bintray (dl.bintray.com, 1 May 2021), Poetry\'s get-poetry.py (removed in 2022) and the Kubernetes package repositories on apt.kubernetes.io and packages.cloud.google.com (4 March 2024). A Dockerfile written before then stops at that step (403, 404, "does not have a Release file"), although nothing in it changed.'),
    t('Download from where the project publishes now: its GitHub releases or Maven Central for what was on Bintray, install.python-poetry.org for Poetry, pkgs.k8s.io for kubectl and kubeadm.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!ANY.test(a.text)) return;
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (target.upper !== 'RUN' && target.upper !== 'ADD') continue;
    // Comment lines inside the instruction blanked, offsets kept: a URL commented out is not downloaded.
    const text = a.text.slice(i.fullSpan.start, i.fullSpan.end).replace(/^[ \t]*#[^\n]*/gm, (line) => ' '.repeat(line.length));
    if (!ANY.test(text)) continue;
    for (const gone of GONE) {
      const found = gone.url.exec(text);
      if (found) ctx.report({ start: i.fullSpan.start + found.index, end: i.fullSpan.start + found.index + found[0].length }, gone.message());
    }
  }
});

export const downloadRules = [downloadGone];
