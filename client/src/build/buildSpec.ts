// What one image build is, and the docker CLI arguments for it. Pure: unit-tested. The argument
// array is what runs (never a shell string); `formatCommandLine` is only for showing it.
import { maskEnvEntry } from '../containers/secretMasking';

export interface BuildSpec {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Absolute path of the build context folder. */
  context: string;
  /** `name[:tag]`; empty for an untagged build. */
  tag: string;
  buildArgs: Record<string, string>;
  /** The stage to stop at (`--target`). */
  target?: string;
  platform?: string;
  noCache: boolean;
}

export function toDockerBuildArgs(spec: BuildSpec): string[] {
  const args = ['build', '-f', spec.dockerfile];
  if (spec.tag) args.push('-t', spec.tag);
  for (const [key, value] of Object.entries(spec.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  if (spec.target) args.push('--target', spec.target);
  if (spec.platform) args.push('--platform', spec.platform);
  if (spec.noCache) args.push('--no-cache');
  // `--`: the context is a path, never an option, whatever its name.
  args.push('--', spec.context);
  return args;
}

/** `KEY=VALUE KEY2="a b"` (as typed in the prompt) → a map; a bare `KEY` takes its value from the environment, as the CLI does. */
export function parseBuildArgs(text: string, env: NodeJS.ProcessEnv = {}): Record<string, string> {
  const result: Record<string, string> = {};
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)(?:=("([^"]*)"|'([^']*)'|\S*))?/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const [, key, raw, doubleQuoted, singleQuoted] = m;
    if (raw === undefined) {
      if (env[key!] !== undefined) result[key!] = env[key!]!;
    } else result[key!] = doubleQuoted ?? singleQuoted ?? raw;
  }
  return result;
}

/** The same arguments with secret values masked (`NPM_TOKEN=***`), for showing them in a list. */
export function maskedBuildArgs(args: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).map(([key, value]) => [key, maskEnvEntry(`${key}=${value}`).slice(key.length + 1)]));
}

export function formatBuildArgs(args: Record<string, string>): string {
  return Object.entries(args).map(([k, v]) => (/[\s"']/.test(v) ? `${k}="${v.replace(/"/g, '\\"')}"` : `${k}=${v}`)).join(' ');
}

/** Quotes each argument for a POSIX shell, for display and copying only. */
export function formatCommandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map(shellQuote).join(' ');
}

export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A default tag from the folder name: lower-case, only the characters a repository allows. */
export function defaultTag(folderName: string): string {
  const repo = folderName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'image';
  return `${repo}:latest`;
}
