/**
 * Signing a measure (docs/authority.md, "Approvals that cannot be forged"): the deciding judge
 * signs the measure's request body with his own key when he decides, and a chief or the director
 * signs the same body to approve it. The gateway checks both against the officer register, so an
 * approval recorded on a workstation without the approver's private key is worth nothing.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { Measure, MeasureSignature, SignatureRole } from '../../../shared/domain/measures';
import { buildMeasureBody } from '../../engine/measures/measure-body';
import { signText } from '../../gateway/ed25519';
import { signedText } from '../../gateway/measure-signatures';
import type { SecureStore } from '../../store';
import type { OfficerKeys } from '../../store/credential';
import { contextFor } from './context';

/** The signature of `keys`' officer over the body this measure is sent with. */
export function signMeasure(store: SecureStore, keys: OfficerKeys, m: Measure, role: SignatureRole): MeasureSignature {
  if (!keys.keyId) throw new AppFailure('NOT_SIGNABLE');
  const ctx = contextFor(store, m);
  if (!ctx) throw new AppFailure('INTERNAL');
  const text = signedText(buildMeasureBody(m, ctx));
  return { role, officer: keys.officer, keyId: keys.keyId, signature: signText(keys.signing, text) };
}

/** The measure as decided: the judge's signature first, in place of any earlier one. */
export function withDecision(store: SecureStore, keys: OfficerKeys, m: Measure): Measure {
  return { ...m, signatures: [signMeasure(store, keys, { ...m, signatures: [] }, 'decision')] };
}
