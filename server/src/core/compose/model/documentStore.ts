// The parse cache: one ComposeFile per open document, keyed by uri and version, plus the chunk
// pool that lets the next version reuse unchanged chunks. Files read from disk (override files,
// included files) are cached by uri and text. `forget` drops both when a document closes.
import type { TextDocumentLike } from '../../languageService';
import { buildComposeFile, type ComposeFile } from './composeFile';
import type { ChunkPool } from './parseYaml';

interface OpenEntry {
  file: ComposeFile;
  pool: ChunkPool;
}

const open = new Map<string, OpenEntry>();
const other = new Map<string, ComposeFile>();
const MAX_OTHER = 64;

/** The parse of an open document at its current version. */
export function composeFileOf(document: TextDocumentLike): ComposeFile {
  const cached = open.get(document.uri);
  if (cached && cached.file.version === document.version) return cached.file;
  const text = document.getText();
  if (cached && cached.file.text === text) return cached.file;
  const nextPool: ChunkPool = new Map();
  const file = buildComposeFile(document.uri, document.version, text, cached?.pool ?? new Map(), nextPool);
  open.set(document.uri, { file, pool: nextPool });
  return file;
}

/** The latest parse of a document, whatever its version (names for completion need not be fresh). */
export function latestComposeFile(uri: string): ComposeFile | undefined {
  return open.get(uri)?.file;
}

/** A parse of some other file's text (override, base or included file), cached by uri and text. */
export function composeFileOfText(uri: string, text: string): ComposeFile {
  const opened = open.get(uri);
  if (opened && opened.file.text === text) return opened.file;
  const cached = other.get(uri);
  if (cached && cached.text === text) return cached;
  const file = buildComposeFile(uri, -1, text);
  if (other.size >= MAX_OTHER) other.delete(other.keys().next().value!);
  other.set(uri, file);
  return file;
}

export function forgetComposeFile(uri: string): void {
  open.delete(uri);
  other.delete(uri);
}
