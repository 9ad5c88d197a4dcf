// Network commands: create (driver, driver options for macvlan/ipvlan, subnet, gateway, internal,
// attachable), connect a container with aliases, disconnect, remove, prune (listing what goes).
import * as vscode from 'vscode';
import { containerIdOf, selection, type Handler } from './commandContext';
import { modelListed, pickContainers, pickNetwork } from './pickers';
import { containerName } from '../views/containerPresentation';
import { describeLeft, removeEach } from './exactPrune';
import { BUILT_IN_NETWORKS } from '../views/networksView';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/;
const IP = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+$/;

/** `-o key=value` options, separated by blanks or commas; undefined when one is not key=value. */
export function parseDriverOptions(text: string): Record<string, string> | undefined {
  const options: Record<string, string> = {};
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const match = /^([a-zA-Z0-9_.-]+)=(\S+)$/.exec(item);
    if (!match) return undefined;
    options[match[1]!] = match[2]!;
  }
  return options;
}

const create: Handler = async (ctx) => {
  const p = ctx.prompts.current;
  const name = await p.input({
    title: vscode.l10n.t('Create a network (1/4): name'),
    prompt: vscode.l10n.t('Containers on the same user network reach each other by container name or alias.'),
    validateInput: (v) => (NAME.test(v) ? undefined : vscode.l10n.t('Use letters, digits, and _ . - (not first).')),
  });
  if (!name) return;
  const driver = await p.pick(
    [
      { label: 'bridge', description: vscode.l10n.t('containers on this host (the usual choice)') },
      { label: 'overlay', description: vscode.l10n.t('across swarm nodes') },
      { label: 'macvlan', description: vscode.l10n.t('containers appear as devices on your LAN') },
      { label: 'ipvlan', description: vscode.l10n.t('like macvlan, sharing the host MAC address') },
    ],
    { title: vscode.l10n.t('Create a network (2/4): driver') },
  );
  if (!driver) return;
  // macvlan and ipvlan hang off an interface of the engine's host: `docker network create -o parent=eth0`.
  let driverOptions: Record<string, string> = {};
  if (driver.label === 'macvlan' || driver.label === 'ipvlan') {
    const answer = await p.input({
      title: vscode.l10n.t('Driver options (-o) for {0}', driver.label),
      prompt: driver.label === 'macvlan'
        ? vscode.l10n.t('parent=INTERFACE is the network interface of the engine\'s host the containers appear on (e.g. parent=eth0, or parent=eth0.10 for VLAN 10); also macvlan_mode=bridge. Separate options with blanks.')
        : vscode.l10n.t('parent=INTERFACE is the network interface of the engine\'s host the containers share (e.g. parent=eth0); also ipvlan_mode=l2 or l3. Separate options with blanks.'),
      value: 'parent=',
      validateInput: (v) => (parseDriverOptions(v) && !/(^|[\s,])parent=($|[\s,])/.test(v) ? undefined : vscode.l10n.t('Use key=value pairs such as parent=eth0, separated by blanks.')),
    });
    if (answer === undefined) return;
    driverOptions = parseDriverOptions(answer) ?? {};
  }
  const subnet = await p.input({
    title: vscode.l10n.t('Create a network (3/4): subnet (optional)'),
    prompt: vscode.l10n.t('e.g. 172.28.0.0/16; leave empty to let the engine choose'),
    validateInput: (v) => (v === '' || CIDR.test(v) ? undefined : vscode.l10n.t('Use CIDR notation such as 172.28.0.0/16.')),
  });
  if (subnet === undefined) return;
  let gateway = '';
  if (subnet) {
    const answer = await p.input({ title: vscode.l10n.t('Gateway (optional)'), validateInput: (v) => (v === '' || IP.test(v) ? undefined : vscode.l10n.t('Not an IP address.')) });
    if (answer === undefined) return;
    gateway = answer;
  }
  const options = await p.pickMany(
    [
      { label: vscode.l10n.t('Internal'), description: vscode.l10n.t('no access to the outside world'), key: 'internal' },
      { label: vscode.l10n.t('Attachable'), description: vscode.l10n.t('standalone containers may join (overlay)'), key: 'attachable', picked: driver.label === 'overlay' },
    ],
    { title: vscode.l10n.t('Create a network (4/4): options') },
  );
  if (!options) return;
  await ctx.active.engine.createNetwork({
    Name: name,
    Driver: driver.label,
    CheckDuplicate: true,
    Internal: options.some((o) => o.key === 'internal'),
    Attachable: options.some((o) => o.key === 'attachable'),
    ...(Object.keys(driverOptions).length ? { Options: driverOptions } : {}),
    IPAM: subnet ? { Driver: 'default', Config: [{ Subnet: subnet, ...(gateway ? { Gateway: gateway } : {}) }] } : undefined,
  });
  ctx.model.followUp('network');
};

const connect: Handler = async (ctx, node) => {
  const network = node?.kind === 'network' ? ctx.model.networks.get(node.id) : await pickNetwork(ctx, vscode.l10n.t('Connect to which network?'), (n) => n.Name !== 'host' && n.Name !== 'none');
  if (!network) return;
  const members = new Set(ctx.views.networks.membersOf(network).map((m) => m.container.Id));
  const [container] = await pickContainers(ctx, { title: vscode.l10n.t('Connect which container to {0}?', network.Name) });
  if (!container || members.has(container.Id)) return;
  const aliases = await ctx.prompts.current.input({
    title: vscode.l10n.t('Aliases on {0} (optional)', network.Name),
    prompt: vscode.l10n.t('Extra names other containers on this network can use for {0}, separated by spaces or commas.', containerName(container)),
  });
  if (aliases === undefined) return;
  await ctx.active.engine.connectNetwork(network.Id, container.Id, aliases.split(/[\s,]+/).filter(Boolean));
  ctx.model.refreshOne('container', container.Id); // a stopped container gets no connect event
  ctx.model.followUp('network');
};

const disconnect: Handler = async (ctx, node) => {
  const network = node?.parent?.kind === 'network' ? ctx.model.networks.get(node.parent.id) : await pickNetwork(ctx, vscode.l10n.t('Disconnect from which network?'));
  if (!network) return;
  let containerId = containerIdOf(node);
  if (!containerId) {
    const members = ctx.views.networks.membersOf(network).map((m) => m.container);
    const picked = await ctx.prompts.current.pick(members.map((c) => ({ label: containerName(c), container: c })), { title: vscode.l10n.t('Disconnect which container?') });
    containerId = picked?.container.Id;
  }
  if (!containerId) return;
  await ctx.active.engine.disconnectNetwork(network.Id, containerId);
  ctx.model.refreshOne('container', containerId);
  ctx.model.followUp('network');
};

const remove: Handler = async (ctx, node, nodes) => {
  let networks = selection(node, nodes, 'network').map((n) => ctx.model.networks.get(n.id)).filter((n) => n !== undefined);
  if (networks.length === 0) {
    const picked = await pickNetwork(ctx, vscode.l10n.t('Remove network'), (n) => !BUILT_IN_NETWORKS.has(n.Name));
    networks = picked ? [picked] : [];
  }
  networks = networks.filter((n) => !BUILT_IN_NETWORKS.has(n.Name));
  if (networks.length === 0) return;
  const used = networks.filter((n) => ctx.views.networks.membersOf(n).length > 0);
  if (used.length) {
    void vscode.window.showWarningMessage(used.map((n) => vscode.l10n.t('Network {0} still has containers: {1}. Disconnect or remove them first.', n.Name, ctx.views.networks.membersOf(n).map((m) => containerName(m.container)).join(', '))).join(' '));
    return;
  }
  const action = vscode.l10n.t('Remove');
  const message = networks.length === 1 ? vscode.l10n.t('Remove network {0}?', networks[0]!.Name) : vscode.l10n.t('Remove {0} networks?', networks.length);
  if ((await ctx.prompts.current.confirm(message, networks.map((n) => n.Name).join(', '), action)) !== action) return;
  for (const n of networks) await ctx.active.engine.removeNetwork(n.Id);
  ctx.model.followUp('network');
};

const prune: Handler = async (ctx) => {
  await modelListed(ctx);
  const unused = [...ctx.model.networks.values()].filter((n) => !BUILT_IN_NETWORKS.has(n.Name) && ctx.views.networks.membersOf(n).length === 0);
  if (unused.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No unused networks.'));
    return;
  }
  const one = unused.length === 1;
  const action = one ? vscode.l10n.t('Remove 1 Network') : vscode.l10n.t('Remove {0} Networks', unused.length);
  const detail = (one ? vscode.l10n.t('No container is connected to this network:') : vscode.l10n.t('No container is connected to these networks:')) + '\n' + unused.map((n) => n.Name).join('\n');
  const message = one ? vscode.l10n.t('Remove 1 unused network?') : vscode.l10n.t('Remove {0} unused networks?', unused.length);
  if ((await ctx.prompts.current.confirm(message, detail, action)) !== action) return;
  // Exactly the listed ones, by id; one a container joined since is refused and reported.
  const outcome = await removeEach(unused, (n) => n.Name, (n) => ctx.active.engine.removeNetwork(n.Id));
  ctx.model.followUp('network');
  if (outcome.left.length) void vscode.window.showWarningMessage(vscode.l10n.t('Removed {0} networks. Left: {1}.', outcome.removed.length, describeLeft(outcome.left)));
  return outcome;
};

export const networkCommands: Record<string, Handler> = {
  'dockerWorkbench.networks.create': create,
  'dockerWorkbench.networks.connect': connect,
  'dockerWorkbench.networks.disconnect': disconnect,
  'dockerWorkbench.networks.remove': remove,
  'dockerWorkbench.networks.prune': prune,
};
