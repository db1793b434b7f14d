/**
 * IPC group `terminal` — 终本 and 执恢 (docs/domain.md rule 12, docs/authority.md): the five-condition
 * checklist of a case filled from its own records; the 承办法官 proposes (signing with his key, his
 * password confirms); a chief or the director approves with his own signature, or refuses with a
 * reason — the approval makes the 终结本次执行程序裁定书, records the 终本 with the case-management
 * system, closes the case and schedules the re-query every six months for five years; the judge's
 * one-click 执恢 files the resumed case and stops the re-query.
 */
import { z } from 'zod';
import type { DocumentRef } from '../../domain/measures';
import type { TerminalApprovalItem, TerminalClosing, TerminalView } from '../../domain/terminal';
import type { CaseDetail } from '../../domain/types';
import { caseRead } from '../policy';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);
const password = z.string().min(1).max(256);

export const terminalGroup = {
  /** the checklist with each condition and the records it rests on, the closing, the re-query runs */
  view: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<TerminalView>() },
  /** the judge records why the dishonest list does not apply to a debtor (condition 2 then rests on it) */
  recordListingReason: {
    policy: { act: 'credit.propose', case: 'caseId' },
    input: z.object({ caseId: id, partyId: id, reason: z.string().trim().min(4).max(500) }).strict(),
    output: out<TerminalView>(),
  },
  /** the 承办法官 proposes 终本: refused with what is missing unless all five conditions hold */
  propose: { policy: { act: 'credit.propose', case: 'caseId' }, input: z.object({ caseId: id, pin: password }).strict(), output: out<TerminalClosing>() },
  /** the proposals waiting for the signed-in chief or director */
  approvals: { policy: { act: 'credit.approve', read: true }, input: z.object({}).strict(), output: out<TerminalApprovalItem[]>() },
  /** a chief or the director approves with his own signature (never his own proposal), or refuses with a reason */
  approve: {
    policy: { act: 'credit.approve', case: 'caseId' },
    input: z.object({ caseId: id, closingId: id, decision: z.enum(['approve', 'refuse']), reason: z.string().max(500).optional(), pin: password }).strict(),
    output: out<{ closing: TerminalClosing; document?: DocumentRef; jobId?: string }>(),
  },
  /** 执恢: the 承办法官 resumes a 终本 case on new property; the re-query stops */
  resume: {
    policy: { act: 'case.resume', case: 'caseId' },
    input: z.object({ caseId: id }).strict(),
    output: out<{ view: TerminalView; resumed: Pick<CaseDetail, 'id' | 'number' | 'status' | 'amountOwed'> }>(),
  },
} as const;
