/**
 * One ruling per decision, one assistance notice per agency (docs/domain.md, "Documents";
 * docs/documents.md). A judge's one freeze decision over several accounts is one 执行裁定书 listing
 * every account with its amount and period, and one 协助冻结通知书 per bank listing that bank's
 * accounts; a renewal of several freezes is one ruling too. A ruling stays in force while any of
 * its items stands, and the register names the items that failed; it is 作废 only when none stands.
 * Each measure is sent to its bank with its decision's ruling and its bank's notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, setUpAs, waitFor } from '../helpers/app-driver';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, FreezeCandidate, FreezePlan } from '../../shared/domain/measure-views';
import type { CaseDocument, Measure } from '../../shared/domain/measures';
import type { DocumentModel } from '../../shared/documents/model';
import type { EvidencePackage } from '../../electron/evidence/format';
import { channelInfo } from '../../shared/domain/channels';

const JUDGE = 'F520103001';
const PASSWORD = 'officer-password-1';
const AMOUNT = 10_000; // 100 元 on each account: far below any case's amount, and leaves the living costs

let dir: string;
let exportDir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { value } = app;
const used = new Set<string>();

const knobs = (channels: Record<string, { rejectRate: number }>) =>
  fetch(`${core.sandbox!.url}/sandbox/v1/knobs`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channels }) });
/** the sandbox's record of a person (asked again once if the connection was dropped) */
const subject = async (idNumber: string) => {
  const get = async () => (await fetch(`${core.sandbox!.url}/sandbox/v1/subjects/${idNumber}`)).json();
  return get().catch(get);
};
const docs = (caseId: string) => value<CaseDocument[]>('documents', 'list', { caseId });
const content = async (documentId: string) => (await value<{ content: DocumentModel }>('documents', 'get', { documentId })).content;
const textOf = (m: DocumentModel) => m.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'terms' ? [b.caption ?? '', ...b.rows.map((r) => `${r.label}${r.value}`)] : [])).join('\n');
const orders = (m: DocumentModel) => m.blocks.filter((b) => b.kind === 'paragraph' && /^[一二三四五六七八九十]+、/.test(b.text)).map((b) => (b as { text: string }).text);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-decision-docs-'));
  exportDir = mkdtempSync(path.join(os.tmpdir(), 'ck-decision-docs-out-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', exportDir, env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(exportDir, { recursive: true, force: true });
});

/** A case of the judge's, queried, whose one debtor has two free accounts at one bank and one at another. */
async function threeAccountsAtTwoBanks(): Promise<{ c: CaseDetail; accounts: FreezeCandidate[] }> {
  const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
  for (const s of list.items) {
    if (used.has(s.id)) continue;
    const d = await value<CaseDetail>('cases', 'get', { caseId: s.id });
    const debtors = d.parties.filter((p) => p.role === 'debtor');
    if (debtors.length !== 1 || debtors[0]!.kind !== 'person' || !['执', '执恢'].includes(d.type)) continue;
    const t = await subject(debtors[0]!.idNumber);
    const free = t.holdings.bankAccounts.filter((a: { freezes: unknown[]; balance: number }) => a.freezes.length === 0 && a.balance >= 5 * AMOUNT);
    const banks = new Map<string, number>();
    for (const a of free) banks.set(a.bank, (banks.get(a.bank) ?? 0) + 1);
    if (banks.size < 2 || ![...banks.values()].some((n) => n >= 2)) continue;
    used.add(s.id);
    await value('query', 'start', { caseId: d.id });
    await waitFor(async () => {
      const v = await value<CaseQueryView>('query', 'view', { caseId: d.id });
      return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: d.id });
    const deposits = plan.candidates.filter((x) => x.freezable && x.asset.kind === 'deposit' && (x.asset.available ?? 0) >= 5 * AMOUNT);
    const byBank = new Map<string, FreezeCandidate[]>();
    for (const x of deposits) byBank.set(x.asset.channel, [...(byBank.get(x.asset.channel) ?? []), x]);
    const two = [...byBank.values()].find((xs) => xs.length >= 2);
    const one = [...byBank.values()].find((xs) => xs !== two);
    if (two && one) return { c: d, accounts: [two[0]!, two[1]!, one[0]!] };
  }
  throw new Error('no case of the judge has a debtor with two accounts at one bank and one at another');
}

const freezeAll = async (c: CaseDetail, accounts: FreezeCandidate[]) =>
  (await value<{ measures: Measure[] }>('measures', 'freeze', {
    caseId: c.id, items: accounts.map((a) => ({ assetId: a.asset.id, amount: AMOUNT, endsOn: a.maxEndDate })),
  })).measures;

const settled = (c: CaseDetail, ids: string[]) => waitFor(async () => {
  const all = (await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.filter((m) => ids.includes(m.id));
  return all.every((m) => m.state === 'executed' || m.state === 'rejected') ? ids.map((id) => all.find((m) => m.id === id)!) : undefined;
});

describe('one ruling per decision, one notice per agency', () => {
  let c: CaseDetail;
  let accounts: FreezeCandidate[];
  let frozen: Measure[];

  it('one freeze decision over three accounts at two banks makes one ruling listing the three accounts and two notices, one per bank', async () => {
    ({ c, accounts } = await threeAccountsAtTwoBanks());
    const before = (await docs(c.id)).length;
    const measures = await freezeAll(c, accounts);
    expect(measures).toHaveLength(3);
    const after = await docs(c.id);
    expect(after.length - before).toBe(3); // one ruling and two notices: one number each

    const [ruling] = measures[0]!.documents;
    expect(ruling!.type).toBe('冻结裁定书');
    expect(measures.every((m) => m.documents[0]!.id === ruling!.id)).toBe(true);
    const notices = measures.map((m) => m.documents[1]!);
    expect(notices.every((n) => n.type === '协助冻结通知书')).toBe(true);
    expect(notices[0]!.id).toBe(notices[1]!.id); // the two accounts at one bank: one notice
    expect(notices[2]!.id).not.toBe(notices[0]!.id);

    const r = await content(ruling!.id);
    expect(r.title).toBe('执行裁定书');
    const order = orders(r);
    expect(order).toHaveLength(3);
    accounts.forEach((a, i) => expect(order[i]).toContain(a.asset.identifier));
    expect(order[0]).toMatch(/^一、冻结被执行人.+人民币壹佰元整（100\.00元）为限，冻结期限自.+起至.+止；$/);
    expect(order[2]).toMatch(/^三、.+止。$/);

    const toFirstBank = await content(notices[0]!.id);
    // to the branch both accounts are at, or to the bank when they are at two of its branches
    const sameBranch = accounts[0]!.asset.institution === accounts[1]!.asset.institution;
    expect(toFirstBank.addressee).toBe(sameBranch ? accounts[0]!.asset.institution : channelInfo(accounts[0]!.asset.channel).zh);
    expect(textOf(toFirstBank)).toContain(accounts[0]!.asset.identifier);
    expect(textOf(toFirstBank)).toContain(accounts[1]!.asset.identifier);
    expect(textOf(toFirstBank)).not.toContain(accounts[2]!.asset.identifier);
    expect(textOf(toFirstBank)).toContain(r.number);
    const toSecondBank = await content(notices[2]!.id);
    expect(toSecondBank.addressee).toBe(accounts[2]!.asset.institution);
    expect(orders(toSecondBank)).toEqual([]); // one item: no numbering
    expect(textOf(toSecondBank)).toContain(accounts[2]!.asset.identifier);
    expect(textOf(toSecondBank)).not.toContain(accounts[0]!.asset.identifier);

    // the register: the ruling covers all three and their total, each notice its bank's
    const row = after.find((d) => d.id === ruling!.id)!;
    expect(row.measureIds).toEqual(measures.map((m) => m.id));
    expect(row.amount).toBe(3 * AMOUNT);
    expect(after.find((d) => d.id === notices[0]!.id)!.amount).toBe(2 * AMOUNT);
    frozen = await settled(c, measures.map((m) => m.id));
  });

  it('each account is sent to its bank with the decision’s ruling and its bank’s notice, as the evidence package shows', async () => {
    const out = await value<{ path: string }>('evidence', 'export', { caseId: c.id, pin: PASSWORD });
    const pkg = JSON.parse(readFileSync(out.path, 'utf8')) as EvidencePackage;
    for (const m of frozen) {
      const sent = pkg.parts.measures.find((x) => x.measure.id === m.id)!.exchanges.find((e) => e.direction === 'sent')!;
      const body = JSON.parse(sent.text) as { documents: { type: string; number: string; sha256: string }[] };
      expect(body.documents).toEqual(m.documents.map((d) => ({ type: d.type, number: d.number, sha256: d.sha256 })));
    }
    const ruling = pkg.parts.documents.find((d) => d.ref.id === frozen[0]!.documents[0]!.id)!;
    expect(ruling.ref.measureIds).toEqual(frozen.map((m) => m.id));
  });

  it('a renewal of two freezes makes one ruling, with one notice per bank', async () => {
    const [a, , b] = frozen;
    expect(a!.state).toBe('executed');
    const before = (await docs(c.id)).length;
    const { measures } = await value<{ measures: Measure[] }>('measures', 'renew', { freezeIds: [a!.id, b!.id] });
    expect(measures.map((m) => m.kind)).toEqual(['renew', 'renew']);
    expect(measures[0]!.documents[0]!.id).toBe(measures[1]!.documents[0]!.id);
    expect(measures[0]!.documents[1]!.id).not.toBe(measures[1]!.documents[1]!.id);
    expect((await docs(c.id)).length - before).toBe(3);
    const r = await content(measures[0]!.documents[0]!.id);
    const order = orders(r);
    expect(order).toHaveLength(2);
    expect(order[0]).toMatch(/^一、继续冻结被执行人.+续行冻结期限自/);
    expect(order[0]).toContain(accounts[0]!.asset.identifier);
    expect(order[1]).toContain(accounts[2]!.asset.identifier);
    // the earlier ruling both freezes came from is named once, as a court prints it
    const earlier = frozen[0]!.documents[0]!.number.replace(/^\((\d{4})\)/, '（$1）');
    expect(textOf(r)).toContain(`已作出${earlier}执行裁定，冻结了被执行人`);
    expect(textOf(r)).not.toContain(`${earlier}、${earlier}`);
    await settled(c, measures.map((m) => m.id));
  });

  it('refuses a renewal listing one freeze twice, and a freeze listing one account twice, and makes no document', async () => {
    const before = (await docs(c.id)).length;
    const twice = await app.call('measures', 'renew', { freezeIds: [frozen[1]!.id, frozen[1]!.id] });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.detail?.zh ?? twice.error.message).toContain('列了两次');
    const again = await app.call('measures', 'freeze', {
      caseId: c.id, items: [accounts[1]!, accounts[1]!].map((a) => ({ assetId: a.asset.id, amount: AMOUNT, endsOn: a.maxEndDate })),
    });
    expect(again.ok).toBe(false);
    expect((await docs(c.id)).length).toBe(before);
  });
});

describe('a ruling whose items partly failed, and one whose items all failed', () => {
  afterAll(async () => {
    await knobs({});
  });

  it('the ruling stays valid when one of its accounts is refused, and the register says which', async () => {
    const { c, accounts } = await threeAccountsAtTwoBanks();
    await knobs({ [accounts[2]!.asset.channel]: { rejectRate: 1 } });
    const measures = await settled(c, (await freezeAll(c, accounts)).map((m) => m.id));
    expect(measures.map((m) => m.state)).toEqual(['executed', 'executed', 'rejected']);
    const list = await docs(c.id);
    const ruling = list.find((d) => d.id === measures[0]!.documents[0]!.id)!;
    expect(ruling.voided).toBeUndefined();
    expect(ruling.failedItems).toHaveLength(1);
    expect(ruling.failedItems![0]).toMatchObject({ measureId: measures[2]!.id });
    expect(ruling.failedItems![0]!.item).toContain(accounts[2]!.asset.identifier);
    expect(ruling.failedItems![0]!.reason).toMatch(/^协助执行单位拒绝冻结：.+（[A-Z_]+）$/);
    // the refusing bank's notice is 作废; the other bank's stands whole
    const refusedNotice = list.find((d) => d.id === measures[2]!.documents[1]!.id)!;
    expect(refusedNotice.voided?.reason).toBe(ruling.failedItems![0]!.reason);
    const standing = list.find((d) => d.id === measures[0]!.documents[1]!.id)!;
    expect(standing.voided).toBeUndefined();
    expect(standing.failedItems).toBeUndefined();
    const trail = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'document.voided' });
    expect(trail.map((e) => JSON.parse(e.detail).documentId)).toEqual([refusedNotice.id]);
  });

  it('a ruling all of whose measures were refused is 作废, naming each item with its reason', async () => {
    const { c, accounts } = await threeAccountsAtTwoBanks();
    const two = accounts.slice(0, 2); // both at one bank
    await knobs({ [two[0]!.asset.channel]: { rejectRate: 1 } });
    const measures = await settled(c, (await freezeAll(c, two)).map((m) => m.id));
    expect(measures.map((m) => m.state)).toEqual(['rejected', 'rejected']);
    const list = await docs(c.id);
    const ruling = list.find((d) => d.id === measures[0]!.documents[0]!.id)!;
    expect(ruling.voided?.reason).toMatch(/^所列2项均未执行。/);
    for (const a of two) expect(ruling.voided?.reason).toContain(a.asset.identifier);
    expect(ruling.failedItems).toBeUndefined();
    expect(list.find((d) => d.id === measures[0]!.documents[1]!.id)!.voided).toBeDefined();
    const trail = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'document.voided' });
    expect(trail).toHaveLength(2); // the ruling and the notice, each once
  });
});
