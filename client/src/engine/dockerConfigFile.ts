// The docker CLI's config file (~/.docker/config.json, or $DOCKER_CONFIG/config.json) as far as
// credentials go: `auths` (base64 `user:password` in `auth`, or an `identitytoken`), `credsStore`
// and `credHelpers`. Reading never fails (a broken file reads as empty, with the reason);
// writing keeps every other key as it was, replaces the file atomically, readable only by its
// owner, as the CLI does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dockerConfigDir } from './dockerContexts';

export interface ConfigAuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
  email?: string;
  serveraddress?: string;
}

export interface DockerConfigFile {
  auths?: Record<string, ConfigAuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [other: string]: unknown;
}

export interface ConfigRead {
  file: string;
  config: DockerConfigFile;
  /** Why the file could not be used (it then reads as empty and is never overwritten). */
  problem?: string;
}

/** A config file larger than this is not one (the CLI's are a few kilobytes). */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export function dockerConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dockerConfigDir(env), 'config.json');
}

export function readDockerConfig(file: string): ConfigRead {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_CONFIG_BYTES) return { file, config: {}, problem: `${file} is ${size} bytes, too large for a docker config` };
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, config: {} };
    return { file, config: {}, problem: `${file} cannot be read: ${(error as Error).message}` };
  }
  if (text.trim() === '') return { file, config: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { file, config: {}, problem: `${file} is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { file, config: {}, problem: `${file} does not hold a JSON object` };
  const config = parsed as DockerConfigFile;
  // Keep only well-formed parts of what credentials are read from.
  if (config.auths !== undefined && !isStringRecordOfObjects(config.auths)) return { file, config: {}, problem: `"auths" in ${file} is not an object of objects` };
  if (config.credHelpers !== undefined && !isRecordOfStrings(config.credHelpers)) return { file, config: {}, problem: `"credHelpers" in ${file} is not an object of strings` };
  if (config.credsStore !== undefined && typeof config.credsStore !== 'string') return { file, config: {}, problem: `"credsStore" in ${file} is not a string` };
  return { file, config };
}

/**
 * Writes the config: into a temporary file beside it, then renamed over it (a symlinked config
 * is written where the link points). Tab-indented like the CLI's own.
 */
export function writeDockerConfig(file: string, config: DockerConfigFile): void {
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  }
  const temp = path.join(path.dirname(target), `.config.json.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, JSON.stringify(config, null, '\t'), { mode: 0o600 });
    fs.renameSync(temp, target);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** The user name and password of an entry (`auth` is base64 of `user:password`). */
export function decodeAuthEntry(entry: ConfigAuthEntry): { username: string; password: string } | undefined {
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && entry.username !== '') return { username: entry.username, password: typeof entry.password === 'string' ? entry.password : '' };
  return undefined;
}

export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

function isStringRecordOfObjects(value: unknown): value is Record<string, object> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
