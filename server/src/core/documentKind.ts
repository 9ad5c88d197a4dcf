// Which language a document is, from the client's language id or, for editors that send other
// ids (e.g. `yaml` or `yaml.docker-compose`), from the file name.
export type DocumentKind = 'dockerfile' | 'compose';

/** A Dockerfile's name at the end of a path: Dockerfile, Dockerfile.prod, api.Dockerfile, Containerfile. */
export const DOCKERFILE_NAME = /(^|\/)((Dockerfile|Containerfile)([.-][^/]*)?|[^/]+\.(dockerfile|containerfile))$/i;
// docker-stack.yml: the name Docker's documentation gives Swarm stack files.
const COMPOSE_NAME = /(^|\/)((docker-)?compose|docker-stack)[^/]*\.ya?ml$/i;

export function documentKind(languageId: string, uri: string): DocumentKind | undefined {
  const id = languageId.toLowerCase();
  if (id === 'dockerfile' || id === 'containerfile') return 'dockerfile';
  if (id === 'dockercompose' || id === 'yaml.docker-compose' || id === 'docker-compose') return 'compose';
  let path = uri;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    // not a URL: treat it as a path
  }
  if (DOCKERFILE_NAME.test(path)) return 'dockerfile';
  if (COMPOSE_NAME.test(path)) return 'compose';
  return undefined;
}
