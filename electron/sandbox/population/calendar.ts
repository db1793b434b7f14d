/** Fixed reference dates: the population does not depend on the day it is generated. */
import { addDays, daysBetween } from '../../../shared/dates';
import type { Rng } from '../prng';

/** the sandbox's "today" for generated records (freezes still running, recent stays …) */
export const REFERENCE_DATE = '2026-11-01';

export function dateBetween(rng: Rng, from: string, to: string): string {
  return addDays(from, rng.int(0, daysBetween(from, to)));
}

/** a China Standard Time wall clock on `date`, as an ISO instant (UTC) */
export function cstInstant(date: string, hour: number, minute: number, second = 0): string {
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  const ss = String(second).padStart(2, '0');
  return new Date(`${date}T${hh}:${mm}:${ss}+08:00`).toISOString();
}
