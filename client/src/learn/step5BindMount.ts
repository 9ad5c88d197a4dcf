// Step 5: a bind mount puts a folder of your machine (here the workspace) inside a container.
// The step writes learn-docker/hello.txt (after asking), shows it inside the container, edits it
// in the workspace and shows the change inside at once; then opens the file and a shell there.
import * as vscode from 'vscode';
import { confirmWrite, engineIsLocal, learnWorkspace, LEARN_FOLDER, writeWorkspaceFile, type StepSession } from './learnSession';
import { learnImage } from './learnImage';
import { FILES, itemsOfStep, LEARN_DONE, NAMES } from './learnSteps';

export interface BindMountResult {
  file: vscode.Uri;
  /** What the container read before and after the file was edited in the workspace. */
  before: string;
  after: string;
  container: { id: string; name: string };
}

const MOUNT_POINT = '/workspace';

export async function bindMount(session: StepSession): Promise<BindMountResult | undefined> {
  const { report } = session;
  const folder = learnWorkspace(session.step);
  if (!folder) return undefined;
  report.say(vscode.l10n.t('A bind mount makes a folder of the machine the engine runs on appear inside a container. It is not a copy: both sides see the same files, so you edit code in VS Code and the container runs it at once, without rebuilding an image.'));
  await report.show();
  if (!engineIsLocal(session.ctx.active.engine.target.endpoint)) {
    report.say(vscode.l10n.t('Note: this engine is not on this machine ({0}), so a bind mount would show a folder of the engine\'s machine with the same path, not your workspace.', session.ctx.active.engine.target.endpoint));
  }
  if (!(await session.clearLeftovers(itemsOfStep(5, undefined)))) return undefined;
  if (!(await confirmWrite(session, folder, [FILES.bindHello]))) return undefined;
  const image = await learnImage(session);
  if (!image) return undefined;

  const file = await writeWorkspaceFile(folder, FILES.bindHello, `${vscode.l10n.t('Hello from the workspace folder {0}.', folder.name)}\n`);
  const inside = `${MOUNT_POINT}/${LEARN_FOLDER}/${FILES.bindHello}`;
  const container = await session.run({
    image,
    name: NAMES.bind,
    command: ['sleep', '3600'],
    workdir: MOUNT_POINT,
    mounts: [{ type: 'bind', source: folder.uri.fsPath, target: MOUNT_POINT }],
  });
  report.say(vscode.l10n.t('The workspace folder is mounted at {0} inside {1}. The file the step wrote is there:', MOUNT_POINT, container.name));
  const before = await session.exec(container, ['cat', inside]);

  report.say(vscode.l10n.t('Now the file is changed on the workspace side only, and read again inside the container:'));
  const edited = `${before.stdout.toString('utf8').replace(/\s+$/, '')}\n${vscode.l10n.t('This line was added in the workspace at {0}.', new Date().toLocaleTimeString())}\n`;
  await vscode.workspace.fs.writeFile(file, Buffer.from(edited, 'utf8'));
  const after = await session.exec(container, ['cat', inside]);
  report.conclude(vscode.l10n.t('The container saw the change immediately: it reads your files, not a copy. That is the loop of development containers. The other way round works too, so a container can also change or delete your files: add "readonly" (:ro) to the mount when it only needs to read.'));

  await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  report.command(['exec', '-it', container.name, 'sh']);
  session.ctx.interaction.openShell(container.id, container.name, ['sh']);

  await session.complete(LEARN_DONE.bindMount);
  await session.finish(
    vscode.l10n.t('Step 5: edit {0} and run "cat {1}" in the shell of {2} to see your change inside. Clean up when you are done.', vscode.workspace.asRelativePath(file), inside, container.name),
    itemsOfStep(5, folder),
  );
  return { file, before: before.text, after: after.text, container };
}
