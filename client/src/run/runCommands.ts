// The run commands: Run Image… (the form), Run Interactive (`--rm -it` in an attached terminal),
// run a given RunSpec without the form (keyboard users, tests, other commands), re-run or delete
// a saved configuration. Each refuses in an untrusted workspace and says why.
import * as vscode from 'vscode';
import type { CommandContext, Handler } from '../commands/commandContext';
import { imageTargetOf, REFERENCE } from '../commands/imageCommands';
import type { TreeNode } from '../views/treeNode';
import { shortId } from '../views/format';
import { hasErrors, normalizeRunSpec, validateRunSpec, type RunSpec } from './runSpec';
import { commandLineOf, RunError } from './runContainer';
import { ensureTrusted } from './runTrust';
import type { RunWorkflow } from './runWorkflow';

function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'key' in value;
}

/** The image reference a command is for: the clicked node, a reference passed as argument, or a pick. */
async function imageReference(ctx: CommandContext, arg: unknown, title: string): Promise<string | undefined> {
  if (typeof arg === 'string' && arg.trim()) return arg.trim();
  if (isTreeNode(arg) && arg.kind === 'image') {
    const target = imageTargetOf(ctx, arg);
    if (target) return target.reference;
  }
  // The model may not be connected yet (no view opened), so list the engine's images directly.
  const images = await ctx.active.engine.listImages();
  const items = images.flatMap((image) => {
    const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    return (tags.length ? tags : [shortId(image.Id)]).map((reference) => ({ label: reference, description: shortId(image.Id), reference }));
  }).sort((a, b) => a.label.localeCompare(b.label));
  // The notes' `docker run alpine …` needs an image this engine may not have yet: it is pulled.
  const other = { label: `$(cloud-download) ${vscode.l10n.t('An image that is not here (pulled from its registry)…')}`, description: '', reference: '' };
  const picked = items.length
    ? await ctx.prompts.current.pick([...items, other], { title, placeHolder: vscode.l10n.t('Image to run') })
    : other;
  if (!picked) return undefined;
  if (picked.reference) return picked.reference;
  const typed = await ctx.prompts.current.input({
    title,
    prompt: vscode.l10n.t('An image reference such as alpine:3.20, python:3.12 or ghcr.io/org/app:tag. The form offers to pull it; Run pulls it first if needed.'),
    validateInput: (v) => (REFERENCE.test(v.trim()) || /@sha256:[a-f0-9]{64}$/.test(v.trim()) ? undefined : vscode.l10n.t('Not a valid image reference.')),
  });
  return typed?.trim() || undefined;
}

const runImage = (workflow: RunWorkflow): Handler => async (ctx, node) => {
  if (!ensureTrusted()) return undefined;
  const reference = await imageReference(ctx, node, vscode.l10n.t('Run image'));
  if (!reference) return undefined;
  return workflow.openForm(reference);
};

const runInteractive = (workflow: RunWorkflow): Handler => async (ctx, node) => {
  if (!ensureTrusted()) return undefined;
  const reference = await imageReference(ctx, node, vscode.l10n.t('Run image interactively'));
  if (!reference) return undefined;
  return workflow.run({ image: reference, interactive: true, remove: true });
};

/** Refuses a spec with errors, naming each; warnings go to the log. */
function checked(ctx: CommandContext, input: unknown): RunSpec {
  const spec = normalizeRunSpec(input);
  const problems = validateRunSpec(spec, vscode.l10n);
  for (const warning of problems.filter((p) => p.severity === 'warning')) ctx.log.warn(`run: ${warning.message}`);
  if (hasErrors(problems)) {
    throw new RunError('invalid', vscode.l10n.t('Not run: {0}', problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' ')));
  }
  return spec;
}

/** `dockerWorkbench.run.withSpec`: the form's flow without the form, for a RunSpec argument. */
const runWithSpec = (workflow: RunWorkflow): Handler => async (ctx, arg) => {
  if (!ensureTrusted()) return undefined;
  if (arg === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This command runs the RunSpec it is given (e.g. from a keybinding\'s "args"). To fill one in, use "Docker: Run Image…".'));
    return undefined;
  }
  return workflow.run(checked(ctx, arg));
};

async function pickConfiguration(workflow: RunWorkflow, ctx: CommandContext, arg: unknown, title: string): Promise<string | undefined> {
  if (typeof arg === 'string') {
    if (workflow.configurations.get(arg)) return arg;
    throw new Error(vscode.l10n.t('There is no saved run configuration named "{0}".', arg));
  }
  const saved = workflow.configurations.list();
  if (saved.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run configurations are saved in this workspace yet. Use "Save Configuration…" in the Run Image form.'));
    return undefined;
  }
  const items = saved.map((c) => ({ label: c.name, description: c.spec.image, detail: commandLineOf(c.spec), name: c.name }));
  return (await ctx.prompts.current.pick(items, { title, matchOnDescription: true, matchOnDetail: true }))?.name;
}

const rerun = (workflow: RunWorkflow): Handler => async (ctx, arg) => {
  if (!ensureTrusted()) return undefined;
  const name = await pickConfiguration(workflow, ctx, arg, vscode.l10n.t('Re-run a saved configuration'));
  if (!name) return undefined;
  return workflow.run(checked(ctx, workflow.configurations.get(name)));
};

const deleteConfiguration = (workflow: RunWorkflow): Handler => async (ctx, arg) => {
  if (!ensureTrusted()) return false;
  const name = await pickConfiguration(workflow, ctx, arg, vscode.l10n.t('Delete a saved configuration'));
  if (!name) return false;
  const deleted = await workflow.configurations.delete(name);
  if (deleted) void vscode.window.showInformationMessage(vscode.l10n.t('Deleted the run configuration "{0}".', name));
  return deleted;
};

/** The run commands of this workflow (the composition root adds them to the command table). */
export function runCommands(workflow: RunWorkflow): Record<string, Handler> {
  return {
    'dockerWorkbench.images.run': runImage(workflow),
    'dockerWorkbench.images.runInteractive': runInteractive(workflow),
    'dockerWorkbench.run.withSpec': runWithSpec(workflow),
    'dockerWorkbench.run.rerun': rerun(workflow),
    'dockerWorkbench.run.deleteConfiguration': deleteConfiguration(workflow),
  };
}
