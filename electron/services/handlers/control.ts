/**
 * 一键式控行踪 (IPC group `control`; docs/domain.md rule 10): monitoring on the recorded finding,
 * the sightings, the one-click control request to the railway police from an alert, and the
 * 拘留决定书 draft once the debtor is held. The act `whereabouts.control` (the case's judge) is
 * enforced by the router before these run; the gateway enforces it again.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { ControlRequest } from '../../../shared/domain/control';
import type { CaseCtx, FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { refreshControl, requestControl } from '../whereabouts/control';
import { makeControlDocument, sightingText } from '../whereabouts/documents';
import { subscribe, unsubscribe } from '../whereabouts/monitor';

function controlOf(ctx: CaseCtx, controlId: string): ControlRequest {
  const c = ctx.store.whereaboutsControl.control(controlId);
  if (!c || c.caseId !== ctx.case.id) throw new AppFailure('NOT_FOUND', { zh: '控制申请不存在', en: 'no such control request' });
  return c;
}

export function controlHandlers(d: Deps): FeatureHandlers<'control'> {
  return {
    subscribe: ({ partyId }, ctx) => subscribe(d, ctx.session, ctx.case, partyId),
    unsubscribe: ({ subscriptionId }, ctx) => {
      const sub = ctx.store.whereaboutsControl.subscription(subscriptionId);
      if (!sub || sub.caseId !== ctx.case.id) throw new AppFailure('NOT_FOUND', { zh: '布控不存在', en: 'no such monitoring' });
      return unsubscribe(d, ctx.session, sub);
    },
    sightings: (_input, { store, case: c }) => ({
      subscriptions: store.whereaboutsControl.listForCase(c.id),
      sightings: store.whereaboutsControl.sightings(c.id),
      controls: store.whereaboutsControl.controls(c.id),
    }),
    requestControl: ({ alertId }, ctx) => {
      const a = ctx.store.alerts.get(alertId);
      if (!a || a.caseId !== ctx.case.id) throw new AppFailure('NOT_FOUND', { zh: '预警不存在', en: 'no such alert' });
      return requestControl(d, ctx.session, ctx.case, a);
    },
    controlStatus: ({ controlId }, ctx) => refreshControl(d, ctx.session, controlOf(ctx, controlId)),
    draftDetention: async ({ controlId, facts }, ctx) => {
      const c = controlOf(ctx, controlId);
      if (c.state !== 'controlled') {
        throw new AppFailure('VALIDATION', { zh: '被执行人尚未被临时控制，不能拟定拘留决定', en: 'the debtor is not held: no detention can be drafted yet' }, 'controlId');
      }
      const debtor = ctx.case.parties.find((p) => p.id === c.partyId)!;
      const sighting = ctx.store.whereaboutsControl.sighting(c.sightingRef);
      const reason = `${sighting ? `${sightingText(sighting)}，` : ''}经${c.station ?? '铁路公安机关'}协助临时控制；${facts.trim().replace(/[。；;，,]+$/, '')}`;
      const document = await makeControlDocument(ctx.store, { type: '拘留决定书', courtName: d.courtName, c: ctx.case, debtor, officer: ctx.officer, now: d.now(), reason });
      return { control: ctx.store.whereaboutsControl.setDetention(c.id, document.id, ctx.officer.code), document };
    },
  };
}
