// Saved run configurations, per workspace (workspaceState): a name → RunSpec table the user fills
// from the form's "Save Configuration…" and re-runs in one click; plus the last spec run from each
// image, so the Images view's "Run Image…" opens with what was used last time.
import type * as vscode from 'vscode';
import type { RunSpec } from './runSpec';

const CONFIGURATIONS_KEY = 'dockerWorkbench.run.configurations';
const LAST_BY_IMAGE_KEY = 'dockerWorkbench.run.lastByImage';
/** Only the most recent images are remembered, so the table cannot grow without end. */
const LAST_BY_IMAGE_LIMIT = 50;

export interface SavedRunConfiguration {
  name: string;
  spec: RunSpec;
}

export class RunConfigurations {
  constructor(private readonly state: vscode.Memento) {}

  list(): SavedRunConfiguration[] {
    return Object.entries(this.table(CONFIGURATIONS_KEY))
      .map(([name, spec]) => ({ name, spec }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): RunSpec | undefined {
    return this.table(CONFIGURATIONS_KEY)[name];
  }

  async save(name: string, spec: RunSpec): Promise<void> {
    await this.state.update(CONFIGURATIONS_KEY, { ...this.table(CONFIGURATIONS_KEY), [name]: clone(spec) });
  }

  /** True when there was one to delete. */
  async delete(name: string): Promise<boolean> {
    const table = this.table(CONFIGURATIONS_KEY);
    if (!(name in table)) return false;
    delete table[name];
    await this.state.update(CONFIGURATIONS_KEY, table);
    return true;
  }

  lastForImage(image: string): RunSpec | undefined {
    return this.table(LAST_BY_IMAGE_KEY)[image];
  }

  async rememberForImage(image: string, spec: RunSpec): Promise<void> {
    const table = this.table(LAST_BY_IMAGE_KEY);
    delete table[image];
    table[image] = clone(spec);
    const names = Object.keys(table);
    for (const old of names.slice(0, Math.max(0, names.length - LAST_BY_IMAGE_LIMIT))) delete table[old];
    await this.state.update(LAST_BY_IMAGE_KEY, table);
  }

  private table(key: string): Record<string, RunSpec> {
    return { ...(this.state.get<Record<string, RunSpec>>(key) ?? {}) };
  }
}

function clone(spec: RunSpec): RunSpec {
  return JSON.parse(JSON.stringify(spec)) as RunSpec;
}
