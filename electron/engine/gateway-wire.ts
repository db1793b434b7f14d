/**
 * The gateway protocol's bodies (docs/gateway-protocol.md) as types, and zod schemas that every
 * answer must pass before the engine believes it. Unknown extra fields are tolerated (a newer
 * gateway may add some); missing or mistyped ones make the answer garbage.
 */
import { z } from 'zod';
import type { ChannelId } from '../../shared/domain/channels';
import type { CreditChannel, CreditExchangeKind, CreditSubject } from '../../shared/domain/credit';
import type { MeasureSignature } from '../../shared/domain/measures';
import type { PartyKind } from '../../shared/domain/types';
import { ROLES } from '../../shared/authority/roles';

export type WireKind = 'query' | 'freeze' | 'renew' | 'unfreeze' | 'deduct';

export interface WireDocument {
  type: string;
  number: string;
  sha256: string;
}

/** POST /gw/v1/requests */
export interface SubmitBody {
  clientRequestId: string;
  channel: ChannelId;
  kind: WireKind;
  case: { number: string; court: string };
  subject: { kind: PartyKind; name: string; idNumber: string };
  officer: { code: string; name: string };
  documents: WireDocument[];
  purpose: string;
  legalBasis: string;
  params: Record<string, unknown>;
  /** measures: the decision's and any approval's signatures over the rest of the body */
  signatures?: MeasureSignature[];
}

/** POST /gw/v1/requests on the credit platform's channel (docs/gateway-protocol.md, "Credit platform") */
export interface CreditSubmitBody {
  clientRequestId: string;
  channel: CreditChannel;
  kind: CreditExchangeKind;
  recordId: string;
  subjects: CreditSubject[];
  /** carries caseNumber and court, and what the platform publishes */
  payload: Record<string, unknown>;
  /** the judge's 'decision' and, to publish or issue, a chief's or the director's 'approval', over creditSignedText */
  signatures: MeasureSignature[];
}

/** GET /credit/v1/records?idNumber=: the platform's public query */
export const creditRecordsSchema = z.object({
  idNumber: z.string().min(1),
  listings: z.array(z.object({ ref: z.string(), court: z.string(), caseNumber: z.string(), ground: z.string(), from: z.string(), until: z.string().optional(), publishedAt: z.string() })),
  restrictions: z.array(z.object({ ref: z.string(), court: z.string(), caseNumber: z.string(), kinds: z.array(z.string()), issuedAt: z.string() })),
});
export type CreditRecords = z.infer<typeof creditRecordsSchema>;

const text = z.string().min(1);
const gatewayStatus = z.enum(['accepted', 'processing', 'answered', 'rejected']);
export type GatewayRequestStatus = z.infer<typeof gatewayStatus>;

export const submitAnswerSchema = z.object({
  clientRequestId: text,
  gatewayRef: text,
  status: gatewayStatus,
  acceptedAt: text,
});
export type SubmitAnswer = z.infer<typeof submitAnswerSchema>;

export const statusAnswerSchema = z
  .object({
    clientRequestId: text,
    gatewayRef: text,
    channel: text,
    kind: text,
    status: gatewayStatus,
    acceptedAt: text,
    answeredAt: text.optional(),
    feedback: z.unknown().optional(),
    rejection: z.object({ code: text, message: z.string() }).optional(),
  })
  // An answered request without feedback, or a rejected one without a reason, is not an answer.
  .refine((a) => a.status !== 'answered' || a.feedback !== undefined, { message: 'answered without feedback', path: ['feedback'] })
  .refine((a) => a.status !== 'rejected' || a.rejection !== undefined, { message: 'rejected without rejection', path: ['rejection'] });
export type StatusAnswer = z.infer<typeof statusAnswerSchema>;

export const errorEnvelopeSchema = z.object({
  error: z.object({ code: text, message: z.string() }),
});

export const healthAnswerSchema = z.object({
  ok: z.boolean(),
  network: z.enum(['sandbox', 'gateway']),
  time: text,
});
export type HealthAnswer = z.infer<typeof healthAnswerSchema>;

export const officersAnswerSchema = z.array(
  z.object({ code: text, name: text, court: text, role: z.enum(ROLES), team: z.array(text).optional() }),
);
export type RegisteredOfficer = z.infer<typeof officersAnswerSchema>[number];

const registeredOfficer = z.object({ code: text, name: text, court: text, role: z.enum(ROLES), team: z.array(text).optional() });

/** POST /gw/v1/officers/enrol: the officer as the register holds him, and the id of his new key */
export const enrolAnswerSchema = z.object({ officer: registeredOfficer, keyId: text, enrolledAt: text });
export type EnrolAnswer = z.infer<typeof enrolAnswerSchema>;

/** GET /gw/v1/officers/{code}: standing and registered keys */
export const officerStandingSchema = registeredOfficer.extend({
  status: z.enum(['active', 'removed']),
  keys: z.array(z.object({ keyId: text, publicKey: text, enrolledAt: text, revokedAt: text.optional() })),
});
export type OfficerStanding = z.infer<typeof officerStandingSchema>;

/** GET /gw/v1/court-accounts: the court's registered receiving accounts (执行款专户) */
export const courtAccountsAnswerSchema = z.array(z.object({ bank: text, accountNo: text, name: text }));
export type RegisteredCourtAccount = z.infer<typeof courtAccountsAnswerSchema>[number];

/** A party as the system holds it; 住所 and a company's 法定代表人 (with his 职务) when it has them. */
const wireParty = z.object({
  kind: z.enum(['person', 'company']), name: text, idNumber: text,
  address: text.optional(),
  legalRepresentative: z.object({ name: text, title: text.optional() }).optional(),
});
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** One case as the court's case-management system holds it. */
export const courtCaseSchema = z.object({
  number: text,
  filedOn: text,
  cause: z.string(),
  amountOwed: fen,
  costs: fen,
  applicant: wireParty,
  debtors: z.array(wireParty),
  /** 承办人: the officer code of the judge assigned */
  assignee: text.optional(),
  /** 履行期限届满日 and the money debt late-performance interest accrues on, where the judgment sets them */
  performanceDueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  interestPrincipal: fen.optional(),
  /** a case the system holds as closed: the CST day and the way (docs/gateway-protocol.md, "Court case events") */
  closedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  closing: z.enum(['completed', 'terminal', 'ended', 'withdrawn', 'not-enforced']).optional(),
});
export type CourtCase = z.infer<typeof courtCaseSchema>;

/** POST /court/v1/cases/terminal: the 终本 as the judge proposed and the chief approved it, with both signatures over `signedText` */
export interface CourtTerminalBody {
  number: string;
  closingId: string;
  signedText: string;
  signatures: { role: 'decision' | 'approval'; officer: string; keyId: string; signature: string }[];
}
export const courtEventAnswerSchema = z.object({ seq: z.number().int(), number: text });

export const courtCasesAnswerSchema = z.object({
  total: z.number().int().min(0),
  items: z.array(courtCaseSchema),
});
export type CourtCasesPage = z.infer<typeof courtCasesAnswerSchema>;

/**
 * GET /gw/v1/feedback: a page of the station's answers in the order delivered. Items are checked
 * one by one against statusAnswerSchema by the reader, so one unreadable item does not hide the rest.
 */
export const feedbackPageSchema = z.object({
  items: z.array(z.unknown()),
  next: z.string(),
});
export type FeedbackPage = z.infer<typeof feedbackPageSchema>;

/** GET /gw/v1/keys: the keys that sign audit checkpoint receipts (docs/gateway-protocol.md, "Audit checkpoints") */
const gatewayKeySchema = z.object({ keyId: text, alg: z.literal('Ed25519'), publicKey: text });
export const gatewayKeysAnswerSchema = z.object({ keys: z.array(gatewayKeySchema).min(1) });

/** A receipt the gateway signed over the canonical JSON of `receipt` (electron/gateway/checkpoint-receipt.ts) */
export const signedReceiptSchema = z.object({
  receipt: z.object({
    storeId: text, seq: z.number().int().min(1), head: z.string().regex(/^[0-9a-f]{64}$/), at: text, receivedAt: text, station: text,
  }),
  signature: text,
  keyId: text,
});

/** GET /gw/v1/audit/checkpoints?storeId=: what the gateway holds for the store, oldest first */
export const checkpointListSchema = z.object({ storeId: text, checkpoints: z.array(signedReceiptSchema) });

/** An approval waiting at the gateway, or decided (docs/gateway-protocol.md, "Approvals"). */
const measureSignatureSchema = z.object({ role: z.enum(['decision', 'approval']), officer: text, keyId: text, signature: text });
export const approvalItemSchema = z.object({
  id: text,
  court: text,
  caseNumber: text,
  decidedBy: text,
  amount: fen,
  body: z.record(z.string(), z.unknown()),
  offeredAt: text,
  status: z.enum(['pending', 'approved', 'refused']),
  approver: text.optional(),
  signature: measureSignatureSchema.optional(),
  reason: z.string().optional(),
  decidedAt: text.optional(),
});
export type ApprovalItem = z.infer<typeof approvalItemSchema>;
export const approvalListSchema = z.object({ items: z.array(approvalItemSchema) });
