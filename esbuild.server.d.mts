import type { BuildOptions } from 'esbuild';

export const ROOT: string;
export const COMMON: BuildOptions;
export function serverBuilds(outdir: string): { server: BuildOptions; serverMain: BuildOptions; serverWorker: BuildOptions };
export function buildServer(outdir: string): Promise<void>;
