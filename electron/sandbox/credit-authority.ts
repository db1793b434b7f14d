/**
 * What the credit platform's gateway itself enforces (docs/authority.md, "Where it is enforced";
 * docs/gateway-protocol.md, "Credit platform"), whatever the workstation decided: the case is one
 * the court's case-management system holds and the subjects are its debtors; the exchange is
 * decided by the case's 承办人, signed with his registered key; a listing or a restriction also
 * carries the signed approval of a chief or the director of that court who is not the judge —
 * 纳入决定书 and 限制消费令 are signed and issued by the president.
 */
import { ARTICLES } from '../../shared/legal/basis';
import { permits } from '../../shared/authority/matrix';
import type { Officer } from '../../shared/domain/types';
import { creditSignedText } from '../gateway/credit-signatures';
import type { MeasureSignature } from '../../shared/domain/measures';
import type { CreditBody } from './credit-body';
import { validSignature, type Verdict } from './gateway-authority';
import type { SandboxState } from './state';

const refuse = (code: Extract<Verdict, { ok: false }>['code'], zh: string, en: string): Verdict => ({ ok: false, code, message: `${zh} / ${en}` });

function signaturesOf(raw: Record<string, unknown>): MeasureSignature[] {
  const s = raw.signatures;
  if (!Array.isArray(s)) return [];
  return s.filter((x): x is MeasureSignature => !!x && typeof x === 'object' && typeof x.officer === 'string'
    && typeof x.keyId === 'string' && typeof x.signature === 'string' && (x.role === 'decision' || x.role === 'approval'));
}

/** Publishing and issuing need the approval; removing and lifting only the judge's decision. */
export const needsApproval = (kind: CreditBody['kind']): boolean => kind === 'listing.publish' || kind === 'restriction.issue';

export function checkCreditAuthority(st: SandboxState, b: CreditBody, raw: Record<string, unknown>, officer: Officer): Verdict {
  const c = st.court.find(b.payload.caseNumber);
  if (!c) return refuse('PURPOSE_REFUSED', `案件 ${b.payload.caseNumber} 不在本院案件管理系统中`, `case ${b.payload.caseNumber} is not known to the court's case-management system`);
  const debtors = b.subjects.filter((s) => st.court.isDebtor(c, s.idNumber));
  // a listing names the debtors themselves; a restriction on a company also binds its representative and others the order names
  const debtorsOk = b.kind.startsWith('listing.') ? debtors.length === b.subjects.length : debtors.length > 0;
  if (!debtorsOk) return refuse('PURPOSE_REFUSED', '报送对象不是本案被执行人', 'a subject is not a debtor of this case');
  const act = needsApproval(b.kind) ? 'credit.propose' : 'credit.lift';
  if (!permits(act, officer.role, officer.code === c.assignee ? 'act' : 'read').ok) {
    return refuse('NOT_AUTHORISED', `干警 ${officer.code} 不是本案承办人，不得报送`, `officer ${officer.code} (${officer.role}) may not ${act} in case ${c.number} (承办人 ${c.assignee})`);
  }
  // over the body as sent (its subjects and payload untouched), under the exchange's id
  const text = creditSignedText({ id: b.clientRequestId, kind: b.kind, recordId: b.recordId, subjects: raw.subjects as CreditBody['subjects'], payload: raw.payload as CreditBody['payload'] });
  const sigs = signaturesOf(raw);
  const decision = sigs.find((s) => s.role === 'decision' && s.officer === c.assignee);
  if (!validSignature(st, decision, text)) {
    return refuse('SIGNATURE_INVALID', `缺少承办法官 ${c.assignee} 以备案密钥作出的有效决定签名`, `signatures: no valid decision signature of the case's judge ${c.assignee} over this body with a registered key`);
  }
  if (!needsApproval(b.kind)) return { ok: true };
  const approved = sigs.some((s) => {
    if (s.role !== 'approval' || s.officer === c.assignee) return false;
    const approver = st.officers.get(s.officer);
    return !!approver && approver.court === b.payload.court && permits('credit.approve', approver.role, 'read').ok && validSignature(st, s, text);
  });
  if (!approved) {
    const [zh, basis] = b.kind === 'listing.publish'
      ? ['纳入失信被执行人名单', ARTICLES.dishonestList5]
      : ['限制消费令', ARTICLES.consumptionRestriction5];
    return refuse('CREDIT_APPROVAL_REQUIRED',
      `${zh}须经${b.payload.court}院长、庭长或执行局长签批，且签批人不得为承办法官（${basis}）`,
      `a ${b.kind} needs the signed approval of a chief or the director of ${b.payload.court}, not the deciding judge`);
  }
  return { ok: true };
}
