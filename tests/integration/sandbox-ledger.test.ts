/**
 * Measures on the sandbox network over real HTTP, signed as the engine signs them
 * (docs/gateway-protocol.md, "Measures"): freeze, the waiting queue, release, the frozen-balance
 * re-query, deduction into the court account exactly once, idempotency, answers lost or held after
 * execution, seals, lapse on the sandbox clock — and money conserved at the end.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../shared/dates';
import type { ChannelId } from '../../shared/domain/channels';
import { DOCUMENTS_FOR, type MeasureKind } from '../../shared/domain/measures';
import { ADAPTERS } from '../../electron/engine/adapters/index';
import { signRequest } from '../../electron/gateway/signing';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import type { BankAccount, PersonSubject } from '../../electron/sandbox/population/types';
import { admin, authorised, call, submit, waitAnswered, type Party } from '../helpers/sandbox-client';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ knobs: { latencyScale: 0.01 } });
});
afterAll(async () => {
  await sb.close();
});

const party = (s: { kind: 'person' | 'company'; name: string; idNumber: string }): Party => ({ kind: s.kind, name: s.name, idNumber: s.idNumber });
const caseNo = (n: number) => `(2026)黔0103执${n}号`;

function measureBody(kind: MeasureKind | 'query', channel: ChannelId, subject: Party, caseNumber: string, params: Record<string, unknown>, over: Record<string, unknown> = {}): Record<string, unknown> {
  const types = kind === 'query' ? ['协助查询通知书'] : DOCUMENTS_FOR[kind];
  return {
    clientRequestId: randomUUID(),
    channel,
    kind,
    case: { number: caseNumber, court: '黔0103' },
    subject: { kind: subject.kind, name: subject.name, idNumber: subject.idNumber },
    officer: { code: 'F520103001', name: '王立新' },
    documents: types.map((type, i) => ({ type, number: `${caseNumber.slice(0, -1)}之${i + 1}号`, sha256: 'cd'.repeat(32) })),
    purpose: kind === 'query' ? '查询冻结余额' : '执行生效法律文书',
    legalBasis: '《民事诉讼法》第二百五十三条',
    params,
    ...over,
  };
}

/** submits and polls until the agency has answered; returns the status view */
async function execute(body: Record<string, unknown>) {
  const s = await submit(sb, body);
  expect(s.status, s.text).toBe(202);
  const done = await waitAnswered(sb, body.clientRequestId as string);
  expect(['answered', 'rejected']).toContain(done.json.status);
  return done.json;
}

const ledgerView = async (identifier: string, h: SandboxHandle = sb) => (await admin(h, 'GET', `/sandbox/v1/ledger/${encodeURIComponent(identifier)}`)).json;
const totals = async (h: SandboxHandle = sb) => (await admin(h, 'GET', '/sandbox/v1/ledger-totals')).json;
const executions = (id: string) => sb.stats().executions[id];

/** a person with a bank account nobody has frozen, holding at least `min` fen, not used by another test */
const used = new Set<string>();
function debtorWithMoney(h: SandboxHandle, min: number): { person: PersonSubject; account: BankAccount } {
  for (const person of h.population.persons) {
    if (used.has(person.idNumber)) continue;
    const account = person.holdings.bankAccounts.find((a) => a.freezes.length === 0 && a.balance >= min);
    if (account) {
      used.add(person.idNumber);
      return { person, account };
    }
  }
  throw new Error('no such debtor');
}

describe('freeze, the waiting queue and release', () => {
  it('freezes what there is, queues a second case, and lets it take effect when the first is released', async () => {
    const { person, account } = debtorWithMoney(sb, 500_000);
    const d = party(person);
    const ch = account.bank;
    const endsOn = addMonths((await admin(sb, 'GET', '/sandbox/v1/clock')).json.today, 6);
    const first = await execute(measureBody('freeze', ch, d, caseNo(101), { assetIdentifier: account.accountNo, amount: account.balance + 10_000, endsOn }));
    expect(first).toMatchObject({ status: 'answered', kind: 'freeze' });
    expect(first.feedback).toMatchObject({
      result: 'executed', kind: 'freeze', freezeRequestId: first.clientRequestId, assetIdentifier: account.accountNo,
      freezeStatus: 'in_force', frozenAmount: account.balance, queuePosition: 0, endsOn, balanceAfter: account.balance,
    });

    // a query now shows the court's freeze and nothing available, in the bank's own format
    const q = await execute(measureBody('query', ch, d, caseNo(101), { scope: 'all_accounts', currency: 'CNY', includeFreezes: true }));
    const asset = ADAPTERS[ch].normalize(q.feedback).assets.find((a) => a.identifier === account.accountNo)!;
    expect(asset.available).toBe(0);
    expect(asset.existingFreezes).toEqual([expect.objectContaining({ court: '贵阳市云岩区人民法院', caseNumber: caseNo(101), amount: account.balance, until: endsOn })]);

    const second = await execute(measureBody('freeze', ch, d, caseNo(102), { assetIdentifier: account.accountNo, amount: 100_000, endsOn }));
    expect(second.feedback).toMatchObject({ result: 'waiting', freezeStatus: 'waiting', queuePosition: 1, frozenAmount: 0 });
    const view = await ledgerView(account.accountNo);
    expect(view.queue).toEqual([second.clientRequestId]);

    const release = await execute(measureBody('unfreeze', ch, d, caseNo(101), { freezeRequestId: first.clientRequestId }));
    expect(release.feedback).toMatchObject({ result: 'executed', kind: 'unfreeze', freezeStatus: 'released', releasedAmount: account.balance });
    const now = await execute(measureBody('query', ch, d, caseNo(102), { purpose: 'frozen_balance', freezeRequestId: second.clientRequestId }));
    expect(now.feedback).toMatchObject({ result: 'executed', kind: 'query', freezeStatus: 'in_force', queuePosition: 0, frozenAmount: 100_000 });
  });

  it('seals real estate whole: no amount, a second seal waits, release promotes it', async () => {
    const owner = sb.population.persons.find((p) => !used.has(p.idNumber) && p.holdings.realEstate.some((r) => r.seals.length === 0))!;
    used.add(owner.idNumber);
    const flat = owner.holdings.realEstate.find((r) => r.seals.length === 0)!;
    const d = party(owner);
    const endsOn = addMonths((await admin(sb, 'GET', '/sandbox/v1/clock')).json.today, 30);
    const a = await execute(measureBody('freeze', 'realestate.gz', d, caseNo(201), { assetIdentifier: flat.certificate, endsOn }));
    expect(a.feedback).toMatchObject({ result: 'executed', freezeStatus: 'in_force', queuePosition: 0, endsOn });
    expect(a.feedback.frozenAmount).toBeUndefined();
    const b = await execute(measureBody('freeze', 'realestate.gz', d, caseNo(202), { assetIdentifier: flat.certificate, endsOn }));
    expect(b.feedback).toMatchObject({ result: 'waiting', queuePosition: 1 });
    const withAmount = await execute(measureBody('freeze', 'realestate.gz', d, caseNo(203), { assetIdentifier: flat.certificate, amount: 100, endsOn }));
    expect(withAmount.feedback.rejection.code).toBe('AMOUNT_INVALID');
    // the registry lists both seals, the one in force first
    const q = await execute(measureBody('query', 'realestate.gz', d, caseNo(201), { province: '52' }));
    const unit = ADAPTERS['realestate.gz'].normalize(q.feedback).assets.find((x) => x.identifier === flat.certificate)!;
    expect(unit.existingFreezes.map((f) => f.caseNumber)).toEqual([caseNo(201), caseNo(202)]);
    await execute(measureBody('unfreeze', 'realestate.gz', d, caseNo(201), { freezeRequestId: a.clientRequestId }));
    const now = await execute(measureBody('query', 'realestate.gz', d, caseNo(202), { purpose: 'frozen_balance', freezeRequestId: b.clientRequestId }));
    expect(now.feedback).toMatchObject({ freezeStatus: 'in_force', queuePosition: 0 });
  });
});

describe('deduction', () => {
  it('re-queries the frozen balance, deducts it, credits the court once and debits the debtor once', async () => {
    const { person, account } = debtorWithMoney(sb, 300_000);
    const d = party(person);
    const ch = account.bank;
    const endsOn = addMonths((await admin(sb, 'GET', '/sandbox/v1/clock')).json.today, 3);
    const before = (await ledgerView(account.accountNo)).balance as number;
    const courtBefore = (await admin(sb, 'GET', '/sandbox/v1/court-account?court=%E9%BB%940103')).json.accounts[0].balance as number;
    const f = await execute(measureBody('freeze', ch, d, caseNo(301), { assetIdentifier: account.accountNo, amount: 250_000, endsOn }));
    expect(f.feedback.frozenAmount).toBe(250_000);
    // another case may not touch it
    const foreign = await execute(measureBody('query', ch, d, caseNo(399), { purpose: 'frozen_balance', freezeRequestId: f.clientRequestId }));
    expect([foreign.status, foreign.rejection.code, foreign.feedback.rejection.code]).toEqual(['rejected', 'NOT_FROZEN_BY_THIS_CASE', 'NOT_FROZEN_BY_THIS_CASE']);
    // docs/domain.md rule 6: ask what is frozen now, then deduct at most that
    const re = await execute(measureBody('query', ch, d, caseNo(301), { purpose: 'frozen_balance', freezeRequestId: f.clientRequestId }));
    const frozen = re.feedback.frozenAmount as number;
    expect(frozen).toBe(250_000);
    const courtAccount = { bank: sb.courtAccount.bank, accountNo: sb.courtAccount.accountNo, name: sb.courtAccount.name };
    const tooMuch = await execute(measureBody('deduct', ch, d, caseNo(301), { freezeRequestId: f.clientRequestId, amount: frozen + 1, courtAccount }));
    expect(tooMuch.feedback).toMatchObject({ result: 'rejected', rejection: { code: 'INSUFFICIENT_FROZEN' } });
    const body = measureBody('deduct', ch, d, caseNo(301), { freezeRequestId: f.clientRequestId, amount: frozen, courtAccount });
    const ded = await execute(body);
    expect(ded.feedback).toMatchObject({ result: 'executed', kind: 'deduct', deductedAmount: frozen, balanceAfter: before - frozen, frozenAmount: 0, freezeStatus: 'released' });
    // the same deduction submitted again: answered from the idempotency table, nothing moves
    const again = await submit(sb, body);
    expect([again.status, again.json.gatewayRef]).toEqual([200, ded.gatewayRef]);
    expect(executions(body.clientRequestId as string)).toBe(1);
    const court = (await admin(sb, 'GET', '/sandbox/v1/court-account?court=%E9%BB%940103')).json.accounts[0];
    expect(court.balance).toBe(courtBefore + frozen);
    expect(court.receipts.filter((r: { requestId: string }) => r.requestId === body.clientRequestId)).toEqual([
      expect.objectContaining({ amount: frozen, freezeRequestId: f.clientRequestId, caseNumber: caseNo(301), agencyRef: ded.feedback.agencyRef }),
    ]);
    expect((await ledgerView(account.accountNo)).balance).toBe(before - frozen);
    // the bank's query shows the lower balance
    const q = await execute(measureBody('query', ch, d, caseNo(301), { scope: 'all_accounts', currency: 'CNY', includeFreezes: true }));
    expect(ADAPTERS[ch].normalize(q.feedback).assets.find((a) => a.identifier === account.accountNo)!.value).toBe(before - frozen);
    expect((await totals()).conserved).toBe(true);
  });

  it('deducting a working debtor’s provident fund is refused at the gateway; a retired debtor’s is deducted (住房公积金管理条例 第二十四条)', async () => {
    const endsOn = addMonths((await admin(sb, 'GET', '/sandbox/v1/clock')).json.today, 3);
    const courtAccount = { bank: sb.courtAccount.bank, accountNo: sb.courtAccount.accountNo, name: sb.courtAccount.name };
    const holder = (retired: boolean) => {
      const p = sb.population.persons.find((x) => !used.has(x.idNumber) && x.holdings.providentFund.some((a) => a.balance >= 10_000 && (a.withdrawal !== undefined) === retired))!;
      used.add(p.idNumber);
      return { p, account: p.holdings.providentFund.find((a) => a.balance >= 10_000 && (a.withdrawal !== undefined) === retired)! };
    };
    const deduct = async (retired: boolean, n: number) => {
      const { p, account } = holder(retired);
      const before = (await ledgerView(account.accountNo)).balance as number;
      const f = await execute(measureBody('freeze', 'providentfund.gy', party(p), caseNo(n), { assetIdentifier: account.accountNo, amount: 5_000, endsOn }));
      expect(f.feedback).toMatchObject({ result: 'executed', frozenAmount: 5_000 });
      const d = await execute(measureBody('deduct', 'providentfund.gy', party(p), caseNo(n), { freezeRequestId: f.clientRequestId, assetIdentifier: account.accountNo, amount: 5_000, courtAccount }));
      return { d, before, after: (await ledgerView(account.accountNo)).balance as number };
    };
    const working = await deduct(false, 303);
    expect(working.d.feedback).toMatchObject({ result: 'rejected', rejection: { code: 'PF_NOT_WITHDRAWABLE' } });
    expect(working.d.feedback.rejection.message).toContain('不符合住房公积金提取条件');
    expect(working.after).toBe(working.before);
    const retired = await deduct(true, 304);
    expect(retired.d.feedback).toMatchObject({ result: 'executed', deductedAmount: 5_000 });
    expect(retired.after).toBe(retired.before - 5_000);
    expect((await totals()).conserved).toBe(true);
  });

  it('refuses a receiving account that is not the court’s', async () => {
    const { person, account } = debtorWithMoney(sb, 10_000);
    const endsOn = addMonths((await admin(sb, 'GET', '/sandbox/v1/clock')).json.today, 3);
    const f = await execute(measureBody('freeze', account.bank, party(person), caseNo(302), { assetIdentifier: account.accountNo, amount: 5_000, endsOn }));
    const r = await execute(measureBody('deduct', account.bank, party(person), caseNo(302), {
      freezeRequestId: f.clientRequestId, amount: 5_000, courtAccount: { bank: '某银行', accountNo: '6200000000000000', name: '某某' },
    }));
    expect(r.feedback.rejection.code).toBe('COURT_ACCOUNT_INVALID');
    expect((await ledgerView(account.accountNo)).balance).toBe(account.balance);
  });
});

describe('exactly once', () => {
  it('executes the same id and body once; the same id with another body is a 409', async () => {
    const { person, account } = debtorWithMoney(sb, 10_000);
    const endsOn = addMonths((await admin(sb, 'GET', '/sandbox/v1/clock')).json.today, 3);
    const body = measureBody('freeze', account.bank, party(person), caseNo(401), { assetIdentifier: account.accountNo, amount: 5_000, endsOn });
    const a = await submit(sb, body);
    const b = await submit(sb, body);
    expect([a.status, b.status]).toEqual([202, 200]);
    expect(b.json.gatewayRef).toBe(a.json.gatewayRef);
    expect(executions(body.clientRequestId as string)).toBe(1);
    const c = await submit(sb, { ...body, params: { ...(body.params as object), amount: 6_000 } });
    expect([c.status, c.json.error.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    const view = await ledgerView(account.accountNo);
    expect(view.freezes.filter((f: { id: string }) => f.id === body.clientRequestId)).toHaveLength(1);
    expect(view.frozenTotal).toBe(5_000);
  });

  it('a lost answer after execution: the measure is done, and asking by id says so', async () => {
    const { person, account } = debtorWithMoney(sb, 20_000);
    const ch = account.bank;
    const endsOn = addMonths((await admin(sb, 'GET', '/sandbox/v1/clock')).json.today, 3);
    const body = measureBody('freeze', ch, party(person), caseNo(402), { assetIdentifier: account.accountNo, amount: 20_000, endsOn });
    sb.setKnobs({ channels: { [ch]: { lostAnswerRate: 1 } } });
    try {
      await expect(submit(sb, body)).rejects.toThrow();
    } finally {
      sb.setKnobs({ channels: { [ch]: { lostAnswerRate: 0 } } });
    }
    expect(sb.stats().channels[ch]!.faults.lostAnswer).toBeGreaterThanOrEqual(1);
    const asked = await waitAnswered(sb, body.clientRequestId as string);
    expect(asked.json).toMatchObject({ status: 'answered', feedback: { result: 'executed', frozenAmount: 20_000 } });
    const resubmit = await submit(sb, body);
    expect(resubmit.status).toBe(200);
    expect(executions(body.clientRequestId as string)).toBe(1);
    expect((await ledgerView(account.accountNo)).frozenTotal).toBe(20_000);
  });

  it('a held answer (timeout) after execution: the client gives up, the measure is executed once', async () => {
    const { person, account } = debtorWithMoney(sb, 20_000);
    const ch = account.bank;
    const endsOn = addMonths((await admin(sb, 'GET', '/sandbox/v1/clock')).json.today, 3);
    const body = authorised(sb, measureBody('freeze', ch, party(person), caseNo(403), { assetIdentifier: account.accountNo, amount: 7_000, endsOn }));
    const text = JSON.stringify(body);
    sb.setKnobs({ channels: { [ch]: { timeoutRate: 1, hangMs: 10_000 } } });
    try {
      const headers = { 'content-type': 'application/json', ...signRequest({ method: 'POST', path: '/gw/v1/requests', body: text, stationId: sb.stationId, stationSecret: sb.stationSecret, officerCode: 'F520103001' }) };
      await expect(fetch(`${sb.url}/gw/v1/requests`, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    } finally {
      sb.setKnobs({ channels: { [ch]: { timeoutRate: 0 } } });
    }
    const asked = await waitAnswered(sb, body.clientRequestId as string);
    expect(asked.json.feedback).toMatchObject({ result: 'executed', frozenAmount: 7_000 });
    expect(executions(body.clientRequestId as string)).toBe(1);
  });
});

describe('checks', () => {
  it('rejects a period past the legal cap (the anniversary itself is one day too many), and one that ends before it starts', async () => {
    const { person, account } = debtorWithMoney(sb, 1_000);
    const today = (await admin(sb, 'GET', '/sandbox/v1/clock')).json.today as string;
    const long = await execute(measureBody('freeze', account.bank, party(person), caseNo(501), { assetIdentifier: account.accountNo, amount: 1_000, endsOn: addMonths(today, 12) }));
    expect(long).toMatchObject({ status: 'rejected', rejection: { code: 'PERIOD_TOO_LONG' }, feedback: { result: 'rejected', kind: 'freeze', rejection: { code: 'PERIOD_TOO_LONG' } } });
    const none = await execute(measureBody('freeze', account.bank, party(person), caseNo(501), { assetIdentifier: account.accountNo, amount: 1_000, endsOn: addDays(today, -1) }));
    expect(none.rejection.code).toBe('PERIOD_INVALID');
    expect((await ledgerView(account.accountNo)).frozenTotal).toBe(0);
  });

  it('answers 422 for a measure the channel does not execute or without its documents, 400 for malformed params', async () => {
    const rich = sb.population.persons.find((p) => p.holdings.securities.length > 0)!;
    const d = party(rich);
    const sec = `${rich.holdings.securities[0]!.account}:${rich.holdings.securities[0]!.code}`;
    const deduct = await submit(sb, measureBody('deduct', 'securities.csdc', d, caseNo(601), { freezeRequestId: 'whatever-0001', amount: 1, courtAccount: sb.courtAccount }));
    expect([deduct.status, deduct.json.error.code]).toEqual([422, 'CHANNEL_REFUSES']);
    const tax = await submit(sb, measureBody('query', 'tax.sta', d, caseNo(601), { purpose: 'frozen_balance', freezeRequestId: 'whatever-0001' }));
    expect(tax.status).toBe(422);
    const noDocs = await submit(sb, measureBody('freeze', 'securities.csdc', d, caseNo(601), { assetIdentifier: sec, amount: 1, endsOn: '2027-01-31' }, { documents: [{ type: '协助查询通知书', number: 'x', sha256: 'ab'.repeat(32) }] }));
    expect([noDocs.status, noDocs.json.error.message]).toEqual([422, expect.stringContaining('冻结裁定书')]);
    const bad: [Record<string, unknown>, string][] = [
      [{ assetIdentifier: sec, amount: 1 }, 'params.endsOn'],
      [{ assetIdentifier: sec, amount: '100.00', endsOn: '2027-01-31' }, 'params.amount'],
      [{ assetIdentifier: sec, amount: 1, endsOn: '2027-02-30' }, 'params.endsOn'],
      [{ assetIdentifier: sec, amount: 1, endsOn: '2027-01-31', until: '2027-01-31' }, 'params.until'],
      [{ amount: 1, endsOn: '2027-01-31' }, 'params.assetIdentifier'],
    ];
    for (const [params, field] of bad) {
      const r = await submit(sb, measureBody('freeze', 'securities.csdc', d, caseNo(601), params));
      expect([r.status, r.json.error.code, r.json.error.message.split(':')[0]]).toEqual([400, 'BAD_REQUEST', field]);
    }
    const noAccount = await submit(sb, measureBody('deduct', 'bank.icbc', d, caseNo(601), { freezeRequestId: 'whatever-0001', amount: 1 }));
    expect(noAccount.json.error.message).toMatch(/^params\.courtAccount:/);
  });

  it('freezes whole shares at the previous close', async () => {
    const holder = sb.population.persons.find((p) => p.holdings.securities.some((s) => s.shares >= 300))!;
    const pos = holder.holdings.securities.find((s) => s.shares >= 300)!;
    const endsOn = addMonths((await admin(sb, 'GET', '/sandbox/v1/clock')).json.today, 24);
    const f = await execute(measureBody('freeze', 'securities.csdc', party(holder), caseNo(602), { assetIdentifier: `${pos.account}:${pos.code}`, amount: 2 * pos.prevClose + 1, endsOn }));
    expect(f.feedback).toMatchObject({ result: 'executed', frozenQuantity: 3, frozenAmount: 3 * pos.prevClose });
  });

  it('holds an answer back behind later ones when asked (out of order)', async () => {
    const someone = party(sb.population.persons.find((p) => p.holdings.onlineFunds.length > 0)!);
    sb.setKnobs({ channels: { 'funds.alipay': { outOfOrderRate: 1 } } });
    try {
      const late = measureBody('query', 'funds.alipay', someone, caseNo(603), { includeFreezes: true });
      const early = measureBody('query', 'funds.tenpay', someone, caseNo(603), { includeFreezes: true });
      await submit(sb, late);
      await submit(sb, early);
      const [a, b] = await Promise.all([waitAnswered(sb, late.clientRequestId as string), waitAnswered(sb, early.clientRequestId as string)]);
      expect(Date.parse(a.json.answeredAt)).toBeGreaterThanOrEqual(Date.parse(b.json.answeredAt));
      // the station's feed is in the order the agencies delivered: the one sent first comes after
      const feed: { clientRequestId: string }[] = [];
      for (let after = ''; ;) {
        const page = (await call(sb, 'GET', `/gw/v1/feedback?limit=500${after ? `&after=${after}` : ''}`)).json;
        feed.push(...page.items);
        if (page.items.length === 0 || page.next === after) break;
        after = page.next;
      }
      const at = (id: unknown) => feed.findIndex((i) => i.clientRequestId === id);
      expect(at(late.clientRequestId)).toBeGreaterThan(at(early.clientRequestId));
      expect(at(early.clientRequestId)).toBeGreaterThanOrEqual(0);
    } finally {
      sb.setKnobs({ channels: { 'funds.alipay': { outOfOrderRate: 0 } } });
    }
    expect(sb.stats().channels['funds.alipay']!.faults.outOfOrder).toBeGreaterThanOrEqual(1);
  });
});

describe('the sandbox clock', () => {
  it('an unrenewed freeze lapses after its end date; the waiting one takes effect; a renewed one holds', async () => {
    const own = await startSandbox({ knobs: { latencyScale: 0.01 } });
    try {
      const { person, account } = debtorWithMoney(own, 100_000);
      const d = party(person);
      const ch = account.bank;
      const run = async (body: Record<string, unknown>) => {
        expect((await submit(own, body)).status).toBe(202);
        return (await waitAnswered(own, body.clientRequestId as string)).json;
      };
      const today = (await admin(own, 'GET', '/sandbox/v1/clock')).json.today as string;
      const x = await run(measureBody('freeze', ch, d, caseNo(701), { assetIdentifier: account.accountNo, amount: account.balance, endsOn: addDays(today, 10) }));
      const y = await run(measureBody('freeze', ch, d, caseNo(702), { assetIdentifier: account.accountNo, amount: 50_000, endsOn: addDays(today, 40) }));
      expect(y.feedback.queuePosition).toBe(1);
      const renewed = await run(measureBody('renew', ch, d, caseNo(702), { freezeRequestId: y.clientRequestId, endsOn: addDays(today, 100) }));
      expect(renewed.feedback).toMatchObject({ result: 'executed', kind: 'renew', endsOn: addDays(today, 100), freezeStatus: 'waiting' });

      const moved = await fetch(`${own.url}/sandbox/v1/clock`, { method: 'POST', body: JSON.stringify({ advanceDays: 11 }) });
      expect((await moved.json()).today).toBe(addDays(today, 11));
      expect((await fetch(`${own.url}/sandbox/v1/clock`, { method: 'POST', body: JSON.stringify({ advanceDays: -1 }) })).status).toBe(400);

      const view = await ledgerView(account.accountNo, own);
      expect(view.freezes.find((f: { id: string }) => f.id === x.clientRequestId)).toMatchObject({ status: 'lapsed', lapsedOn: addDays(today, 11) });
      expect(view.freezes.find((f: { id: string }) => f.id === y.clientRequestId)).toMatchObject({ status: 'in_force', frozenAmount: 50_000 });
      const late = await run(measureBody('renew', ch, d, caseNo(701), { freezeRequestId: x.clientRequestId, endsOn: addDays(today, 200) }));
      expect(late.feedback.rejection.code).toBe('FREEZE_LAPSED');
      // the bank no longer lists the lapsed freeze
      const q = await run(measureBody('query', ch, d, caseNo(701), { scope: 'all_accounts', currency: 'CNY', includeFreezes: true }));
      expect(ADAPTERS[ch].normalize(q.feedback).assets.find((a) => a.identifier === account.accountNo)!.existingFreezes.map((f) => f.caseNumber)).toEqual([caseNo(702)]);
      expect((await totals(own)).conserved).toBe(true);
    } finally {
      await own.close();
    }
  });
});

describe('the feedback feed', () => {
  it('delivers answers in the order the agencies gave them: held-back ones later, duplicated measures twice', async () => {
    const own = await startSandbox({ knobs: { latencyScale: 0.01 } });
    try {
      const { person, account } = debtorWithMoney(own, 30_000);
      const d = party(person);
      const ch = account.bank;
      const today = (await admin(own, 'GET', '/sandbox/v1/clock')).json.today as string;
      own.setKnobs({ channels: { [ch]: { duplicateRate: 1, outOfOrderRate: 1 } } });
      const twice = measureBody('freeze', ch, d, caseNo(801), { assetIdentifier: account.accountNo, amount: 30_000, endsOn: addDays(today, 60) });
      expect((await submit(own, twice)).status).toBe(202);
      own.setKnobs({ channels: { [ch]: { duplicateRate: 0, outOfOrderRate: 0 } } });
      const other = own.population.persons.find((p) => p.holdings.onlineFunds.some((f) => f.platform === 'funds.tenpay'))!;
      const quick = measureBody('query', 'funds.tenpay', party(other), caseNo(802), { includeFreezes: true });
      expect((await submit(own, quick)).status).toBe(202);
      await waitAnswered(own, twice.clientRequestId as string);
      await new Promise((r) => setTimeout(r, 200));
      const items: { cursor: string; clientRequestId: string; feedback: unknown }[] = [];
      let cursor = '';
      for (;;) {
        const page = await call(own, 'GET', `/gw/v1/feedback?limit=1${cursor ? `&after=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        if (page.json.items.length === 0) break;
        items.push(...page.json.items);
        cursor = page.json.next;
      }
      expect(items.map((i) => i.clientRequestId)).toEqual([quick.clientRequestId, twice.clientRequestId, twice.clientRequestId]);
      expect(items[1]!.feedback).toEqual(items[2]!.feedback);
      expect(items[1]!.feedback).toMatchObject({ result: 'executed', frozenAmount: 30_000 });
      expect(own.stats().executions[twice.clientRequestId as string]).toBe(1);
      expect(own.stats().channels[ch]!.faults.duplicate).toBe(1);
      expect((await call(own, 'GET', '/gw/v1/feedback?after=nonsense')).status).toBe(400);
    } finally {
      await own.close();
    }
  });
});

describe('admin', () => {
  it('answers the ledger of an asset, 404 for none; loopback only endpoints are unsigned', async () => {
    expect((await admin(sb, 'GET', '/sandbox/v1/ledger/nothing-here')).status).toBe(404);
    const acct = sb.population.persons.flatMap((p) => p.holdings.bankAccounts).find((a) => a.freezes.length > 0)!;
    const v = await ledgerView(acct.accountNo);
    expect(v).toMatchObject({ channel: acct.bank, kind: 'deposit', assetIdentifier: acct.accountNo, balance: acct.balance });
    expect(v.freezes[0]).toMatchObject({ existing: true, status: 'in_force', courtName: acct.freezes[0]!.court, caseNumber: acct.freezes[0]!.caseNumber });
    const stats = await admin(sb, 'GET', '/sandbox/v1/stats');
    expect(typeof stats.json.executions).toBe('object');
  });

  it('money is conserved at the end: debtors plus court equal the start', async () => {
    const t = await totals();
    expect(t.conserved).toBe(true);
    expect(t.debtorsTotal + t.courtTotal).toBe(t.initialTotal);
    const receipts = (await admin(sb, 'GET', '/sandbox/v1/court-account')).json.accounts.flatMap((a: { receipts: { amount: number }[] }) => a.receipts);
    expect(receipts.length).toBeGreaterThanOrEqual(1);
    expect(receipts.reduce((s: number, r: { amount: number }) => s + r.amount, 0)).toBe(t.courtTotal);
  });
});
