// The "Explain this Dockerfile" document: the explanation from explain.ts as Markdown, summary
// first, then each stage with an overview table (line, instruction, layer, last build) and the
// details of every instruction. Pure; every sentence is one t() string.
import { formatBytes } from '../../formatBytes';
import { t } from '../../l10n';
import type { BuiltImageFact } from '../../languageService';
import { explainDockerfile, type DockerfileExplanation, type InstructionExplanation, type StageExplanation } from './explain';

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
/** Table cells: no pipes or line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function layerLabel(i: InstructionExplanation): string {
  switch (i.layer) {
    case 'filesystem': return t('filesystem layer');
    case 'metadata': return t('metadata only');
    default: return t('no layer');
  }
}

function builtLabel(i: InstructionExplanation): string {
  if (!i.built) return '';
  if (i.built.cached === true) return t('{0}, from the cache', formatBytes(i.built.size));
  if (i.built.cached === false) return t('{0}, built again', formatBytes(i.built.size));
  return formatBytes(i.built.size);
}

function instructionSection(i: InstructionExplanation): string[] {
  const lines = i.endLine > i.line ? t('Lines {0}–{1}', i.line, i.endLine) : t('Line {0}', i.line);
  const out = [`#### ${lines} · ${code(i.source)}`, ''];
  out.push(`- **${t('Build time')}:** ${i.buildTime.join(' ') || t('Nothing happens during the build.')}`);
  out.push(`- **${t('Run time')}:** ${i.runTime.join(' ') || t('Nothing.')}`);
  out.push(`- **${t('Layer')}:** ${layerLabel(i)}${i.layerNote ? ` — ${i.layerNote}` : ''}`);
  if (i.invalidatedBy.length) {
    out.push(`- **${t('Rebuilt from this line on when')}:**`);
    for (const reason of i.invalidatedBy) out.push(`  - ${reason}`);
  }
  if (i.notInvalidatedBy.length) {
    out.push(`- **${t('Not rebuilt just because of')}:**`);
    for (const reason of i.notInvalidatedBy) out.push(`  - ${reason}`);
  }
  if (i.built) out.push(`- **${t('Last build')}:** ${builtLabel(i)}`);
  out.push('');
  return out;
}

function stageSection(s: StageExplanation, count: number): string[] {
  const title = s.name
    ? t('Stage {0} of {1}: {2}', s.index + 1, count, code(s.name))
    : t('Stage {0} of {1}', s.index + 1, count);
  const out = [`## ${title}`, ''];
  switch (s.base.kind) {
    case 'stage': out.push(t('Builds on stage {0} (lines {1}–{2}).', code(s.base.name), s.line, s.endLine)); break;
    case 'scratch': out.push(t('Starts from an empty filesystem (scratch) (lines {0}–{1}).', s.line, s.endLine)); break;
    case 'buildArg': out.push(t('Starts from an image chosen by a build argument, {0} (lines {1}–{2}).', code(s.base.name), s.line, s.endLine)); break;
    default: out.push(t('Starts from the image {0} (lines {1}–{2}).', code(s.base.name), s.line, s.endLine));
  }
  if (s.final) out.push(t('This is the final stage: the image is what it ends with.'));
  else if (s.neededByFinal) out.push(t('The final stage needs this stage, so it is built; only what the final stage copies or builds on ends up in the image.'));
  else out.push(t('The final stage does not use this stage, so BuildKit skips it (the classic builder still builds it). Build it on its own with --target {0}.', s.label));
  if (s.dependsOn.length) out.push(t('It uses stage {0}: a rebuilt step there rebuilds the steps here that depend on it.', s.dependsOn.map(code).join(', ')));
  out.push('');

  const hasBuilt = s.instructions.some((i) => i.built);
  out.push(hasBuilt
    ? `| ${t('Line')} | ${t('Instruction')} | ${t('Creates')} | ${t('Last build')} |`
    : `| ${t('Line')} | ${t('Instruction')} | ${t('Creates')} |`);
  out.push(hasBuilt ? '| ---: | --- | --- | --- |' : '| ---: | --- | --- |');
  for (const i of s.instructions) {
    const row = [String(i.line), cell(code(i.source.length > 60 ? `${i.source.slice(0, 59)}…` : i.source)), layerLabel(i)];
    if (hasBuilt) row.push(builtLabel(i));
    out.push(`| ${row.join(' | ')} |`);
  }
  out.push('');
  for (const i of s.instructions) out.push(...instructionSection(i));
  return out;
}

/** The whole explanation as Markdown; `fileName` only labels the title. */
export function explanationMarkdown(e: DockerfileExplanation, fileName = 'Dockerfile'): string {
  const s = e.summary;
  const out: string[] = [`# ${t('Explanation of {0}', fileName)}`, ''];
  out.push(`## ${t('Summary')}`, '');
  if (s.stageCount === 0) {
    out.push(t('This file has no FROM line yet, so it builds nothing. Every Dockerfile starts with FROM, the image to build on.'), '');
    return out.join('\n');
  }
  if (s.stageCount === 1) out.push(`- ${t('One stage.')}`);
  else if (s.finalStageNamed) out.push(`- ${t('{0} stages (a multi-stage build): only the last one, {1}, becomes the image; the others are steps on the way.', s.stageCount, code(s.finalStage ?? ''))}`);
  else out.push(`- ${t('{0} stages (a multi-stage build): only the last one becomes the image; the others are steps on the way.', s.stageCount)}`);
  if (s.finalBase === 'scratch') out.push(`- ${t('The final image starts from scratch: it holds only the files this Dockerfile puts in it.')}`);
  else if (s.finalBase) out.push(`- ${t('The final image is built on {0}.', code(s.finalBase))}`);
  else out.push(`- ${t('The final image is built on an image that a build argument chooses.')}`);
  out.push(`- ${s.effectiveCommand}`);
  out.push(`- ${s.filesystemLayers === 1
    ? t('This file adds 1 filesystem layer to the final image (RUN, COPY and ADD each add one); {0} other instructions only record settings.', s.metadataInstructions)
    : t('This file adds {0} filesystem layers to the final image (one for each RUN, COPY and ADD); {1} other instructions only record settings.', s.filesystemLayers, s.metadataInstructions)}`);
  if (s.skippedStages.length) out.push(`- ${t('Not used by the final stage, so BuildKit skips: {0}.', s.skippedStages.map(code).join(', '))}`);
  if (s.lastBuild) {
    out.push(`- ${t('Last build: {0}. {1} of its layers are matched to lines below; {2} came from the cache.', code(s.lastBuild.image), s.lastBuild.matched, s.lastBuild.cached)}`);
  } else {
    out.push(`- ${t('Build this Dockerfile with Docker Workbench to see each layer\'s size, and whether it came from the cache, here and as hints in the editor.')}`);
  }
  out.push('');
  out.push(`## ${t('Build time and run time')}`, '');
  out.push(t('Build time is when docker build runs: FROM, RUN, COPY and ADD do their work then, and each RUN, COPY and ADD saves a layer of files. Run time is when a container starts from the finished image: only the recorded settings (CMD, ENTRYPOINT, ENV, WORKDIR, USER, EXPOSE, VOLUME, HEALTHCHECK…) act then. A RUN never runs again when a container starts.'), '');
  out.push(`## ${t('How the build cache works')}`, '');
  out.push(t('The builder reuses a step from its cache as long as the step and every step before it are unchanged. The first step that changed runs again, and so does every step after it in the same stage, and in the stages that build on it or copy from it. That is why files that change often are copied as late as possible.'), '');
  if (e.globalArgs.length) {
    out.push(`## ${t('Before the first stage')}`, '');
    for (const i of e.globalArgs) out.push(...instructionSection(i));
  }
  for (const stage of e.stages) out.push(...stageSection(stage, e.stages.length));
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Text in, Markdown out: what the language server answers to the explain request. */
export function explainToMarkdown(text: string, fileName?: string, built?: Pick<BuiltImageFact, 'image' | 'layers'>): { markdown: string; explanation: DockerfileExplanation } {
  const explanation = explainDockerfile(text, built);
  return { markdown: explanationMarkdown(explanation, fileName), explanation };
}

/**
 * The explain request's answer: the text sent (or the open document's), with what the client
 * built from it (sent along, or last told to the server). Null when there is no text to explain.
 */
export function answerExplainRequest(
  params: { uri: string; text?: string; built?: BuiltImageFact },
  openText: (uri: string) => string | undefined,
  builtImages: readonly BuiltImageFact[],
): { markdown: string } | null {
  const text = typeof params?.text === 'string' ? params.text : openText(params?.uri);
  if (text === undefined) return null;
  const built = params.built && Array.isArray(params.built.layers) ? params.built : builtImages.find((b) => b.dockerfileUri === params.uri);
  const name = basename(params.uri) || 'Dockerfile';
  return { markdown: explainToMarkdown(text, name, built).markdown };
}

/** The file name of a URI, decoded when it decodes. */
function basename(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
