// How a failure is written to the client's log: what failed, the message and the stack.
export function formatError(what: string, error: unknown): string {
  if (error instanceof Error) return `${what} failed: ${error.message}\n${error.stack ?? ''}`;
  return `${what} failed: ${String(error)}`;
}
