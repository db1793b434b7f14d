/**
 * The case number an audit entry names, read from the case's id: one prepared statement for every
 * repository that records an act on a case.
 */
import { AppFailure } from '../../shared/app-failure';
import { cachedStatement, type Db } from './db';

export function caseNumberOf(db: Db, caseId: string): string | undefined {
  return cachedStatement<[string], string>(db, 'SELECT number FROM cases WHERE id = ?').pluck().get(caseId);
}

/** The case number, or NOT_FOUND in the judge's words when there is no such case. */
export function existingCaseNumber(db: Db, caseId: string): string {
  const n = caseNumberOf(db, caseId);
  if (n === undefined) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
  return n;
}
