// Every handler runs through here: a failure in one feature is logged and answered with a
// fallback value, so the server stays up whatever the document holds.
import { ResponseError, LSPErrorCodes, type CancellationToken, type RemoteConsole } from 'vscode-languageserver/node';

export function runSafe<T>(
  console: RemoteConsole,
  what: string,
  token: CancellationToken | undefined,
  fallback: T,
  work: () => T,
): T | ResponseError<void> {
  if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  try {
    return work();
  } catch (error) {
    console.error(formatError(what, error));
    return fallback;
  }
}

export function formatError(what: string, error: unknown): string {
  if (error instanceof Error) return `${what} failed: ${error.message}\n${error.stack ?? ''}`;
  return `${what} failed: ${String(error)}`;
}
