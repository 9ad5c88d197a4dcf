// Which engine the extension talks to. Switching builds a new DockerEngine and hands it to whoever
// follows the switch (the model, wired at activation): no window reload. The choice is remembered; the status bar shows it; CLI tasks read
// `cliEnv` so the docker CLI uses the same engine.
import * as vscode from 'vscode';
import type { DockerEngine } from './dockerEngine';
import { DockerodeEngine } from './dockerodeEngine';
import { cliDefaultChoiceId, listEngineChoices, type EngineChoice } from './dockerContexts';
import { parseEndpoint, type EngineTarget } from './engineTarget';
import type { SshHooks, UnknownHostQuestion } from './sshTransport';
import { outageOf, type ConnectionState } from './outage';
import type { PromptsHolder } from '../ui/prompts';

const STATE_KEY = 'dockerWorkbench.engineChoice';

export class ActiveEngine implements vscode.Disposable {
  private engineValue: DockerEngine;
  private choiceValue: EngineChoice;
  private readonly statusItem = vscode.window.createStatusBarItem('dockerWorkbench.engine', vscode.StatusBarAlignment.Left, 10);
  private readonly changes = new vscode.EventEmitter<EngineChoice>();
  /** What switchTo waits for once the new engine is in place (the model reconnecting to it). */
  private readonly switchFollowers = new Set<(engine: DockerEngine) => Promise<void>>();
  private connection: ConnectionState = { status: 'connecting' };
  private statusShownValue = false;
  readonly onDidChange = this.changes.event;

  constructor(private readonly state: vscode.Memento, private readonly log: vscode.LogOutputChannel, private readonly prompts: PromptsHolder) {
    const choices = listEngineChoices();
    const remembered = state.get<string>(STATE_KEY);
    const wanted = choices.find((c) => c.id === remembered && c.target) ?? choices.find((c) => c.id === cliDefaultChoiceId() && c.target);
    this.choiceValue = wanted ?? fallbackChoice(choices);
    if (this.choiceValue.problem) log.warn(this.choiceValue.problem);
    this.engineValue = this.createEngine(this.choiceValue.target ?? parseEndpoint(''));
    this.statusItem.name = vscode.l10n.t('Docker engine');
    this.statusItem.command = 'dockerWorkbench.engine.pick';
    // Shown once something asked for the engine (showConnection), not in every window at start-up.
    this.updateStatus();
  }

  get engine(): DockerEngine {
    return this.engineValue;
  }

  get choice(): EngineChoice {
    return this.choiceValue;
  }

  /** Environment for docker/compose CLI processes so they talk to the same engine. */
  get cliEnv(): Record<string, string> {
    return this.choiceValue.cliEnv;
  }

  choices(): EngineChoice[] {
    return listEngineChoices();
  }

  /**
   * `follower` gets each new engine after a switch; switchTo resolves once every follower has. The
   * engine module knows nothing of the model: the composition root subscribes it here.
   */
  onDidSwitch(follower: (engine: DockerEngine) => Promise<void>): vscode.Disposable {
    this.switchFollowers.add(follower);
    return new vscode.Disposable(() => this.switchFollowers.delete(follower));
  }

  async switchTo(choiceId: string): Promise<void> {
    const choice = listEngineChoices().find((c) => c.id === choiceId);
    if (!choice) throw new Error(vscode.l10n.t('There is no engine "{0}".', choiceId));
    if (!choice.target) throw new Error(choice.problem ?? vscode.l10n.t('The engine "{0}" has no usable endpoint.', choice.label));
    this.choiceValue = choice;
    const previous = this.engineValue;
    this.engineValue = this.createEngine(choice.target);
    previous.dispose();
    await this.state.update(STATE_KEY, choice.id);
    this.log.info(`switched to engine ${choice.label} (${choice.target.endpoint})`);
    this.connection = { status: 'connecting' };
    this.updateStatus();
    this.changes.fire(choice);
    const engine = this.engineValue;
    await Promise.all([...this.switchFollowers].map((follow) => follow(engine)));
  }

  private createEngine(target: EngineTarget): DockerEngine {
    const hooks: SshHooks = {
      confirmUnknownHost: (question) => this.confirmUnknownHost(question),
    };
    return new DockerodeEngine(target, vscode.l10n, hooks);
  }

  /** ssh's question for a host whose key known_hosts does not have, with the fingerprint to check. */
  private async confirmUnknownHost(question: UnknownHostQuestion): Promise<boolean> {
    const lines = [vscode.l10n.t('{0} key fingerprint is {1}.', question.keyType, question.fingerprint)];
    if (question.otherTypes.length) lines.push(vscode.l10n.t('known_hosts has a key of another type for this host ({0}), but not this one.', question.otherTypes.join(', ')));
    lines.push(vscode.l10n.t('Check the fingerprint with the host\'s administrator. If you accept it, the key is added to {0} and checked on every later connection.', question.knownHostsFile));
    const trust = vscode.l10n.t('Trust Host and Connect');
    const answer = await this.prompts.current.confirm(vscode.l10n.t('The authenticity of host {0} can\'t be established.', question.host), lines.join('\n\n'), trust);
    const accepted = answer === trust;
    this.log.info(`ssh host ${question.host} (${question.keyType} ${question.fingerprint}) ${accepted ? 'accepted and added to' : 'not accepted; not added to'} ${question.knownHostsFile}`);
    return accepted;
  }

  /**
   * The status bar follows the model: "disconnected" with the reason while the engine cannot be
   * reached. It appears once the model is in use (a view shown, a command that needs its lists).
   */
  showConnection(state: ConnectionState, inUse: boolean): void {
    this.connection = state;
    this.updateStatus();
    if (inUse && !this.statusShownValue) {
      this.statusShownValue = true;
      this.statusItem.show();
    }
  }

  /** Whether the status bar shows the engine (tests). */
  get statusShown(): boolean {
    return this.statusShownValue;
  }

  private updateStatus(): void {
    const label = this.choiceValue.label;
    const endpoint = this.engineValue.target.endpoint;
    const outage = outageOf(this.connection);
    if (outage) {
      this.statusItem.text = `$(debug-disconnect) ${vscode.l10n.t('{0}: disconnected', label)}`;
      this.statusItem.tooltip = vscode.l10n.t('Docker engine {0} ({1}) cannot be reached: {2} Click to switch engines.', label, endpoint, outage.message);
      this.statusItem.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.statusItem.accessibilityInformation = { label: vscode.l10n.t('Docker engine {0}: disconnected', label) };
    } else {
      this.statusItem.text = `$(server-environment) ${label}`;
      this.statusItem.tooltip = this.connection.status === 'connected'
        ? vscode.l10n.t('Docker engine: {0} ({1}), connected. Click to switch.', label, endpoint)
        : vscode.l10n.t('Docker engine: {0} ({1}). Click to switch.', label, endpoint);
      this.statusItem.backgroundColor = undefined;
      this.statusItem.accessibilityInformation = undefined;
    }
  }

  /** What the status bar shows (tests read it). */
  get statusText(): { text: string; tooltip: string } {
    return { text: this.statusItem.text, tooltip: String(this.statusItem.tooltip ?? '') };
  }

  dispose(): void {
    this.engineValue.dispose();
    this.statusItem.dispose();
    this.changes.dispose();
    this.switchFollowers.clear();
  }
}

function fallbackChoice(choices: EngineChoice[]): EngineChoice {
  return choices.find((c) => c.id === 'default') ?? { id: 'default', label: 'default', description: '', cliEnv: {} };
}
