/**
 * The rules a freeze, renewal, release or deduction must keep (docs/domain.md rules 1, 2, 3, 5, 6):
 * pure functions of their arguments — no clock, no I/O — so the freeze panel, the services and the
 * sandbox's ledger all apply the same law. Every refusal carries a stable code and zh-CN and
 * English wording a judge understands.
 */
export type { RuleViolation } from './violation';
export * from './cap';
export * from './exempt';
export * from './interest';
export * from './preservation';
export * from './periods';
export * from './time-limits';
export * from './reminders';
export * from './deduction';
export * from './queue';
export * from './leads';
export * from './repeat-freeze';
