// `test: ["CMD-SHELL", "curl", "-f", "http://localhost"]`: the engine runs CMD-SHELL's items as
// `/bin/sh -c <first> <second> …`, so only the first item is the shell's command; the others are
// its $0, $1… and never reach the program. Here bare `curl` runs and fails every time, the service
// never turns healthy, and what waits for it with service_healthy never starts (round 22: nginx
// behind such a test). Moby's health probe appends the items to the shell as they are.
import { t } from '../../l10n';
import { resolve } from '../model/access';
import { isHeld } from '../model/brokenBlocks';
import { ownHealthcheckTest, servicesOf, type CheckContext } from './checkContext';

/** A word the shell would read as the same one word: no spaces, quotes or shell syntax. */
const PLAIN_WORD = /^[\w@%+=:,./-]+$/;

export function checkHealthcheckShellItems({ file, out }: CheckContext): void {
  if (!file.text.includes('CMD-SHELL')) return;
  for (const { name, map } of servicesOf(file)) {
    if (!map) continue;
    const test = ownHealthcheckTest(file, map)?.value;
    if (test?.kind !== 'seq' || test.items.length < 3) continue;
    const items = test.items.map((i) => resolve(file, i));
    if (items.some((i) => i?.kind !== 'scalar')) continue;
    const words = items.map((i) => String(i!.kind === 'scalar' ? i!.value : ''));
    if (words[0] !== 'CMD-SHELL' || isHeld(file, test.start)) continue;
    const dropped = words.slice(2);
    // One string the shell reads as the items were meant, where each later item is a plain word.
    const joined = dropped.every((w) => PLAIN_WORD.test(w)) ? words.slice(1).join(' ') : undefined;
    const fix = joined !== undefined && test.flow ? `["CMD-SHELL", ${JSON.stringify(joined)}]` : undefined;
    out.push({
      rule: 'compose-healthcheck-shell-items',
      // With a fix, the whole list (its replacement); without, the items the command never gets.
      start: fix ? test.start : items[2]!.start,
      end: fix ? test.end : items[items.length - 1]!.end,
      message: t('The healthcheck of "{0}" runs only "{1}": with CMD-SHELL the shell takes the next item as its whole command, and the items after it ({2}) become the shell\'s $0, $1… instead of the command\'s arguments. Write the command as one string after CMD-SHELL, or use CMD with one item per argument.', name, words[1]!, dropped.map((w) => JSON.stringify(w)).join(', ')),
      ...(fix ? { data: { replacement: fix } } : {}),
    });
  }
}
