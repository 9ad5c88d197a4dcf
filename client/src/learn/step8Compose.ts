// Step 8: the two-container app of step 6 as a compose file. Writes learn-compose/compose.yaml
// (after asking), brings it up with the extension's Compose Up, shows the client reaching the web
// service by its service name, then (when the learner agrees) takes it down with Compose Down and
// shows that the volume is still there, and why.
import * as vscode from 'vscode';
import { confirmWrite, learnWorkspace, writeWorkspaceFile, type StepSession } from './learnSession';
import { learnImage } from './learnImage';
import { answerAddress } from './step6Network';
import { FILES, itemsOfStep, LEARN_DONE, NAMES } from './learnSteps';

export interface ComposeResult {
  file: vscode.Uri;
  /** Services running after up. */
  servicesUp: string[];
  /** True when the learner took it down and the containers are gone. */
  down: boolean;
  /** True when the named volume was still there after down. */
  volumeKept: boolean;
}

export function learnComposeFile(image: string): string {
  return [
    `# ${vscode.l10n.t('Step 8 of the Docker Workbench walkthrough: the two containers of step 6 as one app.')}`,
    `# ${vscode.l10n.t('Compose names everything after the folder: the project is learn-compose.')}`,
    'services:',
    '  web:',
    `    image: ${image}`,
    `    # ${vscode.l10n.t('Each start adds a line to /data/starts.txt, on the volume, and serves a page.')}`,
    '    command: ["sh", "-c", "mkdir -p /www && echo started >> /data/starts.txt && cp /data/starts.txt /www/index.html && (httpd -f -p 80 -h /www || exec sleep 3600)"]',
    '    volumes:',
    '      - data:/data',
    '  client:',
    `    image: ${image}`,
    '    command: ["sleep", "3600"]',
    '    depends_on:',
    '      - web',
    'volumes:',
    '  data: {}',
    '',
  ].join('\n');
}

const PROJECT_LABEL = 'com.docker.compose.project';
const SERVICE_LABEL = 'com.docker.compose.service';

async function projectContainers(session: StepSession): Promise<Array<{ id: string; name: string; service: string; state: string }>> {
  const all = await session.engine.listContainers();
  return all
    .filter((c) => c.Labels?.[PROJECT_LABEL] === NAMES.composeProject)
    .map((c) => ({ id: c.Id, name: c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12), service: c.Labels[SERVICE_LABEL] ?? '', state: c.State }));
}

export async function compose(session: StepSession): Promise<ComposeResult | undefined> {
  const { report } = session;
  const folder = learnWorkspace(session.step);
  if (!folder) return undefined;
  report.say(vscode.l10n.t('Typing docker run lines for every container gets old fast. A compose file describes the whole app instead (its services, their images, commands, volumes and networks), and one command creates or removes all of it.'));
  await report.show();
  if (!(await session.clearLeftovers(itemsOfStep(8, undefined).filter((i) => i.kind === 'composeProject')))) return undefined;
  if (!(await confirmWrite(session, folder, [FILES.compose]))) return undefined;
  const image = await learnImage(session);
  if (!image) return undefined;

  const file = await writeWorkspaceFile(folder, FILES.compose, learnComposeFile(image));
  report.file(learnComposeFile(image), 'yaml');
  await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });

  report.say(vscode.l10n.t('Compose Up creates a network for the project, the volume, and one container per service, and starts them:'));
  report.line(`docker compose -f ${vscode.workspace.asRelativePath(file)} up -d`);
  await vscode.commands.executeCommand('dockerWorkbench.compose.up', { composeFileUri: file.toString() });
  const up = await projectContainers(session);
  report.line('docker compose ps', up.map((c) => `${c.name.padEnd(28)} ${c.service.padEnd(8)} ${c.state}`).join('\n'));

  const client = up.find((c) => c.service === 'client');
  if (client) {
    report.say(vscode.l10n.t('Every service is reachable by its service name on the project\'s network, with no aliases to set up:'));
    const lookup = await session.exec(client, ['nslookup', 'web']);
    if (lookup.exitCode === 0 && answerAddress(lookup.text)) await session.exec(client, ['wget', '-q', '-T', '5', '-O', '-', 'http://web/']);
    else report.say(vscode.l10n.t('(This engine has no DNS for containers, as in step 6; on a usual engine "web" resolves here.)'));
  }

  const takeDown = vscode.l10n.t('Compose Down');
  const choice = await session.prompts.info(vscode.l10n.t('Step 8: the app is up (two containers, a network and a volume, from one file). Take it down now?'), takeDown);
  let down = false;
  let volumeKept = false;
  if (choice === takeDown) {
    report.say(vscode.l10n.t('Compose Down stops and removes the containers and the network:'));
    report.line(`docker compose -f ${vscode.workspace.asRelativePath(file)} down`);
    await vscode.commands.executeCommand('dockerWorkbench.compose.down', file);
    const left = await projectContainers(session);
    down = left.length === 0;
    volumeKept = (await session.engine.listVolumes(NAMES.composeVolume)).length > 0;
    if (down) {
      report.command(['volume', 'ls', '--filter', `name=${NAMES.composeVolume}`], volumeKept ? NAMES.composeVolume : '');
      report.conclude(volumeKept
        ? vscode.l10n.t('The containers and the network are gone, but the volume {0} is kept: down never deletes volumes unless you ask (docker compose down --volumes), because they hold the data (databases, uploads) that must outlive any container. Bring the app up again and the web service finds its earlier lines in /data/starts.txt.', NAMES.composeVolume)
        : vscode.l10n.t('The containers, the network and the volume are gone: you chose to delete the volume too. Without that choice, down keeps volumes, because they hold the data that must outlive any container.'));
      await session.complete(LEARN_DONE.compose);
    }
  }
  await session.finish(
    down ? vscode.l10n.t('Step 8: the app is down and its volume is kept. Clean up removes the volume and the compose file.') : vscode.l10n.t('Step 8: the app is still up. Clean up removes its containers, network, volume and the compose file.'),
    itemsOfStep(8, folder),
  );
  return { file, servicesUp: up.map((c) => c.service).sort(), down, volumeKept };
}
