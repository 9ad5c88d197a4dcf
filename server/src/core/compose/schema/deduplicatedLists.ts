// The lists compose merges by key before it validates a file (compose-go's override.EnforceUnicity,
// run ahead of the schema check for each file loaded): a repeat there is dropped, the last one
// kept, so the schema's "unique items" never fails on them. In the schema's other unique lists
// (depends_on, security_opt, extra_hosts, volumes_from, group_add, external_links...) a repeat
// still makes compose refuse the file.
import type { PathSegment } from './schemaMessages';

const DEDUPLICATED: readonly (readonly string[])[] = [
  'networks.*.labels', 'networks.*.ipam.options', 'services.*.annotations', 'services.*.build.args',
  'services.*.build.additional_contexts', 'services.*.build.platform', 'services.*.build.tags', 'services.*.build.labels',
  'services.*.cap_add', 'services.*.cap_drop', 'services.*.devices', 'services.*.configs', 'services.*.deploy.labels',
  'services.*.dns', 'services.*.dns_opt', 'services.*.dns_search', 'services.*.environment', 'services.*.env_file',
  'services.*.expose', 'services.*.labels', 'services.*.links', 'services.*.networks.*.aliases',
  'services.*.networks.*.link_local_ips', 'services.*.ports', 'services.*.profiles', 'services.*.secrets',
  'services.*.sysctls', 'services.*.tmpfs', 'services.*.volumes',
].map((p) => p.split('.'));

/** Whether compose drops repeats from the list at `path` (a service's ports, environment...) instead of refusing them. */
export function composeDeduplicates(path: readonly PathSegment[]): boolean {
  return DEDUPLICATED.some((pattern) => pattern.length === path.length && pattern.every((s, k) => s === '*' ? typeof path[k] === 'string' : s === path[k]));
}
