// The docker CLI arguments of a stack deploy, and the stack name rules. Pure: unit-tested.
import * as path from 'node:path';

/** What Docker accepts as a stack name (it becomes a label value and a prefix of service names). */
export const STACK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

export function isValidStackName(name: string): boolean {
  return STACK_NAME.test(name);
}

/** A stack name from the file's top-level `name:` or its folder, made valid. */
export function defaultStackName(file: string, text = ''): string {
  const declared = /^name:\s*["']?([^"'#\s]+)["']?\s*(#.*)?$/m.exec(text)?.[1];
  const candidate = (declared && !declared.includes('$') ? declared : path.basename(path.dirname(file))).toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return (candidate || 'stack').slice(0, 63);
}

/** The CLI arguments: `stack deploy --compose-file F… [--prune] -- NAME`. */
export function stackDeployArgs(files: readonly string[], name: string, options: { prune?: boolean } = {}): string[] {
  if (!isValidStackName(name)) throw new Error(`invalid stack name ${JSON.stringify(name)}`);
  return ['stack', 'deploy', ...files.flatMap((f) => ['--compose-file', f]), ...(options.prune ? ['--prune'] : []), '--', name];
}
