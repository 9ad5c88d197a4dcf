// Which folder a Dockerfile is built with when it is not the Dockerfile's own: from the
// docker-build tasks of tasks.json and from the context chosen in Build Image (remembered per
// Dockerfile). The language server reads the .dockerignore of that folder. Pure: unit-tested.
import * as path from 'node:path';
import type { BuildContextFact } from '../../../server/src/core/languageService';

/** buildTask.ts's task type, spelled here because that module needs vscode and this one must not. */
const BUILD_TASK_TYPE = 'docker-build';

/** `${workspaceFolder}` and relative paths of a task definition, resolved against the folder. */
function resolveIn(folder: string, value: string): string {
  const expanded = value.replace(/\$\{workspaceFolder\}/g, folder).replace(/\$\{workspaceRoot\}/g, folder);
  return path.resolve(folder, expanded);
}

function fact(dockerfile: string, context: string, toUri: (p: string) => string): BuildContextFact | undefined {
  if (path.resolve(context) === path.dirname(path.resolve(dockerfile))) return undefined;
  return { dockerfileUri: toUri(path.resolve(dockerfile)), contextUri: toUri(path.resolve(context)) };
}

/** The docker-build tasks of one workspace folder's tasks.json that name a context of their own. */
export function contextsFromTasks(tasks: unknown, folder: string, toUri: (p: string) => string): BuildContextFact[] {
  if (!Array.isArray(tasks)) return [];
  const out: BuildContextFact[] = [];
  for (const task of tasks.slice(0, 500)) {
    const t = task as { type?: unknown; dockerfile?: unknown; context?: unknown } | null;
    if (!t || t.type !== BUILD_TASK_TYPE || typeof t.dockerfile !== 'string' || typeof t.context !== 'string') continue;
    // A variable other than the folder's is resolved by VS Code only when the task runs.
    if (/\$\{(?!workspaceFolder\}|workspaceRoot\})/.test(t.dockerfile + t.context)) continue;
    const found = fact(resolveIn(folder, t.dockerfile), resolveIn(folder, t.context), toUri);
    if (found) out.push(found);
  }
  return out;
}

/** Build Image remembers its answers under `dockerWorkbench.build:<Dockerfile path>`, the context among them. */
export const REMEMBERED_BUILD_PREFIX = 'dockerWorkbench.build:';

export function contextsFromRemembered(entries: Iterable<[string, unknown]>, toUri: (p: string) => string): BuildContextFact[] {
  const out: BuildContextFact[] = [];
  for (const [key, value] of entries) {
    if (!key.startsWith(REMEMBERED_BUILD_PREFIX)) continue;
    const context = (value as { context?: unknown } | null)?.context;
    if (typeof context !== 'string' || !path.isAbsolute(context)) continue;
    const found = fact(key.slice(REMEMBERED_BUILD_PREFIX.length), context, toUri);
    if (found) out.push(found);
  }
  return out;
}

/** One fact per Dockerfile: a tasks.json entry wins over a remembered Build Image choice. */
export function mergeContexts(...lists: BuildContextFact[][]): BuildContextFact[] {
  const byDockerfile = new Map<string, BuildContextFact>();
  for (const list of lists) for (const f of list) if (!byDockerfile.has(f.dockerfileUri)) byDockerfile.set(f.dockerfileUri, f);
  return [...byDockerfile.values()];
}
