/**
 * Approvals across workstations (docs/authority.md, "Approvals that cannot be forged"): a
 * deduction waiting for approval is offered to the gateway's approvals inbox with the judge's
 * decision signature; a chief or the director approves it from his own session wherever he is
 * signed in, signing the same body; the judge's workstation takes the signature back, records the
 * approval and sends the measure. Offline, the offer and the pull wait for the network.
 */
import type { Measure, MeasureSignature } from '../../shared/domain/measures';
import { buildMeasureBody } from '../engine/measures/measure-body';
import type { Deps } from './deps';
import { isNetworkDown } from './docket';
import { contextFor } from './measures/context';
import { sendStored } from './measures/ops';
import type { ActiveSession } from './session';

/** Offers a deduction awaiting approval to the inbox; false when the gateway could not be reached. */
export async function offerForApproval(d: Deps, s: ActiveSession, m: Measure): Promise<boolean> {
  if (m.kind !== 'deduct' || m.state !== 'awaiting_approval' || m.decidedBy !== s.officer.code) return false;
  const ctx = contextFor(s.store, m);
  if (!ctx) return false;
  try {
    await d.client.offerApproval(buildMeasureBody(m, ctx), { officerCode: s.officer.code });
    return true;
  } catch (e) {
    if (!isNetworkDown(e)) d.log?.('warn', 'approval offer refused', { measureId: m.id });
    return false;
  }
}

/**
 * A deduction approved or refused here, on the deciding workstation, closes its inbox item with the
 * same signature; when the gateway is unreachable or never held it, nothing is lost: the measure
 * carries the approval itself, and the gateway answers a second decision 409.
 */
export async function closeInboxItem(
  d: Deps, id: string, approver: string, decision: 'approve' | 'refuse', signature?: MeasureSignature, reason?: string,
): Promise<void> {
  try {
    await d.client.decideApproval(id, {
      decision, ...(signature ? { signature } : {}), ...(decision === 'refuse' ? { reason: reason?.trim() || '审批人不予批准' } : {}),
    }, { officerCode: approver });
  } catch {
    // not offered yet, already decided, or offline: the pull skips a measure that is no longer waiting
  }
}

/**
 * Takes back what the inbox decided for this store's deductions awaiting approval: an approval
 * with its signature is recorded and the measure sent; a refusal cancels it with the reason; an
 * offer the inbox does not hold yet is made. Returns how many measures moved.
 */
export async function pullApprovals(d: Deps, s: ActiveSession): Promise<number> {
  if (!s.store.isOpen) return 0;
  let moved = 0;
  for (const m of s.store.measures.list({ kind: 'deduct', states: ['awaiting_approval'] })) {
    let item;
    try {
      item = await d.client.approval(m.id, { officerCode: s.officer.code });
    } catch (e) {
      if (isNetworkDown(e)) return moved;
      continue;
    }
    if (!item) {
      await offerForApproval(d, s, m);
      continue;
    }
    if (item.status === 'pending' || !item.approver || item.approver === m.decidedBy || !s.store.isOpen) continue;
    const { measure } = s.store.approvals.record({
      measureId: m.id, approver: item.approver, decision: item.status === 'approved' ? 'approved' : 'refused',
      ...(item.reason ? { reason: item.reason } : item.status === 'refused' ? { reason: '审批人不予批准' } : {}),
      ...(item.signature ? { signature: item.signature } : {}),
    });
    if (measure.state === 'queued') sendStored(s, measure);
    d.emit('measure.updated', { measure: s.store.measures.getMeasure(m.id) ?? measure });
    moved++;
  }
  return moved;
}
