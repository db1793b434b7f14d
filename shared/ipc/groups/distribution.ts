/**
 * IPC group `distribution`: competing claims (参与分配, docs/distribution.md; docs/domain.md rule 4).
 * A clerk, an assistant or the case's judge records or withdraws a creditor's claim to share (act
 * distribution.prepare); the case's judge makes the 分配方案 and records its service, and issues the
 * 商请移送执行函 for an asset another court seized first (act distribution.decide). Anyone who may
 * read the case sees its claims, plans, seizures and the duplicate freezes it is part of. Amounts,
 * days and classes are checked in main with a message in the judge's language.
 */
import { z } from 'zod';
import type { CaseDistribution, DistributionClaimView, DistributionPlanView, DuplicateFreeze, SeizureView, TransferRequestView } from '../../domain/distribution';
import { caseRead } from '../policy';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);
const day = z.string().max(32);

export const distributionGroup = {
  view: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseDistribution>() },
  addClaim: {
    policy: { act: 'distribution.prepare', case: 'caseId' },
    // amount, class and rank checked by the store in the judge's words (not zod's)
    input: z.object({
      caseId: id, creditor: z.string().max(100), idNumber: z.string().max(18), basis: z.string().max(200),
      amount: z.number(), priority: z.string().max(16), rank: z.number().optional(),
    }).strict(),
    output: out<DistributionClaimView>(),
  },
  /** the class of the case's own applicant: 优先受偿 with the right it rests on, or 普通 */
  setApplicantClass: {
    policy: { act: 'distribution.decide', case: 'caseId' },
    input: z.object({ caseId: id, priority: z.string().max(16), rank: z.number().optional(), basis: z.string().max(200).optional() }).strict(),
    output: out<DistributionClaimView>(),
  },
  withdrawClaim: {
    policy: { act: 'distribution.prepare', case: 'caseId' },
    input: z.object({ caseId: id, claimId: id, reason: z.string().max(500) }).strict(),
    output: out<null>(),
  },
  /** the 分配方案 as it stands now, made into its document (PDF) */
  makePlan: { policy: { act: 'distribution.decide', case: 'caseId' }, input: z.object({ caseId: id }).strict(), output: out<DistributionPlanView>() },
  /** the day it was served: the 15 days to object run from it */
  recordService: {
    policy: { act: 'distribution.decide', case: 'caseId' },
    input: z.object({ caseId: id, planId: id, servedOn: day }).strict(),
    output: out<DistributionPlanView>(),
  },
  /** who seized each of the case's assets first, and the requests to transfer made */
  seizures: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<SeizureView[]>() },
  /** the 商请移送执行函 to the first-seizing court, once the 60 days have passed */
  requestTransfer: {
    policy: { act: 'distribution.decide', case: 'caseId' },
    input: z.object({ caseId: id, assetId: id, seizedOn: day, disposalStarted: z.boolean() }).strict(),
    output: out<TransferRequestView>(),
  },
  /** assets this case freezes that another of the bureau's cases freezes too */
  duplicates: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<DuplicateFreeze[]>() },
} as const;
