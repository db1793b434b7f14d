/**
 * 执保 (docs/domain.md rule 2; 财产保全规定 第十八条): the case states its 保全期限届满日, the judge is
 * reminded to tell the applicant 7 days before it, and one click makes the notice to the applicant
 * and records that he was told — once, audited, kept over a restart of the program.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, setUpAs, waitFor } from '../helpers/app-driver';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, FreezePlan, ReminderView } from '../../shared/domain/measure-views';
import type { CaseDocument, DocumentRef, Measure } from '../../shared/domain/measures';
import { addDays, todayCst } from '../../shared/dates';

const PASSWORD = 'correct horse';
let dir: string;
let core: Core;
const app = appDriver(() => core);

async function start(): Promise<void> {
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-preservation-'));
  await start();
  await setUpAs(app, core.sandbox!, 'F520103001', PASSWORD);
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a preservation case and its 保全期限届满日', () => {
  let c: CaseDetail;
  let endsOn: string;

  it('shows the earliest end of what is frozen as the 保全期限届满日, and reminds the judge to tell the applicant within 7 days of it', async () => {
    const list = await app.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    for (const s of list.items) {
      if (s.type !== '执保') continue;
      const d = await app.value<CaseDetail>('cases', 'get', { caseId: s.id });
      const debtors = d.parties.filter((p) => p.role === 'debtor');
      const subj = debtors.length === 1 ? core.sandbox!.population.byId.get(debtors[0]!.idNumber) : undefined;
      if (subj && subj.holdings.bankAccounts.some((a) => a.freezes.length === 0 && a.balance > d.amountOwed + d.costs)) {
        c = d;
        break;
      }
    }
    expect(c).toBeDefined();
    expect(c.preservationEndsOn).toBeUndefined();
    await app.value('query', 'start', { caseId: c.id });
    await waitFor(async () => {
      const v = await app.value<CaseQueryView>('query', 'view', { caseId: c.id });
      return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
    const plan = await app.value<FreezePlan>('measures', 'plan', { caseId: c.id });
    const first = plan.suggestion.items[0]!;
    // the ruling may set a shorter period than the cap: this one ends in 5 days, so the reminder is due now
    endsOn = addDays(todayCst(), 5);
    const { measures: [freeze] } = await app.value<{ measures: Measure[] }>('measures', 'freeze', { caseId: c.id, items: [{ ...first, endsOn }] });
    await waitFor(async () => ((await app.value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === freeze!.id)?.state === 'executed' ? true : undefined));

    expect((await app.value<CaseDetail>('cases', 'get', { caseId: c.id })).preservationEndsOn).toBe(endsOn);
    const due = await app.value<ReminderView[]>('reminders', 'due');
    const r = due.find((x) => x.kind === 'preservation' && x.caseId === c.id);
    expect(r).toMatchObject({ endsOn, daysBefore: 7, caseNumber: c.number, missed: true });
    // it is answered by the notice, not dismissed: "知道了" is refused, and the refusal audited
    expect((await app.call('reminders', 'ack', { key: r!.key })).ok).toBe(false);
    const audit = await app.value<AuditEntry[]>('audit', 'list', { caseId: c.id, limit: 200 });
    expect(audit.some((e) => e.action === 'reminder.ack.refused')).toBe(true);
  });

  it('one click makes the 保全期限届满提醒通知书 to the applicant and records the reminder once, audited, kept over a restart', async () => {
    const one = await app.value<{ endsOn: string; document: DocumentRef }>('reminders', 'notifyApplicant', { caseId: c.id });
    expect(one.endsOn).toBe(endsOn);
    expect(one.document.type).toBe('保全期限届满提醒通知书');
    const again = await app.value<{ endsOn: string; document: DocumentRef }>('reminders', 'notifyApplicant', { caseId: c.id });
    expect(again.document.id).toBe(one.document.id);
    const docs = await app.value<CaseDocument[]>('documents', 'list', { caseId: c.id });
    const notice = docs.filter((x) => x.type === '保全期限届满提醒通知书');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.addressee).toBe(c.applicantName);
    const audit = await app.value<AuditEntry[]>('audit', 'list', { caseId: c.id, limit: 200 });
    expect(audit.filter((e) => e.action === 'preservation.applicant-reminded')).toHaveLength(1);
    expect((await app.value<ReminderView[]>('reminders', 'due')).some((x) => x.kind === 'preservation' && x.caseId === c.id)).toBe(false);

    await core.close();
    await start();
    await app.value('session', 'signIn', { officerCode: 'F520103001', password: PASSWORD });
    expect((await app.value<ReminderView[]>('reminders', 'due')).some((x) => x.kind === 'preservation' && x.caseId === c.id)).toBe(false);
  });

  it('is refused, with the reason and an audit entry, in a case that is not a preservation case', async () => {
    const list = await app.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    const other = list.items.find((s) => s.type === '执')!;
    const r = await app.call('reminders', 'notifyApplicant', { caseId: other.id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.detail?.zh).toContain('只有财产保全（执保）案件');
    const audit = await app.value<AuditEntry[]>('audit', 'list', { caseId: other.id, limit: 200 });
    expect(audit.some((e) => e.action === 'preservation.applicant-reminded.refused')).toBe(true);
  });
});
