// Step 3: two containers from the same image do not share files. A file written in one is
// missing in the other; `docker diff` shows it lives in the first container's writable layer.
import * as vscode from 'vscode';
import type { StepSession } from './learnSession';
import { learnImage } from './learnImage';
import { itemsOfStep, LEARN_DONE, NAMES } from './learnSteps';

export interface FilesystemsResult {
  /** What `cat /learn.txt` printed in each container, and its exit code. */
  inFirst: { exitCode: number | null; text: string };
  inSecond: { exitCode: number | null; text: string };
}

const FILE = '/learn.txt';

export async function separateFilesystems(session: StepSession): Promise<FilesystemsResult | undefined> {
  const { report } = session;
  report.say(vscode.l10n.t('An image\'s layers are read-only and shared. Each container gets its own thin writable layer on top, where every file it creates or changes goes. This step writes a file in one container and looks for it in another made from the same image.'));
  await report.show();
  if (!(await session.clearLeftovers(itemsOfStep(3, undefined)))) return undefined;
  const image = await learnImage(session);
  if (!image) return undefined;

  const one = await session.run({ image, name: NAMES.fsOne, command: ['sleep', '3600'] });
  const two = await session.run({ image, name: NAMES.fsTwo, command: ['sleep', '3600'] });

  report.say(vscode.l10n.t('Write {0} in {1}:', FILE, one.name));
  // A fixed script for the redirection; the text goes in as an argument, never into the script.
  await session.exec(one, ['sh', '-c', 'echo "$1" > /learn.txt', 'sh', vscode.l10n.t('Written in {0}', one.name)]);
  const inFirst = await session.exec(one, ['cat', FILE]);
  report.say(vscode.l10n.t('Now read the same path in {0}:', two.name));
  const inSecond = await session.exec(two, ['cat', FILE]);

  const diff = await session.engine.containerChanges(one.id).catch(() => null);
  if (diff) {
    const kinds = ['C', 'A', 'D'];
    report.command(['diff', one.name], diff.map((c) => `${kinds[c.Kind] ?? '?'} ${c.Path}`).join('\n'));
  }
  report.conclude(vscode.l10n.t('The file exists only in {0}: it went into that container\'s writable layer, which no other container sees and which is deleted with the container. To keep data, or to share it between containers, use a volume (next step).', one.name));

  await session.complete(LEARN_DONE.separateFilesystems);
  await session.finish(vscode.l10n.t('Step 3: {0} has the file, {1} does not. Clean up when you are done.', one.name, two.name), itemsOfStep(3, undefined));
  return {
    inFirst: { exitCode: inFirst.exitCode, text: inFirst.text },
    inSecond: { exitCode: inSecond.exitCode, text: inSecond.text },
  };
}
