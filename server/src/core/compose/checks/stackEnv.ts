// A Swarm stack file whose ${VAR}s the .env beside it sets: docker stack deploy reads no .env (the
// CLI's long-open moby#29133), so those variables come from the shell only and are substituted as
// empty strings unless exported. Said once per file, at the first such use. Only for files that
// are surely stacks (deployed as one from the client, named docker-stack.yml or stack.yml, or named
// for Swarm with Swarm-only keys): a file also run with docker compose gets its .env there. Nor
// where a script in the folder (deploy.sh, a Makefile) exports the .env or pipes compose config.
import { t } from '../../l10n';
import { parseEnvFile } from '../model/envFile';
import { readText } from '../model/project';
import { isHeld } from '../model/brokenBlocks';
import type { CheckContext } from './checkContext';
import { SHELL_NAMES, usesOf } from './misspeltVariables';
import { usedForStack } from './swarmKeys';
import { scriptsNear } from './deployScripts';

export function checkStackEnv(ctx: CheckContext): void {
  const { file, out } = ctx;
  if (!file.text.includes('$') || !usedForStack(file, ctx.context)) return;
  // A required use (${A:?...}) stops the deploy with the author's words rather than substituting nothing.
  const uses = usesOf(file).filter((use) => !use.defaulted && !use.required && !SHELL_NAMES.has(use.name) && !isHeld(file, use.start));
  if (uses.length === 0) return;
  const folder = file.uri.slice(0, file.uri.lastIndexOf('/'));
  const text = readText(`${folder}/.env`, ctx.context);
  if (text === undefined) return;
  const env = parseEnvFile(text);
  const fromEnv = [...new Set(uses.filter((use) => env.has(use.name)).map((use) => use.name))];
  // A deploy script beside it that exports the .env first (round 5: the Swarm-stacks repository's deploy.sh).
  if (fromEnv.length === 0 || deployScriptExports(folder, ctx)) return;
  const first = uses.find((use) => use.name === fromEnv[0])!;
  out.push({
    rule: 'compose-stack-env',
    start: first.start,
    end: first.end,
    message: fromEnv.length === 1
      ? t('docker stack deploy reads no .env: {0}, which .env sets, comes from the shell only and is empty unless exported. Export the file first (set -a; . ./.env; set +a) or deploy what docker compose config prints.', fromEnv[0]!)
      : t('docker stack deploy reads no .env: {0} and {1} more variables .env sets come from the shell only and are empty unless exported. Export the file first (set -a; . ./.env; set +a) or deploy what docker compose config prints.', fromEnv[0]!, String(fromEnv.length - 1)),
  });
}

/** `. ./.env`, `source .env`, `set -a`, `allexport`, `export $(cat .env ...)`, `--env-file`, or compose's config as the stack. */
const EXPORTS_ENV = /(^|[\s;&|(])(\.|source)\s+["']?(\.\/)?\.env\b|\bset\s+-[a-z]*a|allexport|\$\(\s*(cat|grep|sed|xargs)\b[^)\n]*\.env|--env-file|\bconfig\b[^\n]*\|\s*docker\s+stack\s+deploy/;

function deployScriptExports(folder: string, ctx: CheckContext): boolean {
  for (const { uri, text } of scriptsNear(folder, ctx.context)) if (!/readme/i.test(uri) && EXPORTS_ENV.test(text)) return true;
  return false;
}
