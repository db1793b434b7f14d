/**
 * Validation of a case typed in by hand, with the judge's wording and the field that is wrong.
 * The renderer validates the same way as the judge types; this is the check that counts.
 */
import { AppFailure } from '../../shared/app-failure';
import { appError } from '../../shared/errors';
import { parseCaseNumber, type CaseNumber } from '../../shared/ids/case-number';
import { validateSubjectId } from '../../shared/ids/subject-id';
import { parseIsoDate, todayCst } from '../../shared/dates';
import type { CallInput } from '../../shared/ipc/contract';
import type { PartyKind } from '../../shared/domain/types';
import type { NewCase as StoreCase } from '../store/cases';

export interface NewParty {
  role: 'debtor' | 'applicant';
  kind: PartyKind;
  name: string;
  idNumber: string;
  address?: string;
  legalRepresentative?: { name: string; title?: string };
}

type TypedParty = CallInput<'cases', 'create'>['applicant'];

/** 住所 and 法定代表人 as typed: blanks are absent; only a company has a 法定代表人, and he has a name. */
function particulars(p: TypedParty, field: string): Pick<NewParty, 'address' | 'legalRepresentative'> {
  const address = p.address?.trim();
  const rep = p.legalRepresentative;
  const repName = rep?.name.trim();
  const repTitle = rep?.title?.trim();
  if (rep && (repName || repTitle)) {
    if (p.kind !== 'company') throw new AppFailure('VALIDATION', { zh: '自然人没有法定代表人，请删去或将当事人类型改为单位', en: 'a person has no legal representative: remove it or make the party a company' }, `${field}.legalRepresentative`);
    if (!repName) throw new AppFailure('VALIDATION', { zh: '填写法定代表人职务时须填写其姓名', en: 'the legal representative\'s name is needed with his title' }, `${field}.legalRepresentative.name`);
  }
  return {
    ...(address ? { address } : {}),
    ...(repName ? { legalRepresentative: { name: repName, ...(repTitle ? { title: repTitle } : {}) } } : {}),
  };
}

export interface NewCase {
  number: CaseNumber;
  filedOn: string;
  cause: string;
  amountOwed: number;
  costs: number;
  /** 履行期限届满日 and the principal late-performance interest accrues on (docs/domain.md rule 1): both or neither */
  lateInterest?: { performanceDueOn: string; interestPrincipal: number };
  parties: NewParty[];
}

/** The two late-interest fields of a case typed in: both or neither, a real date, a principal within the amount ordered. */
function lateInterestOf(input: CallInput<'cases', 'create'>): NewCase['lateInterest'] {
  const due = input.performanceDueOn?.trim();
  const principal = input.interestPrincipal;
  if (!due && principal === undefined) return undefined;
  if (!due) throw new AppFailure('VALIDATION', { zh: '填写了计息本金，须同时填写履行期限届满日', en: 'with a principal for the interest, give the performance deadline too' }, 'performanceDueOn');
  if (principal === undefined) throw new AppFailure('VALIDATION', { zh: '填写了履行期限届满日，须同时填写计息本金', en: 'with a performance deadline, give the principal the interest accrues on too' }, 'interestPrincipal');
  const d = parseIsoDate(due);
  if (!d.ok) throw new AppFailure({ ...d.error, field: 'performanceDueOn' });
  if (principal > input.amountOwed) {
    throw new AppFailure('VALIDATION', { zh: '计息本金不得超过执行标的', en: 'the principal cannot exceed the amount ordered' }, 'interestPrincipal');
  }
  return { performanceDueOn: d.value, interestPrincipal: principal };
}

function party(p: TypedParty, role: NewParty['role'], field: string, today: string): NewParty {
  const name = p.name.trim();
  if (!name) throw new AppFailure('VALIDATION', { zh: '当事人名称不能为空', en: 'the party name is empty' }, `${field}.name`);
  const id = validateSubjectId(p.kind, p.idNumber, today);
  if (!id.ok) throw new AppFailure({ ...id.error, field: `${field}.idNumber` });
  return { role, kind: p.kind, name, idNumber: id.value, ...particulars(p, field) };
}

export function validateNewCase(input: CallInput<'cases', 'create'>, now: Date = new Date(), court?: string): NewCase {
  const today = todayCst(now);
  const num = parseCaseNumber(input.number, { maxYear: Number(today.slice(0, 4)) });
  if (!num.ok) throw new AppFailure({ ...num.error, field: 'number' });
  // docs/domain.md rule 13: only this court's own cases are entered here
  if (court && num.value.court !== court) {
    throw new AppFailure(appError('CASE_NUMBER_INVALID', {
      zh: `案号中的法院代码“${num.value.court}”不是本院（${court}）：其他法院的案件由该院办理，本院只能通过执协案件协助`,
      en: `the court code "${num.value.court}" in the case number is not this court's (${court}): another court's case is handled by that court`,
    }, 'number'));
  }
  const filed = parseIsoDate(input.filedOn);
  if (!filed.ok) throw new AppFailure({ ...filed.error, field: 'filedOn' });
  if (filed.value > today) {
    throw new AppFailure(appError('DATE_INVALID', { zh: '立案日期不能晚于今天', en: 'the filing date cannot be in the future' }, 'filedOn'));
  }
  if (Number(filed.value.slice(0, 4)) < num.value.year) {
    throw new AppFailure(appError('DATE_INVALID', { zh: `立案日期早于案号年份 ${num.value.year}`, en: `the filing date is before the case number's year ${num.value.year}` }, 'filedOn'));
  }
  const cause = input.cause.trim();
  if (!cause) throw new AppFailure('VALIDATION', { zh: '案由不能为空', en: 'the cause of action is empty' }, 'cause');
  const parties = [party(input.applicant, 'applicant', 'applicant', today), ...input.debtors.map((d, i) => party(d, 'debtor', `debtors.${i}`, today))];
  const seen = new Set<string>();
  parties.forEach((p, i) => {
    if (seen.has(p.idNumber)) {
      throw new AppFailure('VALIDATION', { zh: '同一当事人重复填写', en: 'the same party is entered twice' }, i === 0 ? 'applicant.idNumber' : `debtors.${i - 1}.idNumber`);
    }
    seen.add(p.idNumber);
  });
  const lateInterest = lateInterestOf(input);
  // a preservation precedes the judgment: there is no performance period yet to be late on
  if (lateInterest && num.value.type === '执保') {
    throw new AppFailure('VALIDATION', { zh: '财产保全（执保）案件尚无确定履行期限的生效法律文书，不计迟延履行期间的债务利息', en: 'a preservation (执保) case has no judgment setting a performance period yet: no late-performance interest' }, 'performanceDueOn');
  }
  return { number: num.value, filedOn: filed.value, cause, amountOwed: input.amountOwed, costs: input.costs, ...(lateInterest ? { lateInterest } : {}), parties };
}

/** A checked case as the store enters it: a filing by `enteredBy`, pending until the case-management system confirms it. */
export function pendingFilingOf(v: NewCase, enteredBy: string): StoreCase {
  const strip = ({ role: _role, ...p }: NewParty) => p;
  return {
    number: v.number.text, filedOn: v.filedOn, cause: v.cause, amountOwed: v.amountOwed, costs: v.costs, ...(v.lateInterest ?? {}),
    applicant: strip(v.parties[0]!), debtors: v.parties.slice(1).map(strip), enteredBy, filing: 'pending',
  };
}
