/**
 * Executes a credit platform exchange on st.credit at the moment the gateway accepts it, once per
 * clientRequestId (the gateway's table answers a repeated id before this runs): a listing published
 * or removed, a restriction issued or lifted (or one journey exempted). Its acknowledgement becomes
 * visible after the platform's latency; a lost or held answer does not undo it.
 */
import type { CreditExchangeKind, CreditFeedback } from '../../shared/domain/credit';
import { CREDIT_CHANNEL } from '../../shared/domain/credit';
import type { CreditBody } from './credit-body';
import type { ChannelKnobs } from './knobs';
import type { Rejection } from './request-table';
import type { SandboxState } from './state';

/** One exchange the platform received: its fate fixed when executed, its answer derived from the times. */
export interface CreditRequest {
  clientRequestId: string;
  gatewayRef: string;
  kind: CreditExchangeKind;
  bodyHash: string;
  court: string;
  caseNumber: string;
  acceptedAt: number;
  processingAt: number;
  /** undefined: the platform never answers (no-feedback fault) */
  answerAt: number | undefined;
  feedback: CreditFeedback;
  /** the listing or restriction entries this exchange created (their refs) */
  entries: string[];
  /** submits that reached the gateway under this id, the first included */
  submits: number;
  polls: number;
}

/** the platform's own latency range, before latencyScale */
const LATENCY_MS: readonly [number, number] = [800, 2_500];

const PLATFORM_REFUSAL: Rejection = { code: 'PLATFORM_REFUSED', message: '失信联合惩戒云平台暂无法受理，请人工联系' };

type Applied = { platformRef: string; entries: string[] } | { rejection: Rejection };

function publish(st: SandboxState, b: CreditBody, at: string): Applied {
  const p = b.payload;
  const entries = b.subjects.map((s) => {
    const ref = st.credit.nextRef('SX');
    st.credit.listings.set(ref, {
      ref, clientRequestId: b.clientRequestId, court: p.court, caseNumber: p.caseNumber, idNumber: s.idNumber, name: s.name,
      ground: String(p.ground), from: typeof p.from === 'string' ? p.from : at, ...(typeof p.until === 'string' ? { until: p.until } : {}), publishedAt: at,
    });
    return ref;
  });
  return { platformRef: entries[0]!, entries };
}

function issue(st: SandboxState, b: CreditBody, at: string): Applied {
  const p = b.payload;
  const entries = b.subjects.map((s) => {
    const ref = st.credit.nextRef('XG');
    st.credit.restrictions.set(ref, {
      ref, clientRequestId: b.clientRequestId, court: p.court, caseNumber: p.caseNumber, idNumber: s.idNumber, name: s.name,
      kinds: (p.kinds as string[]).slice(), issuedAt: at, exemptions: [],
    });
    return ref;
  });
  return { platformRef: entries[0]!, entries };
}

/** The exchange that published or issued `ref`, in the same case. */
function origin(st: SandboxState, b: CreditBody, ref: string, kind: CreditExchangeKind): CreditRequest | undefined {
  for (const r of st.credit.exchanges.values()) {
    if (r.kind === kind && r.feedback.platformRef === ref && r.caseNumber === b.payload.caseNumber && r.court === b.payload.court) return r;
  }
  return undefined;
}

function remove(st: SandboxState, b: CreditBody, at: string): Applied {
  const ref = String(b.payload.listingRef);
  const o = origin(st, b, ref, 'listing.publish');
  const live = o?.entries.map((e) => st.credit.listings.get(e)).filter((l) => l && !l.removedAt) ?? [];
  if (live.length === 0) return { rejection: { code: 'CREDIT_RECORD_NOT_FOUND', message: `本案无在列的失信信息 ${ref}` } };
  for (const l of live) l!.removedAt = at;
  return { platformRef: ref, entries: o!.entries };
}

function lift(st: SandboxState, b: CreditBody, at: string): Applied {
  const ref = String(b.payload.restrictionRef);
  const o = origin(st, b, ref, 'restriction.issue');
  const live = o?.entries.map((e) => st.credit.restrictions.get(e)).filter((r) => r && !r.liftedAt) ?? [];
  if (live.length === 0) return { rejection: { code: 'CREDIT_RECORD_NOT_FOUND', message: `本案无在执行的限制消费措施 ${ref}` } };
  const ex = b.payload.exemption as { kind?: unknown; from?: unknown; until?: unknown } | undefined;
  for (const r of live) {
    // a single measure lifted (one journey for medical care) leaves the restriction in force otherwise
    if (ex && typeof ex.kind === 'string' && typeof ex.from === 'string' && typeof ex.until === 'string') r!.exemptions.push({ kind: ex.kind, from: ex.from, until: ex.until });
    else r!.liftedAt = at;
  }
  return { platformRef: ref, entries: o!.entries };
}

const APPLY: Record<CreditExchangeKind, (st: SandboxState, b: CreditBody, at: string) => Applied> = {
  'listing.publish': publish,
  'listing.remove': remove,
  'restriction.issue': issue,
  'restriction.lift': lift,
};

export function executeCredit(st: SandboxState, b: CreditBody, bodyHash: string, k: ChannelKnobs, now: number): CreditRequest {
  const id = b.clientRequestId;
  const at = new Date(st.clock.now()).toISOString();
  const refused = st.dice.roll(k.rejectRate, CREDIT_CHANNEL, id, 0, 'reject');
  const applied = refused ? { rejection: PLATFORM_REFUSAL } : APPLY[b.kind](st, b, at);
  const silent = st.dice.roll(k.noFeedbackRate, CREDIT_CHANNEL, id, 0, 'noFeedback');
  const late = st.dice.roll(k.outOfOrderRate, CREDIT_CHANNEL, id, 0, 'outOfOrder');
  const [lo, hi] = LATENCY_MS;
  const latency = Math.round((lo + st.dice.value(CREDIT_CHANNEL, id, 'latency') * (hi - lo)) * k.latencyScale) + (late ? Math.round(3 * hi * k.latencyScale) + 1 : 0);
  const feedback: CreditFeedback = 'rejection' in applied
    ? { result: 'rejected', kind: b.kind, rejection: applied.rejection, at }
    : { result: 'accepted', kind: b.kind, platformRef: applied.platformRef, at };
  st.credit.seqRequests += 1;
  const r: CreditRequest = {
    clientRequestId: id, gatewayRef: `CCP${String(st.credit.seqRequests).padStart(8, '0')}`, kind: b.kind, bodyHash,
    court: b.payload.court, caseNumber: b.payload.caseNumber, acceptedAt: now, processingAt: now + Math.round(latency * 0.3),
    answerAt: silent ? undefined : now + latency, feedback, entries: 'entries' in applied ? applied.entries : [], submits: 1, polls: 0,
  };
  st.credit.exchanges.set(id, r);
  return r;
}
