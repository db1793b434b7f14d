/**
 * Live validation of the new-case form with the shared parsers, so the judge sees the same precise
 * reason main would give (e.g. "第 18 位校验码应为 X，而不是 5"), and the conversion of 元 to fen.
 */
import { parseCaseNumber } from '../../../../shared/ids/case-number';
import { validateSubjectId } from '../../../../shared/ids/subject-id';
import { parseIsoDate, todayCst } from '../../../../shared/dates';
import { parseYuan } from '../../../../shared/money';
import { appError, type AppError } from '../../../../shared/errors';
import type { CallInput } from '../../../../shared/ipc/contract';
import type { PartyKind } from '../../../../shared/domain/types';

export interface PartyDraft {
  kind: PartyKind;
  name: string;
  idNumber: string;
  /** 住所 (a person) or 住所地 (a company); optional */
  address: string;
  /** a company's 法定代表人 and his 职务; optional */
  repName: string;
  repTitle: string;
}

export interface CaseDraft {
  number: string;
  filedOn: string;
  cause: string;
  amountOwed: string;
  costs: string;
  /** optional: the judgment's 履行期限届满日 and the principal late-performance interest accrues on */
  performanceDueOn: string;
  interestPrincipal: string;
  applicant: PartyDraft;
  debtors: PartyDraft[];
}

/** A message from the dictionary, or an error worded by shared/errors. */
export type FieldProblem = { key: 'required' | 'amountPositive' | 'notNegative' } | { error: AppError };

export type CreateInput = CallInput<'cases', 'create'>;

export const MAX_DEBTORS = 20;

export function emptyParty(kind: PartyKind = 'person'): PartyDraft {
  return { kind, name: '', idNumber: '', address: '', repName: '', repTitle: '' };
}

export function emptyDraft(today = todayCst()): CaseDraft {
  return { number: '', filedOn: today, cause: '', amountOwed: '', costs: '0', performanceDueOn: '', interestPrincipal: '', applicant: emptyParty(), debtors: [emptyParty()] };
}

/** Field keys: number, filedOn, cause, amountOwed, costs, applicant.name, applicant.idNumber, debtors.N.name, debtors.N.idNumber (and .address, .repName) */
export function validateDraft(d: CaseDraft, today = todayCst()): { problems: Record<string, FieldProblem>; input: CreateInput | null } {
  const problems: Record<string, FieldProblem> = {};
  const required = { key: 'required' } as const;

  let number = '';
  if (!d.number.trim()) problems.number = required;
  else {
    const r = parseCaseNumber(d.number);
    if (r.ok) number = r.value.text;
    else problems.number = { error: r.error };
  }

  let filedOn = '';
  const fd = parseIsoDate(d.filedOn);
  if (!d.filedOn.trim()) problems.filedOn = required;
  else if (!fd.ok) problems.filedOn = { error: fd.error };
  else if (fd.value > today) {
    problems.filedOn = { error: appError('DATE_INVALID', { zh: '立案日期不能晚于今天', en: 'the filing date cannot be in the future' }, 'filedOn') };
  } else filedOn = fd.value;

  const cause = d.cause.trim();
  if (!cause) problems.cause = required;

  let amountOwed = 0;
  if (!d.amountOwed.trim()) problems.amountOwed = required;
  else {
    const r = parseYuan(d.amountOwed);
    if (!r.ok) problems.amountOwed = { error: r.error };
    else if (r.value <= 0) problems.amountOwed = { key: 'amountPositive' };
    else amountOwed = r.value;
  }

  let costs = 0;
  if (d.costs.trim()) {
    const r = parseYuan(d.costs);
    if (!r.ok) problems.costs = { error: r.error };
    else if (r.value < 0) problems.costs = { key: 'notNegative' };
    else costs = r.value;
  }

  // 履行期限届满日 and the principal: both or neither (docs/domain.md rule 1)
  let lateInterest: { performanceDueOn: string; interestPrincipal: number } | undefined;
  const dueText = d.performanceDueOn.trim();
  const principalText = d.interestPrincipal.trim();
  if (dueText || principalText) {
    const due = parseIsoDate(dueText);
    const principal = parseYuan(principalText);
    if (!dueText) problems.performanceDueOn = required;
    else if (!due.ok) problems.performanceDueOn = { error: due.error };
    if (!principalText) problems.interestPrincipal = required;
    else if (!principal.ok) problems.interestPrincipal = { error: principal.error };
    else if (principal.value < 0) problems.interestPrincipal = { key: 'notNegative' };
    if (due.ok && principal.ok && principal.value >= 0) lateInterest = { performanceDueOn: due.value, interestPrincipal: principal.value };
  }

  const party = (p: PartyDraft, prefix: string) => {
    const name = p.name.trim();
    if (!name) problems[`${prefix}.name`] = required;
    let idNumber = '';
    if (!p.idNumber.trim()) problems[`${prefix}.idNumber`] = required;
    else {
      const r = validateSubjectId(p.kind, p.idNumber, today);
      if (r.ok) idNumber = r.value;
      else problems[`${prefix}.idNumber`] = { error: r.error };
    }
    const address = p.address.trim();
    // only a company has a 法定代表人; a title alone names nobody
    const repName = p.kind === 'company' ? p.repName.trim() : '';
    const repTitle = p.kind === 'company' ? p.repTitle.trim() : '';
    if (repTitle && !repName) problems[`${prefix}.repName`] = required;
    return {
      kind: p.kind, name, idNumber,
      ...(address ? { address } : {}),
      ...(repName ? { legalRepresentative: { name: repName, ...(repTitle ? { title: repTitle } : {}) } } : {}),
    };
  };
  const applicant = party(d.applicant, 'applicant');
  const debtors = d.debtors.map((p, i) => party(p, `debtors.${i}`));

  if (Object.keys(problems).length) return { problems, input: null };
  return { problems, input: { number, filedOn, cause, amountOwed, costs, ...(lateInterest ?? {}), applicant, debtors } };
}

/** Where to show an error main returned: the field it names, or the field its code is about. */
export function fieldOfServerError(e: AppError, debtorCount: number): string | null {
  const f = e.field?.replace(/\[(\d+)\]/g, '.$1');
  if (f) {
    if (f === 'caseNumber' || f === 'number') return 'number';
    if (['filedOn', 'cause', 'amountOwed', 'costs', 'performanceDueOn', 'interestPrincipal'].includes(f)) return f;
    const m = /^(applicant|debtors\.(\d+))\.(name|idNumber|kind|address|legalRepresentative)(\.name|\.title)?$/.exec(f);
    const leaf = (k: string) => (k === 'kind' ? 'idNumber' : k === 'legalRepresentative' ? 'repName' : k);
    if (m && (m[2] === undefined || Number(m[2]) < debtorCount)) return `${m[1]}.${leaf(m[3]!)}`;
  }
  switch (e.code) {
    case 'CASE_EXISTS':
    case 'CASE_NUMBER_INVALID':
      return 'number';
    case 'DATE_INVALID':
      return 'filedOn';
    case 'MONEY_INVALID':
      return 'amountOwed';
    default:
      return null;
  }
}

/** ID numbers are checked as soon as all 18 characters are in. */
export function isIdField(key: string): boolean {
  return key.endsWith('.idNumber');
}
