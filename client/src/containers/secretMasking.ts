// Masks environment values whose names look secret in `docker inspect` output (containers,
// images, services…). Pure; no vscode import.

export const MASK = '********';

/** Name fragments that mark a variable as secret, matched anywhere in the name, any case. */
const SECRET_NAME = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|KEY|CREDENTIAL|AUTH|PRIVATE|SIGNATURE|COOKIE|SESSION/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** `NAME=value` with a secret-looking NAME becomes `NAME=********`; other entries are unchanged. */
export function maskEnvEntry(entry: string): string {
  const equals = entry.indexOf('=');
  if (equals <= 0) return entry; // `NAME` alone (inherit) or malformed: no value to hide
  const name = entry.slice(0, equals);
  const value = entry.slice(equals + 1);
  return isSecretName(name) && value !== '' ? `${name}=${MASK}` : entry;
}

export interface MaskResult<T> {
  value: T;
  /** How many values were replaced (0 when nothing looked secret). */
  masked: number;
  /** Names of the masked variables, in order of appearance. */
  names: string[];
}

/**
 * Returns a copy of `value` in which every `Env` array (any depth: `Config.Env` of containers and
 * images, `ContainerConfig.Env` of older images, `Spec.TaskTemplate.ContainerSpec.Env` of services)
 * has the values of secret-looking variables replaced by MASK. The input is not modified.
 */
export function maskSecrets<T>(value: T): MaskResult<T> {
  const names: string[] = [];
  const visit = (node: unknown, key: string | undefined): unknown => {
    if (Array.isArray(node)) {
      if (key === 'Env') {
        return node.map((item) => {
          if (typeof item !== 'string') return visit(item, undefined);
          const masked = maskEnvEntry(item);
          if (masked !== item) names.push(item.slice(0, item.indexOf('=')));
          return masked;
        });
      }
      return node.map((item) => visit(item, undefined));
    }
    if (node !== null && typeof node === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) copy[k] = visit(v, k);
      return copy;
    }
    return node;
  };
  const result = visit(value, undefined) as T;
  return { value: result, masked: names.length, names };
}
