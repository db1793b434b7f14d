/**
 * Exempt property in main (docs/domain.md rule 5): each person debtor's living allowance from the
 * bureau's settings and the dependants the judge recorded, the only-home flags of the case's flats,
 * and the refusal of a provident fund deduction without a withdrawal condition. The freeze plan, the
 * freeze check, the deduction handlers and the exemptions view all read these.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { CaseExemptions, DebtorLivingCosts, FreezeCandidate, FreezePlan } from '../../../shared/domain/measure-views';
import type { Measure } from '../../../shared/domain/measures';
import type { Asset, Officer } from '../../../shared/domain/types';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import {
  checkProvidentFundDeduction, livingAllowance, livingAllowanceFormula, livingCostsLeftNote, ONLY_HOME_NOTE, onlyHomeFlags,
  type LivingAllowanceBasis, type OnlyHomeFlag,
} from '../../../shared/rules';
import { auditSubject, type SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';

/** Each person debtor's living costs: per person per month × (he and his dependants) × months. */
export function livingCostsOf(store: SecureStore, c: Pick<StoredCase, 'id' | 'parties'>): DebtorLivingCosts[] {
  const monthlyPerPerson = store.settings.get('exemptLivingAllowance');
  const months = store.settings.get('exemptLivingMonths');
  const recorded = store.exemptions.dependants(c.id);
  return c.parties.filter((p) => p.role === 'debtor' && p.kind === 'person').map((p) => {
    const r = recorded.get(p.id);
    const basis: LivingAllowanceBasis = { monthlyPerPerson, dependants: r?.dependants ?? 0, months };
    return {
      partyId: p.id, basis, allowance: livingAllowance(basis), formula: livingAllowanceFormula(basis),
      ...(r ? { recordedBy: r.recordedBy, recordedAt: r.recordedAt } : {}),
    };
  });
}

/** The allowance the cap rules leave, per person debtor, with how it is made up (for the refusal's wording). */
export function exemptFor(store: SecureStore, c: Pick<StoredCase, 'id' | 'parties'>): Record<string, LivingAllowanceBasis> {
  return Object.fromEntries(livingCostsOf(store, c).map((d) => [d.partyId, d.basis]));
}

/** The case's flats flagged (or cleared) as a debtor's only home: the registry's answer, overridden by the judge. */
export function onlyHomesOf(store: SecureStore, caseId: string, assets: readonly Asset[]): Map<string, OnlyHomeFlag> {
  const marks = store.exemptions.onlyHomeMarks(caseId);
  const units = assets.filter((a) => a.kind === 'real_estate').map((a) => ({ id: a.id, partyId: a.partyId, identifier: a.identifier, ...(a.usage !== undefined ? { usage: a.usage } : {}) }));
  return onlyHomeFlags(units, (u) => {
    const unit = units.find((x) => x.id === u.id)!;
    const m = marks.find((x) => x.partyId === unit.partyId && x.identifier === unit.identifier);
    return m && { onlyHome: m.onlyHome, reason: m.reason, by: m.recordedBy, at: m.recordedAt };
  });
}

export function exemptionsView(store: SecureStore, c: StoredCase): CaseExemptions {
  const assets = store.caseQueryView(c.id).assets;
  return {
    caseId: c.id,
    debtors: livingCostsOf(store, c),
    onlyHomes: [...onlyHomesOf(store, c.id, assets)].map(([assetId, flag]) => ({ assetId, flag })),
  };
}

/**
 * The provident fund center's answer on the frozen account, from the case's latest answers: the same
 * account (channel, debtor, account number), whichever query found it last.
 */
function pfAccountOf(store: SecureStore, m: Pick<Measure, 'caseId' | 'partyId' | 'channel' | 'assetId' | 'assetIdentifier'>): Asset | undefined {
  const assets = store.caseQueryView(m.caseId).assets;
  return assets.find((a) => a.channel === m.channel && a.partyId === m.partyId && a.identifier === m.assetIdentifier)
    ?? assets.find((a) => a.id === m.assetId);
}

/**
 * A provident fund account is deducted only when the center reports a withdrawal condition met
 * (住房公积金管理条例 第二十四条); otherwise the deduction is refused with the reason and audited.
 */
export function assertDeductible(store: SecureStore, officer: Pick<Officer, 'code'>, c: StoredCase, m: Measure): void {
  if (m.assetKind !== 'provident_fund') return;
  const account = pfAccountOf(store, m);
  const v = checkProvidentFundDeduction(account?.withdrawal);
  if (!v) return;
  const debtor = c.parties.find((p) => p.id === m.partyId);
  store.audit.append({
    officer: officer.code, action: 'deduction.refused', caseId: c.id, caseNumber: c.number,
    ...(debtor ? { subject: auditSubject(debtor) } : {}), legalBasis: LEGAL_BASIS.providentFund,
    detail: { freezeId: m.id, code: v.code, status: account?.withdrawal?.status ?? null },
  });
  throw new AppFailure('VALIDATION', { zh: v.zh, en: v.en }, 'freezeId');
}

/**
 * The freeze plan's rows say what the exemptions do to them: the living costs the suggestion leaves
 * on an account, the only-home flag of a flat, whether a provident fund account may be deducted.
 */
export function withExemptions(
  candidates: FreezeCandidate[],
  suggested: readonly { assetId: string; exemptLeft?: number }[],
  living: readonly DebtorLivingCosts[],
  homes: ReadonlyMap<string, OnlyHomeFlag>,
): FreezeCandidate[] {
  const left = new Map(suggested.filter((i) => i.exemptLeft).map((i) => [i.assetId, i.exemptLeft!]));
  const basis = new Map(living.map((d) => [d.partyId, d.basis]));
  return candidates.map((c) => {
    const out: FreezeCandidate = { ...c };
    const amount = left.get(c.asset.id);
    const b = basis.get(c.asset.partyId);
    if (amount !== undefined && b) out.livingCostsLeft = { amount, ...livingCostsLeftNote(amount, b) };
    const home = homes.get(c.asset.id);
    if (home) out.onlyHome = home;
    if (c.asset.kind === 'provident_fund') {
      const v = checkProvidentFundDeduction(c.asset.withdrawal);
      out.deductible = v
        ? { ok: false, zh: v.zh, en: v.en }
        : { ok: true, zh: `符合提取条件（${c.asset.withdrawal!.condition}），冻结后可以扣划`, en: "A withdrawal condition is met: it may be deducted once frozen" };
    }
    return out;
  });
}

/**
 * What the plan proposes for a flat or a car once sealed — its valuation and sale by auction,
 * offline; an only home is never proposed for sale (查扣冻规定 第四条), and the row says why.
 */
export function disposalsOf(candidates: readonly FreezeCandidate[]): FreezePlan['disposals'] {
  return candidates
    .filter((c) => c.asset.kind === 'real_estate' || c.asset.kind === 'vehicle')
    .map((c) => (c.onlyHome?.onlyHome
      ? { assetId: c.asset.id, proposed: false, ...ONLY_HOME_NOTE }
      : { assetId: c.asset.id, proposed: true, zh: '查封后可依法评估、拍卖（线下办理）', en: 'Once sealed it may be valued and sold by auction (offline)' }));
}

/** A freeze refused for the living costs it would take (查扣冻规定 第三条), in the audit log. */
export function refusedForLivingCosts(store: SecureStore, officer: string, c: StoredCase, v: { assetId: string; maxAmount?: number }): void {
  const asset = store.caseQueryView(c.id).assets.find((a) => a.id === v.assetId);
  const debtor = c.parties.find((p) => p.id === asset?.partyId);
  store.audit.append({
    officer, action: 'measure.freeze.refused', caseId: c.id, caseNumber: c.number,
    ...(debtor ? { subject: auditSubject(debtor) } : {}), legalBasis: LEGAL_BASIS.livingCosts,
    detail: { code: 'LIVING_COSTS_NOT_LEFT', assetId: v.assetId, maxAmount: v.maxAmount ?? null },
  });
}
