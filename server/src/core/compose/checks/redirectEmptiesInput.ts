// `command: sh -c "envsubst < /etc/nginx/nginx.conf > /etc/nginx/nginx.conf && nginx"`: the shell
// empties the file before envsubst reads it, so nginx starts with an empty configuration (round 77).
// Read in the command's and entrypoint's text as written (shellTruncation.ts), item by item for the
// list form: the offsets are the file's.
import { t } from '../../l10n';
import { entries } from '../model/access';
import { isHeld } from '../model/brokenBlocks';
import { truncatedReads } from '../../shellTruncation';
import { servicesOf, type CheckContext } from './checkContext';

/** A value longer than this is not read (a command is a few lines). */
const MAX_CHARS = 16_384;

export function checkRedirectEmptiesInput({ file, out }: CheckContext): void {
  if (!file.text.includes('>')) return;
  for (const { map } of servicesOf(file)) {
    for (const entry of entries(file, map)) {
      if ((entry.key !== 'command' && entry.key !== 'entrypoint') || entry.mergedFrom) continue;
      const value = entry.value;
      const scalars = value?.kind === 'scalar' ? [value] : value?.kind === 'seq' ? value.items.filter((item) => item?.kind === 'scalar') : [];
      for (const node of scalars) {
        if (!node || node.end - node.start > MAX_CHARS || isHeld(file, node.start)) continue;
        // A quoted item of the list form is one argument (the script after "sh", "-c"): read inside its quotes.
        const raw = file.text.slice(node.start, node.end);
        // A block scalar's header (>-, |) is YAML's, not a redirection: read from the line after it.
        const inner = value!.kind === 'seq' && /^(["']).*\1$/s.test(raw) ? 1 : /^[>|]/.test(raw) ? raw.indexOf('\n') + 1 : 0;
        if (inner === 0 && /^[>|]/.test(raw)) continue;
        const text = value!.kind === 'seq' && inner === 1 ? raw.slice(1, -1) : raw.slice(inner);
        for (const found of truncatedReads(text)) {
          out.push({
            rule: 'compose-redirect-empties-input', start: node.start + inner + found.start, end: node.start + inner + found.end,
            message: t('The shell empties {0} before the command reads it: the command reads an empty file and the original is lost. Write to another file and move it over {0}, or read from a template.', found.file),
          });
        }
      }
    }
  }
}
