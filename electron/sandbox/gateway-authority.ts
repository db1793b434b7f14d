/**
 * What the gateway itself enforces of the permission matrix (docs/authority.md, "Where it is
 * enforced"), whatever the workstation did: the case must be one the court's case-management
 * system holds and the subject one of its debtors (docs/domain.md rule 15); a query comes from the case's
 * 承办人 or his team; a whereabouts query carries the recorded finding (rule 10); a measure is
 * decided by the 承办人 himself, signed with his registered key, only in an enforcement case
 * (rule 13); a deduction above the court's threshold carries the signed approval of a chief or the
 * director who is not the judge (rule 14).
 */
import { permits, type Act } from '../../shared/authority/matrix';
import { purposeRefusal } from '../../shared/authority/purpose';
import { channelInfo } from '../../shared/domain/channels';
import type { Officer } from '../../shared/domain/types';
import { parseCaseNumber } from '../../shared/ids/case-number';
import { verifyText } from '../gateway/ed25519';
import { signedText, type MeasureSignature } from '../gateway/measure-signatures';
import type { GatewayErrorCode } from './http-io';
import { isFrozenBalanceQuery } from './measure-params';
import type { DocketCase } from './population/types';
import type { SandboxState } from './state';
import type { SubmitBody } from './submit-body';

export type Verdict = { ok: true } | { ok: false; code: GatewayErrorCode; message: string };

const refuse = (code: GatewayErrorCode, message: string): Verdict => ({ ok: false, code, message });


function assigned(o: Officer, c: DocketCase): boolean {
  return o.code === c.assignee || ((o.role === 'clerk' || o.role === 'assistant') && (o.team ?? []).includes(c.assignee));
}

function signaturesOf(raw: Record<string, unknown>): MeasureSignature[] {
  const s = raw.signatures;
  if (!Array.isArray(s)) return [];
  return s.filter((x): x is MeasureSignature => !!x && typeof x === 'object' && typeof x.officer === 'string'
    && typeof x.keyId === 'string' && typeof x.signature === 'string' && (x.role === 'decision' || x.role === 'approval'));
}

/** A signature by this officer, made with a key of his in force, over this body. */
export function validSignature(st: SandboxState, sig: MeasureSignature | undefined, text: string): boolean {
  const key = sig ? st.officers.activeKey(sig.officer, sig.keyId) : undefined;
  return !!key && verifyText(key.publicKey, text, sig!.signature);
}

function checkQuery(b: SubmitBody, officer: Officer, c: DocketCase): Verdict {
  const act: Act = channelInfo(b.channel).yields === 'whereabouts' && !isFrozenBalanceQuery(b) ? 'query.whereabouts' : 'query.property';
  if (!permits(act, officer.role, assigned(officer, c) ? 'act' : 'read').ok) {
    return refuse('NOT_AUTHORISED', `officer ${officer.code} (${officer.role}) may not ${act} in case ${c.number} (承办人 ${c.assignee})`);
  }
  if (act === 'query.whereabouts') {
    const f = b.params.finding as { ground?: unknown; recordedAt?: unknown } | undefined;
    if (!f || (f.ground !== 'evading' && f.ground !== 'missing') || typeof f.recordedAt !== 'string') {
      return refuse('PURPOSE_REFUSED', 'a whereabouts query needs params.finding {ground: evading|missing, recordedAt}: the recorded finding that the debtor evades or is missing');
    }
  }
  return { ok: true };
}

function checkMeasure(st: SandboxState, b: SubmitBody, raw: Record<string, unknown>, officer: Officer, c: DocketCase): Verdict {
  const type = parseCaseNumber(c.number);
  const act: Act = b.kind === 'deduct' ? 'deduction.decide' : 'measure.decide';
  const purpose = type.ok ? purposeRefusal(act, { type: type.value.type, filing: 'confirmed' }) : { en: 'not a case number' };
  if (purpose) return refuse('NOT_AUTHORISED', `case ${c.number}: ${purpose.en}`);
  if (!permits(act, officer.role, officer.code === c.assignee ? 'act' : 'read').ok) {
    return refuse('NOT_AUTHORISED', `officer ${officer.code} (${officer.role}) may not decide a ${b.kind} in case ${c.number} (承办人 ${c.assignee})`);
  }
  const text = signedText(raw);
  const sigs = signaturesOf(raw);
  const decision = sigs.find((s) => s.role === 'decision' && s.officer === officer.code);
  if (!validSignature(st, decision, text)) {
    return refuse('SIGNATURE_INVALID', `signatures: no valid decision signature of ${officer.code} over this body with a registered key`);
  }
  const threshold = st.approvalThresholds.get(b.case.court) ?? 0;
  const amount = typeof b.params.amount === 'number' ? b.params.amount : 0;
  if (b.kind === 'deduct' && amount > threshold) {
    const approvals = sigs.filter((s) => s.role === 'approval' && s.officer !== officer.code);
    const ok = approvals.some((s) => {
      const approver = st.officers.get(s.officer);
      return !!approver && approver.court === b.case.court && permits('deduction.approve', approver.role, 'read').ok && validSignature(st, s, text);
    });
    if (!ok) return refuse('APPROVAL_REQUIRED', `a deduction above ${threshold} fen needs the signed approval of a chief or the director of ${b.case.court}, not the deciding judge`);
  }
  return { ok: true };
}

export function checkAuthority(st: SandboxState, b: SubmitBody, raw: Record<string, unknown>, officer: Officer): Verdict {
  const c = st.court.find(b.case.number);
  if (!c) return refuse('PURPOSE_REFUSED', `case ${b.case.number} is not known to the court's case-management system`);
  if (!st.court.isDebtor(c, b.subject.idNumber)) return refuse('PURPOSE_REFUSED', 'the subject is not a debtor of this case: only a debtor of the case may be queried or acted against');
  return b.kind === 'query' ? checkQuery(b, officer, c) : checkMeasure(st, b, raw, officer, c);
}
