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

/** 18-character resident IDs and credit codes inside a text (an agency's summary of a record). */
const IDS_IN_TEXT = /(?<![0-9A-Z])[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{9}[0-9A-HJ-NP-RTUWXY]|(?<![0-9A-Z])[1-9][0-9]{16}[0-9X](?![0-9A-Z])/g;

/**
 * Every ID number a record names masked like a debtor's: a spouse in a marriage registration, a
 * family member in a household register, are third parties and shown no more than the debtor.
 */
export function maskIdsIn(text: string): string {
  return text.replace(IDS_IN_TEXT, (m) => maskId(m));
}
