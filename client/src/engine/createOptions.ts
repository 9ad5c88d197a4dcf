// The body of POST /containers/create, as far as the client fills it in: a plain shape so the run
// workflow builds it without knowing dockerode (the engine module passes it through unchanged).

export interface MountOptions {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source: string;
  Target: string;
  ReadOnly?: boolean;
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

export interface ContainerHostOptions {
  AutoRemove?: boolean;
  PortBindings?: Record<string, PortBinding[]>;
  PublishAllPorts?: boolean;
  Mounts?: MountOptions[];
  NetworkMode?: string;
  Links?: string[];
  Memory?: number;
  NanoCpus?: number;
  RestartPolicy?: { Name: string; MaximumRetryCount?: number };
  ReadonlyRootfs?: boolean;
  LogConfig?: { Type: string; Config?: Record<string, string> };
}

export interface EndpointOptions {
  Aliases?: string[];
  Links?: string[];
}

export interface ContainerCreateOptions {
  Image: string;
  /** The container's name (a query parameter of the request, not part of its body). */
  name?: string;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, object>;
  Env?: string[];
  WorkingDir?: string;
  User?: string;
  Entrypoint?: string[];
  Cmd?: string[];
  Labels?: Record<string, string>;
  HostConfig?: ContainerHostOptions;
  NetworkingConfig?: { EndpointsConfig?: Record<string, EndpointOptions> };
}
