/** A party is identified by a resident ID (person) or a unified social credit code (company). */
import { describe, expect, it } from 'vitest';
import { maskId, validateSubjectId, type SubjectKind } from '../../../shared/ids/subject-id';

describe('validating a party’s identifier by kind', () => {
  it('checks a person’s resident ID and returns its canonical form', () => {
    expect(validateSubjectId('person', '11010519491231002x', '2025-06-30')).toEqual({ ok: true, value: '11010519491231002X' });
    const r = validateSubjectId('person', '520102199003071237', '2025-06-30');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ID_NUMBER_INVALID');
  });

  it('checks a company’s credit code', () => {
    expect(validateSubjectId('company', '91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    const r = validateSubjectId('company', '91350100M000100Y44');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CREDIT_CODE_INVALID');
  });

  it('does not accept a credit code for a person, or an ID for a company', () => {
    expect(validateSubjectId('person', '91350100M000100Y43', '2025-06-30').ok).toBe(false);
    expect(validateSubjectId('company', '11010519491231002X').ok).toBe(false);
  });

  it('refuses an unknown kind', () => {
    const r = validateSubjectId('agency' as SubjectKind, '91350100M000100Y43');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', field: 'kind' });
  });
});

describe('masking an identifier for lists', () => {
  it('keeps the first six and last four characters', () => {
    expect(maskId('520102199003071236')).toBe('520102********1236');
    expect(maskId('91350100M000100Y43')).toBe('913501********0Y43');
  });

  it('leaves short strings alone', () => {
    expect(maskId('1234567890')).toBe('1234567890');
    expect(maskId('')).toBe('');
  });
});
