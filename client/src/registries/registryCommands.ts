// Registry commands: Log In / Log Out (written to the docker config like `docker login`, through
// the configured credential helper when there is one, and checked with the registry first), add
// and remove a registry in the view, pull a tag with progress, copy a reference or digest, and
// delete a tag (after a confirmation that names everything that goes with it).
import * as vscode from 'vscode';
import type { CommandContext, Handler } from '../commands/commandContext';
import { withTransferProgress } from '../commands/imageCommands';
import { EngineError } from '../engine/engineError';
import { toAuthConfig, type RegistryCredential, type CredentialStore } from '../engine/dockerCredentials';
import { dockerHub, parseRegistryAddress, registryLabel, type RegistryAddress } from '../engine/registryAddress';
import { RegistryError } from './registryError';
import { deleteRefusedMessage, registryErrorMessage } from './registryMessages';
import type { RegistriesView, RegistryNode, TagNode } from './registriesView';

/** How many other tags are checked for pointing at the digest being deleted. */
const SIBLING_CHECKS = 200;

export function registryCommands(view: RegistriesView): Record<string, Handler> {
  const asNode = (node: unknown) => node as RegistryNode | undefined;

  /** The registry a command is about: the node's, or one the user picks (or types). */
  const pickRegistry = async (ctx: CommandContext, node: unknown, title: string, onlyLoggedIn = false): Promise<RegistryAddress | undefined> => {
    const clicked = asNode(node);
    if (clicked && clicked.kind !== 'message') return view.entry(clicked.host)?.address ?? parseRegistryAddress(clicked.host);
    const entries = view.list.entries();
    const states = await Promise.all(entries.map((e) => view.loginState(e)));
    const items = entries
      .map((e, i) => ({ entry: e, state: states[i]! }))
      .filter(({ state }) => !onlyLoggedIn || state.username || state.identityToken)
      .map(({ entry, state }) => ({
        label: entry.label,
        description: state.username ? vscode.l10n.t('logged in as {0}', state.username) : state.identityToken ? vscode.l10n.t('logged in (token)') : undefined,
        address: entry.address as RegistryAddress | undefined,
      }));
    if (onlyLoggedIn && items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('You are not logged in to any registry.'));
      return undefined;
    }
    if (!onlyLoggedIn) {
      if (!items.some((i) => i.address?.isDockerHub)) items.push({ label: 'Docker Hub', description: 'docker.io', address: dockerHub() });
      items.push({ label: vscode.l10n.t('Another registry…'), description: undefined, address: undefined });
    }
    const picked = await ctx.prompts.current.pick(items, { title });
    if (!picked) return undefined;
    return picked.address ?? askAddress(ctx, title);
  };

  /** Logins go into the docker config: one that cannot be read is never overwritten. */
  const configUsable = () => {
    const problem = view.credentials.read().problem;
    if (problem) throw new Error(vscode.l10n.t('The docker config cannot be used: {0}. Fix or remove it first; it is left as it is.', problem));
  };

  const login: Handler = async (ctx, node) => {
    configUsable();
    const address = await pickRegistry(ctx, node, vscode.l10n.t('Log in to a registry'));
    if (!address) return;
    const label = registryLabel(address);
    const current = view.entry(address.host) ? await view.loginState(view.entry(address.host)!) : undefined;
    const username = await ctx.prompts.current.input({
      title: vscode.l10n.t('Log in to {0}', label),
      prompt: vscode.l10n.t('User name'),
      value: current?.username ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('A user name is needed.') : v.includes(':') ? vscode.l10n.t('A user name cannot contain ":".') : undefined),
    });
    if (username === undefined) return;
    const password = await ctx.prompts.current.input({
      title: vscode.l10n.t('Log in to {0} as {1}', label, username.trim()),
      prompt: vscode.l10n.t('Password or access token (it is checked with the registry before it is saved)'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v === '' ? vscode.l10n.t('A password or access token is needed.') : undefined),
    });
    if (password === undefined) return;
    const credential: RegistryCredential = { username: username.trim(), password };
    const checked = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Logging in to {0}…', label) },
      () => verifyLogin(ctx, view, address, credential),
    );
    // Like `docker login`: an identity token from the registry is kept instead of the password.
    const store = await view.credentials.store(address, checked.identityToken ? { username: credential.username, identityToken: checked.identityToken } : credential);
    ctx.log.info(`logged in to ${address.host} as ${credential.username}; credentials saved in ${describeStoreForLog(store)}`);
    view.refresh();
    void vscode.window.showInformationMessage(store.kind === 'helper'
      ? vscode.l10n.t('Logged in to {0} as {1}. The credential helper "{2}" keeps the password.', label, credential.username, store.helper)
      : vscode.l10n.t('Logged in to {0} as {1}. The password is saved unencrypted (base64) in {2}, as `docker login` does without a credential helper; set `credsStore` there to keep it in your system\'s keychain.', label, credential.username, store.file));
  };

  const logout: Handler = async (ctx, node) => {
    configUsable();
    const address = await pickRegistry(ctx, node, vscode.l10n.t('Log out of a registry'), true);
    if (!address) return;
    const erased = await view.credentials.erase(address);
    ctx.log.info(`logged out of ${address.host}${erased ? '' : ' (there was no login)'}`);
    view.refresh();
    void vscode.window.showInformationMessage(erased
      ? vscode.l10n.t('Logged out of {0}.', registryLabel(address))
      : vscode.l10n.t('There was no login for {0}.', registryLabel(address)));
  };

  const add: Handler = async (ctx) => {
    const address = await askAddress(ctx, vscode.l10n.t('Add a registry'));
    if (!address) return;
    await view.list.add(address.scheme ? `${address.scheme}://${address.host}` : address.host);
    view.refresh();
  };

  const remove: Handler = async (_ctx, node) => {
    const clicked = asNode(node);
    if (clicked?.kind !== 'registry') return;
    const entry = view.entry(clicked.host);
    await view.list.remove(clicked.host);
    view.refresh();
    if (entry?.fromConfig) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} stays in the view because the docker config has a login for it; Log Out removes that.', entry.label));
    }
  };

  const pull: Handler = async (ctx, node) => {
    const clicked = asNode(node);
    const reference = clicked ? view.referenceOf(clicked) : undefined;
    if (!reference || (clicked?.kind !== 'tag' && clicked?.kind !== 'platform')) return;
    const result = await withTransferProgress(ctx, vscode.l10n.t('Pulling {0}', reference), () => ctx.active.engine.pull(reference));
    if (result) void vscode.window.showInformationMessage(vscode.l10n.t('Pulled {0}.', reference));
  };

  const copyReference: Handler = async (_ctx, node) => {
    const clicked = asNode(node);
    const reference = clicked ? view.referenceOf(clicked) : undefined;
    if (!reference) return;
    await vscode.env.clipboard.writeText(reference);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', reference), 3000);
  };

  const copyDigest: Handler = async (_ctx, node) => {
    const clicked = asNode(node);
    const digest = clicked?.kind === 'platform' ? clicked.entry.digest
      : clicked?.kind === 'tag' ? (view.detailsOf(clicked) as { digest?: string } | undefined)?.digest : undefined;
    if (!digest) return;
    await vscode.env.clipboard.writeText(digest);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', digest), 3000);
  };

  const deleteTag: Handler = async (ctx, node) => {
    const clicked = asNode(node);
    if (clicked?.kind !== 'tag') return;
    const entry = view.entry(clicked.host);
    if (!entry) return;
    const client = view.client(entry.address);
    const reference = view.referenceOf(clicked)!;
    const { digest, siblings, unchecked } = await explained(entry.label, async () => {
      const digest = await client.digestOf(clicked.repository, clicked.tag);
      return { digest, ...(await tagsSharing(view, clicked, digest)) };
    });
    const goes = [clicked.tag, ...siblings];
    const detail = [
      vscode.l10n.t('A registry deletes an image by its digest, so every tag that points at {0} goes: {1}.', digest, goes.join(', ')),
      unchecked === 1 ? vscode.l10n.t('1 more tag of {0} was not checked and may point at it too.', clicked.repository)
        : unchecked > 1 ? vscode.l10n.t('{0} more tags of {1} were not checked and may point at it too.', unchecked, clicked.repository) : '',
      vscode.l10n.t('Copies already pulled stay where they are. The registry frees the space when its garbage collection runs.'),
    ].filter(Boolean).join('\n\n');
    const action = vscode.l10n.t('Delete');
    const message = goes.length === 1 ? vscode.l10n.t('Delete {0} from {1}?', reference, entry.label)
      : goes.length === 2 ? vscode.l10n.t('Delete {0} and 1 more tag from {1}?', reference, entry.label)
        : vscode.l10n.t('Delete {0} and {1} more tags from {2}?', reference, goes.length - 1, entry.label);
    if ((await ctx.prompts.current.confirm(message, detail, action)) !== action) return;
    try {
      await client.deleteManifest(clicked.repository, digest);
    } catch (error) {
      ctx.log.warn(`deleting ${reference} (${digest}) failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new Error(error instanceof RegistryError ? deleteRefusedMessage(error, entry.label) : registryErrorMessage(error, entry.label));
    }
    ctx.log.info(`deleted ${clicked.repository}@${digest} from ${entry.address.host} (tags: ${goes.join(', ')})`);
    view.refresh();
    void vscode.window.showInformationMessage(goes.length === 1
      ? vscode.l10n.t('Deleted {0}.', reference)
      : vscode.l10n.t('Deleted {0} and the tags {1}.', reference, goes.slice(1).join(', ')));
  };

  return {
    'dockerWorkbench.registries.login': login,
    'dockerWorkbench.registries.logout': logout,
    'dockerWorkbench.registries.add': add,
    'dockerWorkbench.registries.remove': remove,
    'dockerWorkbench.registries.refresh': () => view.refresh(),
    'dockerWorkbench.registries.pull': pull,
    'dockerWorkbench.registries.copyReference': copyReference,
    'dockerWorkbench.registries.copyDigest': copyDigest,
    'dockerWorkbench.registries.deleteTag': deleteTag,
  };
}

async function askAddress(ctx: CommandContext, title: string): Promise<RegistryAddress | undefined> {
  const text = await ctx.prompts.current.input({
    title,
    prompt: vscode.l10n.t('Registry address: host[:port] (e.g. ghcr.io, localhost:5000), or a URL such as http://registry.lan:5000 for a registry without TLS'),
    ignoreFocusOut: true,
    validateInput: (v) => (parseRegistryAddress(v) ? undefined : vscode.l10n.t('Not a registry address (host[:port] or http(s)://host[:port]).')),
  });
  return text === undefined ? undefined : parseRegistryAddress(text);
}

/**
 * Checks a login before it is saved. Through the engine when it is reachable (POST /auth, as
 * `docker login` does: the engine's own registry settings apply), else directly with the
 * registry's API. A refusal is an error naming the registry; the secret never appears.
 */
async function verifyLogin(ctx: CommandContext, view: RegistriesView, address: RegistryAddress, credential: RegistryCredential): Promise<{ identityToken?: string }> {
  const label = registryLabel(address);
  if (ctx.model.state.status === 'connected') {
    try {
      return await ctx.active.engine.checkRegistryLogin(toAuthConfig(address, credential));
    } catch (error) {
      if (!(error instanceof EngineError && error.unreachable)) {
        throw new Error(vscode.l10n.t('Login to {0} failed: {1}', label, error instanceof Error ? error.message : String(error)));
      }
    }
  }
  try {
    return await view.newClient(address).checkLogin(credential);
  } catch (error) {
    const refused = error instanceof RegistryError && (error.kind === 'unauthorized' || error.kind === 'denied');
    throw new Error(refused
      ? vscode.l10n.t('Login to {0} failed: the registry refused the user name or password.', label)
      : vscode.l10n.t('Login to {0} failed: {1}', label, registryErrorMessage(error, label)));
  }
}

/** The other tags of the repository that point at `digest` (checked a few at a time, up to a limit). */
async function tagsSharing(view: RegistriesView, node: TagNode, digest: string): Promise<{ siblings: string[]; unchecked: number }> {
  const entry = view.entry(node.host)!;
  const client = view.client(entry.address);
  const others = (await client.tags(node.repository, 5000)).items.filter((t) => t !== node.tag);
  const checked = others.slice(0, SIBLING_CHECKS);
  const siblings: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < checked.length) {
      const tag = checked[next++]!;
      // Asked now, not taken from the view: tags move. A tag that vanished meanwhile points at nothing.
      const current = await client.digestOf(node.repository, tag).catch(() => undefined);
      if (current === digest) siblings.push(tag);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { siblings: siblings.sort(), unchecked: others.length - checked.length };
}

/** Runs registry work, turning its failure into a message in the user's language. */
async function explained<T>(label: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(registryErrorMessage(error, label));
  }
}

function describeStoreForLog(store: CredentialStore): string {
  return store.kind === 'helper' ? `the credential helper docker-credential-${store.helper}` : store.file;
}
