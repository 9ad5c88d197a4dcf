// The Swarm objects as the Engine API returns them: only the fields Docker Workbench reads, all
// optional (engines differ, and a node that is leaving may answer with half an object).

export interface SwarmPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: 'ingress' | 'host' | string;
}

export interface SwarmNode {
  ID: string;
  CreatedAt?: string;
  Spec?: { Name?: string; Role?: 'manager' | 'worker' | string; Availability?: 'active' | 'pause' | 'drain' | string; Labels?: Record<string, string> };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string }; Platform?: { OS?: string; Architecture?: string } };
  Status?: { State?: 'ready' | 'down' | 'disconnected' | 'unknown' | string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
}

export interface SwarmUpdateStatus {
  State?: 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed' | string;
  StartedAt?: string;
  CompletedAt?: string;
  Message?: string;
}

export interface SwarmServiceSpec {
  Name?: string;
  Labels?: Record<string, string>;
  TaskTemplate?: {
    ContainerSpec?: { Image?: string; TTY?: boolean; [key: string]: unknown };
    ForceUpdate?: number;
    [key: string]: unknown;
  };
  Mode?: {
    Replicated?: { Replicas?: number };
    Global?: Record<string, never>;
    ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
    GlobalJob?: Record<string, never>;
  };
  EndpointSpec?: { Ports?: SwarmPort[] };
  [key: string]: unknown;
}

export interface SwarmService {
  ID: string;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: SwarmServiceSpec;
  PreviousSpec?: SwarmServiceSpec;
  Endpoint?: { Ports?: SwarmPort[] };
  UpdateStatus?: SwarmUpdateStatus;
  /** API 1.41+ with `status=true`. */
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number };
}

export interface SwarmTask {
  ID: string;
  ServiceID?: string;
  NodeID?: string;
  Slot?: number;
  CreatedAt?: string;
  UpdatedAt?: string;
  DesiredState?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
}

/** A secret or a config: names and dates only (their data is never read). */
export interface SwarmSecretOrConfig {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, string> };
}

/** The `Swarm` part of /info. */
export interface SwarmInfo {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState?: 'inactive' | 'pending' | 'active' | 'error' | 'locked' | string;
  ControlAvailable?: boolean;
  Error?: string;
  Nodes?: number;
  Managers?: number;
}

export const STACK_NAMESPACE = 'com.docker.stack.namespace';
export const SWARM_SERVICE_ID = 'com.docker.swarm.service.id';
export const SWARM_TASK_ID = 'com.docker.swarm.task.id';
