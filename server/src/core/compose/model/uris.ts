// URI arithmetic for paths written in compose files. Paths are resolved against the folder of
// the compose file; URLs, `~` and interpolated paths cannot be resolved and give undefined.

export function dirnameUri(uri: string): string {
  const cut = uri.lastIndexOf('/');
  return cut < 0 ? uri : uri.slice(0, cut);
}

export function basenameUri(uri: string): string {
  const cut = uri.lastIndexOf('/');
  let name = cut < 0 ? uri : uri.slice(cut + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep it encoded
  }
  return name;
}

/** A file name as a URI segment (a name holding a lone surrogate cannot be encoded and stays as it is). */
export function encodeName(name: string): string {
  try {
    return encodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Whether a written path is something compose resolves remotely or at run time. */
export function isUnresolvablePath(path: string): boolean {
  return (
    path === '' ||
    path.includes('$') ||
    path.startsWith('~') ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ||
    /^git@|^github\.com\//.test(path) ||
    /^[A-Za-z]:[\\/]/.test(path) ||
    // A network path in any spelling (\\host, //host, /\host, \/host): never touched.
    /^[\\/]{2}/.test(path)
  );
}

/** Resolves a path written in a compose file against a folder URI (without trailing slash). */
export function resolvePath(folderUri: string, path: string): string | undefined {
  if (isUnresolvablePath(path)) return undefined;
  try {
    const base = new URL(folderUri.endsWith('/') ? folderUri : `${folderUri}/`);
    const resolved = new URL(path.replace(/\\/g, '/').replace(/%/g, '%25').replace(/#/g, '%23').replace(/\?/g, '%3F'), base);
    // Only local files: a result with a host would be a network path.
    if (resolved.host !== '' || resolved.protocol !== base.protocol) return undefined;
    let href = resolved.href;
    if (href.length > 1 && href.endsWith('/') && !path.endsWith('/')) href = href.slice(0, -1);
    // Keep the folder's own spelling (VS Code encodes some characters differently from URL).
    const baseHref = base.href;
    const folder = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    if (href.startsWith(baseHref) && baseHref !== folder) href = folder + href.slice(baseHref.length);
    return href.replace(/\/$/, '') || href;
  } catch {
    return undefined;
  }
}

/** The path of `to` relative to the folder of `from` (both file URIs), with / separators. */
export function relativeUri(from: string, to: string): string {
  const a = dirnameUri(from).split('/');
  const b = to.split('/');
  let k = 0;
  while (k < a.length && k < b.length - 1 && a[k] === b[k]) k++;
  const up = a.length - k;
  return [...Array<string>(up).fill('..'), ...b.slice(k)].map((p) => decodeURIComponent(p)).join('/');
}
