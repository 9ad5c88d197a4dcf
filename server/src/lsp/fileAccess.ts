// FileAccess for the core, on the local file system. Only file: URIs are read; anything else
// (untitled documents, remote schemes) simply does not exist as far as the core is concerned.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileAccess } from '../core/languageService';

const MAX_READ_BYTES = 2 * 1024 * 1024;

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export const nodeFileAccess: FileAccess = {
  exists(uri) {
    const path = toPath(uri);
    return path !== undefined && fs.existsSync(path);
  },
  readText(uri) {
    const path = toPath(uri);
    if (!path) return undefined;
    try {
      const stat = fs.statSync(path);
      if (!stat.isFile() || stat.size > MAX_READ_BYTES) return undefined;
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  list(uri) {
    const path = toPath(uri);
    if (!path) return [];
    try {
      return fs.readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch {
      return [];
    }
  },
};
