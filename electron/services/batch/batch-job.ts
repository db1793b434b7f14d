/**
 * The batch one-click query as a job kind (docs/batch.md; docs/architecture.md §5). One run works the
 * batch to its end: it keeps up to BATCH_WINDOW cases' requests out at once — the engine's lanes
 * keep each agency within its rate limit — settles the cases whose answers are all in, and starts
 * the next. Each case's plan (one request id per party and channel, derived from the batch) is
 * stored before anything goes out; a channel answered for that debtor within the freshness window
 * is left out unless the batch is forced. Paused, cancelled, or killed, the run stops; it resumes
 * from its rows, sending only what the outbox does not hold yet — nothing twice.
 */
import { caseAccess, permits } from '../../../shared/authority/matrix';
import { purposeRefusal } from '../../../shared/authority/purpose';
import { BATCH_QUERY_KIND, BATCH_WINDOW, type BatchParams, type BatchTotals } from '../../../shared/domain/batch';
import { channelsFor, type ChannelId } from '../../../shared/domain/channels';
import type { Job, JobProgress } from '../../../shared/domain/jobs';
import type { Officer, Party } from '../../../shared/domain/types';
import type { SecureStore } from '../../store';
import { batchRequestId, type PlannedRequest } from '../../store/batches';
import type { StoredCase } from '../../store/cases';
import { accessCase, accessHolder } from '../authority';
import { startPropertyQuery } from '../handlers/query';
import type { JobOutcome, JobRunContext } from '../jobs/kinds';
import type { JobKindSpec } from '../jobs/registry';
import { sleep } from '../jobs/wait';

const DAY_MS = 86_400_000;
/** how often the run looks at its answers (each look is one SQL pass over the batch) */
const LOOK_MS = 150;

const key = (partyId: string, channel: ChannelId) => `${partyId}|${channel}`;

export function batchProgress(t: BatchTotals): JobProgress {
  const done = t.settled + t.skipped;
  return {
    done, total: t.cases,
    note: {
      zh: `已完成 ${done}/${t.cases} 件（查询中 ${t.sent} 件，跳过 ${t.skipped} 件），发现财产 ${t.found} 项`,
      en: `${done}/${t.cases} cases done (${t.sent} in progress, ${t.skipped} skipped), ${t.found} assets found`,
    },
  };
}

/** Sends the planned requests of a case the outbox does not hold yet, each debtor's query audited first. */
function send(ctx: JobRunContext, job: Job, c: StoredCase, rows: readonly PlannedRequest[]): void {
  if (rows.length === 0) return;
  const ids = new Map(rows.map((r) => [key(r.partyId, r.channel), r.requestId]));
  const parties = new Set(rows.map((r) => r.partyId));
  const debtors = c.parties.filter((p): p is Party => p.role === 'debtor' && parties.has(p.id));
  startPropertyQuery(ctx.store, ctx.session.officer, ctx.session, c, debtors, { jobId: job.id, job: BATCH_QUERY_KIND }, (partyId, channel) => ids.get(key(partyId, channel)));
}

/** The router's own two checks, asked again when the case's turn comes (its 承办人 may have changed since). */
function mayQuery(o: Officer, c: StoredCase): boolean {
  return permits('query.property', o.role, caseAccess(accessHolder(o), accessCase(c))).ok && !purposeRefusal('query.property', c);
}

/** Plans one case (or skips it, with the reason) and sends its plan. */
function startCase(ctx: JobRunContext, job: Job, p: BatchParams, item: { seq: number; caseId: string }): void {
  const { store } = ctx;
  const c = store.cases.get(item.caseId);
  if (!c || c.status !== 'open') return store.batches.skip(job.id, item.seq, 'closed');
  if (!mayQuery(ctx.session.officer, c)) return store.batches.skip(job.id, item.seq, 'no-access');
  const debtors = c.parties.filter((x) => x.role === 'debtor');
  if (debtors.length === 0) return store.batches.skip(job.id, item.seq, 'no-debtor');
  const fresh = p.force ? new Set<string>() : store.batches.freshPairs(c.id, new Date(ctx.deps.now().getTime() - p.freshDays * DAY_MS).toISOString());
  const rows: PlannedRequest[] = [];
  let skipped = 0;
  for (const d of debtors) {
    for (const ch of channelsFor(d.kind, 'property')) {
      if (fresh.has(key(d.id, ch.id))) skipped++;
      else rows.push({ requestId: batchRequestId(job.id, c.id, d.id, ch.id), partyId: d.id, channel: ch.id });
    }
  }
  if (rows.length === 0) return store.batches.skip(job.id, item.seq, 'fresh', skipped);
  store.batches.plan(job.id, item.seq, c.id, rows, skipped);
  send(ctx, job, c, rows);
}

/** After a kill: the cases planned but not (wholly) sent get what is missing, under their planned ids. */
function resumeSent(ctx: JobRunContext, job: Job): void {
  for (const item of ctx.store.batches.sent(job.id)) {
    const c = ctx.store.cases.get(item.caseId);
    const missing = ctx.store.batches.unsent(job.id, item.caseId);
    if (c && missing.length > 0) send(ctx, job, c, missing);
  }
}

async function run(job: Job, ctx: JobRunContext): Promise<JobOutcome> {
  const p = job.params as unknown as BatchParams;
  const { store } = ctx;
  // his query, under his name and through his engine: it waits for his session
  if (ctx.session.officer.code !== p.officer) {
    ctx.progress({ ...job.progress, note: { zh: '等待发起人登录后继续', en: 'waiting for the officer who started it to sign in' } });
    return { next: new Date(ctx.now.getTime() + 60_000).toISOString(), params: job.params };
  }
  resumeSent(ctx, job);
  let last = '';
  for (;;) {
    store.batches.settleReady(job.id);
    const t = store.batches.totals(job.id);
    const seen = JSON.stringify(t);
    if (seen !== last) {
      last = seen;
      if (!ctx.progress(batchProgress(t))) return { params: job.params };
    }
    if (t.queued === 0 && t.sent === 0) break;
    const room = BATCH_WINDOW - t.sent;
    if (room > 0) for (const item of store.batches.nextQueued(job.id, room)) startCase(ctx, job, p, item);
    try {
      await sleep(LOOK_MS, ctx.signal);
    } catch {
      return { params: job.params };
    }
  }
  const t = store.batches.totals(job.id);
  store.audit.append({ officer: p.officer, action: 'batch.finished', detail: { jobId: job.id, ...t } });
  return { params: job.params };
}

export const batchQueryJob: JobKindSpec = {
  label: { zh: '批量查询', en: 'batch query' },
  run,
  onCancel(job: Job, officer: Officer, store: SecureStore) {
    store.audit.append({ officer: officer.code, action: 'batch.cancelled', detail: { jobId: job.id, ...store.batches.totals(job.id) } });
  },
};
