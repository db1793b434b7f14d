/**
 * IPC group `leads`: a creditor's leads to the debtor's property (财产线索), recorded when the
 * applicant gives them and checked within 7 days, 3 when urgent (docs/domain.md rule 11).
 */
import { z } from 'zod';
import { LEAD_ASSET_KINDS, type PropertyLead } from '../../domain/leads';
import { caseRead } from '../policy';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const leadsGroup = {
  list: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<PropertyLead[]>() },
  record: {
    policy: { act: 'query.property', case: 'caseId' },
    input: z.object({
      caseId: id,
      partyId: id.optional(),
      text: z.string().trim().min(2).max(1000),
      assetKind: z.enum(LEAD_ASSET_KINDS),
      urgent: z.boolean(),
      receivedOn: isoDate,
    }).strict(),
    output: out<PropertyLead>(),
  },
  check: {
    policy: { act: 'query.property', case: 'caseId' },
    input: z.object({ caseId: id, leadId: id, found: z.boolean(), result: z.string().trim().min(2).max(1000) }).strict(),
    output: out<PropertyLead>(),
  },
} as const;
