/**
 * Signing a credit exchange (docs/authority.md, "Approvals that cannot be forged"): the judge signs
 * the exchange when he proposes, a chief or the director signs the same text when he approves, each
 * with his own key, over creditSignedText — what the credit platform checks against the register.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { CreditExchangeRequest } from '../../../shared/domain/credit';
import type { MeasureSignature, SignatureRole } from '../../../shared/domain/measures';
import { creditSignedText } from '../../gateway/credit-signatures';
import { signText } from '../../gateway/ed25519';
import type { OfficerKeys } from '../../store/credential';

export function signCredit(keys: OfficerKeys, x: Pick<CreditExchangeRequest, 'id' | 'kind' | 'recordId' | 'subjects' | 'payload'>, role: SignatureRole): MeasureSignature {
  if (!keys.keyId) throw new AppFailure('NOT_SIGNABLE');
  return { role, officer: keys.officer, keyId: keys.keyId, signature: signText(keys.signing, creditSignedText(x)) };
}
