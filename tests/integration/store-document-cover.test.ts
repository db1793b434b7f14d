/**
 * A document covering several measures, in the encrypted store (docs/documents.md): the ruling of a
 * decision is attached to each of its measures, never to a measure of another decision; it stays in
 * force while one of them stands and is 作废 once the last is refused or withdrawn, with each item
 * named; a 作废 document carries no new measure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecureStore, type SecureStore, type StoredCase } from '../../electron/store';
import type { Measure } from '../../shared/domain/measures';
import type { Asset } from '../../shared/domain/types';
import { code } from '../helpers/error-code';

const JUDGE = 'F520103001';
let dir: string;
let store: SecureStore;
let tick = 0;
const clock = () => new Date(Date.UTC(2025, 2, 1, 2) + tick++ * 1000);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-doc-cover-'));
  store = openSecureStore({ file: path.join(dir, 'store.db'), key: randomBytes(32), create: true, clock });
});
afterEach(() => {
  if (store.isOpen) store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});


function caseWithThreeAccounts(): { c: StoredCase; assets: Asset[] } {
  const c = store.cases.create({
    number: '(2025)黔0103执77号', filedOn: '2025-01-10', cause: '借款合同纠纷', amountOwed: 10_000_000, costs: 20_000,
    applicant: { kind: 'company', name: '贵阳某某小额贷款有限公司', idNumber: '91520100MA6DJ1234R' },
    debtors: [{ kind: 'person', name: '龙振华', idNumber: '52010219850315106X' }],
  });
  const at = '2025-03-01T01:00:00.000Z';
  const id = randomUUID();
  const partyId = c.parties.find((p) => p.role === 'debtor')!.id;
  store.engine.insertRequests([{ id, caseId: c.id, partyId, channel: 'bank.icbc', kind: 'query', state: 'pending', attempts: 0, polls: 0, createdAt: at, updatedAt: at }]);
  const assets = store.engine.saveFindings(id, {
    assets: ['6222020200000001', '6222020200000002', '6222020200000003'].map((identifier) => (
      { kind: 'deposit' as const, institution: '中国工商银行贵阳分行', identifier, description: '活期', value: 600_000, available: 600_000, existingFreezes: [] })),
    whereabouts: [], info: [],
  }, '{}', at).assets;
  return { c, assets };
}

const pdf = () => Buffer.from('%PDF-1.7\n%%EOF\n');
const ref = (d: { id: string; type: Measure['documents'][number]['type']; number: string; sha256: string; createdAt: string }) =>
  ({ id: d.id, type: d.type, number: d.number, sha256: d.sha256, createdAt: d.createdAt });

function freeze(c: StoredCase, a: Asset, decisionId: string | undefined, documents: Measure['documents']): Measure {
  const at = clock().toISOString();
  const m: Measure = {
    id: randomUUID(), caseId: c.id, partyId: a.partyId, assetId: a.id, channel: a.channel, assetKind: a.kind, assetIdentifier: a.identifier,
    kind: 'freeze', state: 'queued', amount: 10_000, endsOn: '2026-02-28', decidedBy: JUDGE, documents, attempts: 0, createdAt: at, updatedAt: at,
    ...(decisionId ? { decisionId } : {}),
  };
  store.measureStore.insertMeasure(m);
  return m;
}

const refuse = (id: string) => {
  store.measureStore.updateMeasure(id, { state: 'sent', attempts: 1 });
  store.measureStore.updateMeasure(id, { state: 'rejected', outcome: { rejection: { code: 'ACCOUNT_CLOSED', message: '账户已销户' } } });
};

describe('a ruling over one decision’s measures', () => {
  it('covers each measure of its decision, stands while one does, and is 作废 when the last fails, naming each item', () => {
    const { c, assets } = caseWithThreeAccounts();
    const ruling = store.documents.save({ caseId: c.id, type: '冻结裁定书', pdf: pdf(), content: {}, createdBy: JUDGE });
    const decision = randomUUID();
    const a = freeze(c, assets[0]!, decision, [ref(ruling)]);
    const b = freeze(c, assets[1]!, decision, [ref(ruling)]);
    expect(store.documents.get(ruling.id)!.measureIds).toEqual([a.id, b.id]);
    expect(store.measureStore.getMeasure(b.id)!.documents.map((d) => d.id)).toEqual([ruling.id]);

    refuse(a.id);
    expect(store.documents.get(ruling.id)!.voided).toBeUndefined(); // the other account still stands
    expect(store.audit.list({ caseId: c.id }).filter((e) => e.action === 'document.voided')).toHaveLength(0);

    store.measureStore.updateMeasure(b.id, { state: 'cancelled' });
    const voided = store.documents.get(ruling.id)!.voided!;
    expect(voided.reason).toBe('所列2项均未执行。中国工商银行 6222020200000001：协助执行单位拒绝冻结：账户已销户（ACCOUNT_CLOSED）；中国工商银行 6222020200000002：措施已撤回，未发出');
    const trail = store.audit.list({ caseId: c.id }).filter((e) => e.action === 'document.voided');
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0]!.detail)).toMatchObject({ documentId: ruling.id, measureId: b.id, measureIds: [a.id, b.id] });

    // a 作废 ruling carries no new measure, even of its own decision
    expect(code(() => freeze(c, assets[2]!, decision, [ref(ruling)]))).toBe('VALIDATION');
  });

  it('refuses to attach a decision’s ruling to a measure of another decision, or of none', () => {
    const { c, assets } = caseWithThreeAccounts();
    const ruling = store.documents.save({ caseId: c.id, type: '冻结裁定书', pdf: pdf(), content: {}, createdBy: JUDGE });
    freeze(c, assets[0]!, randomUUID(), [ref(ruling)]);
    expect(code(() => freeze(c, assets[1]!, randomUUID(), [ref(ruling)]))).toBe('VALIDATION');
    expect(code(() => freeze(c, assets[2]!, undefined, [ref(ruling)]))).toBe('VALIDATION');
    expect(store.documents.get(ruling.id)!.measureIds).toHaveLength(1);
  });
});
