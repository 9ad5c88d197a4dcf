// The flags each instruction accepts, with the kind of value they take. Rules validate against
// this table and completion offers from it.
import type { Instruction, Word } from './ast';

export type FlagKind = 'string' | 'boolean' | 'duration' | 'integer' | 'mount' | 'enum' | 'platform' | 'stage';

export interface FlagSpec {
  name: string;
  instruction: string;
  kind: FlagKind;
  values?: string[];
  repeatable?: boolean;
}

export const FLAG_SPECS: FlagSpec[] = [
  { name: 'platform', instruction: 'FROM', kind: 'platform' },
  { name: 'from', instruction: 'COPY', kind: 'stage' },
  { name: 'chown', instruction: 'COPY', kind: 'string' },
  { name: 'chmod', instruction: 'COPY', kind: 'string' },
  { name: 'link', instruction: 'COPY', kind: 'boolean' },
  { name: 'parents', instruction: 'COPY', kind: 'boolean' },
  { name: 'exclude', instruction: 'COPY', kind: 'string', repeatable: true },
  { name: 'chown', instruction: 'ADD', kind: 'string' },
  { name: 'chmod', instruction: 'ADD', kind: 'string' },
  { name: 'link', instruction: 'ADD', kind: 'boolean' },
  { name: 'checksum', instruction: 'ADD', kind: 'string' },
  { name: 'keep-git-dir', instruction: 'ADD', kind: 'boolean' },
  { name: 'exclude', instruction: 'ADD', kind: 'string', repeatable: true },
  { name: 'unpack', instruction: 'ADD', kind: 'boolean' },
  // No --parents for ADD: BuildKit's ADD parser does not register it, so ADD --parents is an unknown flag.
  { name: 'mount', instruction: 'RUN', kind: 'mount', repeatable: true },
  { name: 'network', instruction: 'RUN', kind: 'enum', values: ['default', 'none', 'host'] },
  { name: 'security', instruction: 'RUN', kind: 'enum', values: ['sandbox', 'insecure'] },
  { name: 'device', instruction: 'RUN', kind: 'string', repeatable: true },
  { name: 'interval', instruction: 'HEALTHCHECK', kind: 'duration' },
  { name: 'timeout', instruction: 'HEALTHCHECK', kind: 'duration' },
  { name: 'start-period', instruction: 'HEALTHCHECK', kind: 'duration' },
  { name: 'start-interval', instruction: 'HEALTHCHECK', kind: 'duration' },
  { name: 'retries', instruction: 'HEALTHCHECK', kind: 'integer' },
];

export function flagsOf(instruction: string): FlagSpec[] {
  return FLAG_SPECS.filter((f) => f.instruction === instruction);
}

export function flagSpec(instruction: string, name: string): FlagSpec | undefined {
  return FLAG_SPECS.find((f) => f.instruction === instruction && f.name === name);
}

/**
 * The flag a word after COPY's or ADD's first path names (`COPY src dest --chown=app`), if it
 * names one: BuildKit reads flags only before the first path, so such a word is a path.
 */
export function misplacedFlag(instruction: Instruction): Word | undefined {
  if ((instruction.upper !== 'COPY' && instruction.upper !== 'ADD') || instruction.exec) return undefined;
  return instruction.words.find((w) => {
    const name = /^--([a-z-]+)(?:=|$)/.exec(w.value)?.[1];
    return name !== undefined && flagSpec(instruction.upper, name) !== undefined;
  });
}

/** RUN --mount keys per type (the first key of each list is the usual one). */
export const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'] as const;
const COMMON = ['type', 'target', 'dst', 'destination'];
export const MOUNT_KEYS: Record<string, string[]> = {
  bind: [...COMMON, 'source', 'src', 'from', 'readonly', 'ro', 'readwrite', 'rw'],
  cache: [...COMMON, 'id', 'sharing', 'from', 'source', 'src', 'mode', 'uid', 'gid', 'readonly', 'ro', 'readwrite', 'rw'],
  tmpfs: [...COMMON, 'size'],
  secret: [...COMMON, 'id', 'required', 'mode', 'uid', 'gid', 'env'],
  ssh: [...COMMON, 'id', 'required', 'mode', 'uid', 'gid'],
};
export const MOUNT_VALUES: Record<string, string[]> = {
  type: [...MOUNT_TYPES],
  sharing: ['shared', 'private', 'locked'],
  readonly: ['true', 'false'],
  required: ['true', 'false'],
};
