/**
 * The judge's desk across cases: renewal reminders (reminders.due at sign-in and on 'reminder.due'),
 * the outbox of unfinished measures, the expiry calendar, the bureau's settings, and which of these
 * views is open. 'measure.updated' is dispatched from here to every part that shows measures.
 */
import type { AppError } from '../../../../shared/errors';
import type { Measure } from '../../../../shared/domain/measures';
import type { BureauSettings, CourtAccount, CourtAccountProposal, ExpiryDay, ReminderView } from '../../../../shared/domain/measure-views';
import type { CallInput, CallOutput } from '../../../../shared/ipc/contract';
import { addDays, todayCst } from '../../../../shared/dates';
import type { Result } from '../../../../shared/result';
import { UNFINISHED } from '../../features/freeze/measure-state';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';
import { batchInitial } from './batch';

export type DeskView = 'main' | 'outbox' | 'calendar' | 'settings' | 'audit' | 'approvals' | 'jobs' | 'batch' | 'board' | 'dashboard';
export type OutboxItem = CallOutput<'measures', 'outbox'>[number];

/** The calendar looks this far ahead. */
export const CALENDAR_DAYS = 90;

export interface DeskData {
  deskView: DeskView;
  reminders: ReminderView[];
  remindersOpen: boolean;
  reminderErrors: Record<string, AppError>;
  outbox: OutboxItem[] | null;
  outboxError: AppError | null;
  calendar: ExpiryDay[] | null;
  calendarLoading: boolean;
  calendarError: AppError | null;
  settings: BureauSettings | null;
  settingsError: AppError | null;
  /** changes of the court's accounts waiting for a second chief or the director */
  courtAccountProposals: CourtAccountProposal[];
}

export interface DeskSlice extends DeskData {
  setDeskView(v: DeskView): void;
  /** after sign-in: reminders, outbox, settings */
  loadDesk(): Promise<void>;
  clearDesk(): void;
  loadReminders(): Promise<void>;
  /** 'reminder.due': every reminder now due, in place of those shown */
  mergeReminders(list: ReminderView[]): void;
  setRemindersOpen(open: boolean): void;
  ackReminder(key: string): Promise<void>;
  /** 执保: the notice to the applicant for this reminder, and the reminder recorded (reminders.notifyApplicant) */
  notifyApplicant(key: string, caseId: string): Promise<void>;
  loadOutbox(): Promise<void>;
  loadCalendar(): Promise<void>;
  loadSettings(): Promise<void>;
  saveSettings(patch: CallInput<'settings', 'set'>): Promise<Result<BureauSettings>>;
  loadCourtAccountProposals(): Promise<void>;
  proposeCourtAccounts(accounts: CourtAccount[], reason: string): Promise<Result<CourtAccountProposal>>;
  /** another chief or the director confirms (the accounts change) or rejects a pending proposal */
  decideCourtAccounts(proposalId: string, decision: 'confirm' | 'reject', note?: string): Promise<Result<unknown>>;
  /** 'measure.updated': the open case, the deduction in hand, the outbox */
  applyMeasureUpdate(m: Measure): void;
}

export const deskInitial: DeskData = {
  deskView: 'main',
  reminders: [],
  remindersOpen: false,
  reminderErrors: {},
  outbox: null,
  outboxError: null,
  calendar: null,
  calendarLoading: false,
  calendarError: null,
  settings: null,
  settingsError: null,
  courtAccountProposals: [],
};

const byUrgency = (a: ReminderView, b: ReminderView) => (a.endsOn < b.endsOn ? -1 : a.endsOn > b.endsOn ? 1 : a.key < b.key ? -1 : 1);

export const createDeskSlice: SliceCreator<DeskSlice> = (set, get) => {
  let outboxQueued = false;

  function reloadOutboxSoon(): void {
    if (outboxQueued) return;
    outboxQueued = true;
    setTimeout(() => {
      outboxQueued = false;
      if (get().officer) void get().loadOutbox();
    }, 0);
  }

  return {
    ...deskInitial,

    setDeskView(v) {
      set({ deskView: v, remindersOpen: false, alertsOpen: false });
      if (v === 'outbox') void get().loadOutbox();
      else if (v === 'calendar') void get().loadCalendar();
      else if (v === 'settings') void get().loadSettings();
      else if (v === 'audit') void get().loadAudit();
      else if (v === 'jobs') void get().loadJobs();
    },

    async loadDesk() {
      await Promise.all([get().loadReminders(), get().loadOutbox(), get().loadSettings(), get().loadAlerts()]);
    },

    clearDesk() {
      set({ ...deskInitial });
      get().clearAudit();
      get().clearAlerts();
      get().clearJobs();
      set({ ...batchInitial });
      get().clearCaseSelection();
      get().setPaletteOpen(false);
    },

    async loadReminders() {
      const r = await api().reminders.due({});
      if (r.ok) set({ reminders: [...r.value].sort(byUrgency) });
    },

    mergeReminders(list) {
      // main sends the whole list due now: a freeze renewed meanwhile drops out of the badge
      set({ reminders: [...list].sort(byUrgency) });
    },

    setRemindersOpen(open) {
      set({ remindersOpen: open });
    },

    async ackReminder(key) {
      const { [key]: _e, ...errors } = get().reminderErrors;
      set({ reminderErrors: errors });
      const r = await api().reminders.ack({ key });
      // already delivered elsewhere (another workstation): it is gone either way
      if (r.ok || r.error.code === 'NOT_FOUND') set({ reminders: get().reminders.filter((x) => x.key !== key) });
      else set({ reminderErrors: { ...get().reminderErrors, [key]: r.error } });
    },

    async notifyApplicant(key, caseId) {
      const { [key]: _e, ...errors } = get().reminderErrors;
      set({ reminderErrors: errors });
      const r = await api().reminders.notifyApplicant({ caseId });
      if (r.ok) set({ reminders: get().reminders.filter((x) => x.key !== key) });
      else set({ reminderErrors: { ...get().reminderErrors, [key]: r.error } });
    },

    async loadOutbox() {
      const r = await api().measures.outbox({});
      if (r.ok) set({ outbox: r.value, outboxError: null });
      else set({ outboxError: r.error });
    },

    async loadCalendar() {
      const from = todayCst();
      set({ calendarLoading: true, calendarError: null });
      const r = await api().measures.calendar({ from, to: addDays(from, CALENDAR_DAYS) });
      if (r.ok) set({ calendar: r.value, calendarLoading: false });
      else set({ calendarError: r.error, calendarLoading: false });
    },

    async loadSettings() {
      const r = await api().settings.get({});
      if (r.ok) set({ settings: r.value, settingsError: null });
      else set({ settingsError: r.error });
    },

    async saveSettings(patch) {
      const r = await api().settings.set(patch);
      if (r.ok) set({ settings: r.value, settingsError: null });
      return r;
    },

    async loadCourtAccountProposals() {
      const r = await api().settings.courtAccountProposals({});
      if (r.ok) set({ courtAccountProposals: r.value });
    },

    async proposeCourtAccounts(accounts, reason) {
      const r = await api().settings.proposeCourtAccounts({ accounts, reason });
      if (r.ok) set({ courtAccountProposals: [...get().courtAccountProposals, r.value] });
      return r;
    },

    async decideCourtAccounts(proposalId, decision, note) {
      const r = decision === 'confirm'
        ? await api().settings.confirmCourtAccounts({ proposalId })
        : await api().settings.rejectCourtAccounts({ proposalId, ...(note ? { note } : {}) });
      if (r.ok && decision === 'confirm') set({ settings: (r.value as CallOutput<'settings', 'confirmCourtAccounts'>).settings });
      await get().loadCourtAccountProposals();
      return r;
    },

    applyMeasureUpdate(m) {
      get().applyCaseMeasure(m);
      get().applySendUpdate(m);
      get().applyDeductMeasure(m);
      const outbox = get().outbox;
      if (outbox) {
        const i = outbox.findIndex((x) => x.id === m.id);
        const had = i >= 0 ? outbox[i]! : undefined;
        if (had && had.updatedAt > m.updatedAt) return;
        if (!UNFINISHED.has(m.state)) {
          if (had) set({ outbox: outbox.filter((x) => x.id !== m.id) });
        } else if (had) {
          set({ outbox: outbox.map((x) => (x.id === m.id ? { ...m, caseNumber: had.caseNumber } : x)) });
        } else {
          const number = get().currentCase?.id === m.caseId ? get().currentCase!.number : undefined;
          if (number !== undefined) set({ outbox: [...outbox, { ...m, caseNumber: number }] });
          else reloadOutboxSoon();
        }
      }
      // a renewal or release done anywhere moves the calendar
      if (get().deskView === 'calendar' && m.state === 'executed') void get().loadCalendar();
    },
  };
};
