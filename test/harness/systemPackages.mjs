// The Debian packages `npm start` and the test tiers need. As root, missing ones are installed;
// otherwise one exact apt-get line is printed and the caller stops.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { which } from '../engine/privateEngine.mjs';
import { chromiumPath } from './browser.mjs';

const kerberosHeaders = () => fs.existsSync('/usr/include/gssapi/gssapi.h') || fs.existsSync('/usr/include/gssapi.h');

/** What code-server needs to install offline (`npm start` without a desktop VS Code, and the tests). */
export const CODE_SERVER_PACKAGES = [
  // A native module of code-server builds against the gssapi headers.
  { name: 'libkrb5-dev', present: kerberosHeaders },
  // code-server's ripgrep would be downloaded; Debian's is staged in its cache instead.
  { name: 'ripgrep', present: () => Boolean(which('rg')) },
];

/** What the integration and e2e tiers need on top. */
export const SYSTEM_PACKAGES = [
  { name: 'docker.io', present: () => Boolean(which('dockerd')) },
  // Compose v1; the tests also run with the v2 plugin when it is installed.
  { name: 'docker-compose', present: () => Boolean(which('docker-compose')) },
  { name: 'busybox-static', present: () => Boolean(which('busybox')) },
  { name: 'iproute2', present: () => Boolean(which('ip')) },
  { name: 'openssl', present: () => Boolean(which('openssl')) },
  { name: 'chromium', present: () => Boolean(chromiumPath()) },
  // Chinese text in the zh-CN screenshots needs a CJK font, or it shows as empty boxes.
  { name: 'fonts-noto-cjk', present: () => spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout?.trim().length > 0 },
  // The registry the login, push, pull and Registries view tests run against, and its htpasswd users.
  { name: 'docker-registry', present: () => Boolean(which('docker-registry')) },
  { name: 'apache2-utils', present: () => Boolean(which('htpasswd')) },
  // ssh engines are tested through a private sshd (with ssh-keygen, ssh-agent and ssh-add from openssh-client).
  { name: 'openssh-server', present: () => Boolean(which('sshd')) && Boolean(which('ssh-agent')) },
  // Podman's Docker-compatible API service, for the Podman tests.
  { name: 'podman', present: () => Boolean(which('podman')) },
  ...CODE_SERVER_PACKAGES,
];

export function aptLine(names) {
  return `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
}

/** Installs what is missing of `packages` when root; resolves to the names still missing afterwards. */
export function ensureSystemPackages(packages = SYSTEM_PACKAGES) {
  const missing = packages.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) {
    console.error(`These Debian packages are missing; as root run:\n  ${aptLine(missing)}`);
    return missing;
  }
  console.log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  const still = packages.filter((p) => !p.present()).map((p) => p.name);
  if (still.length) console.error(`still missing after apt-get: ${still.join(' ')}`);
  return still;
}
