/**
 * A client request id (docs/gateway-protocol.md): one per decision, the key the gateway deduplicates
 * on — a measure's, a listing's or a restriction's. Its one form, checked by the contract, the
 * store and the gateway alike.
 */
export const CLIENT_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const CLIENT_REQUEST_ID_RULE = { zh: '请求编号须为 8–64 位字母、数字、- 或 _', en: 'must be 8–64 characters of letters, digits, - or _' } as const;

export function isClientRequestId(s: unknown): s is string {
  return typeof s === 'string' && CLIENT_REQUEST_ID.test(s);
}
