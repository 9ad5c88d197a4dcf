// Step 1: is the Docker Engine reachable? Asks the active engine for its version and facts, and
// when it cannot be reached says why in plain words with what to do (socket missing, permission
// denied, refused, TLS, time-out), offering Retry and Switch Engine.
import * as vscode from 'vscode';
import { EngineError } from '../engine/engineError';
import type { StepSession } from './learnSession';
import { LEARN_COMMANDS, LEARN_DONE } from './learnSteps';

export interface EngineCheckResult {
  ok: boolean;
  endpoint: string;
  version?: string;
  /** Why the engine could not be reached (EngineError kinds). */
  problem?: string;
}

/** What to do about an unreachable engine, by the kind of failure. */
export function engineAdvice(error: unknown, endpoint: string): string {
  const kind = error instanceof EngineError ? error.kind : 'failed';
  switch (kind) {
    case 'socketMissing':
      return vscode.l10n.t('There is no engine socket at {0}, so the engine is not running there. Start it: on Linux run "sudo systemctl start docker"; with Docker Desktop or Podman Desktop, start the app. If your engine lives elsewhere, choose it with Switch Engine (DOCKER_HOST and Docker contexts are listed).', endpoint);
    case 'permissionDenied':
      return vscode.l10n.t('The engine is running, but your user may not use its socket {0}. Add yourself to the docker group with "sudo usermod -aG docker $USER", then log out and back in (or run "newgrp docker") and restart VS Code. Members of that group can control the engine, which is as powerful as root on this machine.', endpoint);
    case 'refused':
      return vscode.l10n.t('Nothing answers at {0}: the engine is stopped, or listens somewhere else. Start it (on Linux "sudo systemctl start docker"), or choose the right engine with Switch Engine.', endpoint);
    case 'tls':
      return vscode.l10n.t('The secure connection to {0} failed. Check that DOCKER_CERT_PATH points at the certificates the engine expects and that DOCKER_TLS_VERIFY matches its setup.', endpoint);
    case 'timeout':
      return vscode.l10n.t('The engine at {0} did not answer in time. It may still be starting, or the machine it runs on is busy or unreachable. Wait a moment and retry.', endpoint);
    default:
      return vscode.l10n.t('The engine at {0} answered with an error. The log (Docker Workbench output) has the details.', endpoint);
  }
}

export async function checkEngine(session: StepSession): Promise<EngineCheckResult> {
  const endpoint = session.ctx.active.engine.target.endpoint;
  const report = session.report;
  report.say(vscode.l10n.t('Docker has two parts: the engine (dockerd), a background service that stores images and runs containers, and clients such as the docker command or this extension, which ask the engine to do things through its API. This step asks the engine at {0} who it is.', endpoint));
  await report.show();
  try {
    const version = await session.engine.version();
    const info = await session.engine.info();
    report.command(['version', '--format', '{{.Server.Version}}'], version.Version);
    const facts = [
      vscode.l10n.t('Engine version: {0} (API {1})', version.Version, version.ApiVersion),
      vscode.l10n.t('Operating system: {0} on {1}', String(info.OperatingSystem ?? version.Os), String(info.Architecture ?? version.Arch)),
      vscode.l10n.t('Containers: {0} (running: {1})', Number(info.Containers ?? 0), Number(info.ContainersRunning ?? 0)),
      vscode.l10n.t('Images: {0}', Number(info.Images ?? 0)),
      vscode.l10n.t('Storage driver: {0}', String(info.Driver ?? '')),
    ];
    report.say(facts.map((f) => `- ${f}`).join('\n'));
    report.conclude(vscode.l10n.t('The engine answers. Everything the next steps do goes through it: the Containers, Images, Volumes and Networks views show what it has, live, as its events arrive.'));
    await session.complete(LEARN_DONE.checkEngine);
    void session.prompts.info(vscode.l10n.t('Connected to Docker Engine {0} at {1}.', version.Version, endpoint));
    return { ok: true, endpoint, version: version.Version };
  } catch (error) {
    const advice = engineAdvice(error, endpoint);
    report.say(`**${vscode.l10n.t('The engine could not be reached.')}** ${advice}`);
    if (error instanceof EngineError && error.detail) report.line('dockerd', error.detail);
    const retry = vscode.l10n.t('Retry');
    const switchEngine = vscode.l10n.t('Switch Engine…');
    void session.prompts.info(advice, retry, switchEngine).then((choice) => {
      if (choice === retry) void vscode.commands.executeCommand(LEARN_COMMANDS.checkEngine);
      else if (choice === switchEngine) void vscode.commands.executeCommand('dockerWorkbench.engine.pick');
    });
    return { ok: false, endpoint, problem: error instanceof EngineError ? error.kind : 'failed' };
  }
}
