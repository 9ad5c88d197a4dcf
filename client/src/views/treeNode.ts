// The nodes every Docker Workbench view is made of. A node is a stable key plus what it points
// at; how it looks is computed from the model when VS Code asks, so an event only has to say
// which node changed.
export type NodeKind =
  | 'message'
  | 'group'
  | 'container'
  | 'image'
  | 'volume'
  | 'network'
  | 'engine'
  | 'detail'
  | 'layer'
  | 'history'
  // the Swarm view
  | 'swarmNode'
  | 'service'
  | 'task'
  | 'secret'
  | 'config';

export interface TreeNode {
  /** Unique within its view and stable across updates (VS Code keeps expansion by it). */
  readonly key: string;
  readonly kind: NodeKind;
  /** The object it stands for: a container or image id, a volume name, a group name… */
  readonly id: string;
  readonly parent?: TreeNode;
  /** Extra facts for rendering (an image tag, a message text, a detail line). */
  readonly data?: Readonly<Record<string, string | number | boolean | undefined>>;
}
