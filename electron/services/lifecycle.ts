/**
 * Starting and ending the workstation's session: the engines that work for the signed-in officer,
 * the outbox resumed under its own ids after a restart, the reminders pushed as they fall due (at
 * sign-in, when an agency's answer brings a freeze into its reminder window, at the turn of the day
 * in China Standard Time and every half hour), the audit anchor that has the gateway acknowledge the audit chain (docs/audit.md), and
 * the lock (sign-out or idle) that stops the engines, anchors the chain once more and closes the store.
 */
import type { Officer } from '../../shared/domain/types';
import type { Measure } from '../../shared/domain/measures';
import { AppFailure } from '../../shared/app-failure';
import type { OfficerKeys, SecureStore } from '../store';
import { AuditAnchor, checkpointClient } from './audit-anchor';
import type { Deps } from './deps';
import { isNetworkDown } from './docket';
import { contextFor, type MeasureOps } from './measures/ops';
import { queryContext } from './handlers/query';
import { pullApprovals } from './approvals';
import { remindersDue } from './reminders-due';
import { Sessions, type ActiveSession } from './session';
import { alertView, seesAlert } from './alerts/visibility';
import { JobRunner } from './jobs/runner';
import { createCreditEngine, type CreditEngine } from '../engine/exchange/credit-engine';
import type { JobKinds } from './jobs/registry';
import { jobView, maySeeJob } from './jobs/views';

export interface Lifecycle {
  readonly sessions: Sessions;
  /** a new session for this window, the officer's engines started and his outbox resumed */
  start(store: SecureStore, officer: Officer, keys: OfficerKeys, connection: string): ActiveSession;
  lock(reason: 'signout' | 'idle'): Promise<void>;
  /** the officers the network's register holds for this court */
  registered(): Promise<Officer[]>;
  /** an agency's answer on a measure: a freeze confirmed or renewed may bring a reminder due */
  measureUpdated(m: Measure): void;
  shutdown(): Promise<void>;
}

/** how often a workstation asks the gateway about its deductions awaiting approval */
const APPROVAL_PULL_MS = 20_000;

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** Milliseconds from `now` to the next midnight in China Standard Time, when "today" changes. */
export function msUntilNextCstDay(now: Date): number {
  const cst = now.getTime() + CST_OFFSET_MS;
  return DAY_MS - (((cst % DAY_MS) + DAY_MS) % DAY_MS);
}

export function createLifecycle(d: Deps, ops: MeasureOps, kinds: JobKinds): Lifecycle {
  const sessions = new Sessions(d.idleLockMs ?? 0, () => void lock('idle'));
  let anchor: AuditAnchor | undefined;
  /** the session's listener of alerts raised (live delivery), removed when it ends */
  let offAlerts: (() => void) | undefined;
  /** the session's listener of credit exchanges queued (sent at once), removed when it ends */
  let offCredit: (() => void) | undefined;

  /** The session's background work ends first (its runs use the engines), then the engines. */
  async function stopSession(s: ActiveSession): Promise<void> {
    offAlerts?.();
    offAlerts = undefined;
    offCredit?.();
    offCredit = undefined;
    await s.jobs?.stop().catch(() => undefined);
    await Promise.all([s.engine.stop(), s.measures.stop(), s.credit?.stop()]);
  }

  /** The credit outbox worked off for the session: what a restart left, then each exchange as it is submitted. */
  function startCredit(store: SecureStore): CreditEngine | undefined {
    const { submitCredit, status } = d.client;
    if (!submitCredit) return undefined;
    const credit = createCreditEngine({
      store: store.creditExchanges,
      client: { submitCredit: submitCredit.bind(d.client), status: status.bind(d.client) },
      events: {
        exchange: (x) => d.emit('credit.exchange', { id: x.id, kind: x.kind, recordId: x.recordId, state: x.state, ...(x.platformRef ? { platformRef: x.platformRef } : {}) }),
      },
    });
    offCredit = store.creditExchanges.onSubmitted((id) => credit.kick(id));
    credit.open();
    return credit;
  }

  /** The session's jobs and the alerts of the cases the officer sees reach his windows as they happen. */
  function startBackground(s: ActiveSession): void {
    const { store, officer } = s;
    const jobs = new JobRunner({
      store, deps: d, session: s, kinds, ...(d.jobTickMs ? { tickMs: d.jobTickMs } : {}),
      onUpdate: (j) => {
        if (sessions.current === s && store.isOpen && maySeeJob(store, officer, j)) d.emit('job.updated', { job: jobView(store, officer, j) });
      },
    });
    s.jobs = jobs;
    offAlerts = store.alerts.onRaised((a) => {
      if (sessions.current === s && store.isOpen && seesAlert(store, officer, a)) d.emit('alert.raised', { alert: alertView(store, a) });
    });
    try {
      kinds.sessionStarted(store, d, s);
    } catch {
      // a recurring job not made sure of now is made sure of at the next sign-in
    }
    jobs.start();
  }

  function startAnchor(store: SecureStore): void {
    const client = checkpointClient(d.client);
    if (!client) return;
    anchor = new AuditAnchor({ store, client, now: d.now, ...(d.log ? { log: d.log } : {}) });
    anchor.start();
  }

  /** The last entries of the session go to the gateway before the store closes (best effort). */
  async function stopAnchor(): Promise<void> {
    const a = anchor;
    anchor = undefined;
    await a?.stop().catch(() => undefined);
  }

  async function lock(reason: 'signout' | 'idle'): Promise<void> {
    const ended = sessions.clear();
    if (!ended) return;
    await stopSession(ended.session);
    await stopAnchor();
    d.vault.lock();
    d.emit('session.locked', { reason }, ended.audience);
  }

  /**
   * Freezes about to lapse, announced to the officer's windows: the whole list now due, so that one
   * renewed or delivered elsewhere leaves the badge as well.
   */
  function pushReminders(): void {
    const s = sessions.current;
    if (!s?.store.isOpen) return;
    try {
      d.emit('reminder.due', { reminders: remindersDue(s.store, s.officer, ops, d.holidays) });
    } catch {
      // locked meanwhile: nothing to remind
    }
  }
  const reminderTimer = setInterval(pushReminders, 30 * 60_000);
  reminderTimer.unref?.();

  // The day turns in Beijing: the reminders due on the new day go out then, not half an hour later.
  let dayTimer: ReturnType<typeof setTimeout> | undefined;
  function armDayTurn(): void {
    dayTimer = setTimeout(() => {
      pushReminders();
      armDayTurn();
    }, msUntilNextCstDay(d.now()) + 1_000);
    dayTimer.unref?.();
  }
  armDayTurn();

  // A burst of answers (a whole set confirmed) makes one push.
  let pushQueued = false;
  function measureUpdated(m: Measure): void {
    if (m.state !== 'executed' || (m.kind !== 'freeze' && m.kind !== 'renew') || pushQueued) return;
    pushQueued = true;
    setTimeout(() => {
      pushQueued = false;
      pushReminders();
    }, 0);
  }

  /** Decisions of a chief on another workstation, taken back (docs/authority.md). */
  function takeApprovals(): void {
    const s = sessions.current;
    if (s?.store.isOpen) void pullApprovals(d, s).catch(() => undefined);
  }
  const approvalTimer = setInterval(takeApprovals, APPROVAL_PULL_MS);
  approvalTimer.unref?.();

  function start(store: SecureStore, officer: Officer, keys: OfficerKeys, connection: string): ActiveSession {
    const engine = d.createEngine(store, officer);
    const measures = d.createMeasureEngine(store);
    const credit = startCredit(store);
    const s: ActiveSession = { officer, store, engine, measures, keys, ...(credit ? { credit } : {}) };
    sessions.start(s, connection);
    void stopAnchor();
    startAnchor(store);
    // docs/domain.md rule 7: measures in the outbox from before a restart are finished under their own ids
    measures.resume((m) => contextFor(store, m));
    // Unfinished requests from before a restart or a lock are finished under their own ids.
    engine.resume((r) => {
      const c = store.cases.get(r.caseId);
      const party = c?.parties.find((p) => p.id === r.partyId);
      return c && party ? { ctx: queryContext(c, officer, store.whereaboutsFindings.inForce(c.id)), party } : undefined;
    });
    void engine.checkNetwork().catch(() => undefined);
    pushReminders();
    takeApprovals();
    startBackground(s);
    return s;
  }

  async function registered(): Promise<Officer[]> {
    try {
      const list = await d.client.officers(d.court);
      return list.map((o) => ({ code: o.code, name: o.name, court: o.court, role: o.role, ...(o.team?.length ? { team: o.team } : {}) }));
    } catch (e) {
      if (isNetworkDown(e)) throw new AppFailure('NETWORK_DOWN', { zh: '无法取得干警备案名单', en: 'the officer register cannot be reached' });
      throw new AppFailure('GATEWAY_ERROR', { zh: '无法取得干警备案名单', en: 'the officer register could not be read' });
    }
  }

  return {
    sessions,
    start,
    lock,
    registered,
    measureUpdated,
    async shutdown() {
      clearInterval(reminderTimer);
      clearTimeout(dayTimer);
      clearInterval(approvalTimer);
      const ended = sessions.clear();
      if (ended) await stopSession(ended.session);
      await stopAnchor();
      if (d.vault.isUnlocked()) d.vault.lock();
    },
  };
}
