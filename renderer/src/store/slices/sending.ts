/**
 * The confirmation step before a freeze or a renewal goes (features/freeze/send-batch.ts): 一键冻结
 * and 续冻 — from the freeze panel, the calendar or a reminder — open it; nothing is sent before
 * 确认发送; 返回修改 closes it with the panel as it was. Once confirmed it follows each item's measure
 * by the call's result and by 'measure.updated' under the decision's id.
 */
import type { FreezeView, Measure } from '../../../../shared/domain/measures';
import type { ReminderView } from '../../../../shared/domain/measure-views';
import type { AppError } from '../../../../shared/errors';
import { evaluateDraft, itemIndexFromField } from '../../features/freeze/freeze-draft';
import { batchAfterUpdate, freezeBatch, reminderBatch, renewBatch, renewEndError, type SendBatch } from '../../features/freeze/send-batch';
import { todayCst } from '../../../../shared/dates';
import { api } from '../api-holder';
import { newDecisionId } from '../decision-id';
import type { SliceCreator } from '../types';
import { allowanceOf } from './measures';

export interface SendingSlice {
  sendBatch: SendBatch | null;
  /** 一键冻结: the confirmation of the panel's set, when every rule holds */
  reviewFreeze(): boolean;
  /** 续冻 of freezes of the case's list or the calendar */
  reviewRenewal(views: (FreezeView & { caseNumber?: string })[]): boolean;
  /** 续冻 from reminders */
  reviewReminderRenewal(reminders: ReminderView[]): boolean;
  /** a single renewal's end date, typed on its confirmation */
  setRenewEnd(text: string): void;
  /** 确认发送 */
  confirmSend(): Promise<boolean>;
  /** 返回修改 before sending, 关闭 after */
  closeSend(): void;
  /** 'measure.updated': the item it belongs to moves */
  applySendUpdate(m: Measure): void;
}

export const sendingInitial = { sendBatch: null };

function refusalKey(b: SendBatch, e: AppError): string | undefined {
  const renewal = /^freezeIds\.(\d+)/.exec(e.field ?? '');
  const i = b.kind === 'freeze' ? itemIndexFromField(e.field) : renewal ? Number(renewal[1]) : null;
  if (i !== null) return b.items[i]?.key;
  return b.items.length === 1 ? b.items[0]!.key : undefined;
}

export const createSendingSlice: SliceCreator<SendingSlice> = (set, get) => {
  /** the call answered: a refusal stays on the confirmation (and on the panel's item), measures move on */
  function refused(b: SendBatch, e: AppError): void {
    const key = refusalKey(b, e);
    const next: SendBatch = { ...b, phase: 'confirm', error: key ? null : e, itemErrors: key ? { [key]: e } : {} };
    set({ sendBatch: next });
    if (b.kind === 'freeze') {
      if (key) set({ freezeItemErrors: { [key]: e }, freezeError: null });
      else set({ freezeError: e });
    } else if (key) {
      set({ measureErrors: { ...get().measureErrors, [key]: e } });
    }
  }

  function took(b: SendBatch, measures: Measure[]): void {
    let next: SendBatch = { ...get().sendBatch ?? b, phase: 'sent' };
    for (const m of measures) next = batchAfterUpdate(next, m, true);
    set({ sendBatch: next });
    for (const m of measures) get().applyMeasureUpdate(m);
  }

  return {
    ...sendingInitial,

    reviewFreeze() {
      const s = get();
      if (!s.plan || s.sendBatch) return false;
      const a = allowanceOf(s);
      const b = freezeBatch(s.plan, evaluateDraft(s.plan, s.freezeDraft, a === undefined ? {} : { exemptLivingAllowance: a }));
      if (!b) return false;
      set({ sendBatch: b, freezeError: null, freezeItemErrors: {}, freezeSent: null });
      return true;
    },

    reviewRenewal(views) {
      if (get().sendBatch) return false;
      const b = renewBatch(views, get().lang);
      if (b) set({ sendBatch: b });
      return b !== null;
    },

    reviewReminderRenewal(reminders) {
      if (get().sendBatch) return false;
      const b = reminderBatch(reminders);
      if (b) set({ sendBatch: b, remindersOpen: false });
      return b !== null;
    },

    setRenewEnd(text) {
      const b = get().sendBatch;
      if (b?.kind === 'renew' && b.phase === 'confirm' && b.items.length === 1) set({ sendBatch: { ...b, endsOn: text } });
    },

    async confirmSend() {
      const b = get().sendBatch;
      if (!b || b.phase !== 'confirm' || renewEndError(b, todayCst())) return false;
      const decisionId = newDecisionId();
      const sending: SendBatch = { ...b, phase: 'sending', decisionId, error: null, itemErrors: {}, measures: {} };
      set({ sendBatch: sending });
      if (b.kind === 'freeze') {
        const s = get();
        const a = allowanceOf(s);
        const ev = s.plan ? evaluateDraft(s.plan, s.freezeDraft, a === undefined ? {} : { exemptLivingAllowance: a }) : null;
        if (!ev?.request || !b.caseId) {
          set({ sendBatch: { ...b, phase: 'confirm' } });
          return false;
        }
        set({ freezeSending: true, freezeError: null, freezeItemErrors: {}, freezeSent: null });
        const r = await api().measures.freeze({ caseId: b.caseId, decisionId, items: ev.request });
        set({ freezeSending: false });
        if (!r.ok) {
          refused(sending, r.error);
          return false;
        }
        if (get().measuresCaseId === b.caseId) set({ freezeDraft: {}, freezeSent: r.value.measures.length });
        took(sending, r.value.measures);
        get().afterFreezeSent();
        return true;
      }
      const freezeIds = b.items.map((i) => i.key);
      const busy = { ...get().measureBusy };
      for (const id of freezeIds) busy[id] = true;
      set({ measureBusy: busy, measureErrors: Object.fromEntries(Object.entries(get().measureErrors).filter(([k]) => !freezeIds.includes(k))) });
      const chosen = b.endsOn !== undefined && b.endsOn !== b.items[0]?.end ? b.endsOn : undefined;
      const r = await api().measures.renew(chosen ? { freezeIds, decisionId, endsOn: chosen } : { freezeIds, decisionId });
      const after = { ...get().measureBusy };
      for (const id of freezeIds) delete after[id];
      set({ measureBusy: after });
      if (!r.ok) {
        refused(sending, r.error);
        return false;
      }
      took(sending, r.value.measures);
      for (const key of b.reminderKeys) void get().ackReminder(key);
      if (get().deskView === 'calendar') void get().loadCalendar();
      return true;
    },

    closeSend() {
      const b = get().sendBatch;
      if (!b || b.phase === 'sending') return;
      set({ sendBatch: null });
    },

    applySendUpdate(m) {
      const b = get().sendBatch;
      if (!b) return;
      const next = batchAfterUpdate(b, m);
      if (next !== b) set({ sendBatch: next });
    },
  };
};
