// What every command handler gets: the engine, the model, the views, the prompts, and a way to
// turn "the node clicked, the nodes selected, or nothing (palette)" into the objects to act on.
import * as vscode from 'vscode';
import type { ActiveEngine } from '../engine/activeEngine';
import type { EngineModel } from '../model/engineModel';
import type { PromptsHolder } from '../ui/prompts';
import type { ReportDocuments } from '../ui/reportDocuments';
import type { TreeNode, NodeKind } from '../views/treeNode';
import type { ContainersView } from '../views/containersView';
import type { ImagesView } from '../views/imagesView';
import type { VolumesView } from '../views/volumesView';
import type { NetworksView } from '../views/networksView';
import type { EnginesView } from '../views/enginesView';
import type { SwarmView } from '../views/swarmView';
import type { ContainerInteraction } from '../containers';

export interface Views {
  containers: ContainersView;
  images: ImagesView;
  volumes: VolumesView;
  networks: NetworksView;
  engines: EnginesView;
  swarm: SwarmView;
}

export interface CommandContext {
  active: ActiveEngine;
  model: EngineModel;
  views: Views;
  prompts: PromptsHolder;
  reports: ReportDocuments;
  log: vscode.LogOutputChannel;
  /** Logs, shell, attach, inspect, top, stats and the container file system. */
  interaction: ContainerInteraction;
}

/** The nodes a command applies to: the multi-selection when the clicked node is part of it. */
export function selection(node: TreeNode | undefined, nodes: readonly TreeNode[] | undefined, kind: NodeKind): TreeNode[] {
  const all = nodes && node && nodes.some((n) => n.key === node.key) ? nodes : node ? [node] : [];
  return all.filter((n) => n.kind === kind);
}

/** A container id from a detail node that points at one (a volume's user, a network member). */
export function containerIdOf(node: TreeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'container') return node.id;
  const id = node.data?.containerId;
  return typeof id === 'string' ? id : undefined;
}

export type Handler = (ctx: CommandContext, node?: TreeNode, nodes?: TreeNode[]) => Promise<unknown> | unknown;
