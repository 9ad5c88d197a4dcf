// Gives a tier a Docker Engine for tests: the one `npm test` already started (DWB_ENGINE_HOST),
// or a private engine of its own that is removed when the tier ends.
import { startPrivateEngine } from '../engine/privateEngine.mjs';

export async function withEngine(work) {
  const shared = process.env.DWB_ENGINE_HOST;
  if (shared) return work(shared);
  const engine = await startPrivateEngine();
  try {
    return await work(engine.host);
  } finally {
    await engine.stop();
  }
}
