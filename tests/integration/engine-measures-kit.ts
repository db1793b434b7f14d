/**
 * What the measure tests against the sandbox network share: picking debtors' accounts from the
 * seeded docket, deciding measures the way the services do (documents attached, written to the
 * outbox as 'queued', then handed to the engine), contexts, and the sandbox's admin views.
 */
import { createHash, randomUUID } from 'node:crypto';
import { addDays, todayCst } from '../../shared/dates';
import type { ChannelId } from '../../shared/domain/channels';
import { DOCUMENTS_FOR, type Measure, type MeasureKind } from '../../shared/domain/measures';
import type { CourtAccount } from '../../shared/domain/measure-views';
import type { MeasureStore } from '../../electron/engine/measure-store';
import { buildMeasureBody, type MeasureContext } from '../../electron/engine/measures/measure-body';
import { signAs } from '../helpers/sandbox-client';
import type { Population, SandboxHandle } from '../../electron/sandbox';
import type { DocketCase } from '../../electron/sandbox/population/types';

export const SEED = 20250701;
export const SECRET = 'measure-test-station-secret-0123456789abcdef';
export const OFFICER = { code: 'F520103001', name: '王立新' };

/** one debtor's bank account, as the docket and the population know it */
export interface Target {
  case: DocketCase;
  debtor: { kind: 'person' | 'company'; name: string; idNumber: string };
  channel: ChannelId;
  accountNo: string;
  balance: number;
}

/**
 * Debtors' bank accounts with money and no earlier freezes, one per docket case of the demo
 * court, largest balances first. `minBalance` in fen.
 */
export function pickTargets(pop: Population, minBalance = 10_000): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  // the officer deciding is the case's 承办人: the gateway refuses anyone else's decision
  for (const c of pop.docket.filter((x) => x.assignee === OFFICER.code)) {
    for (const d of c.debtors) {
      const s = pop.byId.get(d.idNumber);
      const acct = s?.holdings.bankAccounts
        .filter((a) => a.balance >= minBalance && a.freezes.length === 0 && !seen.has(a.accountNo))
        .sort((a, b) => b.balance - a.balance)[0];
      if (!acct) continue;
      seen.add(acct.accountNo);
      out.push({ case: c, debtor: { kind: d.kind, name: d.name, idNumber: d.idNumber }, channel: acct.bank, accountNo: acct.accountNo, balance: acct.balance });
      break;
    }
  }
  return out.sort((a, b) => b.balance - a.balance);
}

export const caseIdOf = (caseNumber: string) => `case:${caseNumber}`;
/** a party belongs to one case in the store: the same debtor in two cases is two parties */
export const partyIdOf = (idNumber: string, caseNumber: string) => `party:${caseNumber}:${idNumber}`;
/** an asset found for a debtor in one case */
export const assetIdOf = (accountNo: string, caseNumber: string) => `asset:${caseNumber}:${accountNo}`;

export function contextFor(t: Pick<Target, 'debtor'>, caseNumber: string, court = '黔0103'): MeasureContext {
  return {
    caseId: caseIdOf(caseNumber), caseNumber, court, officer: OFFICER,
    subject: { id: partyIdOf(t.debtor.idNumber, caseNumber), kind: t.debtor.kind, name: t.debtor.name, idNumber: t.debtor.idNumber },
  };
}

/** the last day of a freeze `days` from today (China Standard Time), within the deposit cap of one year */
export const endsOnIn = (days: number, today = todayCst()) => addDays(today, days);

/**
 * Decides measures as the services do: the two documents of the kind, one id per decision, the
 * outbox write in state 'queued'. `newId` lets a seeded test make ids from its own generator.
 */
export class Decider {
  private seq = 0;
  /** `sb`: the sandbox whose officer register holds the judge's signing key; each decision is signed with it */
  constructor(private readonly store: MeasureStore, private readonly newId: () => string = randomUUID, private readonly sb?: SandboxHandle) {}

  /** The judge's decision signature over the body the engine will send (as the services sign it). */
  private signed(m: Measure, t: Pick<Target, 'debtor'>, caseNumber: string): Measure {
    if (!this.sb) return m;
    const body = buildMeasureBody(m, contextFor(t, caseNumber)) as unknown as Record<string, unknown>;
    return { ...m, signatures: [signAs(this.sb, body, OFFICER.code, 'decision')] };
  }

  private base(kind: MeasureKind, t: Pick<Target, 'debtor' | 'channel' | 'accountNo'>, caseNumber: string, over: Partial<Measure>): Measure {
    const id = this.newId();
    const at = new Date().toISOString();
    this.seq += 1;
    const documents = DOCUMENTS_FOR[kind].map((type, i) => {
      const number = `${caseNumber}之${this.seq}-${i + 1}`;
      return { id: `${id}-doc${i}`, type, number, sha256: createHash('sha256').update(`${type}\n${number}\n${id}`).digest('hex'), createdAt: at };
    });
    return this.signed({
      id, caseId: caseIdOf(caseNumber), partyId: partyIdOf(t.debtor.idNumber, caseNumber), assetId: assetIdOf(t.accountNo, caseNumber), channel: t.channel,
      assetKind: 'deposit', assetIdentifier: t.accountNo, kind, state: 'queued', decidedBy: OFFICER.code, documents, attempts: 0,
      createdAt: at, updatedAt: at, ...over,
    }, t, caseNumber);
  }

  private write(m: Measure): Measure {
    this.store.insertMeasure(m);
    return m;
  }

  freeze(t: Target, caseNumber: string, amount: number, endsOn: string): Measure {
    return this.write(this.base('freeze', t, caseNumber, { amount, endsOn }));
  }

  renew(t: Target, freeze: Measure, endsOn: string): Measure {
    return this.write(this.base('renew', t, caseNumberOf(freeze), { freezeId: freeze.id, endsOn }));
  }

  unfreeze(t: Target, freeze: Measure, amount?: number): Measure {
    return this.write(this.base('unfreeze', t, caseNumberOf(freeze), { freezeId: freeze.id, ...(amount !== undefined ? { amount } : {}) }));
  }

  /** `caseNumber` other than the freeze's: a deduction in the name of another case (refused by the agency) */
  deduct(t: Target, freeze: Measure, amount: number, account: CourtAccount, caseNumber = caseNumberOf(freeze)): Measure {
    return this.write(this.base('deduct', t, caseNumber, { freezeId: freeze.id, amount, courtAccount: account }));
  }
}

const caseNumberOf = (m: Measure) => m.caseId.slice('case:'.length);

/** the demo court's receiving account as the bureau's settings hold it */
export function courtAccountOf(sb: SandboxHandle): CourtAccount {
  const a = sb.courtAccount;
  return { id: `acct-${a.court}`, bank: a.bank, accountNo: a.accountNo, name: a.name };
}

export async function admin<T>(sb: Pick<SandboxHandle, 'url'>, path: string): Promise<T> {
  const r = await fetch(sb.url + path);
  if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

export interface LedgerTotals {
  debtorsTotal: number;
  courtTotal: number;
  initialTotal: number;
  conserved: boolean;
}

export interface CourtAccountsView {
  accounts: Array<{ court: string; balance: number; receipts: Array<{ requestId: string; freezeRequestId: string; amount: number }> }>;
}
