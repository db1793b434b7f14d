/**
 * 主动预警 in the renderer: the open alerts of the officer's cases (alerts.list at sign-in, each new
 * one on 'alert.raised'), 知道了 and 已处理, and each alert's one action — 一键冻结 opens the case's
 * freeze panel with the account that received the money ticked and the sum proposed, to be
 * reviewed and sent as any freeze (features/freeze/SendDialog.dom.tsx); 续冻 opens the freeze panel
 * where the freeze is listed; the others open the case. In host mode a browser notification is
 * shown where the officer allowed it (in Electron, main shows the desktop one).
 */
import type { AppError } from '../../../../shared/errors';
import { alertNotification } from '../../../../shared/domain/alert-labels';
import type { AlertView } from '../../../../shared/ipc/groups/alerts';
import { fenToYuanString } from '../../../../shared/money';
import { api } from '../api-holder';
import { focusControl } from '../../features/control/focus';
import type { SliceCreator } from '../types';

export interface AlertsData {
  alerts: AlertView[];
  alertsOpen: boolean;
  alertErrors: Record<string, AppError>;
}

export interface AlertsSlice extends AlertsData {
  loadAlerts(): Promise<void>;
  /** 'alert.raised': a new alert of a case the officer sees */
  applyAlertRaised(a: AlertView): void;
  setAlertsOpen(open: boolean): void;
  acknowledgeAlert(a: AlertView): Promise<void>;
  finishAlert(a: AlertView): Promise<void>;
  /** the alert's one action */
  actOnAlert(a: AlertView): Promise<void>;
  clearAlerts(): void;
}

export const alertsInitial: AlertsData = { alerts: [], alertsOpen: false, alertErrors: {} };

const newestFirst = (a: AlertView, b: AlertView) => (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : a.id < b.id ? -1 : 1);

function notifyInBrowser(a: AlertView): void {
  const N = (globalThis as { Notification?: { permission: string; new (title: string, o: { body: string; tag: string }): unknown } }).Notification;
  if (!N || N.permission !== 'granted') return;
  const { title, body } = alertNotification(a);
  try {
    new N(title, { body, tag: a.id });
  } catch {
    // a browser that refuses notifications outside a service worker: the badge and the list show it
  }
}

export const createAlertsSlice: SliceCreator<AlertsSlice> = (set, get) => {
  function replace(a: AlertView): void {
    const rest = get().alerts.filter((x) => x.id !== a.id);
    set({ alerts: a.state === 'done' ? rest : [...rest, a].sort(newestFirst) });
  }

  async function change(a: AlertView, call: () => Promise<{ ok: true; value: AlertView } | { ok: false; error: AppError }>): Promise<void> {
    const { [a.id]: _e, ...errors } = get().alertErrors;
    set({ alertErrors: errors });
    const r = await call();
    if (r.ok) replace(r.value);
    else set({ alertErrors: { ...get().alertErrors, [a.id]: r.error } });
  }

  return {
    ...alertsInitial,

    async loadAlerts() {
      const r = await api().alerts.list({});
      if (r.ok) set({ alerts: [...r.value].sort(newestFirst) });
    },

    applyAlertRaised(a) {
      if (get().alerts.some((x) => x.id === a.id)) return;
      set({ alerts: [...get().alerts, a].sort(newestFirst) });
      if (get().appInfo?.mode === 'host') notifyInBrowser(a);
    },

    setAlertsOpen(open) {
      set({ alertsOpen: open });
    },

    acknowledgeAlert(a) {
      return change(a, () => api().alerts.acknowledge({ caseId: a.caseId, alertId: a.id }));
    },

    finishAlert(a) {
      return change(a, () => api().alerts.done({ caseId: a.caseId, alertId: a.id }));
    },

    async actOnAlert(a) {
      set({ alertsOpen: false });
      await get().openCase(a.caseId);
      if (get().currentCaseId !== a.caseId) return;
      if (a.action === 'freeze' || a.action === 'renew') get().setWorkspaceTab('freeze');
      // new property after 终本: the 终本 tab, where 执恢 is one click (docs/domain.md rule 12)
      if (a.action === 'resume-case') get().setWorkspaceTab('terminal');
      if (a.action === 'freeze') await preselectArrival(a);
      // 一键控制: the query tab, where the control panel offers this alert (features/control/ControlPanel.dom.tsx)
      if (a.action === 'control') {
        focusControl(a);
        get().setWorkspaceTab('query');
      }
      if (a.state === 'open') await get().acknowledgeAlert(a);
    },

    clearAlerts() {
      set({ ...alertsInitial });
    },
  };

  /** The account that received the money, ticked in the freeze panel with the sum (or what may still be frozen). */
  async function preselectArrival(a: AlertView): Promise<void> {
    await get().loadPlan();
    const plan = get().plan;
    if (!plan || plan.caseId !== a.caseId) return;
    const input = a.actionInput as { assetId?: string; channel?: string; identifier?: string; amount?: number };
    const byId = plan.candidates.find((c) => c.asset.id === input.assetId && c.freezable);
    const byAccount = plan.candidates
      .filter((c) => c.freezable && c.asset.channel === input.channel && c.asset.identifier === input.identifier)
      .sort((x, y) => (x.asset.foundAt < y.asset.foundAt ? 1 : -1))[0];
    const c = byAccount ?? byId;
    if (!c) return;
    get().toggleFreezeAsset(c.asset.id, true);
    const amount = Math.min(input.amount ?? Number.MAX_SAFE_INTEGER, c.asset.available ?? c.asset.value ?? 0, plan.remaining);
    if (amount > 0) get().editFreezeItem(c.asset.id, { amountText: fenToYuanString(amount, false) });
  }
};
