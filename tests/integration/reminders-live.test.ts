/**
 * Renewal reminders reach the judge while he works (docs/domain.md rule 2): a freeze the agency
 * confirms with an end date inside the reminder window is announced on 'reminder.due' at once,
 * without signing in again, with the period a renewal would carry; 知道了 records it delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { msUntilNextCstDay } from '../../electron/services/lifecycle';
import { addDays } from '../../shared/dates';
import { renewalPeriod } from '../../shared/rules';
import type { CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, FreezePlan, ReminderView } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';
import { appDriver, setUpAs, waitFor } from '../helpers/app-driver';

let dir: string;
let core: Core;
const PASSWORD = 'correct horse';
const app = appDriver(() => core);
const { call, value } = app;
const pushed: ReminderView[][] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-reminders-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  core.onEvent((e, p) => {
    if (e === 'reminder.due') pushed.push((p as { reminders: ReminderView[] }).reminders);
  });
  await setUpAs(app, core.sandbox!, 'F520103001', PASSWORD);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a reminder arrives without signing in again', () => {
  it('when the agency confirms a freeze ending within 30 days, with 续冻 for the period after it', async () => {
    const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 50, mine: true });
    let c: CaseDetail | undefined;
    let plan: FreezePlan | undefined;
    for (const s of list.items) {
      const d = await value<CaseDetail>('cases', 'get', { caseId: s.id });
      if (d.type !== '执' && d.type !== '执恢') continue;
      await value('query', 'start', { caseId: d.id });
      await waitFor(async () => {
        const v = await value<CaseQueryView>('query', 'view', { caseId: d.id });
        return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
      });
      const p = await value<FreezePlan>('measures', 'plan', { caseId: d.id });
      if (p.suggestion.items.some((i) => p.candidates.find((x) => x.asset.id === i.assetId)?.asset.kind === 'deposit')) {
        c = d;
        plan = p;
        break;
      }
    }
    expect(c, 'a case with a deposit to freeze').toBeDefined();
    const item = plan!.suggestion.items.find((i) => plan!.candidates.find((x) => x.asset.id === i.assetId)?.asset.kind === 'deposit')!;
    const endsOn = addDays(plan!.today, 10);
    const before = pushed.length;
    const { measures } = await value<{ measures: Measure[] }>('measures', 'freeze', { caseId: c!.id, items: [{ assetId: item.assetId, amount: item.amount, endsOn }] });
    const freezeId = measures[0]!.id;
    // nothing is due before the agency has confirmed the freeze
    expect(pushed.slice(before).flat().some((r) => r.freezeId === freezeId)).toBe(false);

    const reminder = await waitFor(async () => pushed.slice(before).flat().find((r) => r.freezeId === freezeId));
    const done = await value<CaseMeasures>('measures', 'list', { caseId: c!.id });
    expect(done.measures.find((m) => m.id === freezeId)?.state).toBe('executed');
    expect(reminder).toMatchObject({ caseId: c!.id, caseNumber: c!.number, endsOn, daysBefore: 30 });
    expect(reminder.renewal).toEqual(renewalPeriod(endsOn, 'deposit'));
    expect(reminder.renewal.start).toBe(addDays(endsOn, 1));

    // 知道了: recorded once; the next list no longer holds it, and a second 知道了 is refused
    await value('reminders', 'ack', { key: reminder.key });
    expect((await value<ReminderView[]>('reminders', 'due')).some((r) => r.key === reminder.key)).toBe(false);
    expect(await call('reminders', 'ack', { key: reminder.key })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('the day turns at midnight in Beijing, whatever the machine’s zone', () => {
    // 2026-03-10 23:59:00 in Beijing is 15:59:00 UTC: one minute to go
    expect(msUntilNextCstDay(new Date('2026-03-10T15:59:00.000Z'))).toBe(60_000);
    // just after midnight in Beijing (16:00 UTC): a whole day to the next turn
    expect(msUntilNextCstDay(new Date('2026-03-10T16:00:00.000Z'))).toBe(86_400_000);
  });
});
