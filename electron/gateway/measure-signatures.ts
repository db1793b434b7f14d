/**
 * The signatures a measure carries (docs/gateway-protocol.md, "Signatures"): the deciding judge
 * signs the measure's request body, and above the court's threshold a chief or the director signs
 * the same body to approve it. What is signed is the canonical JSON of the body without its
 * `signatures` member, so the workstation and the gateway build the same text, and a body sent
 * again after a lost answer carries the same signatures.
 */
import { canonicalJson } from '../../shared/canonical-json';

export type { MeasureSignature, SignatureRole } from '../../shared/domain/measures';

/** The exact text a decision or an approval signs. */
export function signedText(body: object): string {
  const { signatures: _drop, ...rest } = body as Record<string, unknown>;
  return canonicalJson(rest);
}
