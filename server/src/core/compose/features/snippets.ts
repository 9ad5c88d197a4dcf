// Snippets for common blocks, offered with the keys of the place they fit. Tab stops use the
// LSP snippet syntax; `\t` becomes the editor's indentation.
import { t } from '../../l10n';
import type { PathSegment } from '../schema/schemaMessages';

export interface BlockSnippet {
  /** Shown in the list; the key it starts with stays untranslated so typing it filters. */
  label: () => string;
  /** Where it fits: a path pattern of the mapping it goes in (`*` = any name). */
  at: string;
  body: string;
  detail: () => string;
}

export const SNIPPETS: BlockSnippet[] = [
  { label: () => 'service', at: 'services', body: '${1:name}:\n\timage: ${2:nginx:latest}\n\tports:\n\t\t- "${3:8080}:${4:80}"\n', detail: () => t('A service started from an image, with a published port') },
  { label: () => `service (${t('build')})`, at: 'services', body: '${1:name}:\n\tbuild:\n\t\tcontext: ${2:.}\n\t\tdockerfile: ${3:Dockerfile}\n\tports:\n\t\t- "${4:8080}:${5:80}"\n', detail: () => t('A service built from a Dockerfile') },
  { label: () => 'healthcheck', at: 'services.*', body: 'healthcheck:\n\ttest: ["CMD", "${1:curl}", "-f", "${2:http://localhost}"]\n\tinterval: ${3:10s}\n\ttimeout: ${4:5s}\n\tretries: ${5:3}\n\tstart_period: ${6:10s}\n', detail: () => t('Test that the container works, so others can wait for it') },
  { label: () => `build (${t('context and Dockerfile')})`, at: 'services.*', body: 'build:\n\tcontext: ${1:.}\n\tdockerfile: ${2:Dockerfile}\n', detail: () => t('Build the image from a Dockerfile') },
  { label: () => `depends_on (${t('wait until healthy')})`, at: 'services.*', body: 'depends_on:\n\t${1:db}:\n\t\tcondition: service_healthy\n', detail: () => t('Start after another service is healthy') },
  { label: () => 'ports (host:container)', at: 'services.*', body: 'ports:\n\t- "${1:8080}:${2:80}"\n', detail: () => t('Publish a container port on the host') },
  { label: () => `volumes (${t('named volume')})`, at: 'services.*', body: 'volumes:\n\t- ${1:data}:${2:/data}\n', detail: () => t('Mount a named volume (declare it under the top-level volumes)') },
  { label: () => `environment (${t('mapping')})`, at: 'services.*', body: 'environment:\n\t${1:KEY}: ${2:value}\n', detail: () => t('Environment variables for the container') },
  { label: () => 'deploy resources', at: 'services.*', body: 'deploy:\n\tresources:\n\t\tlimits:\n\t\t\tcpus: "${1:0.5}"\n\t\t\tmemory: ${2:512m}\n', detail: () => t('Limit CPU and memory') },
  { label: () => `logging (json-file, ${t('rotated')})`, at: 'services.*', body: 'logging:\n\tdriver: json-file\n\toptions:\n\t\tmax-size: "${1:10m}"\n\t\tmax-file: "${2:3}"\n', detail: () => t('Keep container logs from filling the disk') },
  { label: () => `x- (${t('extension with anchor')})`, at: '', body: 'x-${1:defaults}: &${1:defaults}\n\t${2:restart: unless-stopped}\n', detail: () => t('Shared settings to merge into services with <<: *name') },
];

export function snippetsAt(path: readonly PathSegment[]): BlockSnippet[] {
  return SNIPPETS.filter((s) => {
    const parts = s.at === '' ? [] : s.at.split('.');
    return parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i]);
  });
}
