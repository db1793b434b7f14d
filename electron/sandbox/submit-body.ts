/**
 * Validates a submit body (docs/gateway-protocol.md, "Submit a request") with node built-ins:
 * the first failing field is named in the 400 answer. Subject IDs are checked to the check digit.
 */
import { CHANNEL_IDS, type ChannelId } from '../../shared/domain/channels';
import { parseCaseNumber } from '../../shared/ids/case-number';
import { validateSubjectId } from '../../shared/ids/subject-id';
import { isClientRequestId } from '../../shared/ids/request-id';

export const KINDS = ['query', 'freeze', 'renew', 'unfreeze', 'deduct'] as const;
export type SubmitKind = (typeof KINDS)[number];

export interface SubmitBody {
  clientRequestId: string;
  channel: ChannelId;
  kind: SubmitKind;
  case: { number: string; court: string };
  subject: { kind: 'person' | 'company'; name: string; idNumber: string };
  officer: { code: string; name: string };
  documents: { type: string; number: string; sha256: string }[];
  purpose: string;
  legalBasis: string;
  params: Record<string, unknown>;
}

export type BodyCheck = { ok: true; body: SubmitBody } | { ok: false; field: string; message: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

export function checkSubmitBody(raw: unknown): BodyCheck {
  const bad = (field: string, message: string): BodyCheck => ({ ok: false, field, message: `${field}: ${message}` });
  if (!isObj(raw)) return bad('body', 'must be a JSON object');
  const b = raw;
  if (!isClientRequestId(b.clientRequestId)) return bad('clientRequestId', 'must be 8–64 characters of letters, digits, - or _');
  if (typeof b.channel !== 'string' || !(CHANNEL_IDS as readonly string[]).includes(b.channel)) return bad('channel', 'unknown channel');
  if (typeof b.kind !== 'string' || !(KINDS as readonly string[]).includes(b.kind)) return bad('kind', `must be one of ${KINDS.join(', ')}`);
  if (!isObj(b.case)) return bad('case', 'must be an object');
  if (typeof b.case.number !== 'string') return bad('case.number', 'missing');
  const cn = parseCaseNumber(b.case.number);
  if (!cn.ok) return bad('case.number', cn.error.detail?.en ?? 'not a case number');
  if (b.case.court !== cn.value.court) return bad('case.court', `must be the court of the case number (${cn.value.court})`);
  if (!isObj(b.subject)) return bad('subject', 'must be an object');
  if (b.subject.kind !== 'person' && b.subject.kind !== 'company') return bad('subject.kind', 'must be person or company');
  if (!text(b.subject.name, 100)) return bad('subject.name', 'missing');
  if (typeof b.subject.idNumber !== 'string') return bad('subject.idNumber', 'missing');
  const id = validateSubjectId(b.subject.kind, b.subject.idNumber);
  if (!id.ok) return bad('subject.idNumber', id.error.detail?.en ?? 'not valid');
  if (!isObj(b.officer)) return bad('officer', 'must be an object');
  if (!text(b.officer.code, 32)) return bad('officer.code', 'missing');
  if (!text(b.officer.name, 50)) return bad('officer.name', 'missing');
  if (!Array.isArray(b.documents) || b.documents.length === 0) return bad('documents', 'at least one legal document is required');
  for (let i = 0; i < b.documents.length; i++) {
    const d: unknown = b.documents[i];
    if (!isObj(d)) return bad(`documents[${i}]`, 'must be an object');
    if (!text(d.type, 50)) return bad(`documents[${i}].type`, 'missing');
    if (!text(d.number, 100)) return bad(`documents[${i}].number`, 'missing');
    if (typeof d.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(d.sha256)) return bad(`documents[${i}].sha256`, 'must be 64 lower-case hex digits');
  }
  if (!text(b.purpose, 200)) return bad('purpose', 'missing');
  if (!text(b.legalBasis, 300)) return bad('legalBasis', 'missing');
  if (!isObj(b.params)) return bad('params', 'must be an object');
  return { ok: true, body: { ...(b as unknown as SubmitBody), subject: { ...(b.subject as SubmitBody['subject']), idNumber: id.value } } };
}

/** Canonical JSON (sorted keys): two bodies are "the same" when this is equal. */
export { canonicalJson } from '../../shared/canonical-json';
