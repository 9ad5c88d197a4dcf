// Hovers that teach: instructions and flags explained with an example, variables with their
// value and where they come from, stages, base images with what the local engine knows, and the
// rule behind a diagnostic.
import type { ServiceContext } from '../../languageService';
import { formatBytes } from '../../formatBytes';
import { t } from '../../l10n';
import type { Diagnostic, Hover } from '../../types';
import type { Instruction, Span } from '../syntax/ast';
import { mapLayers } from '../analysis/layerMap';
import type { Analysis } from '../analysis/analysis';
import { instructionDoc } from './docs/instructionDocs';
import { DIRECTIVE_DOCS, flagDoc, mountKeyDoc } from './docs/flagDocs';
import { imagePageUrl, parseImageRef } from '../syntax/imageRef';
import { ruleById } from '../validation/rules/allRules';
import { peerIds } from '../validation/rules/rule';
import { symbolAt } from '../analysis/symbols';
import { escapeMarkdown, inlineCode } from '../../markdown';

const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;
/** A hover whose range is the span, when the span holds the position (else no range: LSP wants it to). */
const md = (value: string, a: Analysis, span: Span, offset: number): Hover =>
  (inside(span, offset) ? { contents: { kind: 'markdown', value }, range: a.range(span) } : { contents: { kind: 'markdown', value } });
const lineOf = (a: Analysis, offset: number) => String(a.lines.positionAt(offset).line + 1);

export function hover(a: Analysis, offset: number, context: ServiceContext, diagnostics: () => Diagnostic[], uri?: string): Hover | null {
  for (const d of a.doc.directives) {
    if (inside(d.nameSpan, offset)) {
      const doc = DIRECTIVE_DOCS[d.name.toLowerCase()];
      if (doc) return md(`**# ${d.name.toLowerCase()}=**\n\n${doc()}`, a, d.nameSpan, offset);
    }
  }
  const instruction = a.instructionAt(offset);
  if (!instruction) return null;
  const parts: string[] = [];
  let span: Span | undefined;
  for (const target of instruction.trigger ? [instruction, instruction.trigger] : [instruction]) {
    if (inside(target.keywordSpan, offset)) {
      const doc = instructionDoc(target.upper);
      if (doc) {
        parts.push(`**${doc.keyword}** — \`${doc.signature}\``, ...doc.summary(), `\`\`\`dockerfile\n${doc.example}\n\`\`\``);
        span = target.keywordSpan;
      }
    }
    for (const flag of target.flags) {
      if (!inside(flag.span, offset)) continue;
      if (flag.name === 'mount' && flag.valueSpan && inside(flag.valueSpan, offset)) {
        const rel = offset - flag.valueSpan.start;
        const raw = a.text.slice(flag.valueSpan.start, flag.valueSpan.end);
        const segStart = raw.lastIndexOf(',', rel - 1) + 1;
        const key = raw.slice(segStart).split(/[=,]/)[0]!;
        const doc = mountKeyDoc(key);
        if (doc) parts.push(`**${key}** — ${doc}`);
      }
      const doc = flagDoc(target.upper, flag.name);
      if (doc) parts.push(`**--${flag.name}** — ${doc}`);
      span = flag.span;
    }
  }
  if (span === instruction.keywordSpan && uri !== undefined) parts.push(...layerHover(a, instruction, uri, context));
  if (parts.length === 0) {
    const symbol = symbolAt(a, offset);
    if (symbol?.kind === 'variable') {
      parts.push(...variableHover(a, symbol.name, offset));
      span = symbol.span;
    } else if (symbol?.kind === 'stage') {
      const stage = a.doc.stages[Number(symbol.key.slice(6))];
      if (stage) {
        parts.push(t('Build stage **{0}** (line {1}), built from {2}.', escapeMarkdown(stage.name?.value ?? String(stage.index)), lineOf(a, stage.from.span.start), inlineCode(stage.image?.value ?? '')));
        span = symbol.span;
      }
    }
  }
  if (parts.length === 0) {
    const stage = a.doc.stages[instruction.stage];
    if (stage?.from === instruction && stage.image && inside(stage.image.span, offset) && a.parentOf(stage.index) < 0) {
      parts.push(...imageHover(a.imageOf(stage) ?? stage.image.value, context));
      span = stage.image.span;
    }
  }
  for (const d of diagnostics()) {
    const start = a.lines.offsetAt(d.range.start);
    const end = a.lines.offsetAt(d.range.end);
    if (offset < start || offset > end) continue;
    const r = ruleById(String(d.code));
    if (!r) continue;
    // With nothing else to say, the hover covers the finding it explains.
    span ??= { start, end };
    const peers = peerIds(r.meta);
    parts.push(`---\n**${r.meta.id}**${peers.length ? ` (${peers.join(', ')})` : ''}`, ...r.meta.explain());
  }
  if (parts.length === 0) return null;
  return md(parts.join('\n\n'), a, span ?? instruction.keywordSpan, offset);
}

/** The layer this instruction made in the last image built from this file, with what an analysis of it found. */
function layerHover(a: Analysis, instruction: Instruction, uri: string, context: ServiceContext): string[] {
  const built = context.facts.builtImages.find((b) => b.dockerfileUri === uri);
  const mapped = built && mapLayers(a.doc.stages, built.layers, built.target).find((m) => m.instruction === instruction);
  if (!built || !mapped) return [];
  const layer = mapped.layer;
  const lines = [`---\n${t('**Layer** of {0}: {1}', inlineCode(built.image), formatBytes(layer.size))}${layer.cached ? ` · ${t('from the build cache')}` : ''}`];
  if (layer.wasted) lines.push(t('{0} of it is wasted: a later instruction deleted or overwrote those files, but this layer still carries them.', formatBytes(layer.wasted)));
  if (layer.hides) lines.push(t('Deletes or overwrites {0} from earlier layers. That hides the files; it does not make the image smaller.', formatBytes(layer.hides)));
  if (layer.wasted || layer.hides) lines.push(t('Layers only add: to really drop files, delete them in the same RUN that creates them, or copy only what you need into a later stage of a multi-stage build.'));
  return lines;
}

function variableHover(a: Analysis, name: string, offset: number): string[] {
  const use = a.variables.uses.find((u) => inside(u.ref.span, offset));
  const def = use ? use.def : a.variables.defs.find((d) => inside(d.nameSpan, offset));
  const lines: string[] = [];
  if (!def) {
    lines.push(t('**{0}** is not defined by an ARG or ENV above this line.', escapeMarkdown(name)));
    if (use?.inShell) lines.push(t('Inside RUN the shell expands it at build time, so it may come from the base image\'s environment.'));
    return lines;
  }
  const value = def.value ?? def.imports?.value;
  lines.push(value !== undefined ? `**${escapeMarkdown(name)}** = ${inlineCode(value)}` : t('**{0}** has no default; set it with --build-arg.', escapeMarkdown(name)));
  lines.push(def.kind === 'ARG'
    ? t('Build argument from line {0}: it exists only while the image builds, and docker build --build-arg {1}=... overrides it.', lineOf(a, def.nameSpan.start), escapeMarkdown(name))
    : t('Environment variable from line {0}: set during the build and in every container from this image.', lineOf(a, def.nameSpan.start)));
  if (def.imports) lines.push(t('Imports the global ARG declared on line {0}.', lineOf(a, def.imports.nameSpan.start)));
  return lines;
}

function imageHover(image: string, context: ServiceContext): string[] {
  const ref = parseImageRef(image);
  const lines = [t('Base image {0}.', inlineCode(image))];
  const wanted = ref.tag ?? (ref.digest ? undefined : 'latest');
  const local = context.facts.images.find((i) => {
    const r = parseImageRef(i.name);
    return r.path === ref.path && (r.tag === wanted || (ref.digest !== undefined && i.digest?.endsWith(ref.digest)));
  });
  if (local) {
    lines.push(t('Local image: {0}, created {1}.', formatBytes(local.size), new Date(local.created * 1000).toISOString().slice(0, 10)));
    if (local.digest) lines.push(t('Digest: {0}', inlineCode(local.digest)));
  } else {
    lines.push(t('Not pulled on the current engine.'));
  }
  // Only for references of valid characters, so the link cannot be anything but the page.
  const page = imagePageUrl(ref);
  if (page) lines.push(`<${page}>`);
  return lines;
}
