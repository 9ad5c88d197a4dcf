// The vulnerability scanners Docker Workbench can drive when they are installed: Trivy, Grype and
// Docker Scout. How each is found, the argument array that scans a local image with it (offline
// flags where the tool has them, so a scan never downloads anything unless asked), and which
// report parser reads its output. No vscode import: settings come in as parameters.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseGrypeReport, parseScoutSarif, parseTrivyReport, type Finding } from './scanReports';

export type ScannerId = 'trivy' | 'grype' | 'docker-scout';
export const SCANNERS: ScannerId[] = ['trivy', 'grype', 'docker-scout'];

export const SCANNER_NAMES: Record<ScannerId, string> = { trivy: 'Trivy', grype: 'Grype', 'docker-scout': 'Docker Scout' };

export interface Scanner {
  id: ScannerId;
  /** The executable to spawn (the docker CLI for Docker Scout). */
  executable: string;
}

export interface ScanCommand {
  command: string;
  args: string[];
  /** Added to the environment. */
  env: Record<string, string>;
}

export interface ScanSettings {
  /** Let the scanner update its vulnerability database (off: offline, the database it has). */
  updateDatabase: boolean;
  /** Environment that points CLIs at the active engine (DOCKER_HOST or DOCKER_CONTEXT). */
  engineEnv: Record<string, string>;
}

/**
 * The scan of a local image. Image references cannot start with `-`, and each tool gets the
 * reference where it cannot be read as an option (after `--`, or behind a scheme prefix).
 */
export function scanCommand(scanner: Scanner, image: string, settings: ScanSettings): ScanCommand {
  switch (scanner.id) {
    case 'trivy':
      return {
        command: scanner.executable,
        args: [
          'image', '--format', 'json', '--quiet', '--scanners', 'vuln',
          ...(settings.updateDatabase ? [] : ['--skip-db-update', '--skip-java-db-update', '--offline-scan']),
          '--', image,
        ],
        env: { ...settings.engineEnv },
      };
    case 'grype':
      return {
        command: scanner.executable,
        args: [`docker:${image}`, '--output', 'json', '--quiet'],
        env: { ...settings.engineEnv, GRYPE_CHECK_FOR_APP_UPDATE: 'false', ...(settings.updateDatabase ? {} : { GRYPE_DB_AUTO_UPDATE: 'false' }) },
      };
    case 'docker-scout':
      // Scout has no offline mode: it sends the package list to Docker's service. `local://` at
      // least keeps it from pulling the image from a registry.
      return { command: scanner.executable, args: ['scout', 'cves', '--format', 'sarif', `local://${image}`], env: { ...settings.engineEnv } };
  }
}

export function parseScanOutput(id: ScannerId, stdout: string): Finding[] {
  switch (id) {
    case 'trivy': return parseTrivyReport(stdout);
    case 'grype': return parseGrypeReport(stdout);
    case 'docker-scout': return parseScoutSarif(stdout);
  }
}

/** A scanner's own words for "I have no database and was told not to download one". */
export function needsDatabase(id: ScannerId, stderr: string): boolean {
  if (id === 'trivy') return /--skip-db-update cannot be specified on the first run|no such file.*trivy\.db|first run cannot skip/i.test(stderr);
  if (id === 'grype') return /db.*(not found|does not exist|no vulnerability database)|vulnerability database.*(missing|not.*exist)/i.test(stderr);
  return false;
}

/** An executable: the configured path when set, else the name looked up on PATH. */
export function findExecutable(name: string, configured: string | undefined, pathVariable = process.env.PATH ?? ''): string | undefined {
  const candidates = configured?.trim() ? [configured.trim()] : pathVariable.split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, process.platform === 'win32' ? `${name}.exe` : name));
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export interface DetectOptions {
  trivyPath?: string;
  grypePath?: string;
  /** The docker CLI, when there is one (Docker Scout is its plugin). */
  docker?: string;
  env: NodeJS.ProcessEnv;
}

/** The scanners installed here, in the order of preference (local-first ones before Scout). */
export async function detectScanners(options: DetectOptions): Promise<Scanner[]> {
  const found: Scanner[] = [];
  const trivy = findExecutable('trivy', options.trivyPath, options.env.PATH);
  if (trivy) found.push({ id: 'trivy', executable: trivy });
  const grype = findExecutable('grype', options.grypePath, options.env.PATH);
  if (grype) found.push({ id: 'grype', executable: grype });
  if (options.docker && (await exitCode(options.docker, ['scout', 'version'], options.env)) === 0) found.push({ id: 'docker-scout', executable: options.docker });
  return found;
}

function exitCode(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 15_000, maxBuffer: 1024 * 1024 }, (error) => {
      resolve(error ? (typeof (error as { code?: unknown }).code === 'number' ? Number((error as { code: number }).code) : 1) : 0);
    });
  });
}
