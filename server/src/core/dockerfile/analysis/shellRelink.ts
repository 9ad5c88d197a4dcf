// A RUN that makes bash the /bin/sh of every RUN after it (`ln -s /bin/bash /bin/sh`, `rm /bin/sh &&
// ln -sf bash /bin/sh`): the rules that read which shell a RUN runs take it as they take SHELL (round
// 86: `source` after such a link, judged as dash's). Only the RUN's own text is read, so it is cheap
// enough to look for in every stage on every edit (incremental validation keys on it, as on SHELL).
import type { Instruction } from '../syntax/ast';

const RELINK = /\bln\s+(-[a-zA-Z]+\s+)*(\S*\/)?bash\s+\/bin\/sh(?![\w/.-])/;

/** Whether the instruction is a RUN of this build that links /bin/sh to bash. */
export function relinksShToBash(i: Instruction): boolean {
  return i.upper === 'RUN' && i.argText.includes('/bin/sh') && RELINK.test(i.argText);
}
