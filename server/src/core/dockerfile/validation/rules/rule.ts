// What a rule is: a stable id, a default severity, the peer rules it corresponds to (hadolint,
// BuildKit checks, dockerfile-utils), an explanation in paragraphs, and a check that reports spans.
import type { FileAccess, WorkspaceFacts } from '../../../languageService';
import type { Instruction, Span, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import type { DefaultSeverity, DockerfileCode } from '../../../diagnosticCodes';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleMeta<Id extends DockerfileCode = DockerfileCode> {
  /** A code of the table in diagnosticCodes.ts. */
  id: Id;
  /** Default severity, the one of the code's row; 'off' rules run only when a setting turns them on. */
  severity: DefaultSeverity<Id>;
  hadolint?: string[];
  buildkit?: string;
  dockerfileUtils?: string[];
  /** Paragraphs for hovers and docs; each a separate t() string. */
  explain(): string[];
  /** Marks reports so editors fade them (e.g. an overridden CMD) or strike them (deprecated). */
  tag?: 'unnecessary' | 'deprecated';
  /**
   * How far the rule looks, which decides what incremental validation may reuse. Left out (the
   * default): what it reports in a stage depends only on that stage, the stages it is built FROM,
   * the stages it names (--from), whether other stages use it, and the file's global facts
   * (directives, global ARGs, the stage names and FROM chains, settings, local images); it
   * reports only inside the stages of `ctx.scope` and looks only at those. 'file': anything
   * else; it runs over the whole file on every validation, so it must stay cheap.
   * 'instruction': narrower than the default: what it reports on an instruction depends only on
   * that instruction's own text besides what the default allows of its stage (the FROM chain,
   * the dependency key, the global facts, the instructions above it that set its shell: SHELL,
   * a RUN linking /bin/sh to bash), never on the
   * stage's other instructions; it reports only inside the instructions of `ctx.scope`, one
   * instruction after the other in document order. After an edit inside a long stage, it runs
   * on the edited instructions only (a 10,000-line stage costs what its one edited line does).
   */
  reach?: 'file' | 'instruction';
  /** Its messages name absolute line numbers, so it runs again on a stage that moved up or down. */
  namesLines?: true;
  /**
   * Advice about the size of the image only (a cache or lists left in a layer, recommends): in a
   * development environment's or CI job's Dockerfile (.devcontainer/, Gitpod, Dockerfile.dev, Dockerfile.ci), where size hardly matters, it is
   * a hint unless the settings give the rule a severity.
   */
  imageSize?: true;
  /**
   * Advice about repeatable builds (a tag that moves): a development environment follows its tools'
   * latest on purpose, so there too it is a hint unless the settings give the rule a severity.
   */
  repeatable?: true;
  /**
   * Advice for an image that others build and run (a failed download the build hides): in a
   * development environment's Dockerfile its builder is its user, so there it is a hint unless the
   * settings give the rule a severity.
   */
  shipped?: true;
}

/**
 * The part of the file a stage rule checks: some stages, and the instructions before the first
 * FROM (unit -1). A from-scratch validation checks everything.
 */
export interface RuleScope {
  /** The instructions of the checked units, in document order. */
  readonly instructions: readonly Instruction[];
  readonly stages: readonly Stage[];
  /** The checked units in order: -1 (before the first FROM) and stage indexes. */
  readonly units: readonly number[];
  /** True when the instruction belongs to a checked unit. */
  covers(instruction: Instruction): boolean;
}

export interface Report {
  span: Span;
  message: string;
  /** The one peer id this report corresponds to, when the rule covers several. */
  peer?: string;
  /** A lower severity for this report than the rule's, for a case the rule is less sure of (the user's setting wins). */
  severity?: 'warning' | 'information' | 'hint';
  /**
   * For a rule about size, repeatability or shipping: this report is about something that breaks
   * the image for its own builder too, so it is not lowered where the image is a development one.
   */
  development?: 'matters';
  /**
   * What a quick fix needs. Document offsets in it go under the keys listed in DATA_OFFSETS and
   * DATA_SPANS, so that reports reused after an edit can be moved.
   */
  data?: Record<string, unknown>;
}

/**
 * Keys of Report.data holding a document offset, and holding a document span. (Package rules'
 * `at` is an offset in the RUN script, which does not move.)
 */
export const DATA_OFFSETS = ['appendAt', 'keyEnd', 'valueStart', 'runAt'];
export const DATA_SPANS = ['span', 'deleteSpan'];

export interface RuleContext {
  readonly a: Analysis;
  readonly uri: string;
  readonly files: FileAccess;
  readonly facts: WorkspaceFacts;
  readonly scope: RuleScope;
  report(span: Span, message: string, extra?: Omit<Report, 'span' | 'message'>): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function rule<Id extends DockerfileCode>(meta: RuleMeta<Id>, check: (ctx: RuleContext) => void): Rule {
  return { meta, check };
}

/** All ids a suppression comment may use for this rule. */
export function peerIds(meta: RuleMeta): string[] {
  return [...(meta.hadolint ?? []), ...(meta.buildkit ? [meta.buildkit] : []), ...(meta.dockerfileUtils ?? [])];
}
