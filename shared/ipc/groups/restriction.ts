/**
 * 限制消费 (docs/domain.md rule 9): the case's orders, the persons the business registry names for a
 * company debtor, the draft (kinds and bound persons confirmed by the judge), the judge's signed
 * proposal, a chief's or the director's signed approval (the 限制消费令 issued through the credit
 * outbox), the lift on payment, security or consent, and one journey allowed for a while. The acts
 * are those of the credit group (docs/authority.md): credit.draft, credit.propose, credit.approve,
 * credit.lift.
 */
import { z } from 'zod';
import type { DocumentRef } from '../../domain/measures';
import type { CaseRestrictions, RestrictionApprovalItem, RestrictionExemption, RestrictionOrder } from '../../domain/restriction';
import { BOUND_ROLES, EXEMPTION_REASONS, LIFT_GROUNDS, RESTRICTION_KINDS, type BoundPerson, type RestrictionKind } from '../../rules/restriction';
import { caseRead } from '../policy';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const password = z.string().min(1).max(256);
const kind = z.enum(RESTRICTION_KINDS as [RestrictionKind, ...RestrictionKind[]]);
const boundPerson = z.object({ role: z.enum(BOUND_ROLES), name: text(100), idNumber: text(18), requestId: id.optional() }).strict();

export const restrictionGroup = {
  /** the case's orders with their exchanges and exemptions */
  view: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseRestrictions>() },
  /** for a company debtor: the key persons of the registry's latest answer, for the judge to confirm */
  registryPersons: {
    policy: caseRead('caseId'),
    input: z.object({ caseId: id, partyId: id }).strict(),
    output: out<BoundPerson[]>(),
  },
  /** a draft, or the debtor's draft edited (a clerk or the judge): the kinds and the persons bound */
  draft: {
    policy: { act: 'credit.draft', case: 'caseId' },
    input: z.object({ caseId: id, partyId: id, kinds: z.array(kind).max(9), bound: z.array(boundPerson).max(19) }).strict(),
    output: out<RestrictionOrder>(),
  },
  /** the judge proposes the draft, signing the exchange it will send with his own key */
  propose: {
    policy: { act: 'credit.propose', case: 'caseId' },
    input: z.object({ caseId: id, orderId: id, pin: password }).strict(),
    output: out<RestrictionOrder>(),
  },
  /** the orders waiting for the signed-in chief or director */
  approvals: { policy: { act: 'credit.approve', read: true }, input: z.object({}).strict(), output: out<RestrictionApprovalItem[]>() },
  /** a chief or the director approves with his own signature (never his own proposal), or refuses with a reason */
  approve: {
    policy: { act: 'credit.approve', case: 'caseId' },
    input: z.object({ caseId: id, orderId: id, decision: z.enum(['approve', 'refuse']), reason: text(500).optional(), pin: password }).strict(),
    output: out<{ order: RestrictionOrder; document?: DocumentRef }>(),
  },
  /** the judge lifts the order (第九条): paid in full, security recorded, or the applicant's consent noted */
  lift: {
    policy: { act: 'credit.lift', case: 'caseId' },
    input: z.object({ caseId: id, orderId: id, ground: z.enum(LIFT_GROUNDS), note: text(1000).optional(), pin: password }).strict(),
    output: out<{ order: RestrictionOrder; document: DocumentRef }>(),
  },
  /** one journey allowed for a while (第八条; at most one month), with its 决定书 */
  exempt: {
    policy: { act: 'credit.lift', case: 'caseId' },
    input: z.object({ caseId: id, orderId: id, kind, reason: z.enum(EXEMPTION_REASONS), note: text(500).min(2), from: isoDate, until: isoDate, pin: password }).strict(),
    output: out<{ exemption: RestrictionExemption; document: DocumentRef }>(),
  },
} as const;
