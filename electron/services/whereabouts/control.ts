/**
 * 一键式控行踪 (docs/domain.md rule 10; docs/gateway-protocol.md, "Railway police"): from an alert
 * that a monitored debtor was seen (or that a restricted debtor tried to travel), the
 * 协助临时控制通知书 and the request to the railway police to hold him until the judge decides. One
 * request per alert, written with its id and signed body before it is sent; an unknown outcome is
 * resolved by sending the same body again (the police desk answers the first for the same id).
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/app-failure';
import type { Alert } from '../../../shared/domain/alerts';
import { CONTROL_OPEN_STATES, type ControlRequest, type ControlState } from '../../../shared/domain/control';
import { controlSignedText, controlStatusSchema, type ControlBody } from '../../gateway/control-wire';
import { signText } from '../../gateway/ed25519';
import { GatewayHttpError } from '../../engine/gateway-errors';
import type { StoredCase } from '../../store/cases';
import type { Deps } from '../deps';
import type { ActiveSession } from '../session';
import { makeControlDocument, sightingText } from './documents';

/** the alerts whose action is control, and that name the debtor */
export const CONTROL_ALERT_KINDS: readonly Alert['kind'][] = ['whereabouts.sighting', 'restriction.breach'];
const CONTROLS_PATH = '/gw/v1/railway-police/controls';

function debtorOf(c: StoredCase, alert: Alert) {
  const partyId = alert.actionInput.partyId;
  const party = typeof partyId === 'string' ? c.parties.find((p) => p.id === partyId && p.role === 'debtor') : undefined;
  if (!party) throw new AppFailure('NOT_A_DEBTOR');
  if (party.kind !== 'person') throw new AppFailure('VALIDATION', { zh: '临时控制只针对自然人被执行人', en: 'only a person debtor can be held' }, 'alertId');
  return party;
}

/** one at a time per alert: a double click waits for the first and finds its request */
const inFlight = new Map<string, Promise<ControlRequest>>();

export function requestControl(d: Deps, s: ActiveSession, c: StoredCase, alert: Alert): Promise<ControlRequest> {
  const running = inFlight.get(alert.id);
  if (running) return running;
  const p = createAndSend(d, s, c, alert).finally(() => inFlight.delete(alert.id));
  inFlight.set(alert.id, p);
  return p;
}

async function createAndSend(d: Deps, s: ActiveSession, c: StoredCase, alert: Alert): Promise<ControlRequest> {
  const { store, officer, keys } = s;
  if (!CONTROL_ALERT_KINDS.includes(alert.kind) || alert.action !== 'control') {
    throw new AppFailure('VALIDATION', { zh: '此预警不能申请临时控制', en: 'this alert does not lead to a control request' }, 'alertId');
  }
  const old = store.whereaboutsControl.controlOfAlert(alert.id);
  if (old) return refreshControl(d, s, old);
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
  const party = debtorOf(c, alert);
  // the act rests on the recorded finding, as monitoring does (docs/authority.md, "whereabouts.control")
  if (!store.whereaboutsFindings.inForce(c.id).some((f) => f.partyId === party.id)) throw new AppFailure('FINDING_REQUIRED');
  if (!keys.keyId) throw new AppFailure('NOT_SIGNABLE');
  const sighting = store.whereaboutsControl.sighting(alert.source.id);
  const reason = sighting ? sightingText(sighting) : alert.reason.zh;
  const doc = await makeControlDocument(store, { type: '协助临时控制通知书', courtName: d.courtName, c, debtor: party, officer, now: d.now(), reason });
  const unsigned = { clientRequestId: `CTL-${randomUUID()}`, caseNumber: c.number, idNumber: party.idNumber, sightingRef: alert.source.id, document: { number: doc.number, sha256: doc.sha256 } };
  const body: ControlBody = { ...unsigned, signatures: [{ role: 'decision', officer: keys.officer, keyId: keys.keyId, signature: signText(keys.signing, controlSignedText(unsigned)) }] };
  const { control } = store.whereaboutsControl.createControl(
    { id: unsigned.clientRequestId, caseId: c.id, partyId: party.id, alertId: alert.id, sightingRef: alert.source.id, documentId: doc.id, body: JSON.stringify(body) }, officer.code,
  );
  return refreshControl(d, s, control);
}

/** Sends a request not yet answered (the same body), or asks where an accepted one stands. */
export async function refreshControl(d: Deps, s: ActiveSession, c: ControlRequest): Promise<ControlRequest> {
  const repo = s.store.whereaboutsControl;
  const call = d.client.signedJson?.bind(d.client);
  if (!call || !['queued', 'unknown', 'accepted'].includes(c.state)) return c;
  try {
    const answer = c.state === 'accepted'
      ? await call('GET', `${CONTROLS_PATH}/${encodeURIComponent(c.id)}`, undefined, { officerCode: s.officer.code })
      : await call('POST', CONTROLS_PATH, repo.controlBody(c.id), { officerCode: s.officer.code });
    const st = controlStatusSchema.parse(answer.value);
    return moveTo(d, repo, c, st.state, st.station ? { station: st.station } : {});
  } catch (e) {
    if (e instanceof GatewayHttpError && !e.transient) return moveTo(d, repo, c, 'refused', { error: `${e.gatewayCode}: ${e.gatewayMessage}` });
    // no answer or a busy desk: the same id is asked again on the next round
    return c.state === 'queued' ? moveTo(d, repo, c, 'unknown') : c;
  }
}

/**
 * Writes the state the desk gave and tells the windows when the request moved. The state before is
 * read from the store at the write, not from the request this round started with: the judge's
 * click and the monitor's round may ask about the same request at once, and the move from queued to
 * accepted is told once, by whichever answer lands first.
 */
function moveTo(d: Deps, repo: ActiveSession['store']['whereaboutsControl'], c: ControlRequest, state: ControlState, extra: { error?: string; station?: string } = {}): ControlRequest {
  const before = repo.control(c.id) ?? c;
  // an answer that lands late never moves a request back: once the desk has ended it, or accepted
  // it, an older "accepted" or a lost answer says nothing new
  if (!CONTROL_OPEN_STATES.includes(before.state)) return before;
  if (before.state === 'accepted' && (state === 'unknown' || state === 'queued')) return before;
  const after = repo.setState(c.id, state, extra);
  if (after.state !== before.state) d.emit('control.updated', { control: after });
  return after;
}
