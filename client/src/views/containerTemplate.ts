// The containers' description in the tree as a template in the style of `docker ps --format`
// (dockerWorkbench.containers.description): literal text with {{.Names}}, {{.Image}}, {{.Status}},
// {{.Ports}}, {{.Label "key"}}… Parsed once per setting value, validated (an unknown placeholder or
// Go template syntax beyond a field is reported and the default is used), rendered per row. Pure
// (no vscode import): unit-tested; the placeholders' explanations are what the settings hover shows.
import type { ContainerSummary } from '../engine/dockerEngine';
import { composeProject, containerName, publishedPorts } from './containerPresentation';
import { containerStatus, english, timeAgo, type ContainerTimes, type Translator } from './containerStatus';
import { shortId } from './format';

export const DEFAULT_DESCRIPTION_TEMPLATE = '{{.Image}} · {{.Status}} · {{.Ports}}';
const MAX_TEMPLATE_LENGTH = 500;

export const PLACEHOLDERS = ['ID', 'Image', 'Command', 'CreatedAt', 'RunningFor', 'Ports', 'State', 'Status', 'Names', 'Labels', 'Label', 'Mounts', 'Networks'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** What each placeholder shows (the hover in settings.json, the setting's description). */
export function placeholderHelp(name: Placeholder, l10n: Translator = english): string {
  switch (name) {
    case 'ID': return l10n.t('The container id, shortened to 12 characters.');
    case 'Image': return l10n.t('The image the container was created from, as it was named.');
    case 'Command': return l10n.t('The command the container runs, in quotes, cut at 20 characters like docker ps.');
    case 'CreatedAt': return l10n.t('When the container was created, as a local date and time.');
    case 'RunningFor': return l10n.t('How long ago the container was created, e.g. "5 minutes ago" (kept current).');
    case 'Ports': return l10n.t('The published ports, e.g. 127.0.0.1:8080→80/tcp.');
    case 'State': return l10n.t('The state: created, running, paused, restarting, exited or dead.');
    case 'Status': return l10n.t('The status with its time, e.g. "Up 16 minutes" or "Exited (0) 3 hours ago" (kept current).');
    case 'Names': return l10n.t('The container name.');
    case 'Labels': return l10n.t('Every label as key=value, separated by commas.');
    case 'Label': return l10n.t('The value of one label: {{.Label "com.docker.compose.service"}}.');
    case 'Mounts': return l10n.t('The volumes (by name) and host paths mounted into the container.');
    case 'Networks': return l10n.t('The networks the container is connected to.');
  }
}

export type TemplatePart = { text: string } | { field: Placeholder; label?: string };

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** True when the template itself names the container, so the tree need not add it. */
  showsName: boolean;
}

export class TemplateError extends Error {
  constructor(readonly problem: 'tooLong' | 'unknown' | 'syntax' | 'unclosed', readonly placeholder = '') {
    super(problem === 'unknown' ? `unknown placeholder ${placeholder}` : problem);
    this.name = 'TemplateError';
  }
}

const FIELD = /^\s*\.(\w+)\s*$/;
const LABEL = /^\s*\.Label\s+"([^"\\]*)"\s*$/;

/**
 * Parses a template. `table` at the start and tabs are accepted (as copied from a docker ps
 * command line): the first is dropped, tabs become two spaces. Throws TemplateError.
 */
export function parseTemplate(template: string): ParsedTemplate {
  if (template.length > MAX_TEMPLATE_LENGTH) throw new TemplateError('tooLong');
  const text = template.replace(/^\s*table\s+/, '').replace(/\t/g, '  ');
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open < 0) {
      parts.push({ text: text.slice(at) });
      break;
    }
    if (open > at) parts.push({ text: text.slice(at, open) });
    const close = text.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError('unclosed', text.slice(open, open + 20));
    const inner = text.slice(open + 2, close);
    const label = LABEL.exec(inner);
    const field = FIELD.exec(inner);
    if (label) parts.push({ field: 'Label', label: label[1] });
    else if (field && (PLACEHOLDERS as readonly string[]).includes(field[1]!) && field[1] !== 'Label') parts.push({ field: field[1] as Placeholder });
    else if (field) throw new TemplateError('unknown', `{{${inner}}}`);
    else throw new TemplateError('syntax', `{{${inner}}}`);
    at = close + 2;
  }
  return { parts, showsName: parts.some((p) => 'field' in p && p.field === 'Names') };
}

/** Where placeholders sit in a template text (offset and length), for the settings hover. */
export function placeholdersIn(template: string): Array<{ name: Placeholder | undefined; start: number; end: number; text: string }> {
  const found: Array<{ name: Placeholder | undefined; start: number; end: number; text: string }> = [];
  const pattern = /\{\{(.*?)\}\}/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(template)) && found.length < 100) {
    const inner = match[1]!;
    const name = LABEL.test(inner) ? 'Label' : (PLACEHOLDERS as readonly string[]).includes(FIELD.exec(inner)?.[1] ?? '') ? (FIELD.exec(inner)![1] as Placeholder) : undefined;
    found.push({ name, start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return found;
}

/** docker ps's CreatedAt without the zone name: 2024-05-01 14:03:09 +0200, in local time. */
function localDateTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const zone = `${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zone}`;
}

function fieldValue(part: { field: Placeholder; label?: string }, c: ContainerSummary, times: ContainerTimes | undefined, nowMs: number, l10n: Translator): string {
  switch (part.field) {
    case 'ID': return shortId(c.Id);
    case 'Image': return c.Image;
    case 'Command': {
      const command = c.Command ?? '';
      return `"${command.length > 20 ? `${command.slice(0, 20)}…` : command}"`;
    }
    case 'CreatedAt': return c.Created ? localDateTime(c.Created) : '';
    case 'RunningFor': return c.Created ? timeAgo(c.Created * 1000, nowMs, l10n) : '';
    case 'Ports': return publishedPorts(c).join(', ');
    case 'State': return c.State;
    case 'Status': return containerStatus(c, times, nowMs, l10n);
    case 'Names': return containerName(c);
    case 'Labels': return Object.entries(c.Labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    case 'Label': return c.Labels?.[part.label ?? ''] ?? '';
    case 'Mounts': return (c.Mounts ?? []).map((m) => (m.Type === 'volume' ? m.Name ?? m.Source : m.Source)).filter(Boolean).join(',');
    case 'Networks': return Object.keys(c.NetworkSettings?.Networks ?? {}).join(',');
  }
}

/** Text between two fields that is only separators (" · ", ", ", " | ", " - "). */
const SEPARATOR = /^[\s·|,;:/\-–—]*$/;

/**
 * The description of one container. A field that renders empty takes the separator before it
 * along (or the one after it when it comes first), so "{{.Image}} · {{.Ports}}" has no dangling
 * dot when nothing is published. A compose container gets its name in front (the tree labels it
 * by service) unless the template shows {{.Names}} itself.
 */
export function renderDescription(template: ParsedTemplate, c: ContainerSummary, times: ContainerTimes | undefined, nowMs: number, l10n: Translator = english): string {
  const values = template.parts.map((p) => ('field' in p ? fieldValue(p, c, times, nowMs, l10n) : p.text));
  const keep = template.parts.map(() => true);
  template.parts.forEach((part, i) => {
    if (!('field' in part) || values[i] !== '') return;
    keep[i] = false;
    const before = i - 1;
    const after = i + 1;
    const hasFieldBefore = template.parts.slice(0, Math.max(0, before)).some((p, j) => 'field' in p && keep[j] && values[j] !== '');
    if (before >= 0 && hasFieldBefore && SEPARATOR.test(values[before]!)) keep[before] = false;
    else if (after < values.length && SEPARATOR.test(values[after]!)) keep[after] = false;
  });
  let text = values.filter((_v, i) => keep[i]).join('').trim();
  text = text.replace(/^[·|,;\-–—]\s*/, '').replace(/\s*[·|,;\-–—]$/, '');
  if (composeProject(c) && !template.showsName) text = text ? `${containerName(c)} · ${text}` : containerName(c);
  return text;
}
