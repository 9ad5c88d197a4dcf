// A project that ships its variables as an example (.env.example, .env.sample, .env.dist,
// .env.template) beside the compose file but has no .env: compose reads only .env, so every
// `${VAR}` the example sets is substituted as unset (compose warns at `up` and puts in an empty
// string), which is seldom what the author of the example meant. Said once per file, at the first
// such use, naming the file to copy. Uses written with a default are left alone, and so are files
// that may be Swarm stacks, which docker stack deploy reads without any .env.
import { t } from '../../l10n';
import { parseEnvFile } from '../model/envFile';
import { readText } from '../model/project';
import { isHeld } from '../model/brokenBlocks';
import type { CheckContext } from './checkContext';
import { SHELL_NAMES, usesOf } from './misspeltVariables';
import { mayBeStack } from './swarmKeys';
import { runWithEnvFile } from './deployScripts';
import { folderLister, foldersUp, gitignorePatterns, notesSayToMake, notesText } from '../../repositoryFiles';
import { isIgnored } from '../../ignorePatterns';
import { dirnameUri } from '../model/uris';

const EXAMPLES = ['.env.example', '.env.sample', '.env.dist', '.env.template'];

export function checkExampleEnv(ctx: CheckContext): void {
  const { file, out } = ctx;
  if (!file.text.includes('$')) return;
  const uses = usesOf(file).filter((use) => !use.defaulted && !SHELL_NAMES.has(use.name) && !isHeld(file, use.start));
  if (uses.length === 0) return;
  const folder = ctx.project().directory;
  if (readText(`${folder}/.env`, ctx.context) !== undefined) return;
  for (const name of EXAMPLES) {
    const text = readText(`${folder}/${name}`, ctx.context);
    if (text === undefined) continue;
    const example = parseEnvFile(text);
    const unset = [...new Set(uses.filter((use) => example.has(use.name)).map((use) => use.name))];
    // docker stack deploy reads no .env at all: copying the example would not help a stack file.
    // (Asked last: it reads the whole file.)
    if (unset.length === 0 || mayBeStack(file, ctx.context)) return;
    // Run with --env-file (a Makefile's or README's command line, or the file's own comment):
    // compose reads that file, not .env (round 18: 2 wrong findings).
    if (runWithEnvFile(file.uri, file.text, ctx.context)) return;
    // A variable written as required (${A:?set A in .env}) is not substituted as unset: compose
    // stops there with the author's words (round 9), and the message says so.
    const required = uses.find((use) => use.required && example.has(use.name));
    const first = required ?? uses.find((use) => use.name === unset[0])!;
    // A README or doc that names the example has told the user to copy it (round 25: 15 of 17
    // findings were projects whose first documented step is cp .env.example .env): a hint.
    // So does a .env Git ignores: each clone makes its own (round 26: 6 of 6 judged noise).
    const files = ctx.context.files;
    // (Not for a variable written as required: every compose command stops there, round 25.)
    const noted = (!required && isIgnored(gitignorePatterns(files, folder, true), '.env')) || notesSayToMake(notesText(files, [...new Set([folder, ...foldersUp(files, dirnameUri(file.uri))])], folderLister(files)), name);
    out.push({
      rule: 'compose-env-not-copied',
      start: first.start,
      end: first.end,
      message: required
        ? t('The project has {0} but no .env, and compose reads only .env: {1} is unset, and compose stops at it (it is written as required). Copy {0} to .env and fill it in.', name, required.name)
        : unset.length === 1
        ? t('The project has {0} but no .env, and compose reads only .env: {1} is substituted as unset. Copy {0} to .env and fill it in.', name, unset[0]!)
        : t('The project has {0} but no .env, and compose reads only .env: {1} and {2} more variables it sets are substituted as unset. Copy {0} to .env and fill it in.', name, unset[0]!, String(unset.length - 1)),
      ...(noted ? { severity: 'hint' as const } : {}),
    });
    return;
  }
}
