/**
 * The signed-in session: the unlocked store, the officer, and the engine working for them.
 * Locking (sign-out or idle) stops the engine and closes the store; nothing is lost, since
 * unfinished requests stay in the outbox and resume at the next sign-in.
 */
import { AppFailure } from '../../shared/app-failure';
import type { Officer } from '../../shared/domain/types';
import type { SecureStore } from '../store';
import type { Engine } from '../engine/engine';
import type { MeasureEngine } from '../engine/measures/measure-engine';

export interface ActiveSession {
  officer: Officer;
  store: SecureStore;
  engine: Engine;
  /** freeze, renew, release, deduct: the outbox worked off exactly once */
  measures: MeasureEngine;
}

export class SessionHolder {
  private active: ActiveSession | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {}

  set(s: ActiveSession): void {
    this.active = s;
    this.touch();
  }

  get current(): ActiveSession | undefined {
    return this.active;
  }

  require(): ActiveSession {
    if (!this.active) throw new AppFailure('NOT_SIGNED_IN');
    return this.active;
  }

  /** every call from the judge counts as activity */
  touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.active && this.idleMs > 0) {
      this.idleTimer = setTimeout(() => this.onIdle(), this.idleMs);
      this.idleTimer.unref?.();
    }
  }

  clear(): ActiveSession | undefined {
    const s = this.active;
    this.active = undefined;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    return s;
  }
}
