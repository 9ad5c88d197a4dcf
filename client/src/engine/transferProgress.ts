// The progress of a pull (or push) from the engine's JSON lines: each layer reports its bytes so
// far and its total; the percentage is over the layers seen so far (as docker pull shows it per
// layer, this adds them up). Pure: unit-tested.
import type { ProgressEvent } from './dockerEngine';

export class TransferProgress {
  private readonly layers = new Map<string, { current: number; total: number }>();
  private readonly finished = new Set<string>();
  /** The engine's last status line ("Downloading", "Pull complete", "Digest: …"). */
  status = '';

  push(event: ProgressEvent): void {
    if (event.status) this.status = event.id && !event.status.startsWith('Digest') && !event.status.startsWith('Status') ? `${event.id}: ${event.status}` : event.status;
    if (!event.id) return;
    const total = event.progressDetail?.total;
    // Bytes while downloading; the extraction that follows repeats the totals, so it is not counted.
    if (total && event.status === 'Downloading') this.layers.set(event.id, { current: Math.min(event.progressDetail?.current ?? 0, total), total });
    if (event.status === 'Download complete' || event.status === 'Pull complete' || event.status === 'Already exists') this.finished.add(event.id);
  }

  /** 0-100 over the bytes of the layers seen so far; undefined before any layer reported a size. */
  get percent(): number | undefined {
    let current = 0;
    let total = 0;
    for (const [id, layer] of this.layers) {
      total += layer.total;
      current += this.finished.has(id) ? layer.total : layer.current;
    }
    return total ? Math.min(100, Math.floor((current / total) * 100)) : undefined;
  }
}
