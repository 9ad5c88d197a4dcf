// Step 6: a user-defined network with service discovery. learn-web joins it with the alias
// "web" and serves a page; learn-client looks the name up (nslookup), pings it and fetches the
// page by name. When the engine's DNS for containers does not answer, it says why that happens
// and shows the same connection by address.
import * as vscode from 'vscode';
import type { StepSession } from './learnSession';
import { learnImage } from './learnImage';
import { itemsOfStep, LEARN_DONE, NAMES } from './learnSteps';

export interface NetworkResult {
  network: string;
  webAddress: string;
  /** The address "web" resolved to inside learn-client, when the engine's DNS answered. */
  resolved: string | undefined;
  /** True when learn-client reached learn-web (by name, or by address without DNS). */
  reached: boolean;
}

/** The first address in nslookup's answer (after the "Name:" line, so not the DNS server's own). */
export function answerAddress(output: string): string | undefined {
  const lines = output.split('\n');
  const name = lines.findIndex((l) => /^Name:/i.test(l.trim()));
  if (name < 0) return undefined;
  for (const line of lines.slice(name + 1)) {
    const m = /^Address(?:\s*\d+)?:\s*([0-9a-fA-F.:]+)/.exec(line.trim());
    if (m) return m[1];
  }
  return undefined;
}

// The page learn-web serves; the text is passed as an argument, never spliced into the script.
const SERVE = 'mkdir -p /www && echo "$1" > /www/index.html && (httpd -f -p 80 -h /www || exec sleep 3600)';

export async function network(session: StepSession): Promise<NetworkResult | undefined> {
  const { report } = session;
  report.say(vscode.l10n.t('Containers on the same user-defined network can reach each other by name: the engine runs a small DNS server for them, which answers with the container\'s name and any alias you give it. That is how an app finds its database as "db", whatever address the container got.'));
  await report.show();
  if (!(await session.clearLeftovers(itemsOfStep(6, undefined)))) return undefined;
  const image = await learnImage(session);
  if (!image) return undefined;

  report.command(['network', 'create', NAMES.network]);
  await session.engine.createNetwork({ Name: NAMES.network, Driver: 'bridge', CheckDuplicate: true });
  const web = await session.run({
    image,
    name: NAMES.web,
    network: NAMES.network,
    networkAliases: [NAMES.webAlias],
    command: ['sh', '-c', SERVE, 'sh', vscode.l10n.t('Hello from {0}, reached by its alias "{1}".', NAMES.web, NAMES.webAlias)],
  });
  const client = await session.run({ image, name: NAMES.client, network: NAMES.network, command: ['sleep', '3600'] });

  const state = await session.engine.inspectContainer(web.id);
  const webAddress = state.NetworkSettings?.Networks?.[NAMES.network]?.IPAddress ?? '';
  if (!state.State?.Running) {
    report.say(vscode.l10n.t('{0} is not running (it exited with code {1}), and a stopped container has no name on the network. Its logs in the Containers view say why.', web.name, state.State?.ExitCode ?? '?'));
  }

  report.say(vscode.l10n.t('From {0}, look up the name "{1}":', client.name, NAMES.webAlias));
  const lookup = await session.exec(client, ['nslookup', NAMES.webAlias]);
  const resolved = lookup.exitCode === 0 ? answerAddress(lookup.text) : undefined;
  let reached = false;
  if (resolved) {
    const byName = await session.exec(client, ['ping', '-c', '1', '-W', '2', NAMES.webAlias]);
    if (byName.exitCode === 0) {
      reached = true;
      await session.exec(client, ['wget', '-q', '-T', '5', '-O', '-', `http://${NAMES.webAlias}/`]);
    } else {
      // Some busybox builds (statically linked with glibc) resolve names only in nslookup.
      report.say(vscode.l10n.t('This image\'s ping cannot look names up by itself (its busybox has no resolver library), so here is the same check with the address nslookup returned:'));
      const byAddress = await session.exec(client, ['ping', '-c', '1', '-W', '2', resolved]);
      reached = byAddress.exitCode === 0;
    }
    report.conclude(vscode.l10n.t('"{0}" resolved to {1}, the address of {2} on {3}. Addresses change when containers are re-created; names and aliases do not, so always connect by name. The default "bridge" network has no such DNS, which is why you create your own.', NAMES.webAlias, resolved, web.name, NAMES.network));
  } else {
    report.say(vscode.l10n.t('The name did not resolve. The engine answers names from a DNS server at 127.0.0.11 inside each container, and only for running containers on the same user-defined network; some engine setups (rootless ones, or engines run without their firewall rules) do not provide it. The engine did register the alias: {0} is "{1}" on {2}, at {3}. The same connection by address:', web.name, NAMES.webAlias, NAMES.network, webAddress));
    if (webAddress) {
      const ping = await session.exec(client, ['ping', '-c', '1', '-W', '2', webAddress]);
      reached = ping.exitCode === 0;
    }
    report.conclude(vscode.l10n.t('On an engine with its usual setup, "{0}" resolves to {1} and the page loads by name. Addresses change when containers are re-created; names and aliases do not, so always connect by name.', NAMES.webAlias, webAddress));
  }
  if (resolved || reached) await session.complete(LEARN_DONE.network);
  await session.finish(vscode.l10n.t('Step 6: {0} and {1} share the network {2}. Clean up when you are done.', web.name, client.name, NAMES.network), itemsOfStep(6, undefined));
  return { network: NAMES.network, webAddress, resolved, reached };
}
