// Ids of client commands that the server's code lenses and code actions may invoke. Other
// editors can implement commands with these ids to get the same behaviour.
export const ClientCommands = {
  /** Arguments: { dockerfileUri: string, target?: string } */
  buildImage: 'dockerWorkbench.images.build',
  /** Arguments: { dockerfileUri: string, target?: string } */
  buildAndRun: 'dockerWorkbench.images.buildAndRun',
  /** Arguments: { composeFileUri: string, services?: string[] } */
  composeUp: 'dockerWorkbench.compose.up',
  /** Arguments: { composeFileUri: string, services?: string[] } */
  composeLogs: 'dockerWorkbench.compose.logs',
  /** Arguments: { composeFileUri: string } */
  deployStack: 'dockerWorkbench.swarm.deployStack',
} as const;
