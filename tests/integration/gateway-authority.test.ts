/**
 * The gateway's own check of the permission matrix (docs/authority.md, "Where it is enforced"),
 * tried as an attacker with a station's credentials would try it, whatever a workstation decided:
 * a clerk's deduction, a measure nobody signed, an approval forged with the judge's own key or
 * signed by a clerk, an applicant queried as a debtor, a whereabouts query without the finding, a
 * measure outside an enforcement case, a deduction in a preservation case. Each is refused with
 * its reason and nothing reaches the ledger; the proper request still goes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/dates';
import { DOCUMENTS_FOR, type MeasureKind } from '../../shared/domain/measures';
import type { ChannelId } from '../../shared/domain/channels';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import type { BankAccount, DocketCase, PersonSubject } from '../../electron/sandbox/population/types';
import { admin, authorised, signAs, submit, waitAnswered, type Party } from '../helpers/sandbox-client';

const JUDGE = { code: 'F520103001', name: '王立新' };
const CLERK = { code: 'F520103002', name: '陈晓雪' };
const CHIEF = { code: 'F520103008', name: '刘志强' };

let sb: SandboxHandle;
let today: string;
beforeAll(async () => {
  sb = await startSandbox({ knobs: { latencyScale: 0.01 } });
  today = (await admin(sb, 'GET', '/sandbox/v1/clock')).json.today;
});
afterAll(async () => {
  await sb.close();
});

function body(kind: MeasureKind | 'query', channel: ChannelId, subject: Party, caseNumber: string, params: Record<string, unknown>, officer = JUDGE): Record<string, unknown> {
  const types = kind === 'query' ? ['协助查询通知书'] : DOCUMENTS_FOR[kind];
  return {
    clientRequestId: randomUUID(), channel, kind,
    case: { number: caseNumber, court: '黔0103' },
    subject: { kind: subject.kind, name: subject.name, idNumber: subject.idNumber },
    officer,
    documents: types.map((type, i) => ({ type, number: `${caseNumber.slice(0, -1)}之${i + 1}号`, sha256: 'cd'.repeat(32) })),
    purpose: kind === 'query' ? '查询被执行人财产' : '执行生效法律文书',
    legalBasis: '《民事诉讼法》第二百五十三条',
    params,
  };
}

/** a docket case of the judge's whose person debtor holds an unfrozen account with at least `min` fen */
function judgesDebtor(min: number): { c: DocketCase; person: PersonSubject; account: BankAccount } {
  for (const c of sb.courtSystem.casesOf('黔0103')) {
    if (c.assignee !== JUDGE.code || !c.number.includes('执') || /执(保|异|恢)/.test(c.number)) continue;
    for (const d of c.debtors) {
      const person = sb.population.persons.find((p) => p.idNumber === d.idNumber);
      const account = person?.holdings.bankAccounts.find((a) => a.freezes.length === 0 && a.balance >= min);
      if (person && account) return { c, person, account };
    }
  }
  throw new Error('no such debtor');
}

const party = (p: { kind: 'person' | 'company'; name: string; idNumber: string }): Party => ({ kind: p.kind, name: p.name, idNumber: p.idNumber });
const signedBy = (b: Record<string, unknown>, ...sigs: ReturnType<typeof signAs>[]) => ({ ...b, signatures: sigs });

async function frozenAccount(min: number) {
  const t = judgesDebtor(min);
  const freeze = body('freeze', t.account.bank, party(t.person), t.c.number, { assetIdentifier: t.account.accountNo, amount: min, endsOn: addMonths(today, 3) });
  const s = await submit(sb, freeze);
  expect(s.status, s.text).toBe(202);
  expect((await waitAnswered(sb, freeze.clientRequestId as string)).json.feedback).toMatchObject({ result: 'executed' });
  return { ...t, freezeId: freeze.clientRequestId as string };
}

const deductBody = (t: Awaited<ReturnType<typeof frozenAccount>>, amount: number, officer = JUDGE) => body('deduct', t.account.bank, party(t.person), t.c.number, {
  freezeRequestId: t.freezeId, assetIdentifier: t.account.accountNo, amount,
  courtAccount: { bank: sb.courtAccount.bank, accountNo: sb.courtAccount.accountNo, name: sb.courtAccount.name },
}, officer);

describe('the gateway refuses what the matrix forbids, whatever the workstation sent', () => {
  it('a clerk’s deduction, signed with his own registered key, is refused: only the 承办法官 decides', async () => {
    const t = await frozenAccount(50_000);
    const b = deductBody(t, 10_000, CLERK);
    const r = await submit(sb, signedBy(b, signAs(sb, b, CLERK.code, 'decision')), { officer: CLERK.code, asIs: true });
    expect([r.status, r.json.error.code]).toEqual([403, 'NOT_AUTHORISED']);
    expect(r.json.error.message).toContain('承办人 F520103001');
    expect(sb.stats().executions[b.clientRequestId as string]).toBeUndefined();
  });

  it('a measure with no signature, or with a signature over another body, is refused', async () => {
    const t = await frozenAccount(20_000);
    const b = deductBody(t, 5_000);
    const unsigned = await submit(sb, b, { asIs: true });
    expect([unsigned.status, unsigned.json.error.code]).toEqual([403, 'SIGNATURE_INVALID']);
    // signed for 5,000 fen, sent for 15,000
    const sig = signAs(sb, b, JUDGE.code, 'decision');
    const altered = await submit(sb, { ...signedBy(b, sig), params: { ...(b.params as object), amount: 15_000 } }, { asIs: true });
    expect([altered.status, altered.json.error.code]).toEqual([403, 'SIGNATURE_INVALID']);
    const proper = await submit(sb, signedBy(b, sig), { asIs: true });
    expect(proper.status, proper.text).toBe(202);
  });

  it('above the court’s threshold: an approval forged with the judge’s key, or signed by a clerk, is refused; the chief’s goes', async () => {
    const threshold = 10_000_000;
    const t = await frozenAccount(threshold + 100_000);
    const b = deductBody(t, threshold + 50_000);
    const decision = signAs(sb, b, JUDGE.code, 'decision');
    const none = await submit(sb, signedBy(b, decision), { asIs: true });
    expect([none.status, none.json.error.code]).toEqual([403, 'APPROVAL_REQUIRED']);
    // the judge's own signature, labelled as the chief's
    const own = signAs(sb, b, JUDGE.code, 'approval');
    const forged = await submit(sb, signedBy(b, decision, { ...own, officer: CHIEF.code }), { asIs: true });
    expect([forged.status, forged.json.error.code]).toEqual([403, 'APPROVAL_REQUIRED']);
    const selfApproved = await submit(sb, signedBy(b, decision, own), { asIs: true });
    expect([selfApproved.status, selfApproved.json.error.code]).toEqual([403, 'APPROVAL_REQUIRED']);
    const byClerk = await submit(sb, signedBy(b, decision, signAs(sb, b, CLERK.code, 'approval')), { asIs: true });
    expect([byClerk.status, byClerk.json.error.code]).toEqual([403, 'APPROVAL_REQUIRED']);
    expect(sb.stats().executions[b.clientRequestId as string]).toBeUndefined();
    const approved = await submit(sb, signedBy(b, decision, signAs(sb, b, CHIEF.code, 'approval')), { asIs: true });
    expect(approved.status, approved.text).toBe(202);
    expect((await waitAnswered(sb, b.clientRequestId as string)).json.feedback).toMatchObject({ result: 'executed', deductedAmount: threshold + 50_000 });
  });

  it('the applicant of a case queried as its “debtor” is refused: only a debtor of the case may be asked about', async () => {
    const c = sb.courtSystem.casesOf('黔0103').find((x) => x.assignee === JUDGE.code && x.applicant.kind === 'person')!;
    const r = await submit(sb, body('query', 'bank.icbc', party(c.applicant), c.number, { subjectKind: 'person' }), { asIs: true });
    expect([r.status, r.json.error.code]).toEqual([403, 'PURPOSE_REFUSED']);
    const unknown = await submit(sb, body('query', 'bank.icbc', party(c.debtors[0]!), '(2026)黔0103执99999号', {}), { asIs: true });
    expect([unknown.status, unknown.json.error.code]).toEqual([403, 'PURPOSE_REFUSED']);
  });

  it('hotel lodging without the recorded finding is refused; with it, answered', async () => {
    const { c, person } = judgesDebtor(0);
    const bare = body('query', 'hotel.gz', party(person), c.number, {});
    const r = await submit(sb, bare, { asIs: true });
    expect([r.status, r.json.error.code]).toEqual([403, 'PURPOSE_REFUSED']);
    expect(r.json.error.message).toContain('finding');
    const withFinding = { ...bare, clientRequestId: randomUUID(), params: { finding: { ground: 'missing', recordedAt: new Date().toISOString() } } };
    expect((await submit(sb, withFinding, { asIs: true })).status).toBe(202);
  });

  it('no measure in a case that is not an enforcement case; no deduction in a preservation case', async () => {
    const t = judgesDebtor(30_000);
    for (const [number, kind] of [['(2026)黔0103执异7号', 'freeze'], ['(2026)黔0103执保8号', 'deduct']] as const) {
      expect(sb.courtSystem.file({ ...t.c, number, debtors: [party(t.person)] })).toBeUndefined();
      const params = kind === 'freeze'
        ? { assetIdentifier: t.account.accountNo, amount: 1_000, endsOn: addMonths(today, 3) }
        : { freezeRequestId: randomUUID(), assetIdentifier: t.account.accountNo, amount: 1_000, courtAccount: { bank: sb.courtAccount.bank, accountNo: sb.courtAccount.accountNo, name: sb.courtAccount.name } };
      const r = await submit(sb, authorised(sb, body(kind, t.account.bank, party(t.person), number, params)), { asIs: true });
      expect([r.status, r.json.error.code]).toEqual([403, 'NOT_AUTHORISED']);
    }
    expect(sb.stats().refused.notAuthorised).toBeGreaterThanOrEqual(2);
  });
});
