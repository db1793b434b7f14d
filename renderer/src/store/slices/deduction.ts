/**
 * Deducting frozen funds to the court's account (扣划): the frozen balance is queried from the agency
 * again first (docs/domain.md rule 6), the officer confirms with their password, a division chief approves
 * above the bureau's threshold, and the receipt follows the agency's confirmation. Hearing mode
 * (庭审模式) is the same flow, one account at a time, on a screen the parties may see.
 */
import type { AppError } from '../../../../shared/errors';
import type { Measure } from '../../../../shared/domain/measures';
import type { DeductionPrep } from '../../../../shared/domain/measure-views';
import type { CallOutput } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/result';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';
import { newDecisionId } from '../decision-id';

/** idle: nothing chosen; checking: asking the agency; ready: balance known; submitted: decided */
export type DeductPhase = 'idle' | 'checking' | 'ready' | 'submitting' | 'submitted';

export interface DeductionData {
  deductFreezeId: string | null;
  deductPhase: DeductPhase;
  deductPrep: DeductionPrep | null;
  /** the window's clock when deductPrep arrived (see programNow in features/deduction/deductible.ts) */
  deductPrepReceivedAt: number;
  deductError: AppError | null;
  /** the deduction decided in this panel, as main last reported it */
  deductMeasure: Measure | null;
  /** the deductions decided here, by freeze, as main last reported them: an account shows its result when the judge comes back to it */
  deductResults: Record<string, Measure>;
  /** the refused deduction a new decision takes up again (重新扣划), once its balance is re-queried */
  deductRetryOf: Measure | null;
  /** 结案 of a case paid in full: under way, and main's refusal */
  closingCase: boolean;
  closeCaseError: AppError | null;
  hearing: boolean;
  /** the deduction a division chief is approving in the dialog */
  approvalFor: Measure | null;
  approving: boolean;
  approvalError: AppError | null;
}

export interface DeductionInput {
  amount: number;
  courtAccountId: string;
  pin: string;
}

export interface ApprovalInput {
  approverCode: string;
  approverPassword: string;
  decision: 'approve' | 'refuse';
  reason?: string;
}

export interface DeductionSlice extends DeductionData {
  resetDeduction(): void;
  /** chooses a freeze and re-queries its frozen balance */
  chooseDeductFreeze(freezeId: string): Promise<void>;
  recheckBalance(): Promise<void>;
  submitDeduction(input: DeductionInput): Promise<Result<CallOutput<'deduction', 'submit'>> | null>;
  /** a deduction prepared offline (a draft): take it up again, re-query its balance */
  resumeDraft(m: Measure): Promise<void>;
  /** confirms the draft on the fresh balance just re-queried (deduction.confirm) */
  confirmDraft(pin: string): Promise<Result<CallOutput<'deduction', 'confirm'>> | null>;
  openApproval(m: Measure | null): void;
  approveDeduction(input: ApprovalInput): Promise<Result<CallOutput<'deduction', 'approve'>> | null>;
  setHearing(on: boolean): void;
  /** paid in full: one decision releases the freezes still held and closes the case (cases.close) */
  closePaidInFull(): Promise<Result<CallOutput<'cases', 'close'>> | null>;
  /** 'measure.updated' for the deduction in hand */
  applyDeductMeasure(m: Measure): void;
}

export const deductionInitial: DeductionData = {
  deductFreezeId: null,
  deductPhase: 'idle',
  deductPrep: null,
  deductPrepReceivedAt: 0,
  deductError: null,
  deductMeasure: null,
  deductResults: {},
  deductRetryOf: null,
  closingCase: false,
  closeCaseError: null,
  hearing: false,
  approvalFor: null,
  approving: false,
  approvalError: null,
};

export const createDeductionSlice: SliceCreator<DeductionSlice> = (set, get) => {
  let prepSeq = 0;

  async function prepare(freezeId: string): Promise<void> {
    const seq = ++prepSeq;
    set({ deductPhase: 'checking', deductPrep: null, deductError: null });
    const r = await api().deduction.prepare({ freezeId });
    if (seq !== prepSeq || get().deductFreezeId !== freezeId) return;
    if (!r.ok) set({ deductPhase: 'idle', deductError: r.error });
    else set({ deductPhase: 'ready', deductPrep: r.value, deductPrepReceivedAt: Date.now() });
  }

  /** the deduction just decided (or moved): in hand, and kept as its account's result */
  function decided(m: Measure): void {
    set({ deductPhase: 'submitted', deductMeasure: m, deductRetryOf: null, deductResults: m.freezeId ? { ...get().deductResults, [m.freezeId]: m } : get().deductResults });
    get().applyMeasureUpdate(m);
    if (m.state === 'executed') void get().refreshCurrentCase();
  }

  return {
    ...deductionInitial,

    resetDeduction() {
      prepSeq++;
      const { hearing } = get();
      set({ ...deductionInitial, hearing });
    },

    async chooseDeductFreeze(freezeId) {
      if (get().deductPhase === 'submitting') return;
      // an account deducted here shows its result (receipt, refusal, approval wait) until the judge asks again
      const result = get().deductResults[freezeId];
      set({ deductFreezeId: freezeId, deductMeasure: result ?? null, deductRetryOf: null });
      if (result) {
        prepSeq++;
        set({ deductPhase: 'submitted', deductPrep: null, deductError: null });
        return;
      }
      await prepare(freezeId);
    },

    async recheckBalance() {
      const id = get().deductFreezeId;
      if (!id || get().deductPhase === 'submitting') return;
      const m = get().deductMeasure;
      // a refusal is taken up again by a new decision on the new balance (docs/domain.md rule 7), never re-sent
      if (m?.state === 'rejected') set({ deductRetryOf: m, deductMeasure: null });
      // a draft stays in hand: it is what the fresh balance is for
      else if (m?.state !== 'draft') set({ deductMeasure: null });
      await prepare(id);
    },

    async resumeDraft(m) {
      if (m.kind !== 'deduct' || m.state !== 'draft' || !m.freezeId) return;
      set({ deductFreezeId: m.freezeId, deductMeasure: m });
      await prepare(m.freezeId);
    },

    async confirmDraft(pin) {
      const { deductPrep: prep, deductMeasure: m, deductPhase } = get();
      if (!prep || !m || m.state !== 'draft' || !prep.fresh || deductPhase !== 'ready') return null;
      set({ deductPhase: 'submitting', deductError: null });
      const r = await api().deduction.confirm({ measureId: m.id, checkedAt: prep.checkedAt, pin });
      if (get().deductMeasure?.id !== m.id) return r;
      if (!r.ok) {
        set({ deductPhase: 'ready', deductError: r.error });
        return r;
      }
      decided(r.value.measure);
      return r;
    },

    async submitDeduction({ amount, courtAccountId, pin }) {
      const { deductPrep: prep, deductPhase, deductRetryOf: retry } = get();
      if (!prep || deductPhase !== 'ready') return null;
      set({ deductPhase: 'submitting', deductError: null });
      const retryOf = retry && retry.freezeId === prep.freezeId ? { retryOf: retry.id } : {};
      const r = await api().deduction.submit({ freezeId: prep.freezeId, decisionId: newDecisionId(), amount, courtAccountId, checkedAt: prep.checkedAt, pin, ...retryOf });
      if (get().deductFreezeId !== prep.freezeId) return r;
      if (!r.ok) {
        set({ deductPhase: 'ready', deductError: r.error });
        return r;
      }
      decided(r.value.measure);
      return r;
    },

    openApproval(m) {
      set({ approvalFor: m, approvalError: null, approving: false });
    },

    async approveDeduction({ approverCode, approverPassword, decision, reason }) {
      const m = get().approvalFor;
      if (!m || get().approving) return null;
      set({ approving: true, approvalError: null });
      const r = await api().deduction.approve({
        measureId: m.id, approverCode: approverCode.trim(), approverPassword, decision, ...(reason?.trim() ? { reason: reason.trim() } : {}),
      });
      if (!r.ok) {
        set({ approving: false, approvalError: r.error });
        return r;
      }
      set({ approving: false, approvalFor: null });
      get().applyMeasureUpdate(r.value.measure);
      return r;
    },

    setHearing(on) {
      if (get().hearing === on) return;
      set({ hearing: on });
      if (on) {
        get().setWorkspaceTab('deduct');
        void get().loadMeasures();
      }
    },

    async closePaidInFull() {
      const c = get().currentCase;
      if (!c || get().closingCase) return null;
      set({ closingCase: true, closeCaseError: null });
      const r = await api().cases.close({ caseId: c.id, decisionId: newDecisionId() });
      if (get().currentCaseId !== c.id) return r;
      if (!r.ok) {
        set({ closingCase: false, closeCaseError: r.error });
        return r;
      }
      set({ closingCase: false, currentCase: r.value.case });
      for (const m of r.value.releases) get().applyMeasureUpdate(m);
      void get().loadMeasures();
      return r;
    },

    applyDeductMeasure(m) {
      const kept = m.freezeId ? get().deductResults[m.freezeId] : undefined;
      if (kept?.id === m.id && kept.updatedAt <= m.updatedAt) set({ deductResults: { ...get().deductResults, [m.freezeId!]: m } });
      const mine = get().deductMeasure;
      if (!mine || mine.id !== m.id || mine.updatedAt > m.updatedAt) return;
      set({ deductMeasure: m });
      // the recovered figure moves once the agency has paid
      if (m.state === 'executed' && mine.state !== 'executed') void get().refreshCurrentCase();
    },
  };
};
