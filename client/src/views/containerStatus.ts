// A container's status text ("Up 16 minutes", "Exited (0) 3 hours ago") computed when a row is
// drawn, from when it started or finished, instead of the text the engine wrote at list time
// (which says "Up Less than a second" for as long as nothing re-reads it). The wording and
// rounding are the engine's (Docker's HumanDuration), so it reads like `docker ps`; the words go
// through the translator. Pure (no vscode import): unit-tested.
import type { ContainerSummary } from '../engine/dockerEngine';
import type { ContainerTimes } from '../model/engineModel';

export type { ContainerTimes };

/** The shape of vscode.l10n. */
export interface Translator {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

export const english: Translator = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole)),
};

/** Docker's HumanDuration: "Less than a second", "About a minute", "3 hours", "2 weeks"… */
export function humanDuration(ms: number, l10n: Translator = english): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 1) return l10n.t('Less than a second');
  if (seconds === 1) return l10n.t('1 second');
  if (seconds < 60) return l10n.t('{0} seconds', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return l10n.t('About a minute');
  if (minutes < 60) return l10n.t('{0} minutes', minutes);
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return l10n.t('About an hour');
  if (hours < 48) return l10n.t('{0} hours', hours);
  if (hours < 24 * 7 * 2) return l10n.t('{0} days', Math.floor(hours / 24));
  if (hours < 24 * 30 * 2) return l10n.t('{0} weeks', Math.floor(hours / 24 / 7));
  if (hours < 24 * 365 * 2) return l10n.t('{0} months', Math.floor(hours / 24 / 30));
  return l10n.t('{0} years', Math.floor(ms / 3_600_000 / 24 / 365));
}

/** "5 minutes ago", for `{{.RunningFor}}` and the tooltip. */
export function timeAgo(sinceMs: number, nowMs: number, l10n: Translator = english): string {
  return l10n.t('{0} ago', humanDuration(nowMs - sinceMs, l10n));
}

/** Whether the status text of a container in this state contains a duration that goes stale. */
export function hasRelativeTime(container: Pick<ContainerSummary, 'State'>): boolean {
  return ['running', 'paused', 'restarting', 'exited'].includes(container.State);
}

const HEALTH = / \((healthy|unhealthy|health: starting)\)/;
const EXIT_CODE = /^(?:Exited|Restarting) \((-?\d+)\)/;

/**
 * The status as `docker ps` would print it now, or the engine's text when the times it needs are
 * not known yet (a row drawn before its one inspect answered).
 */
export function containerStatus(container: Pick<ContainerSummary, 'State' | 'Status'>, times: ContainerTimes | undefined, nowMs: number, l10n: Translator = english): string {
  const health = HEALTH.exec(container.Status)?.[1];
  const exitCode = EXIT_CODE.exec(container.Status)?.[1] ?? '0';
  const healthText = health === 'healthy' ? l10n.t('healthy') : health === 'unhealthy' ? l10n.t('unhealthy') : health ? l10n.t('health: starting') : '';
  switch (container.State) {
    case 'running':
    case 'paused': {
      if (times?.startedAt === undefined) return container.Status;
      const up = humanDuration(nowMs - times.startedAt, l10n);
      if (container.State === 'paused') return l10n.t('Up {0} (Paused)', up);
      return healthText ? l10n.t('Up {0} ({1})', up, healthText) : l10n.t('Up {0}', up);
    }
    case 'restarting':
      if (times?.finishedAt === undefined) return container.Status;
      return l10n.t('Restarting ({0}) {1} ago', exitCode, humanDuration(nowMs - times.finishedAt, l10n));
    case 'exited':
      if (times?.finishedAt === undefined) return container.Status;
      return l10n.t('Exited ({0}) {1} ago', exitCode, humanDuration(nowMs - times.finishedAt, l10n));
    case 'created':
      return l10n.t('Created');
    case 'dead':
      return l10n.t('Dead');
    case 'removing':
      return l10n.t('Removal In Progress');
    default:
      return container.Status;
  }
}

/**
 * The timer behind "relative times stay true": while the view is visible and shows at least one
 * relative time, `onTick` runs once a minute (a setTimeout chain, never setInterval); hidden or idle,
 * no timer exists. Becoming visible ticks at once, since rows may have gone stale while hidden.
 */
export class MinuteTicker {
  private handle: unknown;
  private visible = false;
  private active = false;

  constructor(
    private readonly onTick: () => void,
    private readonly timers: { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void },
    readonly periodMs = 60_000,
  ) {}

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible && this.active) this.onTick();
    this.update();
  }

  /** Whether anything shown has a relative time. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    this.update();
  }

  /** True while a tick is scheduled (tests). */
  get running(): boolean {
    return this.handle !== undefined;
  }

  private update(): void {
    const wanted = this.visible && this.active;
    if (wanted && this.handle === undefined) this.schedule();
    else if (!wanted && this.handle !== undefined) this.stop();
  }

  private schedule(): void {
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      this.onTick();
      if (this.visible && this.active) this.schedule();
    }, this.periodMs);
  }

  private stop(): void {
    this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  dispose(): void {
    this.visible = false;
    this.active = false;
    if (this.handle !== undefined) this.stop();
  }
}
