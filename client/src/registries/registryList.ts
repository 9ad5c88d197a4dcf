// The registries the view shows: those the docker config knows (logged in with `docker login` or
// here, or served by a credential helper) and those the user added (remembered by VS Code, not
// written to the docker config until a login).
import type * as vscode from 'vscode';
import type { DockerCredentials } from '../engine/dockerCredentials';
import { parseRegistryAddress, registryLabel, type RegistryAddress } from '../engine/registryAddress';

export interface RegistryEntry {
  address: RegistryAddress;
  label: string;
  fromConfig: boolean;
  addedByUser: boolean;
}

const STATE_KEY = 'dockerWorkbench.registries';
const MAX_ADDED = 200;

export class RegistryList {
  constructor(private readonly state: vscode.Memento, private readonly credentials: DockerCredentials) {}

  /** The addresses as typed by the user (the scheme, when given, is kept). */
  private added(): string[] {
    const value = this.state.get<unknown>(STATE_KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, MAX_ADDED) : [];
  }

  entries(): RegistryEntry[] {
    const byHost = new Map<string, RegistryEntry>();
    for (const address of this.credentials.configuredRegistries()) {
      byHost.set(address.host, { address, label: registryLabel(address), fromConfig: true, addedByUser: false });
    }
    for (const text of this.added()) {
      const address = parseRegistryAddress(text);
      if (!address) continue;
      const known = byHost.get(address.host);
      // The user's scheme wins (a registry on plain http names itself `http://…`).
      if (known) byHost.set(address.host, { ...known, address: address.scheme ? address : known.address, addedByUser: true });
      else byHost.set(address.host, { address, label: registryLabel(address), fromConfig: false, addedByUser: true });
    }
    return [...byHost.values()].sort((a, b) => (a.address.isDockerHub ? -1 : b.address.isDockerHub ? 1 : a.label.localeCompare(b.label, 'en')));
  }

  find(host: string): RegistryEntry | undefined {
    return this.entries().find((e) => e.address.host === host);
  }

  async add(text: string): Promise<RegistryAddress | undefined> {
    const address = parseRegistryAddress(text);
    if (!address) return undefined;
    const rest = this.added().filter((t) => parseRegistryAddress(t)?.host !== address.host);
    await this.state.update(STATE_KEY, [...rest, text.trim()]);
    return address;
  }

  async remove(host: string): Promise<void> {
    await this.state.update(STATE_KEY, this.added().filter((t) => parseRegistryAddress(t)?.host !== host));
  }
}
