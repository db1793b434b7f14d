/**
 * What the freeze, deduction, reminder and document handlers share: finding a case's measures,
 * assets and live freezes, building a measure, writing it to the outbox and handing it to the
 * measure engine. Each measure is checked against the legal rules by its handler (the renderer
 * checks the same rules as the judge types; this is the check that counts), documented, written
 * to the outbox, and only then sent, under its one request id.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/app-failure';
import { channelInfo } from '../../../shared/domain/channels';
import type { Measure, MeasureKind } from '../../../shared/domain/measures';
import type { CourtAccount, FreezeCandidate } from '../../../shared/domain/measure-views';
import type { Asset, Party } from '../../../shared/domain/types';
import { todayCst } from '../../../shared/dates';
import { isIndivisible, maxEndDate, renewalStart } from '../../../shared/rules';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { LiveFreeze } from '../../store/freeze-views';
import type { MeasureContext } from '../../engine/measures/measure-engine';
import type { Deps } from '../deps';
import type { ActiveSession } from '../session';
import { contextFor } from './context';
import { makeDecisionDocuments, type MeasureDocInput } from './documents';
import { withDecision } from './sign';
import { withReferencePrices } from '../valuation/inquiry';

export function fail(zh: string, en: string, field?: string): never {
  throw new AppFailure('VALIDATION', { zh, en }, field);
}

export { contextFor } from './context';

/** Refuses a decision that already made its measure for this asset (a second window, a double click). */
export function assertDecisionOpen(store: SecureStore, decisionId: string, assetId: string): void {
  if (store.measures.list({ decisionId }).some((m) => m.assetId === assetId)) throw new AppFailure('DECISION_TAKEN', undefined, 'decisionId');
}

export function measureOf(store: SecureStore, id: string): Measure {
  const m = store.measures.getMeasure(id);
  if (!m) throw new AppFailure('NOT_FOUND', { zh: '措施不存在', en: 'no such measure' });
  return m;
}

export function debtorOf(c: { parties: Party[] }, partyId: string): Party {
  const p = c.parties.find((x) => x.id === partyId && x.role === 'debtor');
  if (!p) throw new AppFailure('NOT_A_DEBTOR');
  return p;
}

/** Assets of the case's latest answers, by id; a property valued by 定向询价 at its reference price (docs/distribution.md). */
export function assetsOf(store: SecureStore, caseId: string): Map<string, Asset> {
  return new Map(withReferencePrices(store, caseId, store.caseQueryView(caseId).assets).map((a) => [a.id, a]));
}

/** The case's freezes still holding something, by asset. */
export function liveByAsset(freezes: LiveFreeze[]): Map<string, LiveFreeze> {
  const m = new Map<string, LiveFreeze>();
  for (const f of freezes) if (f.status !== 'released' && f.status !== 'lapsed') m.set(f.measure.assetId, f);
  return m;
}

/** Living costs left to each person debtor (docs/domain.md rule 5): measures/exempt.ts. */
export { exemptFor } from './exempt';

export function newMeasure(now: Date, base: Pick<Measure, 'caseId' | 'partyId' | 'assetId' | 'channel' | 'assetKind' | 'assetIdentifier' | 'kind' | 'decidedBy' | 'documents'> & Partial<Measure>): Measure {
  const at = now.toISOString();
  return { id: randomUUID(), state: 'queued', attempts: 0, createdAt: at, updatedAt: at, ...base } as Measure;
}

/** Writes the measure to the outbox, then (when it is queued) hands it to the engine. */
export function sendNew(s: ActiveSession, m: Measure): Measure {
  // decided now (a draft is decided when confirmed): signed by the judge with his own key
  const decided = m.state === 'draft' ? m : withDecision(s.store, s.keys, m);
  s.store.measures.insertMeasure(decided, s.officer.code);
  if (decided.state !== 'queued') return s.store.measures.getMeasure(decided.id) ?? decided;
  return sendStored(s, decided);
}

/** Hands a measure already in the outbox to the engine. */
export function sendStored(s: ActiveSession, m: Measure): Measure {
  const ctx = contextFor(s.store, m);
  if (!ctx) throw new AppFailure('INTERNAL');
  return s.measures.send(m, ctx);
}

export interface MeasureOps {
  today(): string;
  candidate(a: Asset, live: Map<string, LiveFreeze>): FreezeCandidate;
  liveFreeze(store: SecureStore, freezeId: string): LiveFreeze;
  actOnFreeze(s: ActiveSession, c: StoredCase, kind: Exclude<MeasureKind, 'freeze'>, freezeId: string, extra: ActExtra): Promise<Measure>;
  /**
   * One decision on several freezes of one case (a renewal of several at once): one ruling over
   * them all and one notice per agency (docs/documents.md), then one measure per freeze.
   */
  actOnFreezes(s: ActiveSession, c: StoredCase, kind: Exclude<MeasureKind, 'freeze'>, acts: readonly FreezeAct[]): Promise<Measure[]>;
  /** Refuses, as actOnFreezes would, an act that may not be done; nothing is made. */
  checkAct(s: ActiveSession, c: StoredCase, kind: Exclude<MeasureKind, 'freeze'>, act: FreezeAct): void;
  /** the live freezes of the cases `visible` lets through, with their case numbers */
  liveFreezesOf(store: SecureStore, visible: (caseId: string) => boolean): (LiveFreeze & { caseNumber: string })[];
}

export interface FreezeAct {
  freezeId: string;
  extra: ActExtra;
}

export interface ActExtra {
  decisionId: string;
  balanceCheck?: number;
  amount?: number;
  endsOn?: string;
  reason?: string;
  courtAccount?: CourtAccount;
  state?: Measure['state'];
  /** a deduction decided again: the refused one it takes up */
  retryOf?: string;
  /** the documents' citations instead of their template's */
  legalBasis?: string[];
}

export function measureOps(d: Deps): MeasureOps {
  const today = () => todayCst(d.now());

  function candidate(a: Asset, live: Map<string, LiveFreeze>): FreezeCandidate {
    const info = channelInfo(a.channel);
    const indivisible = isIndivisible(a.kind);
    let reason: { zh: string; en: string } | undefined;
    if (!info.measures.includes('freeze')) reason = { zh: `${info.zh}不办理网络冻结`, en: `${info.en} does not freeze online` };
    else if (live.has(a.id)) reason = { zh: '本案已冻结此项财产', en: 'this case has already frozen it' };
    else if (!indivisible && (a.available ?? a.value ?? 0) <= 0 && a.existingFreezes.length === 0) reason = { zh: '没有可冻结的余额', en: 'nothing to freeze' };
    const c: FreezeCandidate = {
      asset: a, freezable: !reason, indivisible, maxEndDate: maxEndDate(today(), a.kind), freezesAhead: a.existingFreezes.length,
      frozenByCase: live.get(a.id)?.frozen ?? live.get(a.id)?.requested ?? 0,
    };
    if (reason) c.notFreezableReason = reason;
    return c;
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

  function assetFor(store: SecureStore, f: Measure): Pick<Asset, 'kind' | 'institution' | 'identifier' | 'particulars'> {
    const a = store.caseQueryView(f.caseId).assets.find((x) => x.id === f.assetId);
    return a ?? { kind: f.assetKind, institution: channelInfo(f.channel).zh, identifier: f.assetIdentifier };
  }

  /** A freeze acted on, checked: its view, and what its documents state about it. */
  function prepareAct(s: ActiveSession, c: StoredCase, kind: Exclude<MeasureKind, 'freeze'>, { freezeId, extra }: FreezeAct): { view: LiveFreeze; doc: MeasureDocInput } {
    const view = liveFreeze(s.store, freezeId);
    const f = view.measure;
    const current = view.endsOn ?? f.endsOn;
    assertDecisionOpen(s.store, extra.decisionId, f.assetId);
    if (!channelInfo(f.channel).measures.includes(kind)) {
      fail(`${channelInfo(f.channel).zh}不办理此项网络措施`, `${channelInfo(f.channel).en} does not do this online`, 'freezeId');
    }
    const debtor = debtorOf(c, f.partyId);
    const doc: MeasureDocInput = {
      kind, court: d.courtName, c, debtor, asset: assetFor(s.store, f), channel: f.channel, officer: s.officer, today: today(),
      ...(extra.amount !== undefined ? { amount: extra.amount } : kind === 'renew' ? { amount: view.frozen } : {}),
      // a renewal's period starts the day after the current end, not on the decision day (docs/domain.md rule 2)
      ...(extra.endsOn ? { period: { start: kind === 'renew' && current ? renewalStart(current) : today(), end: extra.endsOn } } : {}),
      ...(f.documents[0] ? { previousRulingNumber: f.documents[0].number } : {}),
      ...(extra.reason ? { reason: extra.reason } : {}),
      ...(extra.courtAccount ? { courtAccount: extra.courtAccount } : {}),
      ...(extra.legalBasis ? { legalBasis: extra.legalBasis } : {}),
    };
    return { view, doc };
  }

  async function actOnFreezes(s: ActiveSession, c: StoredCase, kind: Exclude<MeasureKind, 'freeze'>, acts: readonly FreezeAct[]): Promise<Measure[]> {
    const prepared = acts.map((a) => prepareAct(s, c, kind, a));
    const documents = await makeDecisionDocuments(s.store, prepared.map((p) => p.doc));
    return prepared.map(({ view: { measure: f } }, k) => {
      const extra = acts[k]!.extra;
      return sendNew(s, newMeasure(d.now(), {
        caseId: f.caseId, partyId: f.partyId, assetId: f.assetId, channel: f.channel, assetKind: f.assetKind, assetIdentifier: f.assetIdentifier,
        kind, decidedBy: s.officer.code, documents: documents[k]!, freezeId: f.id, decisionId: extra.decisionId,
        ...(extra.balanceCheck !== undefined ? { balanceCheck: extra.balanceCheck } : {}),
        ...(extra.amount !== undefined ? { amount: extra.amount } : {}),
        ...(extra.endsOn ? { endsOn: extra.endsOn } : {}),
        ...(extra.courtAccount ? { courtAccount: extra.courtAccount } : {}),
        ...(extra.state ? { state: extra.state } : {}),
        ...(extra.retryOf ? { retryOf: extra.retryOf } : {}),
        ...(extra.legalBasis ? { legalBasis: extra.legalBasis.join('；') } : {}),
      }));
    });
  }

  async function actOnFreeze(s: ActiveSession, c: StoredCase, kind: Exclude<MeasureKind, 'freeze'>, freezeId: string, extra: ActExtra): Promise<Measure> {
    return (await actOnFreezes(s, c, kind, [{ freezeId, extra }]))[0]!;
  }

  function liveFreezesOf(store: SecureStore, visible: (caseId: string) => boolean): (LiveFreeze & { caseNumber: string })[] {
    return store.measures.liveFreezesOfAll(today()).filter((c) => visible(c.caseId))
      .flatMap((c) => c.freezes.map((f) => ({ ...f, caseNumber: c.caseNumber })));
  }

  const checkAct: MeasureOps['checkAct'] = (s, c, kind, act) => void prepareAct(s, c, kind, act);

  return { today, candidate, liveFreeze, actOnFreeze, actOnFreezes, checkAct, liveFreezesOf };
}
