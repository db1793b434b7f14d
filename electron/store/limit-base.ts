/**
 * `ck_limit_base(type, filed_on)`: the last day of a case's time limit before it is carried past
 * holidays (`timeLimitBase`, shared/rules/time-limits.ts), or null for a type with none. The
 * triggers of migration 027 keep `cases.limit_base` with it in the statement that files a case or
 * changes its filing day, so every connection registers it when it opens (openEncryptedDb).
 */
import type { CaseTypeCode } from '../../shared/ids/case-number';
import { timeLimitBase } from '../../shared/rules/time-limits';
import type { Db } from './db';

export function registerLimitBase(db: Db): void {
  db.function('ck_limit_base', { deterministic: true }, (type: unknown, filedOn: unknown) =>
    typeof type === 'string' && typeof filedOn === 'string' ? timeLimitBase(type as CaseTypeCode, filedOn) ?? null : null);
}
