/**
 * The workstation's session: one officer at a time has the store unlocked and the engines working
 * for him, and each window or page that signed in is attached to that session. A page that has
 * not signed in (a second tab, a reopened browser) sees no session and gets the sign-in screen;
 * signing in as another officer ends the current session only once his own password has opened
 * his key. Locking (sign-out or idle) stops the engines and closes the store; nothing is lost,
 * since unfinished requests stay in the outbox and resume at the next sign-in.
 */
import { AppFailure } from '../../shared/app-failure';
import type { Officer } from '../../shared/domain/types';
import type { OfficerKeys, SecureStore } from '../store';
import type { Engine } from '../engine/engine';
import type { MeasureEngine } from '../engine/measures/measure-engine';
import type { JobRunner } from './jobs/runner';
import type { CreditEngine } from '../engine/exchange/credit-engine';

export interface ActiveSession {
  officer: Officer;
  store: SecureStore;
  engine: Engine;
  /** freeze, renew, release, deduct: the outbox worked off exactly once */
  measures: MeasureEngine;
  /** his private keys, unwrapped by his password at sign-in: he signs his decisions with them */
  keys: OfficerKeys;
  /** the durable background jobs worked off while he is signed in (electron/services/jobs/runner.ts) */
  jobs?: JobRunner;
  /** listings and restrictions sent to the credit platform exactly once (absent: the gateway offers no credit channel) */
  credit?: CreditEngine;
}

/** Idle lock: at least a minute, at most four hours; a bad or missing setting means 15 minutes. */
export function idleLockMs(setting: string | undefined): number {
  const minutes = setting === undefined || setting.trim() === '' ? NaN : Number(setting);
  if (!Number.isFinite(minutes) || minutes <= 0) return 15 * 60_000;
  return Math.round(Math.min(Math.max(minutes, 1), 240) * 60_000);
}

export class Sessions {
  private active: ActiveSession | undefined;
  private readonly attached = new Set<string>();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {}

  /** A new session for this connection (any earlier one was ended by the caller). */
  start(s: ActiveSession, connection: string): void {
    this.active = s;
    this.attached.clear();
    this.attached.add(connection);
    this.touch();
  }

  /** Another window of the same officer joins the session (after his password was checked). */
  attach(connection: string): void {
    if (this.active) this.attached.add(connection);
  }

  /** A window closed for good, or signed out alone. */
  detach(connection: string): void {
    this.attached.delete(connection);
  }

  /** The session, whoever asks (timers, engines' events). */
  get current(): ActiveSession | undefined {
    return this.active;
  }

  /** The session as seen by one window: only once that window has signed in. */
  forConnection(connection: string): ActiveSession | undefined {
    return this.active && this.attached.has(connection) ? this.active : undefined;
  }

  require(connection: string): ActiveSession {
    const s = this.forConnection(connection);
    if (!s) throw new AppFailure('NOT_SIGNED_IN');
    return s;
  }

  /** the windows that see this session's events */
  audience(): ReadonlySet<string> {
    return new Set(this.attached);
  }

  /** every call from the officer counts as activity */
  touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.active && this.idleMs > 0) {
      this.idleTimer = setTimeout(() => this.onIdle(), this.idleMs);
      this.idleTimer.unref?.();
    }
  }

  /** Ends the session; returns it with the windows that were attached. */
  clear(): { session: ActiveSession; audience: ReadonlySet<string> } | undefined {
    const s = this.active;
    const audience = this.audience();
    this.active = undefined;
    this.attached.clear();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    return s ? { session: s, audience } : undefined;
  }
}
