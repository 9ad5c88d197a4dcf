// The Debian packages the integration and e2e tiers need. As root, missing ones are installed;
// otherwise the exact apt-get line is printed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { which } from '../engine/privateEngine.mjs';
import { chromiumPath } from './browser.mjs';

export const SYSTEM_PACKAGES = [
  { name: 'docker.io', present: () => Boolean(which('dockerd')) },
  { name: 'busybox-static', present: () => Boolean(which('busybox')) },
  { name: 'iproute2', present: () => Boolean(which('ip')) },
  { name: 'openssl', present: () => Boolean(which('openssl')) },
  { name: 'chromium', present: () => Boolean(chromiumPath()) },
  // Chinese text in the zh-CN screenshots needs a CJK font, or it shows as empty boxes.
  { name: 'fonts-noto-cjk', present: () => spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout?.trim().length > 0 },
  { name: 'ripgrep', present: () => Boolean(which('rg')) },
  { name: 'libkrb5-dev', present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') },
  // ssh engines are tested through a private sshd (with ssh-keygen, ssh-agent and ssh-add from openssh-client).
  { name: 'openssh-server', present: () => Boolean(which('sshd')) && Boolean(which('ssh-agent')) },
  // Podman's Docker-compatible API service, for the Podman tests.
  { name: 'podman', present: () => Boolean(which('podman')) },
];

export function aptLine(names) {
  return `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
}

/** Resolves to the names still missing afterwards (empty when all is there). */
export function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) {
    console.error(`These Debian packages are missing; as root run:\n  ${aptLine(missing)}`);
    return missing;
  }
  console.log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  return SYSTEM_PACKAGES.filter((p) => !p.present()).map((p) => p.name);
}
