/**
 * Freeze, renew and release (docs/domain.md rules 1, 2, 3, 7) and the views across a case's measures: the
 * plan with the cap and a suggested allocation, the measures list with release proposals, the
 * outbox and the expiry calendar of the cases the officer may see.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { Measure } from '../../../shared/domain/measures';
import type { ExpiryDay } from '../../../shared/domain/measure-views';
import {
  capInterest, checkEndDate, checkFreezeSet, checkRenewal, excessToRelease, expiryCalendar, freezeCap, isIndivisible, maxEndDate, renewalStart, suggestAllocation,
} from '../../../shared/rules';
import { canRead } from '../authority';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { makeMeasureDocuments } from '../measures/documents';
import { assertDecisionOpen, assetsOf, debtorOf, exemptFor, fail, liveByAsset, measureOf, newMeasure, sendNew, type MeasureOps } from '../measures/ops';

const OUTBOX = ['draft', 'awaiting_approval', 'queued', 'sent', 'unknown'] as const;

export function measureHandlers(d: Deps, ops: MeasureOps): FeatureHandlers<'measures'> {
  const { today } = ops;
  return {
    plan: ({ caseId }, { store, case: c }) => {
      const capInput = store.measures.capInputFor(caseId, today());
      const cap = freezeCap(capInput);
      const frozen = store.measures.frozenTotalForCase(caseId, today());
      const live = liveByAsset(store.measures.liveFreezes(caseId, today()));
      const candidates = [...assetsOf(store, caseId).values()].map((a) => ops.candidate(a, live));
      const freezable = candidates.filter((x) => x.freezable).map((x) => x.asset);
      const s = suggestAllocation(cap, frozen, freezable, { exemptLivingAllowance: exemptFor(store, c) });
      const interest = capInterest(capInput);
      return {
        caseId, today: today(), cap, ...(interest ? { lateInterest: { amount: interest.amount, from: interest.from, days: interest.days } } : {}), alreadyFrozen: frozen, remaining: Math.max(0, cap - frozen), candidates,
        suggestion: { items: s.items.map((i) => (i.amount !== undefined ? { assetId: i.assetId, amount: i.amount } : { assetId: i.assetId })), total: s.total, reachesCap: s.capReached },
      };
    },

    freeze: async ({ caseId, decisionId, items }, { session: s, store, case: c }) => {
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      for (const it of items) assertDecisionOpen(store, decisionId, it.assetId);
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
        fail(v.zh, v.en, `items.${items.findIndex((i) => i.assetId === v.assetId)}`);
      }
      const out: Measure[] = [];
      for (const { it, a } of chosen) {
        const debtor = debtorOf(c, a.partyId);
        const amount = isIndivisible(a.kind) ? undefined : (it.amount ?? a.available ?? a.value);
        const documents = await makeMeasureDocuments(store, {
          kind: 'freeze', court: d.courtName, c, debtor, asset: a, officer: s.officer, today: today(),
          ...(amount !== undefined ? { amount } : {}), period: { start: today(), end: it.endsOn },
        });
        out.push(sendNew(s, newMeasure(d.now(), {
          caseId, partyId: a.partyId, assetId: a.id, channel: a.channel, assetKind: a.kind, assetIdentifier: a.identifier,
          kind: 'freeze', decidedBy: s.officer.code, documents, endsOn: it.endsOn, decisionId,
          ...(amount !== undefined ? { amount } : {}),
          ...(reasons[a.id] ? { overCapReason: reasons[a.id] } : {}),
        })));
      }
      return { measures: out };
    },

    list: ({ caseId }, { store }) => {
      const freezes = store.measures.liveFreezes(caseId, today());
      const held = freezes
        .filter((f) => f.status === 'in_force' || f.status === 'waiting')
        .map((f) => ({ freezeId: f.measure.id, assetId: f.measure.assetId, kind: f.measure.assetKind, frozen: f.frozen, waiting: f.status === 'waiting' }));
      const cap = freezeCap(store.measures.capInputFor(caseId, today()));
      const advice = excessToRelease(cap, held);
      const paid = cap === 0;
      return {
        caseId, measures: store.measures.listForCase(caseId), freezes,
        releaseProposals: advice.releases.map((r) => ({
          freezeId: r.freezeId,
          ...(r.action === 'reduce' ? { amount: r.amount } : {}),
          reason: paid
            ? { zh: '案款已全部执行到位，应解除冻结', en: 'the case is paid in full: release the freeze' }
            : { zh: '冻结总额超过尚未执行的金额，应解除超出部分', en: 'more is frozen than is still owed: release the excess' },
        })),
      };
    },

    renew: async ({ freezeIds, decisionId, endsOn }, { session: s, store, cases }) => {
      const byId = new Map(cases.map((c) => [c.id, c]));
      const out: Measure[] = [];
      for (const [i, id] of freezeIds.entries()) {
        const view = ops.liveFreeze(store, id);
        const current = view.endsOn ?? view.measure.endsOn;
        if (!current) fail('该冻结没有截止日期', 'the freeze has no end date', `freezeIds.${i}`);
        const target = endsOn ?? maxEndDate(renewalStart(current), view.measure.assetKind);
        const r = checkRenewal(today(), current, target, view.measure.assetKind);
        if (!r.ok) fail(r.zh, r.en, `freezeIds.${i}`);
        out.push(await ops.actOnFreeze(s, byId.get(view.measure.caseId)!, 'renew', id, { decisionId, endsOn: target }));
      }
      return { measures: out };
    },

    release: async ({ freezeId, decisionId, amount, reason }, { session: s, store, case: c }) => {
      const view = ops.liveFreeze(store, freezeId);
      if (amount !== undefined) {
        if (isIndivisible(view.measure.assetKind) || view.measure.assetKind === 'securities' || view.measure.assetKind === 'wealth') {
          fail('此类财产只能整体解除冻结', 'this kind of asset is released whole', 'amount');
        }
        if (amount <= 0 || amount > view.frozen) fail('解除金额须大于零且不超过冻结金额', 'the amount released must be above zero and at most what is frozen', 'amount');
      }
      return { measure: await ops.actOnFreeze(s, c, 'unfreeze', freezeId, { decisionId, ...(amount !== undefined ? { amount } : {}), reason }) };
    },

    cancel: ({ measureId }, { store, officer }) => {
      const m = measureOf(store, measureId);
      if (!['draft', 'awaiting_approval', 'queued'].includes(m.state)) {
        fail('措施已发出，不能撤回；可另行解除', 'the measure has gone out and cannot be withdrawn; release it instead');
      }
      return { measure: store.measures.updateMeasure(measureId, { state: 'cancelled' }, officer.code) };
    },

    outbox: (_input, { store, officer }) => {
      const numbers = new Map<string, string | undefined>();
      const visible = (caseId: string) => {
        if (!numbers.has(caseId)) {
          const c = store.cases.get(caseId);
          numbers.set(caseId, c && canRead(officer, c) ? c.number : undefined);
        }
        return numbers.get(caseId);
      };
      return store.measures.list({ states: [...OUTBOX] }).flatMap((m) => {
        const number = visible(m.caseId);
        return number === undefined ? [] : [{ ...m, caseNumber: number }];
      });
    },

    calendar: ({ from, to }, { store, officer }) => {
      const visible = (caseId: string) => {
        const c = store.cases.get(caseId);
        return !!c && canRead(officer, c);
      };
      const freezes = ops.liveFreezesOf(store, visible).filter((f) => f.status === 'in_force' || f.status === 'waiting');
      const days = expiryCalendar(freezes.map((f) => ({ ...f, measureId: f.measure.id })), from, to);
      return days.map((x) => ({ date: x.date, freezes: x.freezes })) as ExpiryDay[];
    },
  };
}
