/**
 * The approvals inbox (docs/gateway-protocol.md, "Approvals"): a deduction above the threshold,
 * decided and signed by the judge on his workstation, waits here for a chief or the director, who
 * may approve it from his own session on another workstation. The gateway keeps the body and
 * the decision signature, checks the approver's signature over the same body with his registered
 * key, and the judge's workstation takes the signature back and sends the measure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { permits } from '../../shared/authority/matrix';
import type { MeasureSignature } from '../../shared/domain/measures';
import { signedText } from '../gateway/measure-signatures';
import { authenticate } from './auth';
import { validSignature } from './gateway-authority';
import { jsonObject as json, sendError, sendJson } from './http-io';
import type { SandboxState } from './state';
import { checkSubmitBody } from './submit-body';

export interface ApprovalItem {
  id: string;
  court: string;
  caseNumber: string;
  decidedBy: string;
  amount: number;
  /** the measure's body with the decision signature, as it will be sent */
  body: Record<string, unknown>;
  offeredAt: string;
  status: 'pending' | 'approved' | 'refused';
  approver?: string;
  signature?: MeasureSignature;
  reason?: string;
  decidedAt?: string;
}

const view = (a: ApprovalItem): ApprovalItem => ({ ...a });

/** POST /gw/v1/approvals { body }: the deciding judge offers a signed deduction for approval. */
export function handleOfferApproval(req: IncomingMessage, res: ServerResponse, raw: string, st: SandboxState): void {
  const auth = authenticate(req, res, raw, st, true);
  if (!auth.ok || !auth.officer) return;
  const b = json(raw)?.body;
  const checked = checkSubmitBody(b);
  if (!checked.ok) return sendError(res, 400, 'BAD_REQUEST', `body.${checked.message}`);
  const body = b as Record<string, unknown>;
  const m = checked.body;
  if (m.kind !== 'deduct' || typeof m.params.amount !== 'number') return sendError(res, 400, 'BAD_REQUEST', 'body: only a deduction waits for approval');
  const decision = (Array.isArray(body.signatures) ? body.signatures : []).find((s: MeasureSignature) => s?.role === 'decision') as MeasureSignature | undefined;
  if (m.officer.code !== auth.officer.code || decision?.officer !== auth.officer.code || !validSignature(st, decision, signedText(body))) {
    return sendError(res, 403, 'SIGNATURE_INVALID', 'signatures: the offering officer’s valid decision signature over the body is required');
  }
  const known = st.approvals.get(m.clientRequestId);
  if (known) return sendJson(res, 200, view(known));
  const item: ApprovalItem = {
    id: m.clientRequestId, court: m.case.court, caseNumber: m.case.number, decidedBy: auth.officer.code, amount: m.params.amount,
    body, offeredAt: new Date(st.clock.now()).toISOString(), status: 'pending',
  };
  st.approvals.set(item.id, item);
  sendJson(res, 201, view(item));
}

/** GET /gw/v1/approvals: what waits for the signed-in chief or director of his court (not his own). */
export function handleListApprovals(req: IncomingMessage, res: ServerResponse, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, true);
  if (!auth.ok || !auth.officer) return;
  const o = auth.officer;
  if (!permits('deduction.approve', o.role, 'read').ok) return sendError(res, 403, 'NOT_AUTHORISED', `officer ${o.code} (${o.role}) approves no deduction`);
  const items = [...st.approvals.values()].filter((a) => a.status === 'pending' && a.court === o.court && a.decidedBy !== o.code);
  sendJson(res, 200, { items: items.map(view) });
}

/** GET /gw/v1/approvals/{id}: one item, with the approver's signature once given. */
export function handleGetApproval(req: IncomingMessage, res: ServerResponse, id: string, st: SandboxState): void {
  const auth = authenticate(req, res, '', st, true);
  if (!auth.ok || !auth.officer) return;
  const a = st.approvals.get(id);
  if (!a || a.court !== auth.officer.court) return sendError(res, 404, 'NOT_FOUND', 'no such approval');
  sendJson(res, 200, view(a));
}

/** POST /gw/v1/approvals/{id}/decision { decision, signature?, reason? }: the chief or director decides. */
export function handleDecideApproval(req: IncomingMessage, res: ServerResponse, id: string, raw: string, st: SandboxState): void {
  const auth = authenticate(req, res, raw, st, true);
  if (!auth.ok || !auth.officer) return;
  const o = auth.officer;
  const a = st.approvals.get(id);
  if (!a || a.court !== o.court) return sendError(res, 404, 'NOT_FOUND', 'no such approval');
  if (!permits('deduction.approve', o.role, 'read').ok || o.code === a.decidedBy) {
    return sendError(res, 403, 'NOT_AUTHORISED', `officer ${o.code} may not approve this deduction: a chief or the director, not the deciding judge`);
  }
  const b = json(raw);
  if (!b || (b.decision !== 'approve' && b.decision !== 'refuse')) return sendError(res, 400, 'BAD_REQUEST', 'decision: approve or refuse');
  if (a.status !== 'pending') return sendError(res, 409, 'IDEMPOTENCY_CONFLICT', `the approval is already ${a.status}`);
  const at = new Date(st.clock.now()).toISOString();
  if (b.decision === 'refuse') {
    if (typeof b.reason !== 'string' || !b.reason.trim()) return sendError(res, 400, 'BAD_REQUEST', 'reason: a refusal needs a reason');
    Object.assign(a, { status: 'refused', approver: o.code, reason: b.reason.trim(), decidedAt: at });
    return sendJson(res, 200, view(a));
  }
  const sig = b.signature as MeasureSignature | undefined;
  if (!sig || sig.role !== 'approval' || sig.officer !== o.code || !validSignature(st, sig, signedText(a.body))) {
    return sendError(res, 403, 'SIGNATURE_INVALID', 'signature: the approver’s valid approval signature over the measure’s body is required');
  }
  Object.assign(a, { status: 'approved', approver: o.code, signature: sig, decidedAt: at });
  sendJson(res, 200, view(a));
}
