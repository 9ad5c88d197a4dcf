// Types for multiPlatform.mjs.
export function pushMultiPlatform(options: {
  registryUrl: string;
  user: string;
  password: string;
  repository: string;
  /** A tag already pushed to the repository. */
  from: string;
  tag: string;
}): Promise<{ digest: string; platforms: string[] }>;
