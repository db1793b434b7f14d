/**
 * 参与分配 (docs/distribution.md; docs/domain.md rule 4): the claims to share, the plan as it would
 * be made now, the plans made with their document, and the service that starts the 15 days to
 * object. What is distributed is the case's `recovered` and the costs its `costs` — the figures the
 * cap formula reads, never typed again; the applicant's claim is the case's amount owed.
 */
import { AppFailure } from '../../../shared/app-failure';
import { parseIsoDate, todayCst, type HolidayCalendar } from '../../../shared/dates';
import type { CaseDistribution, DistributionClaimView, DistributionPlanView } from '../../../shared/domain/distribution';
import type { Officer } from '../../../shared/domain/types';
import { distributionPlan, objectionDeadline, type DistributionClaim } from '../../../shared/rules/distribution';
import { firstSeizure } from '../../../shared/rules/first-seizure';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { StoredPlan } from '../../store/distribution';
import { toRef } from '../../store/documents';
import { planDocument } from './documents';

export interface DistributionDeps {
  now: () => Date;
  courtName: string;
  holidays: HolidayCalendar;
}

const invalid = (zh: string, en: string, field: string) => new AppFailure('VALIDATION', { zh, en }, field);

/** The applicant of the case first (his claim is what the case says is owed, his class as the judge recorded it), then the creditors who applied. */
export function claimsOf(store: SecureStore, c: StoredCase): DistributionClaimView[] {
  const applicant = c.parties.find((p) => p.role === 'applicant');
  const k = store.distribution.applicantClass(c.id);
  const own: DistributionClaimView[] = applicant && c.amountOwed > 0
    ? [{ id: applicant.id, caseId: c.id, source: 'applicant', creditor: applicant.name, basis: k.basis ? `${c.number}；${k.basis}` : c.number, amount: c.amountOwed, priority: k.priority, ...(k.rank !== undefined ? { rank: k.rank } : {}) }]
    : [];
  return [...own, ...store.distribution.claimsOf(c.id).map((x): DistributionClaimView => ({
    id: x.id, caseId: x.caseId, source: 'participant', creditor: x.creditor, basis: x.basis, amount: x.amount, priority: x.priority,
    ...(x.rank !== undefined ? { rank: x.rank } : {}), addedBy: x.addedBy, addedAt: x.addedAt,
  }))];
}

const asRuleClaim = (x: DistributionClaimView): DistributionClaim => ({ creditorId: x.id, amount: x.amount, priority: x.priority, ...(x.rank !== undefined ? { rank: x.rank } : {}) });

/**
 * 民诉法解释 第五百零六条: 参与分配 is for a debtor who is a person or another organisation, not a legal
 * person; and the court that seized first distributes (docs/domain.md rule 4), so an asset this case
 * holds behind another court's seal is named.
 */
function eligibility(store: SecureStore, c: StoredCase, courtName: string, today: string): CaseDistribution['eligible'] {
  const person = c.parties.some((p) => p.role === 'debtor' && p.kind === 'person');
  if (!person) {
    return { ok: false, zh: '被执行人为单位：企业法人的债权人按执行措施先后受偿，参与分配只适用于其他组织', en: 'an organisation debtor: a legal person’s creditors are paid in the order of the measures; sharing applies only to other organisations' };
  }
  const held = new Set(store.measures.liveFreezes(c.id, today).filter((f) => f.status !== 'released' && f.status !== 'lapsed').map((f) => f.measure.assetId));
  const behind = store.caseQueryView(c.id).assets.find((a) => held.has(a.id) && !firstSeizure(a.existingFreezes, courtName).ours);
  if (behind) {
    const first = firstSeizure(behind.existingFreezes, courtName).court;
    return { ok: false, zh: `${behind.description}由${first}首先查封，该财产的分配由首先查封法院主持`, en: `${behind.description} was seized first by ${first}: that court distributes it` };
  }
  return { ok: true, zh: '被执行人为自然人，财产不能清偿所有债权的，可以参与分配', en: 'a person debtor: creditors may share when his property does not cover them all' };
}

function planView(store: SecureStore, p: StoredPlan, today: string, cal: HolidayCalendar): DistributionPlanView {
  const until = p.servedOn ? objectionDeadline(p.servedOn, cal) : undefined;
  const { creditors, ...figures } = p.figures;
  return {
    id: p.id, caseId: p.caseId, figures, creditors, document: toRef(store.documents.get(p.documentId)!),
    ...(p.servedOn ? { servedOn: p.servedOn } : {}), ...(until ? { objectionsUntil: until, objectionsOpen: today <= until } : {}),
    madeBy: p.madeBy, madeAt: p.madeAt,
  };
}

export function caseDistribution(d: DistributionDeps, store: SecureStore, c: StoredCase): CaseDistribution {
  const today = todayCst(d.now());
  const claims = claimsOf(store, c);
  return {
    caseId: c.id, today, recovered: c.recovered, costs: c.costs, claims,
    preview: distributionPlan({ distributable: c.recovered, costs: c.costs, claims: claims.map(asRuleClaim) }),
    plans: store.distribution.plansOf(c.id).map((p) => planView(store, p, today, d.holidays)),
    eligible: eligibility(store, c, d.courtName, today),
  };
}

/** Makes the plan of the claims standing now and its 财产分配方案. */
export async function makePlan(d: DistributionDeps, store: SecureStore, officer: Officer, c: StoredCase): Promise<DistributionPlanView> {
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED', { zh: '案件已结案，不能制作分配方案', en: 'the case is closed: no plan can be made' });
  const claims = claimsOf(store, c);
  if (claims.length < 2) throw invalid('参与分配须有两个以上债权人；请先登记申请参与分配的债权人', 'sharing needs two creditors or more: record the claims first', 'caseId');
  if (c.recovered <= 0) throw invalid('本案尚无执行到位的款项可供分配', 'nothing has been recovered in this case to distribute', 'caseId');
  const figures = distributionPlan({ distributable: c.recovered, costs: c.costs, claims: claims.map(asRuleClaim) });
  const creditors = Object.fromEntries(claims.map((x) => [x.id, x.creditor]));
  const today = todayCst(d.now());
  const doc = await planDocument(store, c, figures, creditors, { date: today, officer, courtName: d.courtName });
  const p = store.distribution.recordPlan({ caseId: c.id, distributable: figures.distributable, costs: c.costs, figures: { ...figures, creditors }, documentId: doc.id, madeBy: officer.code });
  return planView(store, p, today, d.holidays);
}

export function recordService(d: DistributionDeps, store: SecureStore, officer: Officer, c: StoredCase, planId: string, servedOn: string): DistributionPlanView {
  const parsed = parseIsoDate(servedOn);
  if (!parsed.ok || parsed.value !== servedOn) throw invalid('送达日期不正确（应为 年-月-日）', 'the day of service is not valid (YYYY-MM-DD)', 'servedOn');
  const today = todayCst(d.now());
  if (servedOn > today) throw invalid(`送达日期不能晚于今天（${today}）`, `the day of service cannot be after today (${today})`, 'servedOn');
  const plan = store.distribution.plan(planId);
  if (plan && todayCst(new Date(plan.madeAt)) > servedOn) throw invalid('送达日期不能早于分配方案制作之日', 'the plan cannot be served before it was made', 'servedOn');
  return planView(store, store.distribution.recordService(c.id, planId, servedOn, officer.code), today, d.holidays);
}
