// Remembers which image was built from which Dockerfile, with each layer's size and whether the
// build took it from the cache, and tells the language server (for its per-instruction hints).
// Kept in workspace state so the hints survive a reload.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { BuiltImageFact, LayerFact } from '../../../server/src/core/languageService';
import type { DockerEngine } from '../engine/dockerEngine';
import type { BuildOutcome } from './buildTask';
import { dockerfileFacts } from './dockerfileFacts';

const STATE_KEY = 'dockerWorkbench.builtImages';

export class BuiltImages {
  private readonly listeners = new Set<(fact: BuiltImageFact) => void>();

  constructor(private readonly state: vscode.Memento) {}

  all(): BuiltImageFact[] {
    return this.state.get<BuiltImageFact[]>(STATE_KEY, []);
  }

  forDockerfile(uri: string): BuiltImageFact | undefined {
    return this.all().find((f) => f.dockerfileUri === uri);
  }

  onDidRecord(listener: (fact: BuiltImageFact) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Reads the built image's history and records it against its Dockerfile. */
  async record(outcome: BuildOutcome, engine: DockerEngine): Promise<BuiltImageFact | undefined> {
    if (!outcome.ok) return undefined;
    const reference = outcome.spec.tag || outcome.imageId;
    if (!reference) return undefined;
    const image = await engine.inspectImage(reference);
    const history = [...(await engine.imageHistory(image.Id))].reverse(); // oldest first
    const layers: LayerFact[] = history.map((h) => ({ createdBy: h.CreatedBy, size: h.Size }));
    markCached(layers, outcome);
    const fact: BuiltImageFact = {
      dockerfileUri: vscode.Uri.file(outcome.spec.dockerfile).toString(),
      image: outcome.spec.tag || image.Id,
      imageId: image.Id,
      layers,
    };
    await this.state.update(STATE_KEY, [...this.all().filter((f) => f.dockerfileUri !== fact.dockerfileUri), fact].slice(-50));
    for (const listener of this.listeners) listener(fact);
    return fact;
  }
}

/**
 * The last N history entries are the built stage's N instructions after its FROM (each makes one
 * entry, empty ones included); mark those the build reported as cached.
 */
function markCached(layers: LayerFact[], outcome: BuildOutcome): void {
  let text: string;
  try {
    text = fs.readFileSync(outcome.spec.dockerfile, 'utf8');
  } catch {
    return;
  }
  const facts = dockerfileFacts(text);
  const target = outcome.spec.target ?? facts.stages.at(-1)?.label;
  const body = facts.stageBody(target);
  const cached = new Set(outcome.reader.cached.map((step) => facts.instructionOf(step)).filter((i) => i !== undefined));
  const executed = new Set(outcome.reader.executed.map((step) => facts.instructionOf(step)).filter((i) => i !== undefined));
  if (body.length === 0 || body.length > layers.length) return;
  const offset = layers.length - body.length;
  body.forEach((instruction, i) => {
    if (executed.has(instruction)) layers[offset + i]!.cached = cached.has(instruction);
  });
}
