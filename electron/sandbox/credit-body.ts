/**
 * Validates a credit platform submit (docs/gateway-protocol.md, "Credit platform"): the exchange
 * kind, the record it is about, the subjects with their ID numbers to the check digit, the case
 * in the payload, and for a removal or a lift the platform reference it ends.
 */
import { CREDIT_CHANNEL, CREDIT_EXCHANGE_KINDS, type CreditExchangeKind, type CreditSubject } from '../../shared/domain/credit';
import type { MeasureSignature } from '../../shared/domain/measures';
import { parseCaseNumber } from '../../shared/ids/case-number';
import { validateSubjectId } from '../../shared/ids/subject-id';
import { isClientRequestId } from '../../shared/ids/request-id';

export interface CreditBody {
  clientRequestId: string;
  channel: typeof CREDIT_CHANNEL;
  kind: CreditExchangeKind;
  recordId: string;
  subjects: CreditSubject[];
  payload: Record<string, unknown> & { caseNumber: string; court: string };
  signatures: MeasureSignature[];
}

export type CreditBodyCheck = { ok: true; body: CreditBody } | { ok: false; message: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** Whether a submit is addressed to the credit platform (and so checked here, not as a query or measure). */
export function isCreditSubmit(raw: unknown): boolean {
  return isObj(raw) && raw.channel === CREDIT_CHANNEL;
}

function checkSubjects(v: unknown): string | CreditSubject[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 20) return 'subjects: one to twenty persons or companies';
  const out: CreditSubject[] = [];
  for (let i = 0; i < v.length; i++) {
    const s: unknown = v[i];
    if (!isObj(s)) return `subjects[${i}]: must be an object`;
    if (s.kind !== 'person' && s.kind !== 'company') return `subjects[${i}].kind: must be person or company`;
    if (!text(s.name, 100)) return `subjects[${i}].name: missing`;
    if (typeof s.idNumber !== 'string') return `subjects[${i}].idNumber: missing`;
    const id = validateSubjectId(s.kind, s.idNumber);
    if (!id.ok) return `subjects[${i}].idNumber: ${id.error.detail?.en ?? 'not valid'}`;
    out.push({ kind: s.kind, name: s.name, idNumber: id.value });
  }
  return out;
}

/** What each kind needs in its payload beyond the case, or undefined when it is complete. */
function payloadGap(kind: CreditExchangeKind, p: Record<string, unknown>): string | undefined {
  // the six grounds of 失信规定 第一条, by their number (shared/rules/listing.ts)
  if (kind === 'listing.publish' && !(Number.isInteger(p.ground) && (p.ground as number) >= 1 && (p.ground as number) <= 6)) return 'payload.ground: the ground of the listing, 1 to 6, is required';
  if (kind === 'restriction.issue') {
    if (!Array.isArray(p.kinds) || p.kinds.length === 0 || !p.kinds.every((k) => text(k, 40))) return 'payload.kinds: the kinds of consumption restricted are required';
  }
  if (kind === 'listing.remove' && !text(p.listingRef, 40)) return 'payload.listingRef: the platform reference of the listing removed is required';
  if (kind === 'restriction.lift' && !text(p.restrictionRef, 40)) return 'payload.restrictionRef: the platform reference of the restriction lifted is required';
  return undefined;
}

export function checkCreditBody(raw: unknown): CreditBodyCheck {
  const bad = (message: string): CreditBodyCheck => ({ ok: false, message });
  if (!isObj(raw)) return bad('body: must be a JSON object');
  if (!isClientRequestId(raw.clientRequestId)) return bad('clientRequestId: must be 8–64 characters of letters, digits, - or _');
  if (typeof raw.kind !== 'string' || !(CREDIT_EXCHANGE_KINDS as readonly string[]).includes(raw.kind)) return bad(`kind: must be one of ${CREDIT_EXCHANGE_KINDS.join(', ')}`);
  const kind = raw.kind as CreditExchangeKind;
  if (!text(raw.recordId, 64)) return bad('recordId: missing');
  const subjects = checkSubjects(raw.subjects);
  if (typeof subjects === 'string') return bad(subjects);
  if (!isObj(raw.payload)) return bad('payload: must be an object');
  const p = raw.payload;
  if (typeof p.caseNumber !== 'string') return bad('payload.caseNumber: missing');
  const cn = parseCaseNumber(p.caseNumber);
  if (!cn.ok) return bad(`payload.caseNumber: ${cn.error.detail?.en ?? 'not a case number'}`);
  if (p.court !== cn.value.court) return bad(`payload.court: must be the court of the case number (${cn.value.court})`);
  const gap = payloadGap(kind, p);
  if (gap) return bad(gap);
  if (!Array.isArray(raw.signatures)) return bad('signatures: must be an array');
  return {
    ok: true,
    body: { clientRequestId: raw.clientRequestId, channel: CREDIT_CHANNEL, kind, recordId: raw.recordId, subjects, payload: p as CreditBody['payload'], signatures: raw.signatures as MeasureSignature[] },
  };
}
