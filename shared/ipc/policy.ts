/**
 * A call's policy, declared next to its schema in the contract (docs/architecture.md §4): the act of
 * the permission matrix it is (shared/authority/matrix.ts), where its input names the case the
 * act concerns, whether it reads personal data (then each read is audited, collapsed per officer
 * and case) and whether it only reads. The router enforces it before any handler runs.
 */
import type { Act } from '../authority/matrix';
import type { LEGAL_BASIS } from '../legal/basis';

/** The input field that names the case, directly or through a record of that case. */
export type CaseRef = 'caseId' | 'caseIds' | 'freezeId' | 'freezeIds' | 'measureId' | 'requestId' | 'documentId';

export interface Policy {
  /** 'public': answered before sign-in (app info, setup, sign-in); otherwise an act of the matrix */
  readonly act: Act | 'public';
  /** where the input names the case the act concerns */
  readonly case?: CaseRef;
  /** the case field may be left out: then the act is not about one case (the handler narrows) */
  readonly caseOptional?: true;
  /** a read of personal data: the audit action and its legal basis */
  readonly audit?: { readonly action: string; readonly basis: keyof typeof LEGAL_BASIS };
  /** reads only: the host-mode bridge may send it again after a dropped link */
  readonly read?: true;
}

export const PUBLIC = { act: 'public' } as const satisfies Policy;
export const PUBLIC_READ = { act: 'public', read: true } as const satisfies Policy;

/** a read of a case's personal data, audited (网络查询规定 第七条: query data serves only its case) */
export function caseRead(ref: CaseRef) {
  return { act: 'case.read', case: ref, read: true, audit: { action: 'case.read', basis: 'caseRead' } } as const satisfies Policy;
}
