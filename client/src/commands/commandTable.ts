// One table of every command; each runs through the wrapper in commandRunner.ts. Commands that need
// a feature's own state (run, build, compose...) come in as `extra` from the composition root.
import type { Handler } from './commandContext';
import { containerCommands } from './containerCommands';
import { imageCommands } from './imageCommands';
import { volumeCommands } from './volumeCommands';
import { networkCommands } from './networkCommands';
import { systemCommands } from './systemCommands';
import { viewCommands } from './viewCommands';
import { interactionCommands } from './interactionCommands';
import { languageCommands } from './languageCommands';

export function allCommands(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return { ...viewCommands, ...containerCommands, ...interactionCommands, ...languageCommands, ...imageCommands, ...volumeCommands, ...networkCommands, ...systemCommands, ...extra };
}
