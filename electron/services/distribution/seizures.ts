/**
 * Other courts' seizures of the case's assets (docs/distribution.md; docs/domain.md rule 4): who
 * seized first, from the registry's own list of seals (the query findings' existingFreezes), the
 * 商请移送执行函 a priority creditor's court sends once 60 days have passed since the first seizure
 * (首先查封批复 第一条、第二条), and the assets this case freezes that another of the bureau's cases
 * freezes too — found in one pass over the store's measures.
 */
import { AppFailure } from '../../../shared/app-failure';
import { parseIsoDate, todayCst } from '../../../shared/dates';
import type { DuplicateFreeze, SeizureView, TransferRequestView } from '../../../shared/domain/distribution';
import type { AssetKind, Officer } from '../../../shared/domain/types';
import { ARTICLES } from '../../../shared/legal/basis';
import { firstSeizure, transferClock } from '../../../shared/rules/first-seizure';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { StoredTransfer } from '../../store/distribution';
import { toRef } from '../../store/documents';
import { transferDocument } from './documents';
import type { DistributionDeps } from './plan';

function transferView(store: SecureStore, t: StoredTransfer, today: string): TransferRequestView {
  return {
    id: t.id, assetId: t.assetId, firstCourt: t.firstCourt, ...(t.firstCaseNumber ? { firstCaseNumber: t.firstCaseNumber } : {}), seizedOn: t.seizedOn,
    clock: transferClock(t.seizedOn, today, false), document: toRef(store.documents.get(t.documentId)!), madeBy: t.madeBy, madeAt: t.madeAt,
  };
}

export function caseSeizures(d: DistributionDeps, store: SecureStore, c: StoredCase): SeizureView[] {
  const today = todayCst(d.now());
  const transfers = store.distribution.transfersOf(c.id);
  return store.caseQueryView(c.id).assets.filter((a) => a.existingFreezes.length > 0).map((a) => ({
    assetId: a.id, kind: a.kind, description: a.description, first: firstSeizure(a.existingFreezes, d.courtName),
    courts: a.existingFreezes.map((f) => ({ court: f.court, ...(f.caseNumber ? { caseNumber: f.caseNumber } : {}) })),
    requests: transfers.filter((t) => t.assetId === a.id).map((t) => transferView(store, t, today)),
  }));
}

/**
 * The 商请移送执行函 for an asset another court seized first. Refused, with the reason in the judge's
 * words and an audit entry, before the 60 days have passed, once the first court has begun to sell,
 * or when this court is itself the first.
 */
export async function requestTransfer(d: DistributionDeps, store: SecureStore, officer: Officer, c: StoredCase, i: { assetId: string; seizedOn: string; disposalStarted: boolean }): Promise<TransferRequestView> {
  const refuse = (zh: string, en: string, field: string): never => {
    store.audit.append({ officer: officer.code, action: 'distribution.transfer.refused', caseId: c.id, caseNumber: c.number, legalBasis: ARTICLES.firstSeizure1, detail: { assetId: i.assetId, reason: en } });
    throw new AppFailure('VALIDATION', { zh, en }, field);
  };
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
  const parsed = parseIsoDate(i.seizedOn);
  if (!parsed.ok || parsed.value !== i.seizedOn) throw new AppFailure('VALIDATION', { zh: '首先查封日期不正确（应为 年-月-日）', en: 'the day of the first seizure is not valid (YYYY-MM-DD)' }, 'seizedOn');
  const today = todayCst(d.now());
  if (i.seizedOn > today) throw new AppFailure('VALIDATION', { zh: '首先查封日期不能晚于今天', en: 'the first seizure cannot be after today' }, 'seizedOn');
  const a = store.caseQueryView(c.id).assets.find((x) => x.id === i.assetId);
  if (!a) throw new AppFailure('VALIDATION', { zh: '所选财产不在本案查询结果中', en: 'the asset is not among this case’s query results' }, 'assetId');
  const first = firstSeizure(a.existingFreezes, d.courtName);
  if (first.ours) refuse('本院即首先查封法院，无须商请移送', 'this court seized first: there is nothing to ask for', 'assetId');
  // 批复 第一条: only a creditor with a prior security right or priority may ask
  if (store.distribution.applicantClass(c.id).priority !== 'priority') {
    refuse('申请执行人的债权未登记为优先受偿（担保物权或优先权），不能商请移送执行', 'the applicant\'s claim is not recorded as a priority claim: no transfer may be asked', 'caseId');
  }
  const clock = transferClock(i.seizedOn, today, i.disposalStarted);
  if (!clock.mayAsk) refuse(clock.zh, clock.en, i.disposalStarted ? 'disposalStarted' : 'seizedOn');
  const applicant = c.parties.find((p) => p.role === 'applicant');
  const doc = await transferDocument(store, c, {
    firstCourt: first.court, ...(first.caseNumber ? { firstCaseNumber: first.caseNumber } : {}), seizedOn: i.seizedOn,
    asset: `${a.institution}${a.description}（${a.identifier}）`, applicant: applicant?.name ?? '', claim: c.amountOwed,
  }, { date: today, officer, courtName: d.courtName });
  const t = store.distribution.recordTransfer({
    caseId: c.id, assetId: a.id, firstCourt: first.court, ...(first.caseNumber ? { firstCaseNumber: first.caseNumber } : {}), seizedOn: i.seizedOn, documentId: doc.id, madeBy: officer.code,
  });
  return transferView(store, t, today);
}

/** The duplicate freezes of the bureau (one query) this case is part of; other cases only by their number. */
export function caseDuplicates(d: DistributionDeps, store: SecureStore, c: StoredCase): DuplicateFreeze[] {
  const byAsset = new Map<string, DuplicateFreeze>();
  for (const r of store.distribution.duplicateFreezes(todayCst(d.now()))) {
    const key = `${r.channel}|${r.asset_identifier}`;
    const g = byAsset.get(key) ?? { channel: r.channel, assetKind: r.asset_kind as AssetKind, identifier: r.asset_identifier, cases: [] };
    g.cases.push({ caseId: r.case_id, caseNumber: r.case_number, measureId: r.measure_id, ...(r.amount !== null ? { amount: r.amount } : {}) });
    byAsset.set(key, g);
  }
  return [...byAsset.values()].filter((g) => g.cases.some((x) => x.caseId === c.id));
}
