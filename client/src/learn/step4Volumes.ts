// Step 4: a named volume outlives containers. Two containers share it (one writes, the other
// sees the line at once and adds its own), both are removed, and a third finds both lines.
import * as vscode from 'vscode';
import type { StepSession } from './learnSession';
import { learnImage } from './learnImage';
import { itemsOfStep, LEARN_DONE, NAMES } from './learnSteps';

export interface VolumesResult {
  volume: string;
  /** What the third container read from the volume. */
  readByThird: string;
  removed: string[];
  third: { id: string; name: string };
}

const APPEND = 'echo "$1" >> /data/notes.txt';

export async function shareVolume(session: StepSession): Promise<VolumesResult | undefined> {
  const { report } = session;
  report.say(vscode.l10n.t('A named volume is storage the engine manages outside any container. Mount it into containers at a path, and what they write there lives in the volume, not in their writable layers: it is shared while they run and kept when they are removed.'));
  await report.show();
  if (!(await session.clearLeftovers(itemsOfStep(4, undefined)))) return undefined;
  const image = await learnImage(session);
  if (!image) return undefined;

  report.command(['volume', 'create', NAMES.volume]);
  await session.engine.createVolume({ name: NAMES.volume });
  const mount = { type: 'volume' as const, source: NAMES.volume, target: '/data' };
  const one = await session.run({ image, name: NAMES.volumeOne, command: ['sleep', '3600'], mounts: [mount] });
  const two = await session.run({ image, name: NAMES.volumeTwo, command: ['sleep', '3600'], mounts: [mount] });

  report.say(vscode.l10n.t('{0} writes a line into the volume, and {1} reads it right away and adds its own:', one.name, two.name));
  await session.exec(one, ['sh', '-c', APPEND, 'sh', vscode.l10n.t('Line written by {0}', one.name)]);
  await session.exec(two, ['cat', '/data/notes.txt']);
  await session.exec(two, ['sh', '-c', APPEND, 'sh', vscode.l10n.t('Line written by {0}', two.name)]);

  report.say(vscode.l10n.t('Now both containers are removed, with their writable layers. The volume is not part of either, so it stays:'));
  await session.removeContainers([one, two]);

  report.say(vscode.l10n.t('A third container mounts the same volume and finds both lines:'));
  const three = await session.run({ image, name: NAMES.volumeThree, command: ['sleep', '3600'], mounts: [mount] });
  const read = await session.exec(three, ['cat', '/data/notes.txt']);
  const details = await session.engine.inspectVolume(NAMES.volume).catch(() => undefined);
  if (details) report.command(['volume', 'inspect', '--format', '{{.Mountpoint}}', NAMES.volume], details.Mountpoint);
  report.conclude(vscode.l10n.t('The data outlived the containers that wrote it. This is how databases and uploads are kept: the container can be replaced (a new image version), the volume stays. The Volumes view shows {0} and which containers use it; removing a volume deletes its data for good, so it always asks first.', NAMES.volume));

  await session.complete(LEARN_DONE.shareVolume);
  await session.finish(vscode.l10n.t('Step 4: the data in {0} survived its containers. Clean up removes {1} and the volume.', NAMES.volume, three.name), itemsOfStep(4, undefined));
  return { volume: NAMES.volume, readByThird: read.text, removed: [one.name, two.name], third: three };
}
