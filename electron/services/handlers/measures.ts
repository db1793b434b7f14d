/**
 * Freeze, renew and release (docs/domain.md rules 1, 2, 3, 7) and the views across a case's measures: the
 * plan with the cap and a suggested allocation, the measures list with release proposals, the
 * outbox and the expiry calendar of the cases the officer may see.
 */
import { AppFailure } from '../../../shared/app-failure';
import { ARTICLES } from '../../../shared/legal/basis';
import type { Measure } from '../../../shared/domain/measures';
import type { ExpiryDay } from '../../../shared/domain/measure-views';
import {
  capInterest, checkRenewal, excessToRelease, expiryCalendar, freezeCap, isIndivisible, renewalPeriod, suggestAllocation,
} from '../../../shared/rules';
import { RELEASE_REASONS } from '../../../shared/legal/basis';
import { canRead } from '../authority';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import type { Fen } from '../../../shared/money';
import type { LiveFreeze } from '../../store/freeze-views';
import { disposalsOf, livingCostsOf, onlyHomesOf, withExemptions } from '../measures/exempt';
import { decideFreeze } from '../measures/decide-freeze';
import { assetsOf, fail, liveByAsset, measureOf, type FreezeAct, type MeasureOps } from '../measures/ops';

const OUTBOX = ['draft', 'awaiting_approval', 'queued', 'sent', 'unknown'] as const;

/** What the case's freezes in force hold beyond what is still owed (docs/domain.md rule 1), and whether it is paid in full. */
function releaseAdvice(cap: Fen, freezes: LiveFreeze[]) {
  const held = freezes
    .filter((f) => f.status === 'in_force' || f.status === 'waiting')
    .map((f) => ({ freezeId: f.measure.id, assetId: f.measure.assetId, kind: f.measure.assetKind, frozen: f.frozen, waiting: f.status === 'waiting' }));
  return { advice: excessToRelease(cap, held), paid: cap === 0 };
}

export function measureHandlers(d: Deps, ops: MeasureOps): FeatureHandlers<'measures'> {
  const { today } = ops;
  return {
    plan: ({ caseId }, { store, case: c }) => {
      const capInput = store.measures.capInputFor(caseId, today());
      const cap = freezeCap(capInput);
      const frozen = store.measures.frozenTotalForCase(caseId, today());
      const live = liveByAsset(store.measures.liveFreezes(caseId, today()));
      const assets = [...assetsOf(store, caseId).values()];
      const bare = assets.map((a) => ops.candidate(a, live));
      const freezable = bare.filter((x) => x.freezable).map((x) => x.asset);
      const livingCosts = livingCostsOf(store, c);
      const s = suggestAllocation(cap, frozen, freezable, { exemptLivingAllowance: Object.fromEntries(livingCosts.map((x) => [x.partyId, x.basis])) });
      // docs/domain.md rule 5: each row says what living costs it keeps, and whether it is an only home
      const candidates = withExemptions(bare, s.items, livingCosts, onlyHomesOf(store, caseId, assets));
      const interest = capInterest(capInput);
      return {
        caseId, today: today(), cap, ...(interest ? { lateInterest: { amount: interest.amount, from: interest.from, days: interest.days } } : {}), alreadyFrozen: frozen, remaining: Math.max(0, cap - frozen), candidates,
        suggestion: {
          items: s.items.map((i) => (i.amount !== undefined ? { assetId: i.assetId, amount: i.amount } : { assetId: i.assetId })),
          total: s.total, reachesCap: s.capReached, skipped: s.skipped,
        },
        livingCosts,
        disposals: disposalsOf(candidates),
      };
    },

    // the one decision path of a freeze: the panel's click, an alert's one-click freeze and a repeat freeze's run
    freeze: ({ decisionId, items }, { session: s, case: c }) => decideFreeze(d, ops, s, c, { decisionId, items }),

    list: ({ caseId }, { store }) => {
      const freezes = store.measures.liveFreezes(caseId, today());
      const { advice, paid } = releaseAdvice(freezeCap(store.measures.capInputFor(caseId, today())), freezes);
      return {
        caseId, measures: store.measures.listForCase(caseId), freezes,
        releaseProposals: advice.releases.map((r) => ({
          freezeId: r.freezeId,
          ...(r.action === 'reduce' ? { amount: r.amount } : {}),
          reason: paid ? RELEASE_REASONS.paidInFull : RELEASE_REASONS.excess,
        })),
      };
    },

    renew: async ({ freezeIds, decisionId, endsOn }, { session: s, store, cases }) => {
      // a closed case takes no new measure; only a release (nothing stays seized past what is owed, docs/domain.md rule 1)
      if (cases.some((c) => c.status !== 'open')) throw new AppFailure('CASE_CLOSED');
      const byId = new Map(cases.map((c) => [c.id, c]));
      // every freeze is checked before any renewal is made; then one decision per case, with its one ruling
      const byCase = new Map<string, FreezeAct[]>();
      for (const [i, id] of freezeIds.entries()) {
        if (freezeIds.indexOf(id) !== i) fail('同一冻结在本次续行中列了两次', 'the same freeze is listed twice in this renewal', `freezeIds.${i}`);
        const view = ops.liveFreeze(store, id);
        const current = view.endsOn ?? view.measure.endsOn;
        if (!current) fail('该冻结没有截止日期', 'the freeze has no end date', `freezeIds.${i}`);
        const target = endsOn ?? renewalPeriod(current, view.measure.assetKind).end;
        const r = checkRenewal(today(), current, target, view.measure.assetKind);
        if (!r.ok) fail(r.zh, r.en, `freezeIds.${i}`);
        byCase.set(view.measure.caseId, [...(byCase.get(view.measure.caseId) ?? []), { freezeId: id, extra: { decisionId, endsOn: target } }]);
      }
      for (const [caseId, acts] of byCase) for (const a of acts) ops.checkAct(s, byId.get(caseId)!, 'renew', a);
      const renewed = new Map<string, Measure>();
      for (const [caseId, acts] of byCase) {
        const made = await ops.actOnFreezes(s, byId.get(caseId)!, 'renew', acts);
        made.forEach((m, k) => renewed.set(acts[k]!.freezeId, m));
      }
      return { measures: freezeIds.map((id) => renewed.get(id)!) };
    },

    release: async ({ freezeId, decisionId, amount, reason }, { session: s, store, case: c }) => {
      const view = ops.liveFreeze(store, freezeId);
      if (amount !== undefined) {
        if (isIndivisible(view.measure.assetKind) || view.measure.assetKind === 'securities' || view.measure.assetKind === 'wealth') {
          fail('此类财产只能整体解除冻结', 'this kind of asset is released whole', 'amount');
        }
        if (amount <= 0 || amount > view.frozen) fail('解除金额须大于零且不超过冻结金额', 'the amount released must be above zero and at most what is frozen', 'amount');
      }
      // more frozen than is still owed: the release of the excess rests on 查扣冻规定 第十九条; a case paid
      // in full, or any other ground, keeps the template's 第二十八条 (docs/domain.md rule 1)
      const { advice, paid } = releaseAdvice(freezeCap(store.measures.capInputFor(c.id, today())), store.measures.liveFreezes(c.id, today()));
      const excess = !paid && advice.releases.some((r) => r.freezeId === freezeId);
      return {
        measure: await ops.actOnFreeze(s, c, 'unfreeze', freezeId, {
          decisionId, ...(amount !== undefined ? { amount } : {}), reason, ...(excess ? { legalBasis: [ARTICLES.seizure19] } : {}),
        }),
      };
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
