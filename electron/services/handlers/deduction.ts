/**
 * Deductions (DOMAIN rules 6, 7, 13, 14): the frozen balance is re-queried from the agency before
 * anything else, the judge confirms with his password, and above the bureau's threshold the
 * deduction waits for a chief's or the director's approval before it goes. Prepared offline, it
 * waits as a draft until re-confirmed on a fresh balance.
 */
import { AppFailure } from '../../../shared/app-failure';
import { caseAccess, permits } from '../../../shared/authority/matrix';
import { channelInfo } from '../../../shared/domain/channels';
import type { Officer } from '../../../shared/domain/types';
import { checkDeduction, freezeCap, needsApproval, suggestDeduction } from '../../../shared/rules';
import { accessCase, accessHolder } from '../authority';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { contextFor, fail, measureOf, sendStored, type MeasureOps } from '../measures/ops';

const STALE = { zh: '请先重新查询冻结余额，并按最新余额确认', en: 'query the frozen balance again and confirm on the newest one' };

export function deductionHandlers(d: Deps, ops: MeasureOps): FeatureHandlers<'deduction'> {
  return {
    prepare: async ({ freezeId }, { session: s, store, officer, case: c }) => {
      const view = ops.liveFreeze(store, freezeId);
      const f = view.measure;
      if (!channelInfo(f.channel).measures.includes('deduct')) fail(`${channelInfo(f.channel).zh}不办理网络扣划`, `${channelInfo(f.channel).en} does not deduct online`, 'freezeId');
      const ctx = contextFor(store, f);
      if (!ctx) throw new AppFailure('INTERNAL');
      // DOMAIN rule 6: the balance comes from the agency now, never from what was stored
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
      const outstanding = freezeCap(c);
      const settings = store.settings.all();
      return {
        freezeId, caseId: c.id, frozenNow, checkedAt, fresh, outstanding,
        suggested: suggestDeduction(frozenNow, outstanding), approvalThreshold: settings.approvalThreshold, courtAccounts: settings.courtAccounts,
      };
    },

    submit: async ({ freezeId, amount, courtAccountId, checkedAt, pin }, { session: s, store, officer, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      const view = ops.liveFreeze(store, freezeId);
      const settings = store.settings.all();
      const account = settings.courtAccounts.find((a) => a.id === courtAccountId);
      if (!account) fail('请选择本院执行款专户', 'choose the court\'s receiving account', 'courtAccountId');
      const latest = store.balanceChecks.latest(freezeId);
      const offline = !s.measures.networkStatus().online;
      if (offline && (!latest || latest.checkedAt !== checkedAt)) {
        // Prepared offline on the last known balance: kept as a draft in the outbox, never sent
        // until re-confirmed on a fresh balance (deduction.confirm).
        const lastKnown = latest?.amount ?? view.frozen;
        const check = checkDeduction({ amount, frozenNow: lastKnown, now: d.now().toISOString(), outstanding: freezeCap(c), maxAgeMinutes: Number.MAX_SAFE_INTEGER });
        const v = check.violations.find((x) => x.code !== 'STALE_BALANCE');
        if (v) fail(v.zh, v.en, 'amount');
        return { measure: await ops.actOnFreeze(s, c, 'deduct', freezeId, { amount, courtAccount: account, state: 'draft' }) };
      }
      if (!latest || latest.checkedAt !== checkedAt) fail(STALE.zh, STALE.en, 'checkedAt');
      const check = checkDeduction({ amount, frozenNow: latest.amount, frozenCheckedAt: latest.checkedAt, now: d.now().toISOString(), outstanding: freezeCap(c), maxAgeMinutes: settings.balanceMaxAgeMinutes });
      if (!check.ok) fail(check.violations[0]!.zh, check.violations[0]!.en, 'amount');
      const state = needsApproval(amount, settings.approvalThreshold) ? 'awaiting_approval' : 'queued';
      return { measure: await ops.actOnFreeze(s, c, 'deduct', freezeId, { amount, courtAccount: account, state }) };
    },

    confirm: async ({ measureId, checkedAt, pin }, { session: s, store, officer, case: c }) => {
      await d.vault.verifyPassword(officer.code, pin);
      const m = measureOf(store, measureId);
      if (m.kind !== 'deduct' || m.state !== 'draft' || !m.freezeId || m.amount === undefined) {
        fail('只有离线准备的扣划需要重新确认', 'only a deduction prepared offline is re-confirmed', 'measureId');
      }
      const latest = store.balanceChecks.latest(m.freezeId);
      if (!latest || latest.checkedAt !== checkedAt) fail(STALE.zh, STALE.en, 'checkedAt');
      const settings = store.settings.all();
      const check = checkDeduction({ amount: m.amount, frozenNow: latest.amount, frozenCheckedAt: latest.checkedAt, now: d.now().toISOString(), outstanding: freezeCap(c), maxAgeMinutes: settings.balanceMaxAgeMinutes });
      if (!check.ok) fail(check.violations[0]!.zh, check.violations[0]!.en, 'amount');
      if (needsApproval(m.amount, settings.approvalThreshold)) {
        return { measure: store.measures.updateMeasure(m.id, { state: 'awaiting_approval' }, officer.code) };
      }
      const queued = store.measures.updateMeasure(m.id, { state: 'queued' }, officer.code);
      return { measure: sendStored(s, queued) };
    },

    approve: async ({ measureId, approverCode, approverPassword, decision, reason }, { session: s, store, case: c }) => {
      const m = measureOf(store, measureId);
      const approver: Officer | undefined = store.officers.get(approverCode.trim());
      const allowed = approver && permits('deduction.approve', approver.role, caseAccess(accessHolder(approver), accessCase(c)));
      if (!approver || !allowed?.ok) fail('只有庭长（局长）可以审批扣划', 'only a division chief may approve a deduction', 'approverCode');
      await d.vault.verifyPassword(approver.code, approverPassword);
      const { measure } = store.approvals.record({ measureId: m.id, approver: approver.code, decision: decision === 'approve' ? 'approved' : 'refused', ...(reason ? { reason } : {}) });
      return { measure: measure.state === 'queued' ? sendStored(s, measure) : measure };
    },
  };
}
