// Step 2: one container in the background (-d) and one interactive (-it) from the same small
// image, both visible in the Containers view, and a shell (docker exec) in the background one.
import * as vscode from 'vscode';
import type { StepSession } from './learnSession';
import { learnImage } from './learnImage';
import { itemsOfStep, LEARN_DONE, NAMES } from './learnSteps';

export interface RunContainersResult {
  image: string;
  background: { id: string; name: string };
  interactive: { id: string; name: string };
  terminals: vscode.Terminal[];
}

export async function runContainers(session: StepSession): Promise<RunContainersResult | undefined> {
  const { report } = session;
  report.say(vscode.l10n.t('An image is a read-only template: files plus a default command. A container is a running instance of it, with its own process, filesystem changes and network address. This step starts two containers from the same image.'));
  await report.show();
  if (!(await session.clearLeftovers(itemsOfStep(2, undefined)))) return undefined;
  const image = await learnImage(session);
  if (!image) return undefined;

  report.say(vscode.l10n.t('First, a container in the background (-d, detached): it runs "sleep 3600", a process that keeps it alive for an hour without needing a terminal, like a server would.'));
  const background = await session.run({ image, name: NAMES.background, command: ['sleep', '3600'] });

  report.say(vscode.l10n.t('Then an interactive one (-it): its main process is a shell connected to a terminal, which opens below as "{0}". Type commands there; "exit" ends the shell, and with it the container, because a container lives exactly as long as its main process.', NAMES.interactive));
  const interactive = await session.run({ image, name: NAMES.interactive, interactive: true, command: ['sh'] });
  const attached = session.ctx.interaction.attach(interactive.id, interactive.name);

  await vscode.commands.executeCommand('dockerWorkbench.containers.focus');
  report.say(vscode.l10n.t('Both now show in the Containers view with a running icon. A shell opens in the background container too: "docker exec" starts an extra process inside a container that is already running, so leaving that shell does not stop the container.'));
  report.command(['exec', '-it', background.name, 'sh']);
  const shell = session.ctx.interaction.openShell(background.id, background.name, ['sh']);
  report.conclude(vscode.l10n.t('Same image, two independent containers. The Containers view lists them with the image they came from; right-click one for its logs, a shell, or to stop and remove it.'));

  await session.complete(LEARN_DONE.runContainers);
  await session.finish(
    vscode.l10n.t('Step 2: {0} runs in the background and {1} is attached to a terminal. Clean up when you have looked around.', background.name, interactive.name),
    itemsOfStep(2, undefined),
  );
  return { image, background, interactive, terminals: [attached, shell] };
}
