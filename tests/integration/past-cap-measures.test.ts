/**
 * Measures decided under the earlier period count (start day not counted, rolled past holidays)
 * whose end date passes the legal cap (docs/domain.md rule 2; 民诉法解释 第四百八十五条): one not yet sent
 * is not sent, its documents are 作废, and the judge is asked for a new decision with the lawful
 * date; one already sent keeps what the agency confirmed. Built as a database of the version before
 * the late-interest migration, the way a workstation upgrading would hold it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../electron/store/db';
import { migrate, MIGRATIONS } from '../../electron/store/migrations';
import { openSecureStore } from '../../electron/store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * the schema before the late-interest migration and before documents were linked to the measures
 * they cover (this database attaches its documents the earlier way, by documents.measure_id)
 */
const BEFORE = Math.min(...['late-performance interest', 'document-measures'].map((n) => MIGRATIONS.findIndex((m) => m.name === n)));

const T = '2026-11-20T02:00:00.000Z'; // decided on 2026-11-20 (CST)

function oldDatabase(): { file: string; key: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-pastcap-'));
  dirs.push(dir);
  const file = path.join(dir, 'store.db');
  const key = randomBytes(32);
  const d = openEncryptedDb(file, key, { create: true });
  migrate(d, MIGRATIONS.slice(0, BEFORE));
  d.pragma('foreign_keys = OFF');
  d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
    VALUES ('c1', '(2026)黔0103执7号', '黔0103', '执', '2026-11-02', 'open', '民间借贷纠纷', 10000000, 14300, 0, ?, ?)`).run(T, T);
  d.prepare(`INSERT INTO parties (id, case_id, position, role, kind, name, id_number) VALUES
    ('pa', 'c1', 0, 'applicant', 'person', '甲', '520102197001010019'), ('pd', 'c1', 1, 'debtor', 'person', '乙', '520102197001010027')`).run();
  const asset = d.prepare(`INSERT INTO assets (id, case_id, party_id, request_id, position, channel, kind, institution, identifier, description, value, available, found_at)
    VALUES (?, 'c1', 'pd', 'r1', ?, 'bank.icbc', 'deposit', '中国工商银行', ?, '活期存款', 5000000, 5000000, ?)`);
  ['a1', 'a2', 'a3', 'a4', 'a5'].forEach((id, i) => asset.run(id, i, `62220000000000${i}`, T));
  const measure = d.prepare(`INSERT INTO measures (id, case_id, party_id, asset_id, channel, asset_kind, asset_identifier, kind, state, amount, ends_on,
      decided_by, attempts, created_at, updated_at, decision_id) VALUES (?, 'c1', 'pd', ?, 'bank.icbc', 'deposit', ?, 'freeze', ?, 1000000, ?, 'F520103001', 0, ?, ?, ?)`);
  // the old count: 2026-11-20 + one year = 2027-11-20; the lawful last day is 2027-11-19
  measure.run('m-queued', 'a1', '622200000000000', 'queued', '2027-11-20', T, T, 'dec-1');
  measure.run('m-approval', 'a2', '622200000000001', 'awaiting_approval', '2027-11-22', T, T, 'dec-2');
  measure.run('m-sent', 'a3', '622200000000002', 'sent', '2027-11-20', T, T, 'dec-3');
  measure.run('m-lawful', 'a4', '622200000000003', 'queued', '2027-11-19', T, T, 'dec-4');
  // a renewal of a freeze ending 2027-06-30: its period starts 2027-07-01 and lawfully ends 2028-06-30
  d.prepare(`INSERT INTO measures (id, case_id, party_id, asset_id, channel, asset_kind, asset_identifier, kind, state, amount, ends_on,
      decided_by, attempts, created_at, updated_at, decision_id, outcome) VALUES ('m-held', 'c1', 'pd', 'a5', 'bank.icbc', 'deposit', '622200000000004',
      'freeze', 'executed', 1000000, '2027-06-30', 'F520103001', 1, '2026-07-01T02:00:00.000Z', ?, 'dec-6', '{"frozenAmount":1000000,"endsOn":"2027-06-30","queuePosition":0}')`).run(T);
  d.prepare(`INSERT INTO measures (id, case_id, party_id, asset_id, channel, asset_kind, asset_identifier, kind, state, ends_on, freeze_id,
      decided_by, attempts, created_at, updated_at, decision_id) VALUES ('m-renew', 'c1', 'pd', 'a5', 'bank.icbc', 'deposit', '622200000000004',
      'renew', 'queued', '2028-07-01', 'm-held', 'F520103001', 0, ?, ?, 'dec-7')`).run(T, T);
  d.prepare(`INSERT INTO documents (id, case_id, measure_id, measure_position, type, court, seq, number, sha256, pdf, content, created_at, created_by)
    VALUES ('doc1', 'c1', 'm-queued', 0, '冻结裁定书', '黔0103', 1, '(2026)黔0103执7号之一', 'h1', x'25', '{}', ?, 'F520103001'),
           ('doc2', 'c1', 'm-queued', 1, '协助冻结通知书', '黔0103', 2, '(2026)黔0103执7号之二', 'h2', x'25', '{}', ?, 'F520103001')`).run(T, T);
  d.close();
  return { file, key };
}

describe('freezes decided before the corrected period count', () => {
  it('an unsent freeze decided before the correction with an end date past the cap is not sent and asks for a new decision', () => {
    const { file, key } = oldDatabase();
    const s = openSecureStore({ file, key });
    try {
      expect(s.schemaVersion()).toBe(MIGRATIONS.length);
      const queued = s.measures.getMeasure('m-queued')!;
      expect(queued.state).toBe('cancelled');
      expect(queued.error).toMatchObject({ code: 'PAST_LEGAL_CAP' });
      expect(queued.error!.message).toContain('冻结期限超过法定上限，须重新决定');
      expect(queued.error!.message).toContain('依法最迟至 2027-11-19');
      // the end date the judge decided is kept as decided: the signature covers it
      expect(queued.endsOn).toBe('2027-11-20');
      expect(queued.documents.map((x) => x.voided?.reason)).toEqual([
        expect.stringContaining('冻结期限超过法定上限，须重新决定'), expect.stringContaining('冻结期限超过法定上限，须重新决定'),
      ]);
      expect(s.measures.getMeasure('m-approval')).toMatchObject({ state: 'cancelled', error: { code: 'PAST_LEGAL_CAP' } });
      // a renewal is counted from the day after its freeze's end
      expect(s.measures.getMeasure('m-renew')).toMatchObject({ state: 'cancelled', error: { code: 'PAST_LEGAL_CAP', message: expect.stringContaining('依法最迟至 2028-06-30') } });
      // what went out keeps what the agency confirms; a lawful one goes out as decided
      expect(s.measures.getMeasure('m-sent')!.state).toBe('sent');
      expect(s.measures.getMeasure('m-lawful')!.state).toBe('queued');
      expect(s.measures.listOutbox().map((m) => m.id).sort()).toEqual(['m-lawful', 'm-sent']);

      const audit = s.audit.list({ caseId: 'c1', limit: 100 });
      expect(audit.filter((e) => e.action === 'measure.freeze.past-cap').map((e) => JSON.parse(e.detail) as unknown)).toEqual(expect.arrayContaining([
        expect.objectContaining({ measureId: 'm-queued', endsOn: '2027-11-20', maxEndDate: '2027-11-19' }),
        expect.objectContaining({ measureId: 'm-approval', endsOn: '2027-11-22', maxEndDate: '2027-11-19' }),
      ]));
      expect(audit.filter((e) => e.action === 'measure.renew.past-cap')).toHaveLength(1);
      expect(audit.filter((e) => e.action === 'document.voided')).toHaveLength(2);
      expect(s.audit.verify().ok).toBe(true);
    } finally {
      s.close();
    }
    // opened again: nothing more to withdraw, nothing written twice
    const again = openSecureStore({ file, key });
    try {
      expect(again.audit.list({ caseId: 'c1', action: 'measure.freeze.past-cap', limit: 100 })).toHaveLength(2);
    } finally {
      again.close();
    }
  });

  it('no freeze is stored with an end date past the cap any more: the store refuses it with the lawful date', () => {
    const { file, key } = oldDatabase();
    const s = openSecureStore({ file, key });
    try {
      const m = { ...s.measures.getMeasure('m-lawful')!, id: 'm-new', assetId: 'a1', assetIdentifier: '622200000000000', decisionId: 'dec-5', documents: [], endsOn: '2027-11-20' };
      for (const state of ['queued', 'draft'] as const) {
        let refusal: unknown;
        try {
          s.measureStore.insertMeasure({ ...m, state });
        } catch (e) {
          refusal = e;
        }
        expect(refusal).toMatchObject({ error: { code: 'VALIDATION', field: 'endsOn', detail: { zh: expect.stringContaining('依法最迟至 2027-11-19') } } });
      }
      expect(s.measures.getMeasure('m-new')).toBeUndefined();
      s.measureStore.insertMeasure({ ...m, endsOn: '2027-11-19' });
      expect(s.measures.getMeasure('m-new')!.state).toBe('queued');
    } finally {
      s.close();
    }
  });
});
