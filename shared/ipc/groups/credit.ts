/**
 * 信用惩戒 (docs/domain.md rule 8): the execution notice and the property-report order per debtor, their
 * service and the report; the dishonest listing drafted, proposed by the judge, approved by a chief
 * or the director with his own signature, published through the credit outbox; its removal, the
 * credit commitment and the credit repair. Every call names its case by `caseId`; the handler
 * checks that the notice or listing named belongs to it.
 */
import { z } from 'zod';
import type { CreditListing, CreditRemoval, CreditStep, CaseCredit, EnforcementNotice, ListingApprovalItem, PropertyReport } from '../../domain/listing';
import { CREDIT_STEP_KINDS, NOTICE_KINDS, SERVICE_METHODS } from '../../domain/listing';
import type { DocumentRef } from '../../domain/measures';
import type { DebtorConduct } from '../../domain/terminal';
import type { ListingRefusal, ListingPeriod } from '../../rules/listing';
import { EXTENSION_REASONS } from '../../rules/listing';
import { caseRead } from '../policy';
import { CREDIT_EXCHANGE_KINDS, CREDIT_EXCHANGE_STATES } from '../../domain/credit';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const password = z.string().min(1).max(256);
const ground = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]);
const evidence = z.object({
  text: text(2000),
  refs: z.array(z.object({ kind: z.enum(['document', 'measure', 'notice', 'report', 'request', 'finding']), id, label: text(200).optional() }).strict()).max(50),
}).strict();
const extension = z.object({ years: z.number().int().min(1).max(3), reason: z.enum(EXTENSION_REASONS), note: text(500) }).strict();

/** What the wizard shows before the judge proposes: each reason he may not, and the period. */
export interface ListingCheck {
  refusals: ListingRefusal[];
  period: ListingPeriod;
  /** still owed (the one cap formula) and frozen in force */
  outstanding: number;
  frozen: number;
  /** the 失信 / 失能 / 积极履行 proposal and the judge's word on it, beside the grounds (docs/domain.md rule 8) */
  conduct: DebtorConduct;
}

export const creditGroup = {
  /** the case's credit: per debtor notices, reports, listings with their exchanges, steps */
  view: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseCredit>() },
  /** makes the 执行通知书 or the 报告财产令 for one debtor (once; a second click returns the first) */
  issueNotice: {
    policy: { act: 'notice.issue', case: 'caseId' },
    input: z.object({ caseId: id, partyId: id, kind: z.enum(NOTICE_KINDS), reportDays: z.number().int().min(1).max(60).optional() }).strict(),
    output: out<{ notice: EnforcementNotice; document: DocumentRef }>(),
  },
  /** its 送达: the day and the method; a report order's deadline follows from it */
  serveNotice: {
    policy: { act: 'notice.issue', case: 'caseId' },
    input: z.object({ caseId: id, noticeId: id, servedOn: isoDate, method: z.enum(SERVICE_METHODS) }).strict(),
    output: out<EnforcementNotice>(),
  },
  /** the debtor's property report as filed, and whether it was truthful */
  recordReport: {
    policy: { act: 'notice.issue', case: 'caseId' },
    input: z.object({ caseId: id, noticeId: id, filedOn: isoDate, truthful: z.boolean(), summary: text(2000) }).strict(),
    output: out<PropertyReport>(),
  },
  /** a credit fact: security given, conduct corrected, a credit commitment, a repair applied for, a grace period */
  recordStep: {
    policy: { act: 'credit.draft', case: 'caseId' },
    input: z.object({
      caseId: id, partyId: id, kind: z.enum(CREDIT_STEP_KINDS).exclude(['repair-decision']), on: isoDate, text: text(2000).min(2),
      listingId: id.optional(), granted: z.boolean().optional(), untilOn: isoDate.optional(),
    }).strict(),
    output: out<CreditStep>(),
  },
  /** the wizard's check: the exclusions and preconditions as they stand today, and the period */
  check: {
    policy: caseRead('caseId'),
    input: z.object({ caseId: id, partyId: id, ground, subjectIdNumber: text(18).optional(), extension: extension.optional(), evidence: evidence.optional() }).strict(),
    output: out<ListingCheck>(),
  },
  /** a draft listing (a clerk or the judge): the ground and its evidence */
  draft: {
    policy: { act: 'credit.draft', case: 'caseId' },
    input: z.object({ caseId: id, partyId: id, ground, evidence, extension: extension.optional(), subjectIdNumber: text(18).optional() }).strict(),
    output: out<CreditListing>(),
  },
  /** the judge proposes the draft, signing the exchange it will send with his own key */
  propose: {
    policy: { act: 'credit.propose', case: 'caseId' },
    input: z.object({ caseId: id, listingId: id, pin: password }).strict(),
    output: out<CreditListing>(),
  },
  /** the listings waiting for the signed-in chief or director */
  approvals: { policy: { act: 'credit.approve', read: true }, input: z.object({}).strict(), output: out<ListingApprovalItem[]>() },
  /** a chief or the director approves with his own signature (never his own proposal), or refuses with a reason */
  approve: {
    policy: { act: 'credit.approve', case: 'caseId' },
    input: z.object({ caseId: id, listingId: id, decision: z.enum(['approve', 'refuse']), reason: text(500).optional(), pin: password }).strict(),
    output: out<{ listing: CreditListing; document?: DocumentRef }>(),
  },
  /** a removal proposed on payment in full, correction, repair or commitment, with its due day */
  proposeRemoval: {
    policy: { act: 'credit.draft', case: 'caseId' },
    input: z.object({ caseId: id, listingId: id }).strict(),
    output: out<CreditRemoval>(),
  },
  /** the judge confirms the removal: the 删除失信信息决定书, and the removal sent to the platform */
  confirmRemoval: {
    policy: { act: 'credit.lift', case: 'caseId' },
    input: z.object({ caseId: id, listingId: id, pin: password }).strict(),
    output: out<{ removal: CreditRemoval; document: DocumentRef }>(),
  },
  /** the judge decides a credit repair application: granted makes the 信用修复决定书 and proposes removal */
  decideRepair: {
    policy: { act: 'credit.lift', case: 'caseId' },
    input: z.object({ caseId: id, listingId: id, granted: z.boolean(), reason: text(1000).min(2), pin: password }).strict(),
    output: out<{ step: CreditStep; document?: DocumentRef; removal?: CreditRemoval }>(),
  },
} as const;

export const creditEvents = {
  /** a listing's or restriction's exchange with the credit platform moved on (no personal data: ids and state) */
  'credit.exchange': z.object({
    id: z.string(), kind: z.enum(CREDIT_EXCHANGE_KINDS), recordId: z.string(), state: z.enum(CREDIT_EXCHANGE_STATES), platformRef: z.string().optional(),
  }),
} as const;
