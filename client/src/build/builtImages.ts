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
      ...(outcome.spec.target ? { target: outcome.spec.target } : {}),
    };
    await this.save(fact);
    return fact;
  }

  /** The Dockerfiles an image was built from (usually one). */
  forImage(imageId: string): BuiltImageFact[] {
    return this.all().filter((f) => f.imageId === imageId);
  }

  /**
   * Adds what an analysis of the image found to each layer (bytes wasted, bytes hidden), so the
   * server's hints and hovers show them. The engine's history and the image's configuration list
   * the same steps, so they line up by index.
   */
  async recordAnalysis(imageId: string, steps: ReadonlyArray<{ wasted: number; hides: number } | undefined>): Promise<BuiltImageFact[]> {
    const updated: BuiltImageFact[] = [];
    for (const fact of this.forImage(imageId)) {
      if (fact.layers.length !== steps.length) continue;
      const layers = fact.layers.map((layer, i) => {
        const { wasted: _w, hides: _h, ...rest } = layer;
        const step = steps[i];
        return { ...rest, ...(step?.wasted ? { wasted: step.wasted } : {}), ...(step?.hides ? { hides: step.hides } : {}) };
      });
      const next = { ...fact, layers };
      await this.save(next);
      updated.push(next);
    }
    return updated;
  }

  private async save(fact: BuiltImageFact): Promise<void> {
    await this.state.update(STATE_KEY, [...this.all().filter((f) => f.dockerfileUri !== fact.dockerfileUri), fact].slice(-50));
    for (const listener of this.listeners) listener(fact);
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
