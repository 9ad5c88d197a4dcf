// The project's `.env` file (beside the compose file), which compose reads for `${VAR}`
// substitution: KEY=value lines, optional `export`, quotes, and comments.
import type { ServiceContext } from '../../languageService';
import { readText } from './project';
import { dirnameUri } from './uris';

export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!;
    if (value.startsWith('"') && value.lastIndexOf('"') > 0) {
      value = value.slice(1, value.lastIndexOf('"')).replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else if (value.startsWith("'") && value.lastIndexOf("'") > 0) {
      value = value.slice(1, value.lastIndexOf("'"));
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    values.set(match[1]!, value);
  }
  return values;
}

/** Variables from the `.env` beside a compose file (empty when there is none). */
export function projectEnv(composeUri: string, context: ServiceContext): { uri: string; values: Map<string, string> } {
  const uri = `${dirnameUri(composeUri)}/.env`;
  const text = readText(uri, context);
  return { uri, values: text === undefined ? new Map() : parseEnvFile(text) };
}
