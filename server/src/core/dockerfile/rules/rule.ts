// What a rule is: a stable id, a default severity, the peer rules it corresponds to (hadolint,
// BuildKit checks, dockerfile-utils), an explanation in paragraphs, and a check that reports spans.
import type { FileAccess, WorkspaceFacts } from '../../languageService';
import type { Span } from '../ast';
import type { Analysis } from '../analysis';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleMeta {
  id: string;
  /** Default severity; 'off' rules run only when a setting turns them on. */
  severity: Severity | 'off';
  hadolint?: string[];
  buildkit?: string;
  dockerfileUtils?: string[];
  /** Paragraphs for hovers and docs; each a separate t() string. */
  explain(): string[];
  /** Marks reports so editors fade them (e.g. an overridden CMD) or strike them (deprecated). */
  tag?: 'unnecessary' | 'deprecated';
}

export interface Report {
  span: Span;
  message: string;
  /** The one peer id this report corresponds to, when the rule covers several. */
  peer?: string;
  /** What a quick fix needs. */
  data?: Record<string, unknown>;
}

export interface RuleContext {
  readonly a: Analysis;
  readonly uri: string;
  readonly files: FileAccess;
  readonly facts: WorkspaceFacts;
  report(span: Span, message: string, extra?: Omit<Report, 'span' | 'message'>): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function rule(meta: RuleMeta, check: (ctx: RuleContext) => void): Rule {
  return { meta, check };
}

/** Where a peer rule is documented. */
export function peerHref(meta: RuleMeta): string | undefined {
  if (meta.buildkit) return `https://docs.docker.com/reference/build-checks/${meta.buildkit.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}/`;
  if (meta.hadolint?.[0]?.startsWith('DL')) return `https://github.com/hadolint/hadolint/wiki/${meta.hadolint[0]}`;
  return undefined;
}

/** All ids a suppression comment may use for this rule. */
export function peerIds(meta: RuleMeta): string[] {
  return [...(meta.hadolint ?? []), ...(meta.buildkit ? [meta.buildkit] : []), ...(meta.dockerfileUtils ?? [])];
}
