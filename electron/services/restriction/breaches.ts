/**
 * Breaches of a consumption restriction (docs/domain.md rule 9; listing ground 5): the bureau's
 * reader of the ticketing platform's feed ('restriction.breaches', one job, made sure of at each
 * sign-in where the gateway offers the feed). Each refused booking is traced by the exchange it was
 * issued under to this workstation's order, and raises 'restriction.breach' once per booking, with
 * the action 'control' (临时控制 of the person travelling).
 */
import type { Job } from '../../../shared/domain/jobs';
import { maskId } from '../../../shared/ids/subject-id';
import { kindWords } from '../../../shared/rules/restriction';
import type { BreachItem } from '../../gateway/ticketing-wire';
import type { SecureStore } from '../../store';
import type { JobOutcome, JobRunContext } from '../jobs/kinds';
import type { JobKindSpec, SessionHook } from '../jobs/registry';
import { liveJobs } from '../jobs/registry';
import { SYSTEM } from '../jobs/views';

export const RESTRICTION_BREACHES_KIND = 'restriction.breaches';

const MODE_TEXT = { air: { zh: '机票', en: 'a flight' }, rail: { zh: '火车票', en: 'a train ticket' }, ship: { zh: '船票', en: 'a ship passage' }, hotel: { zh: '酒店住宿', en: 'a hotel room' } };

function what(b: BreachItem): { zh: string; en: string } {
  const detail = [b.trainNo, b.flightNo, b.seat, b.stars !== undefined ? `${b.stars}星` : undefined].filter(Boolean).join(' ');
  return { zh: `${MODE_TEXT[b.mode].zh}${detail ? `（${detail}）` : ''}`, en: `${MODE_TEXT[b.mode].en}${detail ? ` (${detail})` : ''}` };
}

/** Raises the alert of one refused booking under an order of this workstation; false when it is not ours or already raised. */
export function raiseBreach(store: SecureStore, b: BreachItem): boolean {
  const x = store.creditExchanges.get(b.clientRequestId);
  const order = x?.kind === 'restriction.issue' ? store.restrictions.get(x.recordId) : undefined;
  if (!order) return false;
  const who = order.debtor.idNumber === b.idNumber ? '被执行人' : '受限制消费令约束的人员';
  const w = what(b);
  return store.alerts.raise({
    caseId: order.caseId, kind: 'restriction.breach', dedupeKey: `restriction.breach|${b.bookingRef}`,
    reason: {
      zh: `${who}（证件尾号 ${maskId(b.idNumber).slice(-4)}）试图购买${w.zh}，属“${kindWords(b.kind).zh}”，已被拦截：违反限制消费令，可申请协助临时控制`,
      en: `a person bound by the restriction (ID ending ${maskId(b.idNumber).slice(-4)}) tried to book ${w.en}, refused as restricted: consider temporary control`,
    },
    source: { kind: 'booking', id: b.bookingRef }, action: 'control',
    actionInput: { partyId: order.partyId, bookingRef: b.bookingRef },
  }).raised;
}

/** the feed is read this often (the runner's tick in tests) */
const pollMs = (tick: number | undefined) => Math.max(1_000, Math.min(tick ?? 60_000, 60_000));

async function breachRun(job: Job, ctx: JobRunContext): Promise<JobOutcome> {
  const client = ctx.deps.client;
  if (!client.ticketingBreaches) return {};
  let cursor = typeof job.params.cursor === 'string' ? job.params.cursor : '';
  let raised = 0;
  for (let page = 0; page < 20; page++) {
    let p;
    try {
      p = await client.ticketingBreaches(cursor, 200, { officerCode: ctx.session.officer.code, signal: ctx.signal, timeoutMs: 10_000 });
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      break; // not reachable now: read again at the next poll from the same cursor
    }
    for (const b of p.items) if (raiseBreach(ctx.store, b)) raised += 1;
    cursor = p.next || cursor;
    if (!ctx.progress({ done: raised, total: raised, note: { zh: `限制消费违规拦截：新增预警 ${raised} 条`, en: `restriction breaches: ${raised} new alert${raised === 1 ? '' : 's'}` } }, { cursor })) break;
    if (p.items.length < 200) break;
  }
  return { next: new Date(ctx.deps.now().getTime() + pollMs(ctx.deps.jobTickMs)).toISOString(), params: { cursor } };
}

export const restrictionBreachesJob: JobKindSpec = {
  label: { zh: '限制消费违规监测', en: 'restriction breach watch' },
  run: breachRun,
};

/** At sign-in, where the gateway offers the feed: the bureau's reader of it exists. */
export const ensureBreachWatch: SessionHook = (store, d) => {
  if (!d.client.ticketingBreaches || liveJobs(store, RESTRICTION_BREACHES_KIND).length > 0) return;
  store.jobs.create({ kind: RESTRICTION_BREACHES_KIND, createdBy: SYSTEM, runAt: d.now().toISOString() });
};
