/**
 * 定向询价 (docs/distribution.md; 确定参考价规定 第五条): for each property found, a request to the tax
 * authority under its own id, written before it is sent; the answer — a reference price in fen —
 * recorded, and from then the freeze plan counts the property at it instead of "value unknown"
 * (docs/domain.md rule 1). A request without an answer is asked again under the same id, so a lost
 * answer never makes a second inquiry.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { CaseValuations, ValuationView } from '../../../shared/domain/distribution';
import type { Asset, Officer } from '../../../shared/domain/types';
import { GatewayHttpError } from '../../engine/gateway-errors';
import type { GatewayClient } from '../../engine/gateway-client';
import { VALUATIONS_PATH, valuationStatusSchema, type ValuationBody } from '../../gateway/valuation-wire';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';

export interface ValuationDeps {
  client: GatewayClient;
}

const properties = (store: SecureStore, caseId: string): Asset[] => store.caseQueryView(caseId).assets.filter((a) => a.kind === 'real_estate');

function bodyOf(c: StoredCase, a: Asset, id: string): ValuationBody {
  const p = a.particulars?.kind === 'real_estate' ? a.particulars : undefined;
  const debtor = c.parties.find((x) => x.id === a.partyId);
  return {
    clientRequestId: id, caseNumber: c.number, idNumber: debtor?.idNumber ?? '', unitNumber: p?.unitNumber ?? a.identifier,
    ...(p?.location ? { location: p.location } : {}), ...(p?.areaCentiM2 ? { areaCentiM2: p.areaCentiM2 } : {}), ...(a.usage ? { usage: a.usage } : {}),
  };
}

/** Sends the request (again, under its id) and records what the authority answered. */
async function ask(d: ValuationDeps, store: SecureStore, officer: Officer, c: StoredCase, a: Asset, v: ValuationView): Promise<ValuationView> {
  const call = d.client.signedJson?.bind(d.client);
  if (!call) return v;
  try {
    const answer = await call('POST', VALUATIONS_PATH, JSON.stringify(bodyOf(c, a, v.id)), { officerCode: officer.code });
    const st = valuationStatusSchema.parse(answer.value);
    if (st.state === 'answered' && st.referencePrice) {
      return store.valuations.answered(v.id, { referencePrice: st.referencePrice, ...(st.validUntil ? { validUntil: st.validUntil } : {}), authority: st.authority ?? '' }, officer.code);
    }
    if (st.state === 'refused') return store.valuations.failed(v.id, { zh: st.reason ?? '税务机关未能给出参考价', en: 'the tax authority gave no reference price' }, officer.code);
    return v;
  } catch (e) {
    if (e instanceof GatewayHttpError && !e.transient) {
      return store.valuations.failed(v.id, { zh: `税务机关拒绝询价：${e.gatewayMessage}`, en: `the tax authority refused: ${e.gatewayCode}` }, officer.code);
    }
    // busy, or no answer: the same id is asked again on the next look
    return v;
  }
}

/** A new inquiry for one property of the case; one still waiting is asked again instead. */
export async function requestValuation(d: ValuationDeps, store: SecureStore, officer: Officer, c: StoredCase, assetId: string): Promise<ValuationView> {
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
  const a = properties(store, c.id).find((x) => x.id === assetId);
  if (!a) throw new AppFailure('VALIDATION', { zh: '定向询价只针对本案查询到的不动产', en: 'a directed valuation is only for real estate found in this case' }, 'assetId');
  const open = store.valuations.latestOf(c.id).get(a.id);
  if (open?.state === 'sent') return ask(d, store, officer, c, a, open);
  return ask(d, store, officer, c, a, store.valuations.open(c.id, a.id, officer.code));
}

/** Each property's latest request; those still waiting are asked about again. */
export async function caseValuations(d: ValuationDeps, store: SecureStore, officer: Officer, c: StoredCase): Promise<CaseValuations> {
  const latest = store.valuations.latestOf(c.id);
  const out: CaseValuations['properties'] = [];
  for (const a of properties(store, c.id)) {
    let v = latest.get(a.id);
    if (v?.state === 'sent' && c.status === 'open') v = await ask(d, store, officer, c, a, v);
    out.push({ assetId: a.id, description: a.description, identifier: a.identifier, ...(v ? { latest: v } : {}) });
  }
  return { caseId: c.id, properties: out };
}

/** The case's assets with each valued property at its reference price: what the freeze plan counts. */
export function withReferencePrices(store: SecureStore, caseId: string, assets: Asset[]): Asset[] {
  const prices = store.valuations.pricesOf(caseId);
  if (prices.size === 0) return assets;
  return assets.map((a) => (a.kind === 'real_estate' && a.value === undefined && prices.has(a.id) ? { ...a, value: prices.get(a.id)! } : a));
}
