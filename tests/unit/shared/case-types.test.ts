/**
 * Case types and courts a registry clerk writes (docs/domain.md rule 13; 《关于人民法院案件案号的若干
 * 规定》): coordination and other-matter cases parse, the Supreme People's Court's own code parses,
 * and each type gets the time limit the law gives it (docs/domain.md rule 11).
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../../shared/dates';
import { parseCaseNumber } from '../../../shared/ids/case-number';
import { parseResidentId, residentIdCheckChar } from '../../../shared/ids/resident-id';
import { purposeRefusal } from '../../../shared/authority/purpose';
import { caseTimeLimit } from '../../../shared/rules';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);
const parsed = (s: string) => {
  const r = parseCaseNumber(s, { maxYear: 2026 });
  if (!r.ok) throw new Error(r.error.detail?.zh ?? r.error.message);
  return r.value;
};

describe('case numbers of every enforcement type', () => {
  it('reads 执协 and 执他 cases', () => {
    expect(parsed('（2026）黔0103执协5号')).toMatchObject({ type: '执协', court: '黔0103', sequence: 5 });
    expect(parsed('(2026)黔01执他12号')).toMatchObject({ type: '执他', court: '黔01' });
  });

  it('reads the Supreme People’s Court’s own code', () => {
    expect(parsed('（2025）最高法执监12号')).toMatchObject({ text: '(2025)最高法执监12号', court: '最高法', type: '执监', sequence: 12 });
  });

  it('reads a high court’s number, the province alone', () => {
    expect(parsed('(2026)黔执复3号')).toMatchObject({ court: '黔', type: '执复' });
  });

  it('names every type when the code is none of them', () => {
    const r = parseCaseNumber('(2026)黔0103民初5号', { maxYear: 2026 });
    expect(!r.ok && r.error.detail?.zh).toBe('类型代字“民初”不是执行案件类型（执、执恢、执保、执异、执复、执监、执协、执他）');
  });

  it('takes no measure in a coordination or other-matter case', () => {
    for (const type of ['执协', '执他'] as const) {
      expect(purposeRefusal('measure.decide', { type, filing: 'confirmed' })).toMatchObject({ reason: 'caseType', zh: `${type}字案件不采取执行措施（仅执、执恢、执保案件）` });
      expect(purposeRefusal('query.property', { type, filing: 'confirmed' })).toBeUndefined();
    }
  });
});

describe('the time limit by case type', () => {
  it('gives an objection (执异) 15 days, not six months', () => {
    // filed Monday 2026-03-02: the fifteenth day after is Tuesday 2026-03-17
    expect(caseTimeLimit('执异', '2026-03-02', cal)?.deadline).toBe('2026-03-17');
    expect(caseTimeLimit('执异', '2026-03-02', cal)?.basis.zh).toContain('15日');
  });

  it('rolls an objection’s last day out of a holiday', () => {
    // filed 2025-09-20: the fifteenth day, 5 October, is in the National Day holiday
    expect(caseTimeLimit('执异', '2025-09-20', cal)?.deadline).toBe('2025-10-09');
  });

  it('gives an enforcement case and a resumed one six months', () => {
    expect(caseTimeLimit('执', '2025-03-10', cal)?.deadline).toBe('2025-09-10');
    expect(caseTimeLimit('执恢', '2025-03-10', cal)?.deadline).toBe('2025-09-10');
  });

  it('keeps none for supervision, coordination and other matters', () => {
    expect(caseTimeLimit('执监', '2025-03-10', cal)).toBeUndefined();
    expect(caseTimeLimit('执协', '2025-03-10', cal)).toBeUndefined();
  });
});

describe('residence permits of Hong Kong, Macao and Taiwan residents', () => {
  it('reads an 830000 number with its check character', () => {
    const first17 = '83000019900101001';
    const id = first17 + residentIdCheckChar(first17);
    expect(parseResidentId(id, '2026-12-02')).toMatchObject({ ok: true, value: { regionCode: '830000', birthDate: '1990-01-01' } });
    expect(parseResidentId(first17 + (residentIdCheckChar(first17) === '0' ? '1' : '0'), '2026-12-02').ok).toBe(false);
  });
});
