// The small image the walkthrough's containers run: one the engine already has (busybox first,
// then alpine, the smallest of those), or, after asking, busybox pulled from Docker Hub with its
// progress shown. The steps need only a shell and busybox's tools (sleep, cat, nslookup, ping,
// wget, httpd).
import * as vscode from 'vscode';
import type { ImageSummary } from '../engine/dockerEngine';
import { formatBytes } from '../views/format';
import type { StepSession } from './learnSession';

export const PULL_IMAGE = 'busybox:latest';

/** The preference of a tag for the walkthrough: lower is better; undefined when it does not fit. */
export function learnImageRank(tag: string): number | undefined {
  if (tag === 'busybox:latest') return 0;
  const repository = tag.slice(0, tag.lastIndexOf(':') > tag.lastIndexOf('/') ? tag.lastIndexOf(':') : tag.length);
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  if (last === 'busybox') return repository === 'busybox' ? 1 : 2;
  if (last === 'alpine') return 3;
  return undefined;
}

/** The best local image for the walkthrough, if any. */
export function pickLearnImage(images: readonly ImageSummary[]): string | undefined {
  const candidates = images.flatMap((image) => (image.RepoTags ?? [])
    .map((tag) => ({ tag, rank: learnImageRank(tag), size: image.Size }))
    .filter((c): c is { tag: string; rank: number; size: number } => c.rank !== undefined));
  candidates.sort((a, b) => a.rank - b.rank || a.size - b.size || a.tag.localeCompare(b.tag));
  return candidates[0]?.tag;
}

/**
 * The image to use, pulling busybox after asking when no fitting image is local. Undefined when
 * the user declines or the pull fails (the report says why).
 */
export async function learnImage(session: StepSession): Promise<string | undefined> {
  const engine = session.engine;
  const local = pickLearnImage(await engine.listImages());
  if (local) return local;
  const pull = vscode.l10n.t('Pull busybox');
  const answer = await session.prompts.confirm(
    vscode.l10n.t('The walkthrough runs its containers from the small busybox image, which this engine does not have yet. Pull it now?'),
    vscode.l10n.t('busybox is about 2 MB and has a shell and the small tools the steps use. The engine downloads it once from Docker Hub, and every step reuses it.'),
    pull,
  );
  if (answer !== pull) {
    session.report.say(vscode.l10n.t('No image to run: this step needs busybox (or alpine). Pull one in the Images view, or run the step again and let it pull busybox.'));
    return undefined;
  }
  session.report.command(['pull', PULL_IMAGE]);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling {0} from Docker Hub', PULL_IMAGE), cancellable: true }, async (progress, token) => {
      const stream = await engine.pull(PULL_IMAGE);
      token.onCancellationRequested(() => stream.destroy());
      const layers = new Map<string, { current: number; total: number }>();
      let reported = 0;
      await engine.followProgress(stream, (event) => {
        if (event.id && event.progressDetail?.total) layers.set(event.id, { current: event.progressDetail.current ?? 0, total: event.progressDetail.total });
        const total = [...layers.values()].reduce((n, l) => n + l.total, 0);
        const done = [...layers.values()].reduce((n, l) => n + l.current, 0);
        const percent = total ? Math.floor((done / total) * 100) : 0;
        const message = total
          ? vscode.l10n.t('Downloading the image\'s layers: {0} of {1}', formatBytes(done), formatBytes(total))
          : event.status ?? '';
        progress.report({ message, increment: percent > reported ? percent - reported : undefined });
        reported = Math.max(reported, percent);
      });
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    session.report.say(vscode.l10n.t('Pulling {0} failed: {1}. The engine needs to reach Docker Hub for this; without a registry, load or build a small image with a shell (busybox or alpine) and run the step again.', PULL_IMAGE, reason));
    void vscode.window.showErrorMessage(vscode.l10n.t('Pulling {0} failed: {1}', PULL_IMAGE, reason));
    return undefined;
  }
  session.report.say(vscode.l10n.t('The engine now has {0}: its layers are stored once and shared by every container made from it.', PULL_IMAGE));
  return PULL_IMAGE;
}
