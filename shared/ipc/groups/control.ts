/**
 * IPC group `control` (一键式控行踪, docs/domain.md rule 10): monitoring a debtor on his recorded
 * finding, the sightings it brings, one-click 协助临时控制 from an alert ('whereabouts.sighting' or
 * 'restriction.breach'), where the railway police stand on it, and the 拘留决定书 draft. Every act is
 * the 承办法官's (act `whereabouts.control`); reading is a case read.
 */
import { z } from 'zod';
import type { ControlRequest, Sighting, WhereaboutsSubscription } from '../../domain/control';
import type { DocumentRef } from '../../domain/measures';
import { caseRead } from '../policy';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);

/** what the control panel shows for a case */
export interface CaseControl {
  subscriptions: WhereaboutsSubscription[];
  sightings: Sighting[];
  controls: ControlRequest[];
}

export const controlGroup = {
  /** 布控: the debtor monitored at the gateway, on his finding in force */
  subscribe: { policy: { act: 'whereabouts.control', case: 'caseId' }, input: z.object({ caseId: id, partyId: id }).strict(), output: out<WhereaboutsSubscription>() },
  /** 撤控 */
  unsubscribe: { policy: { act: 'whereabouts.control', case: 'caseId' }, input: z.object({ caseId: id, subscriptionId: id }).strict(), output: out<WhereaboutsSubscription>() },
  /** the case's monitoring, what was seen, and the control requests */
  sightings: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseControl>() },
  /** 一键控制: the 协助临时控制通知书 and the request to the railway police, once per alert */
  requestControl: { policy: { act: 'whereabouts.control', case: 'caseId' }, input: z.object({ caseId: id, alertId: id }).strict(), output: out<ControlRequest>() },
  /** where the police stand on a request (asked now) */
  controlStatus: { policy: caseRead('caseId'), input: z.object({ caseId: id, controlId: id }).strict(), output: out<ControlRequest>() },
  /** the 拘留决定书 draft once the debtor is held, with the facts it rests on */
  draftDetention: {
    policy: { act: 'whereabouts.control', case: 'caseId' },
    input: z.object({ caseId: id, controlId: id, facts: z.string().trim().min(4).max(1000) }).strict(),
    output: out<{ control: ControlRequest; document: DocumentRef }>(),
  },
} as const;

export const controlEvents = {
  /** a control request moved (sent, accepted, controlled, not found, refused): the panel shows it */
  'control.updated': z.object({ control: z.custom<ControlRequest>() }),
};
