// The owner of the Git repository a file is in (github.com/<owner>/...), read from .git/config's
// remote URLs: an image under that owner's name (portainer/base in portainer's repository) is one
// the project publishes itself, whose floating tag is its own last build, not someone else's
// release. Read once per folder (a .git added later is seen after a restart); a .git that is a
// file (a worktree) or has no remote gives nothing.
import type { FileAccess } from '../../languageService';

const MAX_LEVELS = 12;
const cache = new WeakMap<FileAccess, Map<string, string[]>>();

/** Lower-cased owners with separators dropped (APN-Pucky → apnpucky), as image namespaces are written. */
export function ownerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The owners named by the remotes of the repository holding `uri` (github.com/owner/repo, git@host:owner/repo). */
export function repositoryOwners(files: FileAccess, uri: string): string[] {
  let byRoot = cache.get(files);
  if (!byRoot) {
    byRoot = new Map();
    cache.set(files, byRoot);
  }
  let folder = uri.slice(0, uri.lastIndexOf('/'));
  const floor = uri.indexOf('://') + 3;
  // Every folder on the way up keeps the answer: each would-be finding asks again.
  const visited: string[] = [];
  const remember = (owners: string[]) => {
    for (const f of visited) byRoot.set(f, owners);
    return owners;
  };
  for (let level = 0; level < MAX_LEVELS && folder.length > floor; level++) {
    const known = byRoot.get(folder);
    if (known) return remember(known);
    visited.push(folder);
    let config: string | undefined;
    try {
      config = files.exists(`${folder}/.git`) ? files.readText(`${folder}/.git/config`) ?? '' : undefined;
    } catch {
      config = '';
    }
    if (config !== undefined) {
      const owners = [...config.slice(0, 64 * 1024).matchAll(/^[ \t]*url\s*=\s*(?:[a-z+]+:\/\/(?:[^@/\s]+@)?[^/\s]+\/|[^@\s]+@[^:\s]+:)([^/\s]+)\//gim)].map((m) => ownerKey(m[1]!));
      return remember([...new Set(owners.filter((o) => o.length > 0))]);
    }
    folder = folder.slice(0, folder.lastIndexOf('/'));
  }
  return remember([]);
}
