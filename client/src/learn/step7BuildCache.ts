// Step 7: the build cache. Writes a tiny Dockerfile and app.sh (after asking), builds them with
// the docker-build task, changes app.sh, builds again, and opens the Dockerfile: the per-layer
// inlay hints (size, "cached") and this step's report show that every step before the COPY of
// the changed file came from the cache and the COPY ran again.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runBuild } from '../build/buildCommands';
import type { BuildOutcome } from '../build/buildTask';
import type { BuildSpec } from '../build/buildSpec';
import type { BuiltImageFact } from '../../../server/src/core/languageService';
import { formatBytes, shortId } from '../views/format';
import { confirmWrite, learnWorkspace, writeWorkspaceFile, type StepSession } from './learnSession';
import { learnImage } from './learnImage';
import { FILES, itemsOfStep, LEARN_COMMANDS, LEARN_DONE, NAMES } from './learnSteps';
import type { LearnItem } from './learnCleanUp';

export interface BuildCacheResult {
  dockerfile: vscode.Uri;
  first: BuildOutcome;
  second: BuildOutcome;
  /** What the second build recorded: each layer with its size and whether it came from the cache. */
  fact: BuiltImageFact | undefined;
}

export function learnDockerfile(image: string): string {
  return [
    `# ${vscode.l10n.t('Step 7 of the Docker Workbench walkthrough: a tiny image to watch the build cache.')}`,
    `FROM ${image}`,
    'WORKDIR /app',
    `# ${vscode.l10n.t('A slow step that never changes: after the first build it comes from the cache.')}`,
    'RUN echo "prepared" > /app/prepared.txt && sleep 2',
    `# ${vscode.l10n.t('The source changes often, so it is copied last.')}`,
    'COPY app.sh .',
    'CMD ["sh", "app.sh"]',
    '',
  ].join('\n');
}

function appScript(version: number): string {
  // The greeting is an argument of echo in a script of our own; nothing from the user goes in.
  return `echo "${vscode.l10n.t('Hello from version {0} of app.sh', version).replace(/["$`\\]/g, '')}"\n`;
}

function layerTable(fact: BuiltImageFact): string {
  return [...fact.layers]
    .slice(-5)
    .map((l) => `${(l.cached === true ? vscode.l10n.t('cached') : l.cached === false ? vscode.l10n.t('built') : '').padEnd(8)} ${formatBytes(l.size).padStart(8)}  ${l.createdBy.replace(/\s+# buildkit$/, '').slice(0, 70)}`)
    .join('\n');
}

export async function buildCache(session: StepSession): Promise<BuildCacheResult | undefined> {
  const { report } = session;
  const folder = learnWorkspace(session.step);
  if (!folder) return undefined;
  report.say(vscode.l10n.t('An image is built from a Dockerfile one instruction at a time, and each RUN, COPY and ADD saves a layer. The builder remembers them: when an instruction and everything before it are unchanged, it reuses the layer instead of running the step again. This step builds a tiny image twice, with a change to one source file in between.'));
  await report.show();
  if (!(await confirmWrite(session, folder, [FILES.dockerfile, FILES.appScript]))) return undefined;
  const image = await learnImage(session);
  if (!image) return undefined;

  const dockerfile = await writeWorkspaceFile(folder, FILES.dockerfile, learnDockerfile(image));
  const script = await writeWorkspaceFile(folder, FILES.appScript, appScript(1));
  report.file(learnDockerfile(image), 'dockerfile');
  const spec: BuildSpec = { dockerfile: dockerfile.fsPath, context: path.dirname(dockerfile.fsPath), tag: NAMES.image, buildArgs: {}, noCache: false };
  const extraItems: LearnItem[] = [];

  report.say(vscode.l10n.t('First build (the terminal shows the builder\'s output):'));
  report.command(['build', '-t', NAMES.image, vscode.workspace.asRelativePath(spec.context)]);
  const first = await runBuild(session.deps.build, spec);
  if (!first.ok) {
    report.say(vscode.l10n.t('The build failed; the terminal shows why, and the failing line is marked in the Dockerfile.'));
    await vscode.window.showTextDocument(dockerfile, { viewColumn: vscode.ViewColumn.Beside });
    return { dockerfile, first, second: first, fact: undefined };
  }
  const firstImage = await session.engine.inspectImage(NAMES.image).catch(() => undefined);

  report.say(vscode.l10n.t('Now app.sh changes (version 2), and the same build runs again:'));
  await vscode.workspace.fs.writeFile(script, Buffer.from(appScript(2), 'utf8'));
  report.file(appScript(2), 'sh');
  report.command(['build', '-t', NAMES.image, vscode.workspace.asRelativePath(spec.context)]);
  const second = await runBuild(session.deps.build, spec);
  const fact = session.deps.builtImages.forDockerfile(dockerfile.toString());
  if (fact) report.line('docker history learn-cache:latest', layerTable(fact));

  // The first build's image lost its name to the second one; it is this step's to clean up.
  const secondImage = await session.engine.inspectImage(NAMES.image).catch(() => undefined);
  if (firstImage && secondImage && firstImage.Id !== secondImage.Id) {
    extraItems.push({ kind: 'image', name: shortId(firstImage.Id) });
    report.say(vscode.l10n.t('The first image ({0}) lost the name {1} to the new one and is now a dangling image: nameless, listed under "dangling" in the Images view.', shortId(firstImage.Id), NAMES.image));
  }
  report.conclude(vscode.l10n.t('WORKDIR and the slow RUN came from the cache in the second build: nothing before them changed. The COPY of app.sh ran again because the file\'s content changed, and so would every step after it. Put what changes often (your source) after what changes rarely (dependencies) and most builds take seconds. The Dockerfile now shows each layer\'s size and "cached" at the end of its line.'));

  if (/:latest$/.test(image)) {
    report.say(vscode.l10n.t('The Dockerfile shows one warning, on FROM {0}: "latest" moves to a new version over time, so the same Dockerfile can build something different next month. Hover it to read why; real projects pin a version such as busybox:1.36. Here the image you already have is fine.', image));
  }
  await vscode.window.showTextDocument(dockerfile, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  if (second.ok) await session.complete(LEARN_DONE.buildCache);
  await session.finish(
    vscode.l10n.t('Step 7: built {0} twice; the Dockerfile shows which layers came from the cache.', NAMES.image),
    [...itemsOfStep(7, folder), ...extraItems],
    [{ label: vscode.l10n.t('Explain This Dockerfile'), run: () => vscode.commands.executeCommand(LEARN_COMMANDS.explain, dockerfile) }],
  );
  return { dockerfile, first, second, fact };
}
