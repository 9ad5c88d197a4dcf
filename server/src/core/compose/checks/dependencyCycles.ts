// Cycles among service dependencies, found with Tarjan's strongly connected components over the
// services of the file and its partners; each entry inside a cycle is reported with the loop.
// Compose counts as a dependency what links, volumes_from and a "service:" network, ipc or pid
// mode name, besides depends_on: it adds them to depends_on before it looks for cycles.
import { t } from '../../l10n';
import { projectFiles } from '../model/project';
import { symbolsOf } from '../model/symbols';
import type { CheckContext } from './checkContext';
import { isHeld } from '../model/brokenBlocks';

const DEPENDENCY_KEYS = new Set(['depends_on', 'links', 'volumes_from', 'network_mode', 'ipc', 'pid']);

export function checkDependencyCycles(ctx: CheckContext): void {
  const own = symbolsOf(ctx.file).references.filter((r) => r.kind === 'service' && DEPENDENCY_KEYS.has(r.via));
  if (own.length === 0) return;
  const edges = new Map<string, Set<string>>();
  // The files compose surely reads with this one: its default partner (base and override) and its
  // includes. A -f companion (docker-compose.test.yml beside docker-compose.yml) may be run on its
  // own, so a loop made with the base's edges is not certain (round 29: a test file run alone).
  const project = ctx.project();
  const files = project.standalone ? projectFiles(project) : [project.self, ...project.includes];
  for (const file of files) {
    for (const ref of symbolsOf(file).references) {
      // An edge read from an unreadable part may not exist.
      if (ref.kind !== 'service' || !DEPENDENCY_KEYS.has(ref.via) || isHeld(file, ref.start)) continue;
      const set = edges.get(ref.service) ?? new Set<string>();
      set.add(ref.name);
      edges.set(ref.service, set);
    }
  }
  const component = stronglyConnected(edges);
  // One message per cycle: every entry of a cycle of n services gets it (n entries of n names each was quadratic).
  const messages = new Map<string[], string>();
  for (const ref of own) {
    const group = component.get(ref.service);
    const inCycle = ref.service === ref.name || (group !== undefined && group === component.get(ref.name) && group.length > 1);
    if (!inCycle) continue;
    let message = ref.service === ref.name ? t('Service "{0}" depends on itself.', ref.service) : group && messages.get(group);
    if (!message) {
      message = cycleMessage(group!);
      messages.set(group!, message);
    }
    ctx.out.push({ rule: 'compose-dependency-cycle', start: ref.start, end: ref.end, message });
  }
}

/** Services named in a cycle's message at most; the rest are counted. */
const MAX_NAMED = 10;

function cycleMessage(group: string[]): string {
  const named = group.slice(0, MAX_NAMED).map((s) => `"${s}"`).join(', ');
  if (group.length <= MAX_NAMED) return t('Services {0} depend on each other in a cycle, so none of them can start first.', named);
  return t('Services {0} and {1} more depend on each other in a cycle, so none of them can start first.', named, String(group.length - MAX_NAMED));
}

const NO_EDGES: ReadonlySet<string> = new Set<string>();

/** Maps every node in a strongly connected component of two or more to the list of its nodes. */
function stronglyConnected(edges: Map<string, Set<string>>): Map<string, string[]> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result = new Map<string, string[]>();
  let counter = 0;
  const visit = (start: string) => {
    // Iterative to stay safe on very deep chains.
    const work: { node: string; next: Iterator<string> }[] = [];
    const open = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (edges.get(node) ?? NO_EDGES).values() });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const step = frame.next.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) open(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.node);
        // A service alone in its component is in no cycle (one on itself is found from its entry):
        // nothing is kept for it, as this runs over every service on every edit.
        if (members.length > 1) for (const m of members) result.set(m, members);
      }
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return result;
}
