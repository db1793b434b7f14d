/**
 * IPC group `alerts` (主动预警): the open alerts of the officer's cases (a chief's or the director's:
 * the bureau's), acknowledging, assigning and closing one, and the balance monitoring of a case's
 * known accounts that raises 'funds.arrived'. 'alert.raised' brings each new alert live.
 */
import { z } from 'zod';
import { ALERT_STATES, type Alert } from '../../domain/alerts';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);

/** an alert as the list shows it: with its case number */
export interface AlertView extends Alert {
  caseNumber: string;
}

export const alertsGroup = {
  list: {
    policy: { act: 'case.read', read: true },
    input: z.object({
      states: z.array(z.enum(ALERT_STATES)).max(ALERT_STATES.length).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }).strict(),
    output: out<AlertView[]>(),
  },
  /** 知道了: the alert was seen */
  acknowledge: { policy: { act: 'alert.handle', case: 'caseId' }, input: z.object({ caseId: id, alertId: id }).strict(), output: out<AlertView>() },
  /** the alert's action was taken (or needs none): it leaves the open list */
  done: {
    policy: { act: 'alert.handle', case: 'caseId' },
    input: z.object({ caseId: id, alertId: id, note: z.string().max(500).optional() }).strict(),
    output: out<AlertView>(),
  },
  /** a judge, a chief or the director hands the alert to an officer of the court */
  assign: {
    policy: { act: 'alert.assign', case: 'caseId' },
    input: z.object({ caseId: id, alertId: id, to: z.string().min(1).max(32) }).strict(),
    output: out<AlertView>(),
  },
  /** 余额监控: the case's known deposit accounts re-queried on a schedule; money arriving raises 'funds.arrived' */
  monitorFunds: {
    policy: { act: 'query.property', case: 'caseId' },
    input: z.object({ caseId: id, everyHours: z.number().int().min(1).max(24 * 7).optional() }).strict(),
    output: out<{ jobId: string; runAt: string }>(),
  },
} as const;

export const alertEvents = {
  /** a new alert of a case the signed-in officer sees (the badge, the list, the desktop notification) */
  'alert.raised': z.object({ alert: z.custom<AlertView>() }),
} as const;
