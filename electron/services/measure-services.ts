/**
 * Freeze, renew, release and deduct (DOMAIN rules 1, 2, 3, 6, 7), reminders, documents and the
 * bureau's settings. Each measure is checked against the legal rules here (the renderer checks the
 * same rules as the judge types; this is the check that counts), documented, written to the
 * outbox, and only then handed to the measure engine, which sends it under its one request id.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import { channelInfo } from '../../shared/domain/channels';
import type { Measure, MeasureKind } from '../../shared/domain/measures';
import type { CourtAccount, ExpiryDay, FreezeCandidate, ReminderView } from '../../shared/domain/measure-views';
import type { Asset, CaseDetail, Officer, Party } from '../../shared/domain/types';
import type { Services } from '../../shared/ipc/contract';
import { daysBetween, todayCst, type HolidayCalendar } from '../../shared/dates';
import {
  checkDeduction, checkEndDate, checkFreezeSet, checkRenewal, dueReminders, excessToRelease, expiryCalendar,
  freezeCap, isIndivisible, maxEndDate, needsApproval, suggestAllocation, suggestDeduction,
} from '../../shared/rules';
import type { SecureStore, Vault } from '../store';
import type { LiveFreeze } from '../store/freeze-views';
import type { MeasureContext } from '../engine/measures/measure-engine';
import type { SessionHolder, ActiveSession } from './session';
import { makeMeasureDocuments } from './measure-documents';

type MeasureServices = Pick<Services, 'measures' | 'deduction' | 'reminders' | 'documents' | 'settings'>;

export interface MeasureServiceDeps {
  session: SessionHolder;
  vault: Vault;
  holidays: HolidayCalendar;
  /** the court's full name, printed on its documents */
  courtName: string;
  now: () => Date;
}

const OUTBOX = ['draft', 'awaiting_approval', 'queued', 'sent', 'unknown'] as const;

function fail(zh: string, en: string, field?: string): never {
  throw new AppFailure('VALIDATION', { zh, en }, field);
}

export function contextFor(store: SecureStore, m: Measure): MeasureContext | undefined {
  const c = store.cases.get(m.caseId);
  const subject = c?.parties.find((p) => p.id === m.partyId && p.role === 'debtor');
  const officer = store.officers.get(m.decidedBy);
  if (!c || !subject || !officer) return undefined;
  const ctx: MeasureContext = {
    caseId: c.id, caseNumber: c.number, court: c.court,
    officer: { code: officer.code, name: officer.name },
    subject: { id: subject.id, kind: subject.kind, name: subject.name, idNumber: subject.idNumber },
  };
  return ctx;
}

export function createMeasureServices(d: MeasureServiceDeps): MeasureServices {
  const today = () => todayCst(d.now());

  function active(): ActiveSession {
    const s = d.session.require();
    d.session.touch();
    return s;
  }

  function caseOf(store: SecureStore, caseId: string) {
    const c = store.cases.get(caseId);
    if (!c) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
    return c;
  }

  function measureOf(store: SecureStore, id: string): Measure {
    const m = store.measures.getMeasure(id);
    if (!m) throw new AppFailure('NOT_FOUND', { zh: '措施不存在', en: 'no such measure' });
    return m;
  }

  function debtorOf(c: { parties: Party[] }, partyId: string): Party {
    const p = c.parties.find((x) => x.id === partyId && x.role === 'debtor');
    if (!p) throw new AppFailure('NOT_A_DEBTOR');
    return p;
  }

  /** Assets of the case's latest answers, and the live freezes of this case by asset. */
  function assetsOf(store: SecureStore, caseId: string): Map<string, Asset> {
    return new Map(store.caseQueryView(caseId).assets.map((a) => [a.id, a]));
  }

  function liveByAsset(freezes: LiveFreeze[]): Map<string, LiveFreeze> {
    const m = new Map<string, LiveFreeze>();
    for (const f of freezes) if (f.status !== 'released' && f.status !== 'lapsed') m.set(f.measure.assetId, f);
    return m;
  }

  function exemptFor(store: SecureStore, c: CaseDetail | ReturnType<SecureStore['cases']['get']>) {
    const allowance = store.settings.get('exemptLivingAllowance');
    const persons = (c?.parties ?? []).filter((p) => p.role === 'debtor' && p.kind === 'person');
    return Object.fromEntries(persons.map((p) => [p.id, allowance]));
  }

  function candidate(a: Asset, live: Map<string, LiveFreeze>): FreezeCandidate {
    const info = channelInfo(a.channel);
    const indivisible = isIndivisible(a.kind);
    let reason: { zh: string; en: string } | undefined;
    if (!info.measures.includes('freeze')) reason = { zh: `${info.zh}不办理网络冻结`, en: `${info.en} does not freeze online` };
    else if (live.has(a.id)) reason = { zh: '本案已冻结此项财产', en: 'this case has already frozen it' };
    else if (!indivisible && (a.available ?? a.value ?? 0) <= 0 && a.existingFreezes.length === 0) reason = { zh: '没有可冻结的余额', en: 'nothing to freeze' };
    const c: FreezeCandidate = {
      asset: a, freezable: !reason, indivisible, maxEndDate: maxEndDate(today(), a.kind, d.holidays), freezesAhead: a.existingFreezes.length,
    };
    if (reason) c.notFreezableReason = reason;
    return c;
  }

  async function sendNew(s: ActiveSession, m: Measure): Promise<Measure> {
    s.store.measures.insertMeasure(m, s.officer.code);
    if (m.state !== 'queued') return m;
    const ctx = contextFor(s.store, m);
    if (!ctx) throw new AppFailure('INTERNAL');
    return s.measures.send(m, ctx);
  }

  function newMeasure(base: Pick<Measure, 'caseId' | 'partyId' | 'assetId' | 'channel' | 'assetKind' | 'assetIdentifier' | 'kind' | 'decidedBy' | 'documents'> & Partial<Measure>): Measure {
    const at = d.now().toISOString();
    return { id: randomUUID(), state: 'queued', attempts: 0, createdAt: at, updatedAt: at, ...base } as Measure;
  }

  function liveFreeze(store: SecureStore, freezeId: string): LiveFreeze {
    const f = measureOf(store, freezeId);
    if (f.kind !== 'freeze') fail('所选措施不是冻结', 'the measure chosen is not a freeze', 'freezeId');
    const view = store.measures.liveFreezes(f.caseId, today()).find((v) => v.measure.id === freezeId);
    if (!view || view.status === 'released' || view.status === 'lapsed' || view.status === 'pending') {
      fail('该冻结未生效、已失效或已解除', 'the freeze is not in force, has lapsed or was released', 'freezeId');
    }
    return view;
  }

  function assetFor(store: SecureStore, f: Measure): Pick<Asset, 'kind' | 'institution' | 'identifier'> {
    const a = store.caseQueryView(f.caseId).assets.find((x) => x.id === f.assetId);
    return a ?? { kind: f.assetKind, institution: channelInfo(f.channel).zh, identifier: f.assetIdentifier };
  }

  async function actOnFreeze(kind: Exclude<MeasureKind, 'freeze'>, freezeId: string, extra: { amount?: number; endsOn?: string; reason?: string; courtAccount?: CourtAccount; state?: Measure['state'] }): Promise<Measure> {
    const s = active();
    const view = liveFreeze(s.store, freezeId);
    const f = view.measure;
    if (!channelInfo(f.channel).measures.includes(kind)) {
      fail(`${channelInfo(f.channel).zh}不办理此项网络措施`, `${channelInfo(f.channel).en} does not do this online`, 'freezeId');
    }
    const c = caseOf(s.store, f.caseId);
    const debtor = debtorOf(c, f.partyId);
    const documents = await makeMeasureDocuments(s.store, {
      kind, court: d.courtName, c, debtor, asset: assetFor(s.store, f), officer: s.officer, today: today(),
      ...(extra.amount !== undefined ? { amount: extra.amount } : kind === 'renew' ? { amount: view.frozen } : {}),
      ...(extra.endsOn ? { period: { start: today(), end: extra.endsOn } } : {}),
      ...(f.documents[0] ? { previousRulingNumber: f.documents[0].number } : {}),
      ...(extra.reason ? { reason: extra.reason } : {}),
      ...(extra.courtAccount ? { courtAccount: extra.courtAccount } : {}),
    });
    const m = newMeasure({
      caseId: f.caseId, partyId: f.partyId, assetId: f.assetId, channel: f.channel, assetKind: f.assetKind, assetIdentifier: f.assetIdentifier,
      kind, decidedBy: s.officer.code, documents, freezeId: f.id,
      ...(extra.amount !== undefined ? { amount: extra.amount } : {}),
      ...(extra.endsOn ? { endsOn: extra.endsOn } : {}),
      ...(extra.courtAccount ? { courtAccount: extra.courtAccount } : {}),
      ...(extra.state ? { state: extra.state } : {}),
    });
    return sendNew(s, m);
  }

  function allLiveFreezes(store: SecureStore): (LiveFreeze & { caseNumber: string })[] {
    const caseIds = new Set(store.measures.list({ kind: 'freeze' }).map((m) => m.caseId));
    return [...caseIds].flatMap((id) => {
      const number = store.cases.get(id)?.number ?? '';
      return store.measures.liveFreezes(id, today()).map((f) => ({ ...f, caseNumber: number }));
    });
  }

  return {
    measures: {
      plan: ({ caseId }) => {
        const { store } = active();
        const c = caseOf(store, caseId);
        const cap = freezeCap(c);
        const frozen = store.measures.frozenTotalForCase(caseId, today());
        const live = liveByAsset(store.measures.liveFreezes(caseId, today()));
        const candidates = [...assetsOf(store, caseId).values()].map((a) => candidate(a, live));
        const freezable = candidates.filter((x) => x.freezable).map((x) => x.asset);
        const s = suggestAllocation(cap, frozen, freezable, { exemptLivingAllowance: exemptFor(store, c) });
        return {
          caseId, today: today(), cap, alreadyFrozen: frozen, remaining: Math.max(0, cap - frozen), candidates,
          suggestion: { items: s.items.map((i) => (i.amount !== undefined ? { assetId: i.assetId, amount: i.amount } : { assetId: i.assetId })), total: s.total, reachesCap: s.capReached },
        };
      },

      freeze: async ({ caseId, items }) => {
        const s = active();
        const { store } = s;
        const c = caseOf(store, caseId);
        if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
        const assets = assetsOf(store, caseId);
        const live = liveByAsset(store.measures.liveFreezes(caseId, today()));
        const chosen = items.map((it, i) => {
          const a = assets.get(it.assetId);
          if (!a) fail('所选财产不在本案查询结果中', 'the asset is not among this case\'s query results', `items.${i}.assetId`);
          const cand = candidate(a, live);
          if (!cand.freezable) fail(cand.notFreezableReason!.zh, cand.notFreezableReason!.en, `items.${i}.assetId`);
          debtorOf(c, a.partyId);
          const period = checkEndDate(today(), it.endsOn, a.kind, d.holidays);
          if (!period.ok) fail(period.zh, period.en, `items.${i}.endsOn`);
          if (cand.indivisible && it.amount !== undefined) fail('不可分割的财产整体查封，不填金额', 'an indivisible asset is sealed whole, without an amount', `items.${i}.amount`);
          return { it, a };
        });
        const reasons = Object.fromEntries(items.filter((i) => i.overCapReason?.trim()).map((i) => [i.assetId, i.overCapReason!.trim()]));
        const check = checkFreezeSet(freezeCap(c), store.measures.frozenTotalForCase(caseId, today()), chosen.map(({ it, a }) => (it.amount !== undefined ? { asset: a, amount: it.amount } : { asset: a })), { reasons, exemptLivingAllowance: exemptFor(store, c) });
        if (!check.ok) {
          const v = check.violations[0]!;
          fail(v.zh, v.en, `items.${items.findIndex((i) => i.assetId === v.assetId)}`);
        }
        const out: Measure[] = [];
        for (const { it, a } of chosen) {
          const debtor = debtorOf(c, a.partyId);
          const amount = isIndivisible(a.kind) ? undefined : (it.amount ?? a.available ?? a.value);
          const documents = await makeMeasureDocuments(store, {
            kind: 'freeze', court: d.courtName, c, debtor, asset: a, officer: s.officer, today: today(),
            ...(amount !== undefined ? { amount } : {}), period: { start: today(), end: it.endsOn },
          });
          out.push(await sendNew(s, newMeasure({
            caseId, partyId: a.partyId, assetId: a.id, channel: a.channel, assetKind: a.kind, assetIdentifier: a.identifier,
            kind: 'freeze', decidedBy: s.officer.code, documents, endsOn: it.endsOn,
            ...(amount !== undefined ? { amount } : {}),
            ...(reasons[a.id] ? { overCapReason: reasons[a.id] } : {}),
          })));
        }
        return { measures: out };
      },

      list: ({ caseId }) => {
        const { store } = active();
        const c = caseOf(store, caseId);
        const freezes = store.measures.liveFreezes(caseId, today());
        const held = freezes
          .filter((f) => f.status === 'in_force' || f.status === 'waiting')
          .map((f) => ({ freezeId: f.measure.id, assetId: f.measure.assetId, kind: f.measure.assetKind, frozen: f.frozen, waiting: f.status === 'waiting' }));
        const advice = excessToRelease(freezeCap(c), held);
        const paid = freezeCap(c) === 0;
        return {
          caseId, measures: store.measures.listForCase(caseId), freezes,
          releaseProposals: advice.releases.map((r) => ({
            freezeId: r.freezeId,
            ...(r.action === 'reduce' ? { amount: r.amount } : {}),
            reason: paid
              ? { zh: '案款已全部执行到位，应解除冻结', en: 'the case is paid in full: release the freeze' }
              : { zh: '冻结总额超过尚未执行的金额，应解除超出部分', en: 'more is frozen than is still owed: release the excess' },
          })),
        };
      },

      renew: async ({ freezeIds, endsOn }) => {
        const { store } = active();
        const out: Measure[] = [];
        for (const [i, id] of freezeIds.entries()) {
          const view = liveFreeze(store, id);
          const current = view.endsOn ?? view.measure.endsOn;
          if (!current) fail('该冻结没有截止日期', 'the freeze has no end date', `freezeIds.${i}`);
          const target = endsOn ?? maxEndDate(current, view.measure.assetKind, d.holidays);
          const r = checkRenewal(today(), current, target, view.measure.assetKind, d.holidays);
          if (!r.ok) fail(r.zh, r.en, `freezeIds.${i}`);
          out.push(await actOnFreeze('renew', id, { endsOn: target }));
        }
        return { measures: out };
      },

      release: async ({ freezeId, amount, reason }) => {
        const { store } = active();
        const view = liveFreeze(store, freezeId);
        if (amount !== undefined) {
          if (isIndivisible(view.measure.assetKind) || view.measure.assetKind === 'securities' || view.measure.assetKind === 'wealth') {
            fail('此类财产只能整体解除冻结', 'this kind of asset is released whole', 'amount');
          }
          if (amount <= 0 || amount > view.frozen) fail('解除金额须大于零且不超过冻结金额', 'the amount released must be above zero and at most what is frozen', 'amount');
        }
        return { measure: await actOnFreeze('unfreeze', freezeId, { ...(amount !== undefined ? { amount } : {}), reason }) };
      },

      cancel: ({ measureId }) => {
        const { store, officer } = active();
        const m = measureOf(store, measureId);
        if (!['draft', 'awaiting_approval', 'queued'].includes(m.state)) {
          fail('措施已发出，不能撤回；可另行解除', 'the measure has gone out and cannot be withdrawn; release it instead');
        }
        return { measure: store.measures.updateMeasure(measureId, { state: 'cancelled' }, officer.code) };
      },

      outbox: () => {
        const { store } = active();
        return store.measures.list({ states: [...OUTBOX] }).map((m) => ({ ...m, caseNumber: store.cases.get(m.caseId)?.number ?? '' }));
      },

      calendar: ({ from, to }) => {
        const { store } = active();
        const freezes = allLiveFreezes(store).filter((f) => f.status === 'in_force' || f.status === 'waiting');
        const days = expiryCalendar(freezes.map((f) => ({ ...f, measureId: f.measure.id })), from, to);
        return days.map((x) => ({ date: x.date, freezes: x.freezes })) as ExpiryDay[];
      },
    },

    deduction: {
      prepare: async ({ freezeId }) => {
        const s = active();
        const view = liveFreeze(s.store, freezeId);
        const f = view.measure;
        if (!channelInfo(f.channel).measures.includes('deduct')) fail(`${channelInfo(f.channel).zh}不办理网络扣划`, `${channelInfo(f.channel).en} does not deduct online`, 'freezeId');
        const ctx = contextFor(s.store, f);
        if (!ctx) throw new AppFailure('INTERNAL');
        // DOMAIN rule 6: the balance comes from the agency now, never from what was stored
        let frozenNow: number;
        let checkedAt: string;
        let fresh = true;
        try {
          const fb = await s.measures.frozenBalance(f, { ...ctx, officer: { code: s.officer.code, name: s.officer.name } });
          frozenNow = fb.freezeStatus === 'in_force' ? (fb.frozenAmount ?? 0) : 0;
          checkedAt = fb.checkedAt;
          s.store.balanceChecks.record({ freezeId, amount: frozenNow, checkedAt, requestId: fb.requestId }, s.officer.code);
        } catch (e) {
          if (!(e instanceof AppFailure) || e.error.code !== 'NETWORK_DOWN') throw e;
          // Offline (field trip): the last known balance, clearly marked; nothing is sent on it.
          const last = s.store.balanceChecks.latest(freezeId);
          frozenNow = last?.amount ?? view.frozen;
          checkedAt = last?.checkedAt ?? f.outcome?.executedAt ?? f.updatedAt;
          fresh = false;
        }
        const c = caseOf(s.store, f.caseId);
        const outstanding = freezeCap(c);
        const settings = s.store.settings.all();
        return {
          freezeId, caseId: c.id, frozenNow, checkedAt, fresh, outstanding,
          suggested: suggestDeduction(frozenNow, outstanding), approvalThreshold: settings.approvalThreshold, courtAccounts: settings.courtAccounts,
        };
      },

      submit: async ({ freezeId, amount, courtAccountId, checkedAt, pin }) => {
        const s = active();
        await d.vault.verifyPassword(s.officer.code, pin);
        const view = liveFreeze(s.store, freezeId);
        const c = caseOf(s.store, view.measure.caseId);
        const settings = s.store.settings.all();
        const account = settings.courtAccounts.find((a) => a.id === courtAccountId);
        if (!account) fail('请选择本院执行款专户', 'choose the court\'s receiving account', 'courtAccountId');
        const latest = s.store.balanceChecks.latest(freezeId);
        const offline = !s.measures.networkStatus().online;
        if (offline && (!latest || latest.checkedAt !== checkedAt)) {
          // Prepared offline on the last known balance: kept as a draft in the outbox, never sent
          // until re-confirmed on a fresh balance (deduction.confirm).
          const lastKnown = latest?.amount ?? view.frozen;
          const check = checkDeduction({ amount, frozenNow: lastKnown, now: d.now().toISOString(), outstanding: freezeCap(c), maxAgeMinutes: Number.MAX_SAFE_INTEGER });
          const v = check.violations.find((x) => x.code !== 'STALE_BALANCE');
          if (v) fail(v.zh, v.en, 'amount');
          return { measure: await actOnFreeze('deduct', freezeId, { amount, courtAccount: account, state: 'draft' }) };
        }
        if (!latest || latest.checkedAt !== checkedAt) {
          fail('请先重新查询冻结余额，并按最新余额确认', 'query the frozen balance again and confirm on the newest one', 'checkedAt');
        }
        const check = checkDeduction({ amount, frozenNow: latest.amount, frozenCheckedAt: latest.checkedAt, now: d.now().toISOString(), outstanding: freezeCap(c), maxAgeMinutes: settings.balanceMaxAgeMinutes });
        if (!check.ok) fail(check.violations[0]!.zh, check.violations[0]!.en, 'amount');
        const state = needsApproval(amount, settings.approvalThreshold) ? 'awaiting_approval' : 'queued';
        return { measure: await actOnFreeze('deduct', freezeId, { amount, courtAccount: account, state }) };
      },

      confirm: async ({ measureId, checkedAt, pin }) => {
        const s = active();
        await d.vault.verifyPassword(s.officer.code, pin);
        const m = measureOf(s.store, measureId);
        if (m.kind !== 'deduct' || m.state !== 'draft' || !m.freezeId || m.amount === undefined) {
          fail('只有离线准备的扣划需要重新确认', 'only a deduction prepared offline is re-confirmed', 'measureId');
        }
        const latest = s.store.balanceChecks.latest(m.freezeId);
        if (!latest || latest.checkedAt !== checkedAt) {
          fail('请先重新查询冻结余额，并按最新余额确认', 'query the frozen balance again and confirm on the newest one', 'checkedAt');
        }
        const c = caseOf(s.store, m.caseId);
        const settings = s.store.settings.all();
        const check = checkDeduction({ amount: m.amount, frozenNow: latest.amount, frozenCheckedAt: latest.checkedAt, now: d.now().toISOString(), outstanding: freezeCap(c), maxAgeMinutes: settings.balanceMaxAgeMinutes });
        if (!check.ok) fail(check.violations[0]!.zh, check.violations[0]!.en, 'amount');
        if (needsApproval(m.amount, settings.approvalThreshold)) {
          return { measure: s.store.measures.updateMeasure(m.id, { state: 'awaiting_approval' }, s.officer.code) };
        }
        const queued = s.store.measures.updateMeasure(m.id, { state: 'queued' }, s.officer.code);
        const ctx = contextFor(s.store, queued);
        if (!ctx) throw new AppFailure('INTERNAL');
        return { measure: s.measures.send(queued, ctx) };
      },

      approve: async ({ measureId, approverCode, approverPassword, decision, reason }) => {
        const s = active();
        const m = measureOf(s.store, measureId);
        const approver: Officer | undefined = s.store.officers.get(approverCode.trim());
        if (!approver || approver.role !== 'chief') fail('只有庭长（局长）可以审批扣划', 'only a division chief may approve a deduction', 'approverCode');
        await d.vault.verifyPassword(approver.code, approverPassword);
        const { measure } = s.store.approvals.record({ measureId: m.id, approver: approver.code, decision: decision === 'approve' ? 'approved' : 'refused', ...(reason ? { reason } : {}) });
        if (measure.state === 'queued') {
          const ctx = contextFor(s.store, measure);
          if (!ctx) throw new AppFailure('INTERNAL');
          return { measure: s.measures.send(measure, ctx) };
        }
        return { measure };
      },
    },

    reminders: {
      due: () => dueNow(),
      ack: ({ key }) => {
        const s = active();
        const r = dueNow().find((x) => x.key === key);
        if (!r) throw new AppFailure('NOT_FOUND', { zh: '提醒不存在或已处理', en: 'no such reminder, or already handled' });
        s.store.reminders.markDelivered({ measureId: r.measureId, daysBefore: r.daysBefore, dueOn: r.dueOn, deliveredTo: s.officer.code });
        return null;
      },
    },

    documents: {
      list: ({ caseId }) => {
        const { store } = active();
        caseOf(store, caseId);
        return store.documents.listForCase(caseId).map(({ id, type, number, sha256, createdAt }) => ({ id, type, number, sha256, createdAt }));
      },
      get: ({ documentId }) => {
        const { store } = active();
        const ref = store.documents.get(documentId);
        const pdf = store.documents.pdf(documentId);
        if (!ref || !pdf) throw new AppFailure('NOT_FOUND', { zh: '文书不存在', en: 'no such document' });
        return {
          ref: { id: ref.id, type: ref.type, number: ref.number, sha256: ref.sha256, createdAt: ref.createdAt },
          content: store.documents.content(documentId) as never,
          pdfBase64: pdf.toString('base64'),
        };
      },
    },

    settings: {
      get: () => active().store.settings.all(),
      set: (patch) => {
        const { store, officer } = active();
        // The approval threshold guards deductions: only a division chief may move it.
        if (patch.approvalThreshold !== undefined && patch.approvalThreshold !== store.settings.get('approvalThreshold') && officer.role !== 'chief') {
          fail('只有庭长（局长）可以修改扣划审批额度', 'only a division chief may change the deduction approval threshold', 'approvalThreshold');
        }
        return store.settings.update(patch, officer.code);
      },
    },
  };

  /** Reminders due today or missed, keyed on the measure that set the current end date (a renewal resets them). */
  function dueNow(): ReminderView[] {
    const { store } = active();
    const days = store.settings.get('reminderDays');
    const freezes = allLiveFreezes(store).filter((f) => f.status === 'in_force' || f.status === 'waiting');
    const delivered = new Set(store.reminders.listDelivered().map((r) => `${r.measureId}|${r.daysBefore}`));
    const views = freezes.map((f) => ({ ...f, measureId: f.endsOnSetBy }));
    const due = dueReminders(views, today(), new Set<string>(), { daysBefore: days, cal: d.holidays });
    return due
      .filter((r) => !delivered.has(`${r.measureId}|${r.daysBefore}`))
      .map((r) => ({
        key: r.key, measureId: r.measureId, freezeId: r.freeze.measure.id, caseId: r.freeze.measure.caseId, caseNumber: r.freeze.caseNumber,
        assetDescription: `${channelInfo(r.freeze.measure.channel).zh} ${r.freeze.measure.assetIdentifier}`,
        endsOn: r.endsOn, daysBefore: r.daysBefore, dueOn: r.dueOn, missed: r.dueOn < today(),
      }));
  }
}

export function daysLeftOf(endsOn: string, now: Date): number {
  return daysBetween(todayCst(now), endsOn);
}
