// The walkthrough's commands (one per step, plus open and clean up) and "Explain this
// Dockerfile", as handlers for the command table. Each step command checks Workspace Trust when it
// runs or builds something, then does its work through the extension's own modules and returns
// what it did (the integration tests check it against the engine).
import * as vscode from 'vscode';
import type { CommandContext, Handler } from '../commands/commandContext';
import { LearnDocuments } from './learnDocuments';
import { requireTrustFor, StepSession, type LearnDeps } from './learnSession';
import { cleanUpItems, existingItems } from './learnCleanUp';
import { allLearnItems, LEARN_COMMANDS, WALKTHROUGH_ID } from './learnSteps';
import { checkEngine } from './step1Engine';
import { runContainers } from './step2Run';
import { separateFilesystems } from './step3Filesystems';
import { shareVolume } from './step4Volumes';
import { bindMount } from './step5BindMount';
import { network } from './step6Network';
import { buildCache } from './step7BuildCache';
import { compose } from './step8Compose';
import { explainDockerfile } from './explainCommand';

export { LEARN_COMMANDS, LEARN_DONE, NAMES, WALKTHROUGH_ID } from './learnSteps';

type StepWork = (session: StepSession) => Promise<unknown>;

const TITLES: Record<number, () => string> = {
  1: () => vscode.l10n.t('Step 1: Is the Docker Engine reachable?'),
  2: () => vscode.l10n.t('Step 2: Run containers in the background and interactively'),
  3: () => vscode.l10n.t('Step 3: Each container has its own filesystem'),
  4: () => vscode.l10n.t('Step 4: A named volume outlives its containers'),
  5: () => vscode.l10n.t('Step 5: Bind-mount the workspace for live editing'),
  6: () => vscode.l10n.t('Step 6: Containers on a network find each other by name'),
  7: () => vscode.l10n.t('Step 7: Build an image and watch the build cache'),
  8: () => vscode.l10n.t('Step 8: The two-container app as a compose file'),
};

export interface Learn {
  commands: Record<string, Handler>;
  documents: LearnDocuments;
}

/** Creates the walkthrough's documents and command handlers; `deps` come from the composition root. */
export function registerLearn(context: vscode.ExtensionContext, deps: Omit<LearnDeps, 'documents'>): Learn {
  const documents = new LearnDocuments();
  context.subscriptions.push(documents);
  const full: LearnDeps = { ...deps, documents };

  const step = (n: number, work: StepWork, needsTrust = true): Handler => async (ctx: CommandContext) => {
    if (needsTrust && !requireTrustFor(n)) return undefined;
    return work(new StepSession(ctx, full, n, TITLES[n]!()));
  };

  const cleanUpEverything: Handler = async (ctx) => {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    const found = await existingItems(ctx.active.engine, allLearnItems(folder));
    if (found.length === 0) {
      void ctx.prompts.current.info(vscode.l10n.t('Nothing the walkthrough made is left.'));
      return false;
    }
    return cleanUpItems(ctx, found, { message: vscode.l10n.t('Remove everything the Docker walkthrough made?'), action: vscode.l10n.t('Remove All') });
  };

  return {
    documents,
    commands: {
      [LEARN_COMMANDS.open]: () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
      [LEARN_COMMANDS.checkEngine]: step(1, checkEngine, false),
      [LEARN_COMMANDS.runContainers]: step(2, runContainers),
      [LEARN_COMMANDS.separateFilesystems]: step(3, separateFilesystems),
      [LEARN_COMMANDS.shareVolume]: step(4, shareVolume),
      [LEARN_COMMANDS.bindMount]: step(5, bindMount),
      [LEARN_COMMANDS.network]: step(6, network),
      [LEARN_COMMANDS.buildCache]: step(7, buildCache),
      [LEARN_COMMANDS.compose]: step(8, compose),
      [LEARN_COMMANDS.cleanUp]: cleanUpEverything,
      [LEARN_COMMANDS.explain]: (ctx, node) => explainDockerfile(ctx, full, node),
    },
  };
}
