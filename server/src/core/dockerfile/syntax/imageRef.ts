// Image references (`[registry/]path[:tag][@digest]`), split and checked against the reference
// grammar Docker uses, plus where an image's web page lives.

export interface ImageRef {
  /** Registry host, when the first component is one (has `.` or `:`, or is `localhost`). */
  registry: string | undefined;
  /** Path without registry, tag and digest (`library/nginx` is shown as `nginx`). */
  path: string;
  tag: string | undefined;
  digest: string | undefined;
  /** Offsets of the tag and digest text inside the reference string. */
  tagStart: number | undefined;
  problem: string | undefined;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

export function parseImageRef(text: string): ImageRef {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  let tagStart: number | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    tagStart = (registry ? registry.length + 1 : 0) + colon + 1;
    rest = rest.slice(0, colon);
  }
  let problem: string | undefined;
  if (rest.length === 0) problem = 'empty';
  else if (rest.split('/').some((c) => !COMPONENT.test(c))) problem = /[A-Z]/.test(rest) ? 'uppercase' : 'path';
  else if (tag !== undefined && !TAG.test(tag)) problem = 'tag';
  else if (digest !== undefined && !DIGEST.test(digest)) problem = 'digest';
  return { registry, path: rest, tag, digest, tagStart, problem };
}

/** The web page of an image on its registry, when the registry has public pages we know. */
export function imagePageUrl(ref: ImageRef): string | undefined {
  // A page only for a valid reference: its path and registry then hold no character a link could misread.
  if (ref.problem !== undefined || (ref.registry !== undefined && !/^[A-Za-z0-9.-]+(?::\d+)?$/.test(ref.registry))) return undefined;
  const path = ref.path;
  const registry = ref.registry?.toLowerCase();
  if (!registry || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') {
    const p = path.startsWith('library/') ? path.slice('library/'.length) : path;
    return p.includes('/') ? `https://hub.docker.com/r/${p}` : `https://hub.docker.com/_/${p}`;
  }
  if (registry === 'ghcr.io') return `https://ghcr.io/${path}`;
  if (registry === 'mcr.microsoft.com') return `https://mcr.microsoft.com/artifact/mar/${path}`;
  if (registry === 'quay.io') return `https://quay.io/repository/${path}`;
  if (registry === 'gcr.io' || registry.endsWith('.gcr.io')) return `https://${registry}/${path}`;
  if (registry === 'public.ecr.aws') return `https://gallery.ecr.aws/${path}`;
  return undefined;
}
