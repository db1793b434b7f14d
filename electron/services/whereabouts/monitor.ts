/**
 * 布控 (docs/domain.md rule 10; docs/gateway-protocol.md, "Whereabouts monitoring"): a debtor found
 * to evade or to be missing is monitored at the gateway, and what the agencies and the community
 * grid see of him comes back on the feed. The monitor runs as the session's job 'whereabouts.watch'
 * (one job, made sure of at each sign-in where the gateway offers monitoring): it ends the monitoring
 * of a case that closed or of a finding withdrawn (and tells the gateway), takes the feed after its
 * stored cursor, raises one 'whereabouts.sighting' alert per sighting (by its reference, so a
 * restart or a sighting delivered twice raises none again), and follows the control requests still
 * waiting for the railway police.
 */
import { AppFailure } from '../../../shared/app-failure';
import { SIGHTING_KIND_LABELS, type WhereaboutsSubscription } from '../../../shared/domain/control';
import type { WhereaboutsFinding } from '../../../shared/domain/types';
import { sightingPageSchema, type SightingWire } from '../../gateway/control-wire';
import { GatewayHttpError } from '../../engine/gateway-errors';
import type { StoredCase } from '../../store/cases';
import type { Deps } from '../deps';
import type { ActiveSession } from '../session';
import type { Job } from '../../../shared/domain/jobs';
import type { JobOutcome, JobRunContext } from '../jobs/kinds';
import { liveJobs, type JobKindSpec, type SessionHook } from '../jobs/registry';
import { SYSTEM } from '../jobs/views';
import { refreshControl } from './control';

const SUBS_PATH = '/gw/v1/whereabouts/subscriptions';
const DEFAULT_POLL_MS = 15_000;

function caller(d: Deps) {
  const call = d.client.signedJson?.bind(d.client);
  if (!call) throw new AppFailure('GATEWAY_ERROR', { zh: '网关不提供下落布控', en: 'the gateway offers no whereabouts monitoring' });
  return call;
}

function refusal(e: unknown): never {
  if (e instanceof GatewayHttpError && !e.transient) {
    throw new AppFailure('GATEWAY_ERROR', { zh: `网关拒绝布控：${e.gatewayMessage}`, en: `the gateway refused the monitoring: ${e.gatewayCode}` });
  }
  throw new AppFailure('NETWORK_DOWN', { zh: '暂时无法连接网关，请稍后再试', en: 'the gateway cannot be reached now; try again later' });
}

/** Monitoring of one person debtor of an open case, on his finding in force. */
export async function subscribe(d: Deps, s: ActiveSession, c: StoredCase, partyId: string): Promise<WhereaboutsSubscription> {
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
  const party = c.parties.find((p) => p.id === partyId && p.role === 'debtor');
  if (!party) throw new AppFailure('NOT_A_DEBTOR');
  if (party.kind !== 'person') throw new AppFailure('VALIDATION', { zh: '下落布控只针对自然人被执行人', en: 'only a person debtor is monitored' }, 'partyId');
  const finding: WhereaboutsFinding | undefined = s.store.whereaboutsFindings.inForce(c.id).find((f) => f.partyId === partyId);
  if (!finding) throw new AppFailure('FINDING_REQUIRED');
  const body = JSON.stringify({ caseNumber: c.number, idNumber: party.idNumber, finding: { ground: finding.ground, recordedAt: finding.recordedAt } });
  await caller(d)('POST', SUBS_PATH, body, { officerCode: s.officer.code }).catch(refusal);
  return s.store.whereaboutsControl.subscribe({ caseId: c.id, partyId, findingSeq: finding.seq }, s.officer.code).subscription;
}

/** Tells the gateway a monitoring ended here; false when it could not be reached (told on a later round). */
async function tellEnd(d: Deps, s: ActiveSession, sub: WhereaboutsSubscription): Promise<boolean> {
  const c = s.store.cases.get(sub.caseId);
  const party = c?.parties.find((p) => p.id === sub.partyId);
  if (!c || !party) return false;
  try {
    await caller(d)('POST', `${SUBS_PATH}/cancel`, JSON.stringify({ caseNumber: c.number, idNumber: party.idNumber }), { officerCode: s.officer.code });
  } catch (e) {
    if (!(e instanceof GatewayHttpError) || e.transient) return false;
    // refused (another officer's case now, the case gone): nothing more the gateway would take
  }
  s.store.whereaboutsControl.endTold(sub.id);
  return true;
}

export async function unsubscribe(d: Deps, s: ActiveSession, sub: WhereaboutsSubscription): Promise<WhereaboutsSubscription> {
  const ended = s.store.whereaboutsControl.end(sub.id, 'stopped', s.officer.code);
  await tellEnd(d, s, ended);
  return ended;
}

export class WhereaboutsMonitor {
  private running: Promise<void> | undefined;
  private signal: AbortSignal | undefined;
  /** the monitoring in force here made sure of at the gateway once per session (it answers the same one again) */
  private asserted = false;

  constructor(private readonly d: Deps, private readonly s: ActiveSession) {}

  private get stopped(): boolean {
    return this.signal?.aborted ?? false;
  }

  /** one round at a time; a round that fails (offline, locked) leaves the cursor where it was */
  round(signal?: AbortSignal): Promise<void> {
    if (this.running) return this.running;
    this.signal = signal;
    if (this.stopped || !this.s.store.isOpen) return Promise.resolve();
    this.running = this.work().catch(() => undefined).finally(() => (this.running = undefined));
    return this.running;
  }

  private async work(): Promise<void> {
    const repo = this.s.store.whereaboutsControl;
    if (!this.asserted) this.asserted = await this.assertInForce();
    for (const { subscription, reason } of repo.lapsed()) repo.end(subscription.id, reason, 'system');
    for (const sub of repo.endsToTell()) if (this.stopped || !(await tellEnd(this.d, this.s, sub))) break;
    await this.takeFeed();
    for (const c of repo.openControls()) if (!this.stopped) await refreshControl(this.d, this.s, c);
  }

  private async assertInForce(): Promise<boolean> {
    const { store } = this.s;
    for (const sub of store.whereaboutsControl.inForce()) {
      const c = store.cases.get(sub.caseId);
      const finding = c && store.whereaboutsFindings.inForce(c.id).find((f) => f.seq === sub.findingSeq);
      const party = c?.parties.find((p) => p.id === sub.partyId);
      if (!c || !finding || !party || c.status !== 'open') continue;
      const body = JSON.stringify({ caseNumber: c.number, idNumber: party.idNumber, finding: { ground: finding.ground, recordedAt: finding.recordedAt } });
      try {
        await caller(this.d)('POST', SUBS_PATH, body, { officerCode: this.s.officer.code });
      } catch (e) {
        if (!(e instanceof GatewayHttpError) || e.transient) return false;
      }
    }
    return true;
  }

  private async takeFeed(): Promise<void> {
    const repo = this.s.store.whereaboutsControl;
    const court = this.s.officer.court;
    for (let page = 0; page < 20 && !this.stopped; page += 1) {
      const after = repo.cursor(court);
      const q = new URLSearchParams({ after, limit: '200' });
      const answer = await caller(this.d)('GET', `/gw/v1/whereabouts/events?${q}`, undefined, { officerCode: this.s.officer.code });
      const { items, next } = sightingPageSchema.parse(answer.value);
      if (!this.s.store.isOpen) return;
      this.s.store.transaction(() => {
        for (const e of items) this.take(e);
        repo.setCursor(court, next);
      });
      if (items.length < 200) return;
    }
  }

  /** A sighting of a debtor monitored here: kept, and one alert raised for it. */
  private take(e: SightingWire): void {
    const { store } = this.s;
    const c = store.cases.getByNumber(e.caseNumber);
    const party = c?.parties.find((p) => p.role === 'debtor' && p.idNumber.toUpperCase() === e.idNumber.toUpperCase());
    const sub = c && party ? store.whereaboutsControl.inForce(c.id).find((x) => x.partyId === party.id) : undefined;
    if (!c || !party || !sub) return;
    store.whereaboutsControl.recordSighting({ ref: e.ref, subscriptionId: sub.id, caseId: c.id, partyId: party.id, kind: e.kind, source: e.source, place: e.place, detail: e.detail, seenAt: e.at });
    const label = SIGHTING_KIND_LABELS[e.kind];
    store.alerts.raise({
      caseId: c.id, kind: 'whereabouts.sighting', dedupeKey: `whereabouts.sighting:${e.ref}`,
      reason: { zh: `布控对象被发现（${label.zh}）：${e.place}，来源：${e.source}`, en: `a monitored debtor was seen (${label.en}): ${e.place}, reported by ${e.source}` },
      source: { kind: 'sighting', id: e.ref }, action: 'control', actionInput: { partyId: party.id, sightingId: e.ref },
    });
  }
}

export const WHEREABOUTS_WATCH_KIND = 'whereabouts.watch';

/** each session's monitor (it remembers what it made sure of at the gateway) */
const monitors = new WeakMap<ActiveSession, WhereaboutsMonitor>();

async function watchRun(_job: Job, ctx: JobRunContext): Promise<JobOutcome> {
  if (!ctx.deps.client.signedJson) return {};
  let m = monitors.get(ctx.session);
  if (!m) monitors.set(ctx.session, (m = new WhereaboutsMonitor(ctx.deps, ctx.session)));
  await m.round(ctx.signal);
  return { next: new Date(ctx.deps.now().getTime() + (ctx.deps.jobTickMs ?? DEFAULT_POLL_MS)).toISOString() };
}

export const whereaboutsWatchJob: JobKindSpec = {
  label: { zh: '下落布控监测', en: 'whereabouts watch' },
  run: watchRun,
};

/** At sign-in, where the gateway offers monitoring: the bureau's watch exists. */
export const ensureWhereaboutsWatch: SessionHook = (store, d) => {
  if (!d.client.signedJson || liveJobs(store, WHEREABOUTS_WATCH_KIND).length > 0) return;
  store.jobs.create({ kind: WHEREABOUTS_WATCH_KIND, createdBy: SYSTEM, runAt: d.now().toISOString() });
};
