// A misspelt subcommand of a tool whose subcommands are a closed list: `go bulid`, `pip intall`,
// `apt-get isntall`, `apk ad`. The tool stops with "unknown command" and the build with it (round
// 33: `RUN go bulid -o main .`). Told only for a word close to one of the tool's commands, so a
// command a newer release added is not called a typo; tools that run the project's own scripts or
// plugins by name (npm, yarn, composer, cargo, gem) are left alone.
import { t } from '../../../l10n';
import { APK, APT, GO, PIP, asManager } from './packageRules';
import { commandsOf, runShells, type Cmd } from './shellCommands';
import { editDistance, swapped } from './suggest';
import { nodeMajor } from './opensslLegacyRules';
import { rule } from './rule';

interface Tool {
  /** Options before the subcommand that take a value. */
  withValue: readonly string[];
  commands: ReadonlySet<string>;
}

const GO_TOOL: Tool = { withValue: GO.withValue ?? [], commands: new Set(['bug', 'build', 'clean', 'doc', 'env', 'fix', 'fmt', 'generate', 'get', 'install', 'list', 'mod', 'work', 'run', 'telemetry', 'test', 'tool', 'version', 'vet', 'help']) };
const PIP_TOOL: Tool = { withValue: [...PIP.withValue ?? [], '--proxy', '--log', '--cache-dir', '--python', '--retries', '--timeout', '--exists-action', '--cert', '--client-cert', '--use-feature', '--use-deprecated'], commands: new Set(['install', 'download', 'uninstall', 'freeze', 'inspect', 'list', 'show', 'check', 'config', 'search', 'cache', 'index', 'wheel', 'hash', 'completion', 'debug', 'help', 'lock']) };
const APT_GET_TOOL: Tool = { withValue: APT.withValue ?? [], commands: new Set(['update', 'upgrade', 'install', 'reinstall', 'remove', 'purge', 'autoremove', 'auto-remove', 'autopurge', 'dist-upgrade', 'full-upgrade', 'dselect-upgrade', 'build-dep', 'clean', 'autoclean', 'auto-clean', 'distclean', 'dist-clean', 'check', 'source', 'download', 'changelog', 'indextargets', 'satisfy', 'markauto', 'unmarkauto', 'moo', 'help']) };
const APT_TOOL: Tool = { withValue: APT.withValue ?? [], commands: new Set([...APT_GET_TOOL.commands, 'list', 'search', 'show', 'showsrc', 'edit-sources', 'depends', 'rdepends', 'policy', 'modernize-sources', 'why', 'why-not', 'history-list', 'history-info', 'history-undo', 'history-redo', 'history-rollback']) };
const APK_TOOL: Tool = { withValue: APK.withValue ?? [], commands: new Set(['add', 'del', 'fix', 'update', 'upgrade', 'cache', 'info', 'list', 'dot', 'policy', 'search', 'index', 'fetch', 'manifest', 'verify', 'stats', 'audit', 'version', 'mkpkg', 'mkndx', 'query', 'extract', 'convdb', 'convndx', 'adbdump', 'adbgen', 'adbsign', 'help']) };

// uv's own commands, and those of its pip interface (round 62: uv pip async for uv pip sync).
const UV_TOOL: Tool = { withValue: ['--directory', '--project', '--config-file', '--cache-dir', '--color', '--python', '-p', '--index-url', '--default-index', '--index'], commands: new Set(['run', 'init', 'add', 'remove', 'version', 'sync', 'lock', 'export', 'tree', 'tool', 'python', 'pip', 'venv', 'build', 'publish', 'cache', 'self', 'help', 'format', 'auth']) };
const UV_PIP_TOOL: Tool = { withValue: UV_TOOL.withValue, commands: new Set(['compile', 'sync', 'install', 'uninstall', 'freeze', 'list', 'show', 'tree', 'check']) };

/** Names projects give their package.json scripts that are no npm command (start, test, stop and restart are). */
const SCRIPT_NAMES = new Set(['build', 'dev', 'serve', 'lint', 'watch', 'preview', 'prod', 'production', 'develop', 'compile', 'generate', 'migrate', 'format', 'typecheck', 'export']);

function toolOf(c: Cmd): { tool: Tool; name: string; args: Cmd['args'] } | undefined {
  if (c.name === 'go') return { tool: GO_TOOL, name: 'go', args: c.args };
  // pip, pip3, python -m pip (as packageRules reads them), and a versioned pip3.12.
  const pip = asManager(c, PIP) ?? (/^pip[0-9.]+$/.test(c.name) ? c : undefined);
  if (pip) return { tool: PIP_TOOL, name: pip.name, args: pip.args };
  if (c.name === 'apt-get') return { tool: APT_GET_TOOL, name: 'apt-get', args: c.args };
  if (c.name === 'apt') return { tool: APT_TOOL, name: 'apt', args: c.args };
  if (c.name === 'apk') return { tool: APK_TOOL, name: 'apk', args: c.args };
  if (c.name === 'uv') {
    let k = 0;
    while (k < c.args.length && c.args[k]!.text.startsWith('-')) k += UV_TOOL.withValue.includes(c.args[k]!.text) ? 2 : 1;
    return c.args[k]?.text === 'pip' ? { tool: UV_PIP_TOOL, name: 'uv pip', args: c.args.slice(k + 1) } : { tool: UV_TOOL, name: 'uv', args: c.args };
  }
  return undefined;
}

/** The known command a word is a slip of: one edit away (two for words of five letters or more), and only one such. */
function meant(word: string, commands: ReadonlySet<string>): string | undefined {
  const limit = word.length >= 5 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const command of commands) {
    // Two letters swapped (tset) count as one slip.
    const d = swapped(word, command) ? 1 : editDistance(word, command, limit);
    if (d < bestDistance) {
      best = command;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}

export const unknownSubcommand = rule({
  id: 'unknown-subcommand', reach: 'instruction', severity: 'error',
  explain: () => [
    t('go, pip, uv, apt-get, apt and apk have a fixed list of commands. A misspelt one (go bulid, pip intall, uv pip async, apt-get isntall, apk ad) makes the tool stop with "unknown command", and the build with it. So does npm build (or npm dev) on Node 15 and later: npm runs a package.json script only as npm run build.'),
    t('Reported only for a word one or two letters away from one of the tool\'s commands, with that command as the fix; a word far from all of them may be a command of a newer release and is left alone.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    for (const c of commandsOf(run)) {
      // npm build, npm dev: a package.json script called as npm's own command. npm 7 (Node 15) and
      // later have none of that name and stop with "Unknown command" (round 50: RUN npm build on node:20).
      const first = c.name === 'npm' ? c.args[0] : undefined;
      if (first?.literal && SCRIPT_NAMES.has(first.text) && run.stage && (nodeMajor(ctx.a.rootImage(run.stage)) ?? 0) >= 15) {
        ctx.report(run.info.span(first.start, first.end), t('npm has no command {0} (since npm 7): it stops with "Unknown command" and the build with it. Run the package.json script: npm run {0}.', first.text), { data: { replacement: `run ${first.text}` } });
        continue;
      }
      const found = toolOf(c);
      if (!found) continue;
      // The first word that is not an option or an option's value.
      let k = 0;
      while (k < found.args.length && found.args[k]!.text.startsWith('-')) k += found.tool.withValue.includes(found.args[k]!.text) ? 2 : 1;
      const word = found.args[k];
      if (!word || !word.literal || !/^[a-z][a-z-]*$/.test(word.text) || found.tool.commands.has(word.text)) continue;
      const command = meant(word.text, found.tool.commands);
      if (!command) continue;
      ctx.report(run.info.span(word.start, word.end), t('{0} has no command {1}: it stops with "unknown command" and the build with it. Did you mean {0} {2}?', found.name, word.text, command), { data: { replacement: command } });
    }
  }
});

export const subcommandRules = [unknownSubcommand];
