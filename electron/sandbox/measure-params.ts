/**
 * The `params` of a measure and of the frozen-balance query (docs/gateway-protocol.md, "Measures"):
 * shapes only — the first failing field is named in a 400. What the agency cannot act on (an
 * amount of zero, a period too long …) is its rejection, not a malformed request.
 */
import { parseIsoDate } from '../../shared/dates';
import { DOCUMENTS_FOR } from '../../shared/domain/measures';
import type { SubmitBody } from './submit-body';
import { CLIENT_REQUEST_ID } from '../../shared/ids/request-id';

export interface FreezeParams {
  kind: 'freeze';
  assetIdentifier: string;
  amount?: number;
  endsOn: string;
}
export interface RenewParams {
  kind: 'renew';
  freezeRequestId: string;
  assetIdentifier?: string;
  endsOn: string;
}
export interface UnfreezeParams {
  kind: 'unfreeze';
  freezeRequestId: string;
  assetIdentifier?: string;
  amount?: number;
}
export interface DeductParams {
  kind: 'deduct';
  freezeRequestId: string;
  assetIdentifier?: string;
  amount: number;
  courtAccount: { bank: string; accountNo: string; name: string };
}
export interface FrozenBalanceParams {
  kind: 'frozen_balance';
  freezeRequestId: string;
  assetIdentifier?: string;
}
export type MeasureParams = FreezeParams | RenewParams | UnfreezeParams | DeductParams | FrozenBalanceParams;

export type ParamsCheck = { ok: true; params: MeasureParams } | { ok: false; message: string };

const ID = CLIENT_REQUEST_ID;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** whether a query asks about a freeze (the frozen-balance re-query) rather than for property */
export function isFrozenBalanceQuery(b: SubmitBody): boolean {
  return b.kind === 'query' && b.params.purpose === 'frozen_balance';
}

/** a measure's two legal documents, by type; undefined when present */
export function missingDocuments(b: SubmitBody): string | undefined {
  if (b.kind === 'query') return undefined;
  const need = DOCUMENTS_FOR[b.kind];
  const have = new Set(b.documents.map((d) => d.type));
  const missing = need.filter((t) => !have.has(t));
  return missing.length ? `a ${b.kind} carries ${need.join(' and ')}; missing ${missing.join(', ')}` : undefined;
}

export function checkMeasureParams(b: SubmitBody): ParamsCheck {
  const p = b.params;
  const bad = (key: string, message: string): ParamsCheck => ({ ok: false, message: `params.${key}: ${message}` });
  const allowed = (keys: readonly string[]): ParamsCheck | undefined => {
    const extra = Object.keys(p).find((k) => !keys.includes(k));
    return extra ? bad(extra, 'unknown for this kind') : undefined;
  };
  const date = (key: string): ParamsCheck | string => {
    const v = p[key];
    if (v === undefined) return bad(key, 'missing');
    if (typeof v !== 'string' || !parseIsoDate(v).ok || v.trim() !== v) return bad(key, 'must be a date YYYY-MM-DD');
    return v;
  };
  const fen = (key: string, required: boolean): ParamsCheck | number | undefined => {
    const v = p[key];
    if (v === undefined) return required ? bad(key, 'missing') : undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) return bad(key, 'must be an integer number of fen');
    return v;
  };
  const freezeId = (): ParamsCheck | string => {
    const v = p.freezeRequestId;
    if (v === undefined) return bad('freezeRequestId', 'missing');
    if (typeof v !== 'string' || !ID.test(v)) return bad('freezeRequestId', 'must be the clientRequestId of the freeze (8–64 characters of letters, digits, - or _)');
    return v;
  };
  const asset = (required: boolean): ParamsCheck | string | undefined => {
    const v = p.assetIdentifier;
    if (v === undefined) return required ? bad('assetIdentifier', 'missing') : undefined;
    if (!text(v, 200)) return bad('assetIdentifier', 'must be a non-empty string');
    return v;
  };
  const failed = (...vs: unknown[]) => vs.find((v): v is ParamsCheck => isObj(v) && (v as { ok?: unknown }).ok === false);

  if (b.kind === 'query') {
    const e = allowed(['purpose', 'freezeRequestId', 'assetIdentifier']);
    if (e) return e;
    const id = freezeId();
    const a = asset(false);
    const f = failed(id, a);
    if (f) return f;
    return { ok: true, params: { kind: 'frozen_balance', freezeRequestId: id as string, ...(a !== undefined ? { assetIdentifier: a as string } : {}) } };
  }
  if (b.kind === 'freeze') {
    const e = allowed(['assetIdentifier', 'amount', 'endsOn']);
    if (e) return e;
    const a = asset(true);
    const amount = fen('amount', false);
    const endsOn = date('endsOn');
    const f = failed(a, amount, endsOn);
    if (f) return f;
    return { ok: true, params: { kind: 'freeze', assetIdentifier: a as string, ...(amount !== undefined ? { amount: amount as number } : {}), endsOn: endsOn as string } };
  }
  if (b.kind === 'renew') {
    const e = allowed(['freezeRequestId', 'assetIdentifier', 'endsOn']);
    if (e) return e;
    const id = freezeId();
    const a = asset(false);
    const endsOn = date('endsOn');
    const f = failed(id, a, endsOn);
    if (f) return f;
    return { ok: true, params: { kind: 'renew', freezeRequestId: id as string, ...(a !== undefined ? { assetIdentifier: a as string } : {}), endsOn: endsOn as string } };
  }
  if (b.kind === 'unfreeze') {
    const e = allowed(['freezeRequestId', 'assetIdentifier', 'amount']);
    if (e) return e;
    const id = freezeId();
    const a = asset(false);
    const amount = fen('amount', false);
    const f = failed(id, a, amount);
    if (f) return f;
    return { ok: true, params: { kind: 'unfreeze', freezeRequestId: id as string, ...(a !== undefined ? { assetIdentifier: a as string } : {}), ...(amount !== undefined ? { amount: amount as number } : {}) } };
  }
  const e = allowed(['freezeRequestId', 'assetIdentifier', 'amount', 'courtAccount']);
  if (e) return e;
  const id = freezeId();
  const a = asset(false);
  const amount = fen('amount', true);
  const f = failed(id, a, amount);
  if (f) return f;
  const ca = p.courtAccount;
  if (ca === undefined) return bad('courtAccount', 'missing');
  if (!isObj(ca)) return bad('courtAccount', 'must be an object {bank, accountNo, name}');
  for (const k of ['bank', 'accountNo', 'name'] as const) if (!text(ca[k], 100)) return bad(`courtAccount.${k}`, 'missing');
  const extra = Object.keys(ca).find((k) => !['bank', 'accountNo', 'name'].includes(k));
  if (extra) return bad(`courtAccount.${extra}`, 'unknown');
  return {
    ok: true,
    params: {
      kind: 'deduct', freezeRequestId: id as string, ...(a !== undefined ? { assetIdentifier: a as string } : {}), amount: amount as number,
      courtAccount: { bank: ca.bank as string, accountNo: ca.accountNo as string, name: ca.name as string },
    },
  };
}
