/**
 * Deductions (docs/domain.md rules 5, 6, 7, 13, 14): the frozen balance is re-queried from the agency before
 * anything else, the judge confirms with his password, and above the bureau's threshold the
 * deduction waits for a chief's or the director's approval before it goes. Prepared offline, it
 * waits as a draft until re-confirmed on a fresh balance.
 */
import { AppFailure } from '../../../shared/app-failure';
import { formatYuanSymbol } from '../../../shared/money';
import { caseAccess, permits } from '../../../shared/authority/matrix';
import { channelInfo } from '../../../shared/domain/channels';
import type { Officer } from '../../../shared/domain/types';
import { checkDeduction, needsApproval, suggestDeduction } from '../../../shared/rules';
import { accessCase, accessHolder } from '../authority';
import { closeInboxItem, offerForApproval } from '../approvals';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { assertDecisionOpen, contextFor, fail, measureOf, sendStored, type MeasureOps } from '../measures/ops';
import { assertDeductible } from '../measures/exempt';
import { signMeasure, withDecision } from '../measures/sign';

const STALE = { zh: '请先重新查询冻结余额，并按最新余额确认', en: 'query the frozen balance again and confirm on the newest one' };

/** Refuses a deduction the frozen balance covers only if the deductions under way are forgotten. */
function failUnderWay(balance: number, underWay: number): never {
  fail(
    `冻结余额 ${formatYuanSymbol(balance)} 中已有 ${formatYuanSymbol(underWay)} 的扣划在办理中（待审批或已发出），本次扣划最多 ${formatYuanSymbol(Math.max(0, balance - underWay))}`,
    `of the frozen ${balance} fen, ${underWay} fen are already being deducted (awaiting approval or sent): at most ${Math.max(0, balance - underWay)} fen now`,
    'amount',
  );
}

/** What is still owed once the case's deductions under way are done (rule 1): two windows cannot both spend it. */
function owedAfterInFlight(store: SecureStore, c: StoredCase, today: string, exceptId?: string): number {
  return store.measures.capForCase(c.id, today) - store.measures.deductionsInFlight({ caseId: c.id, ...(exceptId ? { exceptId } : {}) });
}

/**
 * A deduction decided again after the agency refused one (docs/domain.md rule 7): a new decision on
 * a new balance check, naming the refused measure, never the refused request sent again. Only a
 * refusal of this freeze, and only once (the store's unique index is the last guard).
 */
function assertRetryable(store: SecureStore, retryOf: string, freezeId: string): void {
  const refused = store.measures.getMeasure(retryOf);
  if (!refused || refused.kind !== 'deduct' || refused.freezeId !== freezeId || refused.state !== 'rejected') {
    fail('只能就本冻结被协助单位拒绝的扣划重新扣划', 'only a deduction of this freeze that the agency refused can be decided again', 'retryOf');
  }
  if (store.measures.list({ kind: 'deduct' }).some((m) => m.retryOf === retryOf)) {
    throw new AppFailure('DECISION_TAKEN', { zh: '该被拒绝的扣划已重新扣划过', en: 'the refused deduction has already been decided again' }, 'retryOf');
  }
}

export function deductionHandlers(d: Deps, ops: MeasureOps): FeatureHandlers<'deduction'> {
  return {
    prepare: async ({ freezeId }, { session: s, store, officer, case: c }) => {
      // a closed case is not asked about again (docs/domain.md rule 6 asks the agency)
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      const view = ops.liveFreeze(store, freezeId);
      const f = view.measure;
      if (!channelInfo(f.channel).measures.includes('deduct')) fail(`${channelInfo(f.channel).zh}不办理网络扣划`, `${channelInfo(f.channel).en} does not deduct online`, 'freezeId');
      // docs/domain.md rule 5: a provident fund account is deducted only on a withdrawal condition
      assertDeductible(store, officer, c, f);
      const ctx = contextFor(store, f);
      if (!ctx) throw new AppFailure('INTERNAL');
      // docs/domain.md rule 6: the balance comes from the agency now, never from what was stored
      let frozenNow: number;
      let checkedAt: string;
      let fresh = true;
      try {
        const fb = await s.measures.frozenBalance(f, { ...ctx, officer: { code: officer.code, name: officer.name } });
        frozenNow = fb.freezeStatus === 'in_force' ? (fb.frozenAmount ?? 0) : 0;
        checkedAt = fb.checkedAt;
        store.balanceChecks.record({ freezeId, amount: frozenNow, checkedAt, requestId: fb.requestId }, officer.code);
      } catch (e) {
        if (!(e instanceof AppFailure) || e.error.code !== 'NETWORK_DOWN') throw e;
        // Offline (field trip): the last known balance, clearly marked; nothing is sent on it.
        const last = store.balanceChecks.latest(freezeId);
        frozenNow = last?.amount ?? view.frozen;
        checkedAt = last?.checkedAt ?? f.outcome?.executedAt ?? f.updatedAt;
        fresh = false;
      }
      const outstanding = store.measures.capForCase(c.id, ops.today());
      const settings = store.settings.all();
      return {
        freezeId, caseId: c.id, frozenNow, checkedAt, preparedAt: d.now().toISOString(), fresh, outstanding,
        suggested: suggestDeduction(frozenNow, outstanding), approvalThreshold: settings.approvalThreshold, courtAccounts: settings.courtAccounts,
      };
    },

    submit: async ({ freezeId, decisionId, amount, courtAccountId, checkedAt, pin, retryOf }, { session: s, store, officer, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      const view = ops.liveFreeze(store, freezeId);
      assertDecisionOpen(store, decisionId, view.measure.assetId);
      if (retryOf !== undefined) assertRetryable(store, retryOf, freezeId);
      assertDeductible(store, officer, c, view.measure);
      const settings = store.settings.all();
      const account = settings.courtAccounts.find((a) => a.id === courtAccountId);
      if (!account) fail('请选择本院执行款专户', 'choose the court\'s receiving account', 'courtAccountId');
      const latest = store.balanceChecks.latest(freezeId);
      const offline = !s.measures.networkStatus().online;
      if (offline && retryOf === undefined && (!latest || latest.checkedAt !== checkedAt)) {
        // Prepared offline on the last known balance: kept as a draft in the outbox, never sent
        // until re-confirmed on a fresh balance (deduction.confirm).
        const lastKnown = (latest?.amount ?? view.frozen) - store.measures.deductionsInFlight({ freezeId });
        const check = checkDeduction({ amount, frozenNow: lastKnown, now: d.now().toISOString(), outstanding: owedAfterInFlight(store, c, ops.today()), maxAgeMinutes: Number.MAX_SAFE_INTEGER });
        const v = check.violations.find((x) => x.code !== 'STALE_BALANCE');
        if (v) fail(v.zh, v.en, 'amount');
        return { measure: await ops.actOnFreeze(s, c, 'deduct', freezeId, { decisionId, amount, courtAccount: account, state: 'draft' }) };
      }
      if (!latest || latest.checkedAt !== checkedAt) fail(STALE.zh, STALE.en, 'checkedAt');
      if (store.measures.list({ kind: 'deduct' }).some((m) => m.balanceCheck === latest.seq)) throw new AppFailure('BALANCE_CHECK_USED', undefined, 'checkedAt');
      const underWay = store.measures.deductionsInFlight({ freezeId, executedAfter: latest.checkedAt });
      if (underWay > 0 && amount > latest.amount - underWay) failUnderWay(latest.amount, underWay);
      const frozenNow = latest.amount - underWay;
      const check = checkDeduction({ amount, frozenNow, frozenCheckedAt: latest.checkedAt, now: d.now().toISOString(), outstanding: owedAfterInFlight(store, c, ops.today()), maxAgeMinutes: settings.balanceMaxAgeMinutes });
      if (!check.ok) fail(check.violations[0]!.zh, check.violations[0]!.en, 'amount');
      const state = needsApproval(amount, settings.approvalThreshold) ? 'awaiting_approval' : 'queued';
      const measure = await ops.actOnFreeze(s, c, 'deduct', freezeId, { decisionId, balanceCheck: latest.seq, amount, courtAccount: account, state, ...(retryOf ? { retryOf } : {}) });
      // waiting for a chief: offered to the gateway's inbox, so he may approve from his own session
      if (measure.state === 'awaiting_approval') void offerForApproval(d, s, measure);
      return { measure };
    },

    confirm: async ({ measureId, checkedAt, pin }, { session: s, store, officer, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      const m = measureOf(store, measureId);
      if (m.kind !== 'deduct' || m.state !== 'draft' || !m.freezeId || m.amount === undefined) {
        fail('只有离线准备的扣划需要重新确认', 'only a deduction prepared offline is re-confirmed', 'measureId');
      }
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      if (m.decidedBy !== officer.code) fail('只有准备该扣划的承办法官可以确认', 'only the judge who prepared the deduction confirms it', 'measureId');
      assertDeductible(store, officer, c, measureOf(store, m.freezeId));
      const latest = store.balanceChecks.latest(m.freezeId);
      if (!latest || latest.checkedAt !== checkedAt) fail(STALE.zh, STALE.en, 'checkedAt');
      const settings = store.settings.all();
      const frozenNow = latest.amount - store.measures.deductionsInFlight({ freezeId: m.freezeId, exceptId: m.id, executedAfter: latest.checkedAt });
      const check = checkDeduction({ amount: m.amount, frozenNow, frozenCheckedAt: latest.checkedAt, now: d.now().toISOString(), outstanding: owedAfterInFlight(store, c, ops.today(), m.id), maxAgeMinutes: settings.balanceMaxAgeMinutes });
      if (!check.ok) fail(check.violations[0]!.zh, check.violations[0]!.en, 'amount');
      // confirmed now: decided on this balance, signed by the judge
      const signed = { balanceCheck: latest.seq, signatures: withDecision(store, s.keys, m).signatures! };
      if (needsApproval(m.amount, settings.approvalThreshold)) {
        const waiting = store.measures.updateMeasure(m.id, { state: 'awaiting_approval', ...signed }, officer.code);
        void offerForApproval(d, s, waiting);
        return { measure: waiting };
      }
      const queued = store.measures.updateMeasure(m.id, { state: 'queued', ...signed }, officer.code);
      return { measure: sendStored(s, queued) };
    },

    approve: async ({ measureId, approverCode, approverPassword, decision, reason }, { session: s, store, case: c }) => {
      const m = measureOf(store, measureId);
      const approver: Officer | undefined = store.officers.get(approverCode.trim());
      const allowed = approver && permits('deduction.approve', approver.role, caseAccess(accessHolder(approver), accessCase(c)));
      if (!approver || !allowed?.ok) fail('只有庭长（局长）可以审批扣划', 'only a division chief may approve a deduction', 'approverCode');
      // his own password opens his own key: the approval is his signature over the measure's body
      const keys = await d.vault.openKeys(approver.code, approverPassword);
      const signature = decision === 'approve' ? signMeasure(store, keys, m, 'approval') : undefined;
      const { measure } = store.approvals.record({
        measureId: m.id, approver: approver.code, decision: decision === 'approve' ? 'approved' : 'refused',
        ...(reason ? { reason } : {}), ...(signature ? { signature } : {}),
      });
      // the inbox item closes too, so no chief elsewhere is asked again (docs/gateway-protocol.md, "Approvals")
      void closeInboxItem(d, m.id, approver.code, decision, signature, reason);
      return { measure: measure.state === 'queued' ? sendStored(s, measure) : measure };
    },
  };
}
