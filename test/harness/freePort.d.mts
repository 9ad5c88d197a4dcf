// Types for freePort.mjs, so TypeScript tests can use it.
export function freePort(): Promise<number>;
