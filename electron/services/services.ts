/**
 * What each IPC call does. Plain Node: the store, the engine factory, the gateway client and the
 * clock are passed in, so the same services run under Electron, in host mode and in tests.
 */
import { AppFailure } from '../../shared/app-failure';
import { appError } from '../../shared/errors';
import type { Services, EventName, EventPayload } from '../../shared/ipc/contract';
import type { CaseDetail, ChannelRequest, NetworkStatus, Officer, Party } from '../../shared/domain/types';
import { daysBetween, executionDeadline, todayCst, type HolidayCalendar } from '../../shared/dates';
import { parseCaseNumber } from '../../shared/ids/case-number';
import { validateSubjectId } from '../../shared/ids/subject-id';
import type { Vault, SecureStore, NewCase } from '../store';
import { auditSubject } from '../store';
import type { StoredCase } from '../store/cases';
import type { Engine } from '../engine/engine';
import type { MeasureEngine } from '../engine/measures/measure-engine';
import type { CourtAccount } from '../../shared/domain/measure-views';
import { contextFor, createMeasureServices } from './measure-services';
import type { GatewayClient } from '../engine/gateway-client';
import type { QueryContext } from '../engine/types';
import { validateNewCase } from './case-input';
import { LEGAL_BASIS } from './legal-basis';
import { SessionHolder } from './session';

export interface ServiceDeps {
  mode: 'electron' | 'host';
  version: string;
  network: 'sandbox' | 'gateway';
  gatewayUrl: string;
  court: string;
  vault: Vault;
  /** protection chosen for a new store: safeStorage on a workstation whose key store is sound */
  protection: () => 'safeStorage' | 'passphrase';
  client: GatewayClient;
  createEngine: (store: SecureStore, officer: Officer) => Engine;
  createMeasureEngine: (store: SecureStore) => MeasureEngine;
  /** the court's full name, printed on its documents */
  courtName: string;
  /** receiving accounts a new workstation starts with (the sandbox court's); the bureau edits them */
  defaultCourtAccounts?: CourtAccount[];
  holidays: HolidayCalendar;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  now?: () => Date;
  idleLockMs?: number;
}

function isNetworkDown(e: unknown): boolean {
  const code = (e as { kind?: string; code?: string })?.kind ?? (e as { code?: string })?.code;
  return code === 'unreachable' || code === 'ECONNREFUSED';
}

export function createServices(d: ServiceDeps): Services & { shutdown(): Promise<void> } {
  const now = d.now ?? (() => new Date());
  const session = new SessionHolder(d.idleLockMs ?? 0, () => void lock('idle'));

  async function lock(reason: 'signout' | 'idle'): Promise<void> {
    const s = session.clear();
    if (!s) return;
    await Promise.all([s.engine.stop(), s.measures.stop()]);
    d.vault.lock();
    d.emit('session.locked', { reason });
  }

  function withDeadline(c: StoredCase): CaseDetail {
    const deadline = executionDeadline(c.filedOn, d.holidays);
    return { ...c, deadline, daysLeft: daysBetween(todayCst(now()), deadline) };
  }

  function getCase(store: SecureStore, caseId: string): StoredCase {
    const c = store.cases.get(caseId);
    if (!c) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
    return c;
  }

  function contextOf(c: StoredCase, officer: Officer): QueryContext {
    return { caseId: c.id, caseNumber: c.number, court: c.court, officer: { code: officer.code, name: officer.name } };
  }

  async function registered(): Promise<Officer[]> {
    try {
      const list = await d.client.officers(d.court);
      return list.map((o) => ({ code: o.code, name: o.name, court: o.court, role: o.role }));
    } catch (e) {
      if (isNetworkDown(e)) throw new AppFailure('NETWORK_DOWN', { zh: '无法取得干警备案名单', en: 'the officer register cannot be reached' });
      throw new AppFailure('GATEWAY_ERROR', { zh: '无法取得干警备案名单', en: 'the officer register could not be read' });
    }
  }

  function startSession(store: SecureStore, officer: Officer): void {
    const engine = d.createEngine(store, officer);
    const measures = d.createMeasureEngine(store);
    session.set({ officer, store, engine, measures });
    // DOMAIN rule 7: measures in the outbox from before a restart are finished under their own ids
    measures.resume((m) => contextFor(store, m));
    // Unfinished requests from before a restart or a lock are finished under their own ids.
    engine.resume((r) => {
      const c = store.cases.get(r.caseId);
      const party = c?.parties.find((p) => p.id === r.partyId);
      return c && party ? { ctx: contextOf(c, officer), party } : undefined;
    });
    void engine.checkNetwork().catch(() => undefined);
    pushReminders();
  }

  /** Freezes about to lapse are announced at sign-in and every half hour (and re-shown until acknowledged). */
  function pushReminders(): void {
    try {
      const reminders = measureServices.reminders.due({}, { transport: 'host' }) as ReturnType<typeof measureServices.reminders.due>;
      if (Array.isArray(reminders) && reminders.length) d.emit('reminder.due', { reminders });
    } catch {
      // signed out meanwhile: nothing to remind
    }
  }
  const reminderTimer = setInterval(() => session.current && pushReminders(), 30 * 60_000);
  reminderTimer.unref?.();

  /** The court's docket from its case-management system, page by page; idempotent by case number. */
  async function importDocket(store: SecureStore, officer: Officer): Promise<{ imported: number; total: number }> {
    const cases: NewCase[] = [];
    let offset = 0;
    let total = 0;
    let skipped = 0;
    const today = todayCst(now());
    do {
      let page;
      try {
        page = await d.client.courtCases(d.court, offset, 100, { officerCode: officer.code });
      } catch (e) {
        if (isNetworkDown(e)) throw new AppFailure('NETWORK_DOWN');
        throw new AppFailure('GATEWAY_ERROR', { zh: '案件管理系统返回错误', en: 'the case-management system answered with an error' });
      }
      total = page.total;
      for (const it of page.items) {
        const num = parseCaseNumber(it.number);
        const ids = [it.applicant, ...it.debtors].every((p) => validateSubjectId(p.kind, p.idNumber, today).ok);
        if (!num.ok || !ids || it.debtors.length === 0) {
          skipped++;
          continue;
        }
        cases.push({ number: num.value.text, filedOn: it.filedOn, cause: it.cause, amountOwed: it.amountOwed, costs: it.costs, applicant: it.applicant, debtors: it.debtors });
      }
      offset += page.items.length;
      if (page.items.length === 0) break;
    } while (offset < total);
    const r = store.cases.upsertMany(cases);
    store.audit.append({ officer: officer.code, action: 'case.import', legalBasis: LEGAL_BASIS.caseImport, detail: { imported: r.imported, updated: r.updated, skipped, total } });
    return { imported: r.imported, total: r.total };
  }

  const measureServices = createMeasureServices({ session, vault: d.vault, holidays: d.holidays, courtName: d.courtName, now });

  const services: Services = {
    ...measureServices,
    app: {
      info: () => ({
        version: d.version,
        mode: d.mode,
        network: d.network,
        gatewayUrl: d.gatewayUrl,
        setUp: d.vault.isSetUp(),
        keyProtection: d.vault.protection() ?? d.protection(),
      }),
    },
    session: {
      current: () => session.current?.officer ?? null,
      registeredOfficers: () => registered(),
      setUp: async ({ officerCode, password }) => {
        if (d.vault.isSetUp()) throw new AppFailure('ALREADY_SET_UP');
        const register = await registered();
        const officer = register.find((o) => o.code === officerCode.trim());
        if (!officer) throw new AppFailure('OFFICER_NOT_REGISTERED', undefined, 'officerCode');
        const store = await d.vault.setUp({ officer, password, protection: d.protection() });
        store.officers.upsertMany(register);
        if (d.defaultCourtAccounts?.length && store.settings.get('courtAccounts').length === 0) {
          store.settings.update({ courtAccounts: d.defaultCourtAccounts }, officer.code);
        }
        startSession(store, officer);
        // The demo court's docket (or the court's own) comes in at once, so the list is not empty.
        await importDocket(store, officer).catch(() => undefined);
        return officer;
      },
      signIn: async ({ officerCode, password }) => {
        if (!d.vault.isSetUp()) throw new AppFailure('NOT_SET_UP');
        if (session.current) await lock('signout');
        const store = await d.vault.unlock(officerCode.trim(), password);
        const officer = store.officers.get(officerCode.trim());
        if (!officer) {
          d.vault.lock();
          throw new AppFailure('BAD_CREDENTIALS');
        }
        startSession(store, officer);
        return officer;
      },
      signOut: async () => {
        await lock('signout');
        return null;
      },
      addOfficer: async ({ officerCode, password }) => {
        const { store } = session.require();
        session.touch();
        const other = (await registered()).find((o) => o.code === officerCode.trim());
        if (!other) throw new AppFailure('OFFICER_NOT_REGISTERED', undefined, 'officerCode');
        store.officers.upsert(other);
        await d.vault.addOfficerSlot(other, password); // audited by the vault, as the acting officer
        return other;
      },
    },
    cases: {
      list: (q) => {
        const { store } = session.require();
        session.touch();
        return store.cases.list(q);
      },
      get: ({ caseId }) => {
        const { store } = session.require();
        session.touch();
        return withDeadline(getCase(store, caseId));
      },
      create: (input) => {
        const { store, officer } = session.require();
        session.touch();
        const v = validateNewCase(input, now());
        const strip = (p: { kind: Party['kind']; name: string; idNumber: string }) => ({ kind: p.kind, name: p.name, idNumber: p.idNumber });
        const created = store.cases.create({
          number: v.number.text, filedOn: v.filedOn, cause: v.cause, amountOwed: v.amountOwed, costs: v.costs,
          applicant: strip(v.parties[0]!), debtors: v.parties.slice(1).map(strip),
        });
        store.audit.append({ officer: officer.code, action: 'case.create', caseId: created.id, caseNumber: created.number, detail: { debtors: v.parties.length - 1 } });
        return withDeadline(created);
      },
      importFromCourt: async () => {
        const { store, officer } = session.require();
        session.touch();
        return importDocket(store, officer);
      },
    },
    query: {
      start: ({ caseId }) => {
        const { store, officer, engine } = session.require();
        session.touch();
        const c = getCase(store, caseId);
        // Query data may be gathered only for an unfinished case (DOMAIN "purpose"; rule 10).
        if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
        const debtors = c.parties.filter((p) => p.role === 'debtor');
        if (debtors.length === 0) throw new AppFailure('NOT_A_DEBTOR', { zh: '本案没有被执行人', en: 'the case has no debtor' });
        // Audit first: the record of who queried whom, for which case, on which basis (DOMAIN "purpose").
        for (const p of debtors) {
          store.audit.append({ officer: officer.code, action: 'query.start', caseId: c.id, caseNumber: c.number, subject: auditSubject(p), legalBasis: LEGAL_BASIS.query });
        }
        const requests = engine.queryCase(contextOf(c, officer), debtors);
        return { requests };
      },
      view: ({ caseId }) => {
        const { store } = session.require();
        session.touch();
        getCase(store, caseId);
        return store.caseQueryView(caseId);
      },
      retry: ({ requestId }) => {
        const { store, officer, engine } = session.require();
        session.touch();
        const r = store.engine.getRequest(requestId);
        if (!r) throw new AppFailure('NOT_FOUND', { zh: '查询请求不存在', en: 'no such request' });
        if (r.state !== 'failed' && r.state !== 'manual') {
          throw new AppFailure(appError('VALIDATION', { zh: '只有失败或需人工处理的查询可以重新发送', en: 'only failed or manual queries can be re-sent' }));
        }
        const c = getCase(store, r.caseId);
        const party = c.parties.find((p) => p.id === r.partyId && p.role === 'debtor');
        if (!party) throw new AppFailure('NOT_A_DEBTOR');
        store.audit.append({ officer: officer.code, action: 'query.retry', caseId: c.id, caseNumber: c.number, subject: auditSubject(party), legalBasis: LEGAL_BASIS.query, detail: { channel: r.channel, previous: r.id } });
        return engine.retry(requestId, contextOf(c, officer), party) as ChannelRequest;
      },
    },
    network: {
      status: async (): Promise<NetworkStatus> => {
        const s = session.current;
        if (s) return s.engine.checkNetwork();
        const checkedAt = now().toISOString();
        try {
          await d.client.health({ timeoutMs: 3000 });
          return { online: true, network: d.network, gatewayUrl: d.gatewayUrl, checkedAt };
        } catch {
          return { online: false, network: d.network, gatewayUrl: d.gatewayUrl, checkedAt, error: 'unreachable' };
        }
      },
    },
    audit: {
      list: ({ caseId, limit }) => {
        const { store } = session.require();
        return store.audit.list({ caseId, limit });
      },
      verify: () => {
        const { store } = session.require();
        return store.audit.verify();
      },
    },
  };
  return Object.assign(services, {
    async shutdown() {
      clearInterval(reminderTimer);
      const s = session.clear();
      if (s) await Promise.all([s.engine.stop(), s.measures.stop()]);
      if (d.vault.isUnlocked()) d.vault.lock();
    },
  });
}
