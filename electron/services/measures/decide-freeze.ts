/**
 * Deciding a freeze (docs/domain.md rules 1, 2, 5, 7): the one path every freeze decision takes —
 * the freeze panel's 一键冻结, an alert's one-click freeze of funds that arrived, and each run of a
 * repeat freeze. The whole set is checked against the rules and refused whole if any item breaks
 * one; then one ruling over the decision and one notice per agency (docs/documents.md), and one
 * measure per item, signed by the deciding judge and written to the outbox before it is sent.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { Measure } from '../../../shared/domain/measures';
import { checkEndDate, checkFreezeSet, freezeCap, isIndivisible } from '../../../shared/rules';
import type { StoredCase } from '../../store/cases';
import type { Deps } from '../deps';
import type { ActiveSession } from '../session';
import { makeDecisionDocuments, type MeasureDocInput } from './documents';
import { refusedForLivingCosts } from './exempt';
import { assertDecisionOpen, assetsOf, debtorOf, exemptFor, fail, liveByAsset, newMeasure, sendNew, type MeasureOps } from './ops';

export interface FreezeDecision {
  decisionId: string;
  items: { assetId: string; amount?: number; endsOn: string; overCapReason?: string }[];
}

export async function decideFreeze(d: Deps, ops: MeasureOps, s: ActiveSession, c: StoredCase, { decisionId, items }: FreezeDecision): Promise<{ measures: Measure[] }> {
  const { store } = s;
  const caseId = c.id;
  const today = ops.today;
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
  items.forEach((it, i) => {
    if (items.findIndex((x) => x.assetId === it.assetId) !== i) fail('同一财产在本次冻结中列了两次', 'the same asset is listed twice in this freeze', `items.${i}.assetId`);
    assertDecisionOpen(store, decisionId, it.assetId);
  });
  const assets = assetsOf(store, caseId);
  const live = liveByAsset(store.measures.liveFreezes(caseId, today()));
  const chosen = items.map((it, i) => {
    const a = assets.get(it.assetId);
    if (!a) fail('所选财产不在本案查询结果中', 'the asset is not among this case\'s query results', `items.${i}.assetId`);
    const cand = ops.candidate(a, live);
    if (!cand.freezable) fail(cand.notFreezableReason!.zh, cand.notFreezableReason!.en, `items.${i}.assetId`);
    debtorOf(c, a.partyId);
    const period = checkEndDate(today(), it.endsOn, a.kind);
    if (!period.ok) fail(period.zh, period.en, `items.${i}.endsOn`);
    if (cand.indivisible && it.amount !== undefined) fail('不可分割的财产整体查封，不填金额', 'an indivisible asset is sealed whole, without an amount', `items.${i}.amount`);
    return { it, a };
  });
  const reasons = Object.fromEntries(items.filter((i) => i.overCapReason?.trim()).map((i) => [i.assetId, i.overCapReason!.trim()]));
  const check = checkFreezeSet(freezeCap(store.measures.capInputFor(caseId, today())), store.measures.frozenTotalForCase(caseId, today()), chosen.map(({ it, a }) => (it.amount !== undefined ? { asset: a, amount: it.amount } : { asset: a })), {
    reasons, exemptLivingAllowance: exemptFor(store, c),
    knownDeposits: [...assets.values()].filter((a) => a.kind === 'deposit').map((a) => ({ asset: a, frozenByCase: ops.candidate(a, live).frozenByCase })),
  });
  if (!check.ok) {
    const v = check.violations[0]!;
    const living = check.violations.find((x) => x.code === 'LIVING_COSTS_NOT_LEFT');
    // docs/domain.md rule 5: taking what the debtor must keep to live on is a prohibited act, recorded
    if (living) refusedForLivingCosts(store, s.officer.code, c, living);
    fail(v.zh, v.en, `items.${items.findIndex((i) => i.assetId === v.assetId)}`);
  }
  // one ruling over the whole decision, one notice per agency (docs/documents.md)
  const decided = chosen.map(({ it, a }) => ({ it, a, amount: isIndivisible(a.kind) ? undefined : (it.amount ?? a.available ?? a.value) }));
  const documents = await makeDecisionDocuments(store, decided.map(({ it, a, amount }): MeasureDocInput => ({
    kind: 'freeze', court: d.courtName, c, debtor: debtorOf(c, a.partyId), asset: a, channel: a.channel, officer: s.officer, today: today(),
    ...(amount !== undefined ? { amount } : {}), period: { start: today(), end: it.endsOn },
  })));
  const out = decided.map(({ it, a, amount }, k) => sendNew(s, newMeasure(d.now(), {
    caseId, partyId: a.partyId, assetId: a.id, channel: a.channel, assetKind: a.kind, assetIdentifier: a.identifier,
    kind: 'freeze', decidedBy: s.officer.code, documents: documents[k]!, endsOn: it.endsOn, decisionId,
    ...(amount !== undefined ? { amount } : {}),
    ...(reasons[a.id] ? { overCapReason: reasons[a.id] } : {}),
  })));
  return { measures: out };
}
