// Start-up and first-answer marks for diagnosing where a first answer's time goes (which thread
// waits for which): with DOCKER_WORKBENCH_TIMELINE=1 each mark is one stderr line
// `timeline <epoch ms> <thread id> <event>`, written straight to the file descriptor so a worker's
// lines are not queued behind its main thread's. Off (the default) a mark is one comparison.
// bench/serverTimeline.mjs reads them.
import { writeSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

export const TIMELINE_ENV = 'DOCKER_WORKBENCH_TIMELINE';

const on = process.env[TIMELINE_ENV] === '1';

/** Notes that `event` happens now (one line, no newlines in `event`). */
export function mark(event: string): void {
  if (!on) return;
  try {
    writeSync(2, `timeline ${(performance.timeOrigin + performance.now()).toFixed(1)} ${threadId} ${event}\n`);
  } catch {
    // A closed stderr loses the mark, nothing else.
  }
}

/** Whether marks are on (so an event that costs a string to build is built only then). */
export function marking(): boolean {
  return on;
}
