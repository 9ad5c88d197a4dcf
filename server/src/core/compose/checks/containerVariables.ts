// `test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER"]` beside `environment: POSTGRES_USER: app`:
// compose substitutes $POSTGRES_USER itself when it reads the file, from the shell and the .env,
// not from the container, so where neither sets it the healthcheck gets an empty string (compose
// warns "The POSTGRES_USER variable is not set"). The container's own variable needs $$ (round
// 16: MISP's healthchecks, three versions). Told for command, entrypoint and healthcheck test
// only, where a shell in the container would have read it, and only for a name the service sets
// with a value of its own that the project's .env does not set.
import { t } from '../../l10n';
import { entries, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { CNode, MapNode } from '../model/nodes';
import { environmentValues, projectEnv } from '../model/envFile';
import { scanInterpolation } from '../model/interpolation';
import { isHeld } from '../model/brokenBlocks';
import type { Problem } from './problems';
import { servicesOf, valueAt, type CheckContext } from './checkContext';
import { SHELL_NAMES } from './misspeltVariables';

/** The names the service's environment sets to a value of its own (not `${NAME}` from the host, nor the shell's). */
function ownValues(file: ComposeFile, map: MapNode): Set<string> {
  const names = new Set<string>();
  for (const [name, value] of environmentValues(file, map)) if (value !== undefined && !value.includes('$')) names.add(name);
  return names;
}

const SHELL = /^(\/(usr\/)?bin\/)?(ba|a|da|z)?sh$/;

/**
 * The scalars of a command, entrypoint or healthcheck test that a shell in the container reads:
 * a test written as a string or after CMD-SHELL, and what follows `sh -c` in a command. Compose
 * splits a command itself and runs it without a shell, so there $$NAME would stay as written.
 */
function shellRead(file: ComposeFile, node: CNode | null | undefined, test: boolean): CNode[] {
  const value = resolve(file, node);
  if (value?.kind === 'scalar' && typeof value.value === 'string') {
    return test || /^\s*\S*sh\s+(-\w+\s+)*-\w*c\s/.test(value.value) && SHELL.test(value.value.trim().split(/\s+/)[0]!) ? [value] : [];
  }
  if (value?.kind !== 'seq') return [];
  const items = value.items.map((i) => resolve(file, i));
  const words = items.map((i) => (i?.kind === 'scalar' && i.value !== null ? String(i.value) : ''));
  let from = -1;
  if (test && words[0] === 'CMD-SHELL') from = 1;
  else {
    const shell = words.findIndex((w) => SHELL.test(w));
    const dashC = words.findIndex((w, k) => k > shell && /^-\w*c$/.test(w));
    if (shell >= 0 && shell <= 1 && dashC > shell) from = dashC + 1;
  }
  return from < 0 ? [] : items.slice(from).filter((i): i is CNode & { kind: 'scalar' } => i?.kind === 'scalar');
}

export function checkContainerVariables(ctx: CheckContext): void {
  const { file, out } = ctx;
  if (!file.text.includes('$')) return;
  let dotEnv: Map<string, string> | undefined;
  for (const { map } of servicesOf(file)) {
    const fields = entries(file, map);
    const scalars = [...shellRead(file, fields.find((e) => e.key === 'command')?.value, false), ...shellRead(file, fields.find((e) => e.key === 'entrypoint')?.value, false),
      ...shellRead(file, valueAt(file, map, 'healthcheck', 'test'), true)];
    if (!scalars.some((s) => file.text.slice(s.start, s.end).includes('$'))) continue;
    const own = ownValues(file, map);
    if (own.size === 0) continue;
    for (const scalar of scalars) {
      for (const use of scanInterpolation(file.text.slice(scalar.start, scalar.end), scalar.start).uses) {
        if (use.operator !== undefined || !own.has(use.name) || SHELL_NAMES.has(use.name) || isHeld(file, use.start)) continue;
        dotEnv ??= projectEnv(file.uri, ctx.context, ctx.project().directory).values;
        if (dotEnv.has(use.name)) continue;
        const written = file.text.slice(use.start, use.end);
        out.push({
          rule: 'compose-host-variable',
          start: use.start,
          end: use.end,
          message: t('Compose puts in {0} itself when it reads the file, from the shell or the .env, which do not set it: this gets an empty string, not the {1} the service sets under environment. Write ${0} for the container to read it.', written, use.name),
          data: { replacement: `$${written}` },
        } satisfies Problem);
      }
    }
  }
}
