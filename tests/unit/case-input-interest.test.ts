/**
 * A case typed in by hand may state the judgment's 履行期限届满日 and the principal late-performance
 * interest accrues on (docs/domain.md rule 1): both or neither, a real date, a principal within the
 * amount ordered — checked as the clerk types (renderer) and again in main, whose word counts.
 */
import { describe, expect, it } from 'vitest';
import { validateNewCase } from '../../electron/services/case-input';
import { emptyDraft, validateDraft } from '../../renderer/src/features/cases/new-case-validation';
import { residentIdCheckChar } from '../../shared/ids/resident-id';

const id = (base17: string) => `${base17}${residentIdCheckChar(base17)}`;
const NOW = new Date('2026-03-01T04:00:00Z');
const input = {
  number: '(2026)黔0103执12号', filedOn: '2026-02-20', cause: '民间借贷纠纷', amountOwed: 10_000_000, costs: 144_000,
  applicant: { kind: 'person' as const, name: '甲', idNumber: id('52010219700101001') },
  debtors: [{ kind: 'person' as const, name: '乙', idNumber: id('52010219800101002') }],
};
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { error: { field?: string; detail?: { zh: string } } }).error;
  }
  throw new Error('expected a refusal');
};

describe('the performance deadline and interest principal of a case entered by hand', () => {
  it('are taken when both are given', () => {
    expect(validateNewCase({ ...input, performanceDueOn: '2026-01-10', interestPrincipal: 10_000_000 }, NOW).lateInterest)
      .toEqual({ performanceDueOn: '2026-01-10', interestPrincipal: 10_000_000 });
    expect(validateNewCase(input, NOW).lateInterest).toBeUndefined();
  });

  it('are refused in main, naming the field, when one comes without the other, the date is not one, or the principal exceeds the amount ordered', () => {
    expect(refusal(() => validateNewCase({ ...input, interestPrincipal: 1 }, NOW))).toMatchObject({ field: 'performanceDueOn', detail: { zh: expect.stringContaining('履行期限届满日') } });
    expect(refusal(() => validateNewCase({ ...input, performanceDueOn: '2026-01-10' }, NOW))).toMatchObject({ field: 'interestPrincipal' });
    expect(refusal(() => validateNewCase({ ...input, performanceDueOn: '2026-02-30', interestPrincipal: 1 }, NOW))).toMatchObject({ field: 'performanceDueOn' });
    expect(refusal(() => validateNewCase({ ...input, performanceDueOn: '2026-01-10', interestPrincipal: 10_000_001 }, NOW))).toMatchObject({ field: 'interestPrincipal', detail: { zh: '计息本金不得超过执行标的' } });
    expect(refusal(() => validateNewCase({ ...input, number: '(2026)黔0103执保3号', performanceDueOn: '2026-01-10', interestPrincipal: 1 }, NOW)))
      .toMatchObject({ field: 'performanceDueOn', detail: { zh: expect.stringContaining('不计迟延履行期间的债务利息') } });
  });

  it('the dialog asks for the other field when one is filled, and sends both in fen', () => {
    const draft = {
      ...emptyDraft('2026-03-01'), number: input.number, filedOn: input.filedOn, cause: input.cause, amountOwed: '100000', costs: '1440',
      applicant: { kind: 'person' as const, name: '甲', idNumber: input.applicant.idNumber, address: '', repName: '', repTitle: '' },
      debtors: [{ kind: 'person' as const, name: '乙', idNumber: input.debtors[0]!.idNumber, address: '', repName: '', repTitle: '' }],
    };
    expect(validateDraft({ ...draft, performanceDueOn: '2026-01-10' }, '2026-03-01').problems).toEqual({ interestPrincipal: { key: 'required' } });
    expect(validateDraft({ ...draft, performanceDueOn: '2026-01-10', interestPrincipal: '100,000.00' }, '2026-03-01').input)
      .toMatchObject({ performanceDueOn: '2026-01-10', interestPrincipal: 10_000_000 });
    expect(validateDraft(draft, '2026-03-01').input).not.toHaveProperty('performanceDueOn');
  });
});
