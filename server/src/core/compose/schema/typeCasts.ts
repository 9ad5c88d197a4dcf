// The places where compose converts a string to a boolean or a number while it interpolates,
// before it validates the file against the schema (compose-go, loader/interpolate.go). Every
// string there is converted, written with a variable or not: "2" becomes 2 and "yes" true,
// and a string it cannot convert makes compose refuse the file, whatever the schema allows.
// ports[].target is one of them; the port check reports it with a message of its own.
import { composeBoolean } from '../model/access';
import type { PathSegment } from './schemaMessages';

export type CastKind = 'boolean' | 'integer' | 'number';

/** Key paths below a service ('*' any key, '[]' any list item) and what compose converts there. */
const SERVICE_CASTS: [string[], CastKind][] = [
  [['cpu_count'], 'integer'],
  [['cpu_percent'], 'number'],
  [['cpu_period'], 'integer'],
  [['cpu_quota'], 'integer'],
  [['cpu_rt_period'], 'integer'],
  [['cpu_rt_runtime'], 'integer'],
  [['cpus'], 'number'],
  [['cpu_shares'], 'integer'],
  [['init'], 'boolean'],
  [['depends_on', '*', 'required'], 'boolean'],
  [['depends_on', '*', 'restart'], 'boolean'],
  [['deploy', 'replicas'], 'integer'],
  [['deploy', 'update_config', 'parallelism'], 'integer'],
  [['deploy', 'update_config', 'max_failure_ratio'], 'number'],
  [['deploy', 'rollback_config', 'parallelism'], 'integer'],
  [['deploy', 'rollback_config', 'max_failure_ratio'], 'number'],
  [['deploy', 'restart_policy', 'max_attempts'], 'integer'],
  [['deploy', 'placement', 'max_replicas_per_node'], 'integer'],
  [['healthcheck', 'retries'], 'integer'],
  [['healthcheck', 'disable'], 'boolean'],
  [['oom_kill_disable'], 'boolean'],
  [['oom_score_adj'], 'integer'],
  [['pids_limit'], 'integer'],
  [['privileged'], 'boolean'],
  [['read_only'], 'boolean'],
  [['scale'], 'integer'],
  [['stdin_open'], 'boolean'],
  [['tty'], 'boolean'],
  [['ulimits', '*'], 'integer'],
  [['ulimits', '*', 'hard'], 'integer'],
  [['ulimits', '*', 'soft'], 'integer'],
  [['volumes', '[]', 'read_only'], 'boolean'],
  [['volumes', '[]', 'volume', 'nocopy'], 'boolean'],
];

/** Key paths below a top-level resource (networks.NAME.…) and what compose converts there. */
const RESOURCE_CASTS: Record<string, [string, CastKind][]> = {
  networks: [['external', 'boolean'], ['internal', 'boolean'], ['attachable', 'boolean'], ['enable_ipv4', 'boolean'], ['enable_ipv6', 'boolean']],
  volumes: [['external', 'boolean']],
  secrets: [['external', 'boolean']],
  configs: [['external', 'boolean']],
};

/**
 * The patterns by their first key and length: the schema check asks for every string of the
 * file, and nearly all are let go on these two (a volume's "data:/data" has the key volumes but
 * a path one level shorter than volumes' patterns).
 */
const SERVICE_CASTS_BY_KEY = new Map<string, [string[], CastKind][]>();
for (const entry of SERVICE_CASTS) {
  const list = SERVICE_CASTS_BY_KEY.get(entry[0][0]!);
  if (list) list.push(entry);
  else SERVICE_CASTS_BY_KEY.set(entry[0][0]!, [entry]);
}

/** Whether `pattern` matches `path` from `offset` on (same length). */
function matchesFrom(pattern: string[], path: readonly PathSegment[], offset: number): boolean {
  for (let i = 1; i < pattern.length; i++) {
    const part = pattern[i]!;
    const segment = path[offset + i];
    if (part === '[]' ? typeof segment !== 'number' : typeof segment !== 'string' || (part !== '*' && part !== segment)) return false;
  }
  return true;
}

/** What compose converts a string at `path` to, if anything. */
export function castAt(path: readonly PathSegment[]): CastKind | undefined {
  if (path.length < 3) return undefined;
  const head = path[0];
  if (head === 'services') {
    const key = path[2];
    const list = typeof key === 'string' ? SERVICE_CASTS_BY_KEY.get(key) : undefined;
    if (!list) return undefined;
    for (const [pattern, kind] of list) {
      if (pattern.length === path.length - 2 && matchesFrom(pattern, path, 2)) return kind;
    }
    return undefined;
  }
  if (path.length !== 3 || typeof head !== 'string') return undefined;
  return RESOURCE_CASTS[head]?.find(([key]) => key === path[2])?.[1];
}

/**
 * Whether compose converts `text` to `kind`: Go's Atoi/ParseInt for whole numbers (a sign, then
 * decimal digits), ParseFloat for numbers (a hexadecimal one is let through rather than read),
 * and compose's own boolean words.
 */
export function casts(text: string, kind: CastKind): boolean {
  switch (kind) {
    case 'boolean': return composeBoolean(text) !== undefined;
    case 'integer': return /^[-+]?\d+$/.test(text);
    case 'number': return /^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|inf|infinity|nan|0[xX][\w.+-]*)$/i.test(text);
  }
}
