/** A party is identified by a resident ID (person) or a unified social credit code (organisation). */
import { parseCreditCode } from './credit-code';
import { parseResidentId } from './resident-id';
import { err, ok, type Result } from '../result';
import { appError } from '../errors';

export type SubjectKind = 'person' | 'company';

export function validateSubjectId(kind: SubjectKind, idNumber: string, today?: string): Result<string> {
  if (kind === 'person') {
    const r = parseResidentId(idNumber, today);
    return r.ok ? ok(r.value.text) : r;
  }
  if (kind === 'company') {
    const r = parseCreditCode(idNumber);
    return r.ok ? ok(r.value.text) : r;
  }
  return err(appError('VALIDATION', { zh: '当事人类型未知', en: 'unknown party kind' }, 'kind'));
}

/** Masks an ID for display in lists: 520102********1234. */
export function maskId(id: string): string {
  return id.length <= 10 ? id : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
