/**
 * The sandbox's clock: real time plus an offset that tests and trainers move forward
 * (POST /sandbox/v1/clock) to watch freezes lapse. Legal dates are China Standard Time.
 */
import { todayCst, type IsoDate } from '../../shared/dates';
import type { LedgerClock } from './ledger';

const DAY_MS = 86_400_000;

export class SandboxClock implements LedgerClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  today(): IsoDate {
    return todayCst(new Date(this.now()));
  }

  /** moves the clock forward; it never goes back (a lapse cannot be undone) */
  advanceDays(days: number): void {
    if (!Number.isInteger(days) || days < 0) throw new RangeError('advanceDays must be a non-negative integer');
    this.offsetMs += days * DAY_MS;
  }

  get offsetDays(): number {
    return this.offsetMs / DAY_MS;
  }

  view(): { now: string; today: IsoDate; offsetDays: number } {
    return { now: new Date(this.now()).toISOString(), today: this.today(), offsetDays: this.offsetDays };
  }
}
