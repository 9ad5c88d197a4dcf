// The extension as it activated before 2026-12-04: by the sidebar, a Docker file or a command, not
// when a window has started. Its files (symlinks into the repository) with a manifest that lacks
// onStartupFinished, for benches that measure a host before and after the extension activates.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../../test/harness/tiers.mjs';

/** Makes the copy; returns its folder and how to remove it. */
export function activatedOnDemandCopy() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-on-demand-'));
  for (const entry of fs.readdirSync(REPO)) {
    if (entry !== 'package.json') fs.symlinkSync(path.join(REPO, entry), path.join(folder, entry));
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  manifest.activationEvents = manifest.activationEvents.filter((e) => e !== 'onStartupFinished');
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  return { folder, remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}
