/**
 * The demo court's enforcement docket: 贵阳市云岩区人民法院 (黔0103). Case numbers per the SPC
 * case-number rules; enforcement costs per 《诉讼费用交纳办法》 art. 14 (preservation: art. 14(2)).
 */
import { CAUSES } from './names';
import { dateBetween } from './calendar';
import { hash32, type Rng } from '../prng';
import type { DocketCase, DocketParty, Subject } from './types';
import type { Fen } from '../../../shared/money';
import { addDays } from '../../../shared/dates';

export const DEMO_COURT = '黔0103';
export const DEMO_COURT_NAME = '贵阳市云岩区人民法院';

/** 执行申请费 (art. 14(1)): 50 元 up to 1 万; then 1.5% to 50 万, 1% to 500 万, 0.5% to 1000 万, 0.1% above */
export function enforcementFee(owed: Fen): Fen {
  const bands: [number, number][] = [[1_000_000, 0], [50_000_000, 150], [500_000_000, 100], [1_000_000_000, 50], [Number.MAX_SAFE_INTEGER, 10]];
  let fee = 5_000;
  let lower = 0;
  for (const [upper, perTenThousand] of bands) {
    if (owed > lower) fee += Math.round(((Math.min(owed, upper) - lower) * perTenThousand) / 10_000);
    lower = upper;
  }
  return fee;
}

/** 申请保全费 (art. 14(2)): 30 元 up to 1000 元; 1% to 10 万; 0.5% above; at most 5000 元 */
export function preservationFee(amount: Fen): Fen {
  let fee = 3_000;
  if (amount > 100_000) fee += Math.round((Math.min(amount, 10_000_000) - 100_000) / 100);
  if (amount > 10_000_000) fee += Math.round((amount - 10_000_000) / 200);
  return Math.min(fee, 500_000);
}

/** 职务 of a company's 法定代表人, drawn from its credit code (not the random stream). */
const TITLES = ['执行董事', '董事长', '经理', '执行董事兼总经理'] as const;
export const representativeTitle = (creditCode: string): string => TITLES[hash32(creditCode) % TITLES.length]!;

/** A party as the system records it: a person's 住所 is his registered domicile; a company's its seat and 法定代表人. */
function party(s: Subject): DocketParty {
  const base = { kind: s.kind, name: s.name, idNumber: s.idNumber };
  if (s.kind === 'company') return { ...base, address: s.address, legalRepresentative: { name: s.legalRepresentative.name, title: representativeTitle(s.idNumber) } };
  return s.holdings.household ? { ...base, address: s.holdings.household.address } : base;
}

/**
 * The judges of the demo register (officers.ts) the cases are assigned to: the demo judge 王立新
 * carries three in five, 罗静 and 杨帆 one each. Drawn from the case number, not the random stream,
 * so the population is the same with or without assignment.
 */
export const DEMO_ASSIGNEES = ['F520103001', 'F520103001', 'F520103001', 'F520103004', 'F520103005'] as const;

function numberHash(caseNumber: string, salt = 2166136261): number {
  let h = salt;
  for (const ch of caseNumber) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

export function assigneeFor(caseNumber: string): string {
  return DEMO_ASSIGNEES[numberHash(caseNumber) % DEMO_ASSIGNEES.length]!;
}

/**
 * One enforcement case in three states its judgment's 履行期限届满日 — 10 to 89 days before it was
 * filed — and the money debt the late-performance interest accrues on (the amount ordered), so its
 * cap carries that interest (docs/domain.md rule 1). A 执保 case has no judgment yet. Drawn from the
 * case number, not the random stream, so the rest of the population stays as it was.
 */
export function lateInterestFor(number: string, type: string, filedOn: string, amountOwed: Fen): Pick<DocketCase, 'performanceDueOn' | 'interestPrincipal'> {
  const h = numberHash(number, 0x9e3779b9);
  if (type === '执保' || h % 3 !== 0) return {};
  return { performanceDueOn: addDays(filedOn, -(10 + (h >>> 8) % 80)), interestPrincipal: amountOwed };
}

export function makeDocket(rng: Rng, subjects: Subject[], count: number): DocketCase[] {
  const withMoney = subjects.filter((s) => s.holdings.bankAccounts.reduce((t, a) => t + a.balance, 0) >= 100_000);
  const persons = subjects.filter((s) => s.kind === 'person');
  const filed = Array.from({ length: count }, () => dateBetween(rng, '2025-01-02', '2026-11-27')).sort();
  const seq = new Map<number, number>();
  const cases: DocketCase[] = [];
  for (const filedOn of filed) {
    const year = Number(filedOn.slice(0, 4));
    const type = rng.weighted([['执', 85], ['执恢', 8], ['执保', 7]] as const);
    const n = (seq.get(year) ?? rng.int(20, 60)) + rng.int(1, 9);
    seq.set(year, n);
    const cause = rng.weighted(CAUSES);
    const debtorCount = rng.weighted([[1, 70], [2, 22], [3, 8]] as const);
    const chosen = new Set<string>();
    const debtors: DocketParty[] = [];
    while (debtors.length < debtorCount) {
      // most demo debtors hold at least 1,000 元 in a bank, so a demo query finds money; the rest
      // are drawn from everyone, some with nothing (cases headed for 终本)
      const s = rng.chance(0.7) ? rng.pick(withMoney) : rng.pick(subjects);
      if (chosen.has(s.idNumber)) continue;
      chosen.add(s.idNumber);
      debtors.push(party(s));
    }
    let applicant: Subject;
    do applicant = rng.pick(cause === '民间借贷纠纷' ? persons : subjects);
    while (chosen.has(applicant.idNumber));
    const amountOwed = rng.logInt(300_000, 300_000_000) - (rng.chance(0.6) ? 0 : rng.int(0, 99));
    const costs = type === '执保' ? preservationFee(amountOwed) : enforcementFee(amountOwed);
    const number = `(${year})${DEMO_COURT}${type}${n}号`;
    cases.push({
      number, filedOn, cause, amountOwed, costs, applicant: party(applicant), debtors, assignee: assigneeFor(number),
      ...lateInterestFor(number, type, filedOn, amountOwed),
    });
  }
  return cases;
}
