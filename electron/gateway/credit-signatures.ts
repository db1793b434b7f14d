/**
 * What a credit exchange's signatures cover (docs/gateway-protocol.md, "Signatures"): the canonical
 * JSON of the exchange without its signatures — its id, kind, record, subjects and payload — so the
 * workstation that signs, the runner that sends and the platform that checks build the same text,
 * and a body sent again after a lost answer carries the same signatures.
 */
import type { CreditExchangeRequest } from '../../shared/domain/credit';
import { signedText } from './measure-signatures';

export function creditSignedText(x: Pick<CreditExchangeRequest, 'id' | 'kind' | 'recordId' | 'subjects' | 'payload'>): string {
  return signedText({ id: x.id, kind: x.kind, recordId: x.recordId, subjects: x.subjects, payload: x.payload });
}
