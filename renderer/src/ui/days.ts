/** Days-left colouring shared by the freeze list, the calendar and the reminders. */
export type Urgency = 'lapsed' | 'danger' | 'warn' | 'ok';

/** Under 7 days: renew now; under 30: plan the renewal. */
export function urgencyOf(daysLeft: number | undefined): Urgency {
  if (daysLeft === undefined) return 'ok';
  if (daysLeft < 0) return 'lapsed';
  if (daysLeft <= 7) return 'danger';
  if (daysLeft <= 30) return 'warn';
  return 'ok';
}
