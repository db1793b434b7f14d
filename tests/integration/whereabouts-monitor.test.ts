/**
 * The whereabouts monitor over the encrypted store (docs/domain.md rule 10), with the gateway's feed
 * played by a recording double: a sighting delivered twice raises one alert; a sighting of a debtor
 * not monitored here raises none; when the case closes (or the finding it rests on is withdrawn) the
 * monitoring ends in the store, the gateway is told once, and later sightings raise nothing.
 * Migration 020 also keeps one monitoring in force per debtor and case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecureStore, type SecureStore, type StoredCase } from '../../electron/store';
import { MIN_SCRYPT } from '../../electron/store/kdf';
import { WhereaboutsMonitor } from '../../electron/services/whereabouts/monitor';
import type { Deps } from '../../electron/services/deps';
import type { ActiveSession } from '../../electron/services/session';
import { controlSignedText, type ControlBody, type SightingWire } from '../../electron/gateway/control-wire';
import { verifyText } from '../../electron/gateway/ed25519';
import { requestControl } from '../../electron/services/whereabouts/control';

let dir: string;
let store: SecureStore;
let c: StoredCase;
let feed: (SightingWire & { seq: number })[];
let calls: { method: string; path: string; body?: string }[];
const JUDGE = { code: 'F520103001', name: '王立新', court: '黔0103', role: 'judge' as const };

const client = {
  async signedJson(method: string, p: string, body: string | undefined) {
    calls.push({ method, path: p, ...(body ? { body } : {}) });
    if (p.startsWith('/gw/v1/whereabouts/events')) {
      const after = Number(new URLSearchParams(p.split('?')[1]).get('after') || 0);
      const items = feed.filter((e) => e.seq > after);
      return { value: { items, next: items.length ? items.at(-1)!.cursor : String(after) }, raw: '', httpStatus: 200 };
    }
    if (p === '/gw/v1/railway-police/controls') {
      const b = JSON.parse(body!) as ControlBody;
      return { value: { id: b.clientRequestId, caseNumber: b.caseNumber, state: 'accepted', acceptedAt: new Date().toISOString() }, raw: '', httpStatus: 201 };
    }
    return { value: {}, raw: '', httpStatus: 200 };
  },
};
const monitor = () => new WhereaboutsMonitor({ client, now: () => new Date() } as unknown as Deps, { officer: JUDGE, store } as unknown as ActiveSession);
const sighting = (seq: number, caseNumber = c.number, idNumber = c.parties.find((p) => p.role === 'debtor')!.idNumber): SightingWire & { seq: number } => ({
  seq, cursor: String(seq), ref: `WE-${seq}`, caseNumber, idNumber, kind: 'hotel', source: '公安旅馆业治安管理信息系统', place: '贵阳市云岩区 某酒店', detail: '', at: new Date().toISOString(),
});
const sightingAlerts = () => store.alerts.list({ states: ['open', 'acknowledged', 'done'] }).filter((a) => a.kind === 'whereabouts.sighting');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-wmon-'));
  store = openSecureStore({ file: path.join(dir, 'store.db'), key: randomBytes(32), create: true, scrypt: MIN_SCRYPT });
  c = store.cases.create({
    number: '(2025)黔0103执77号', filedOn: '2025-01-05', cause: '借款合同纠纷', amountOwed: 1_000_000, costs: 10_000,
    applicant: { kind: 'company', name: '贵阳某某银行股份有限公司', idNumber: '91520100MA6DJ1234R' },
    debtors: [{ kind: 'person', name: '张三', idNumber: '520102197001010019' }],
  });
  feed = [];
  calls = [];
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function monitored(): string {
  const debtor = c.parties.find((p) => p.role === 'debtor')!;
  const f = store.whereaboutsFindings.record({ caseId: c.id, partyId: debtor.id, ground: 'missing', facts: '多次传唤未到，下落不明' }, JUDGE.code);
  return store.whereaboutsControl.subscribe({ caseId: c.id, partyId: debtor.id, findingSeq: f.seq }, JUDGE.code).subscription.id;
}

describe('the whereabouts monitor', () => {
  it('raises one alert per sighting, also when the feed delivers it twice or after its cursor is lost', async () => {
    monitored();
    feed.push(sighting(1));
    await monitor().round();
    expect(sightingAlerts()).toHaveLength(1);
    expect(sightingAlerts()[0]).toMatchObject({ action: 'control', source: { kind: 'sighting', id: 'WE-1' } });
    store.whereaboutsControl.setCursor(JUDGE.court, '');
    feed.push(sighting(2, '(2025)黔0103执78号'));
    await monitor().round();
    expect(sightingAlerts()).toHaveLength(1);
    expect(store.whereaboutsControl.sightings(c.id)).toHaveLength(1);
    expect(store.whereaboutsControl.cursor(JUDGE.court)).toBe('2');
  });

  it('ends the monitoring when the case closes, tells the gateway once, and raises nothing after', async () => {
    const id = monitored();
    store.cases.setStatus(c.id, 'closed');
    await monitor().round();
    expect(store.whereaboutsControl.subscription(id)).toMatchObject({ endReason: 'case-closed' });
    expect(store.whereaboutsControl.inForce()).toHaveLength(0);
    feed.push(sighting(3));
    await monitor().round();
    expect(calls.filter((x) => x.path === '/gw/v1/whereabouts/subscriptions/cancel')).toHaveLength(1);
    expect(JSON.parse(calls.find((x) => x.path.endsWith('/cancel'))!.body!)).toEqual({ caseNumber: c.number, idNumber: '520102197001010019' });
    expect(sightingAlerts()).toHaveLength(0);
    const trail = store.audit.list({ caseId: c.id }).map((e) => e.action);
    expect(trail).toContain('whereabouts.unsubscribed');
  });

  it('ends the monitoring when its finding is withdrawn', async () => {
    const id = monitored();
    // the finding's end as the store records it (its column; no call withdraws one yet)
    (store.whereaboutsFindings as unknown as { conn: { db: { prepare(s: string): { run(...a: unknown[]): void } } } }).conn.db
      .prepare('UPDATE whereabouts_findings SET ended_at = ? WHERE case_id = ?').run(new Date().toISOString(), c.id);
    await monitor().round();
    expect(store.whereaboutsControl.subscription(id)).toMatchObject({ endReason: 'finding-ended' });
  });

  it('keeps one monitoring in force per debtor and case', () => {
    const id = monitored();
    const debtor = c.parties.find((p) => p.role === 'debtor')!;
    const again = store.whereaboutsControl.subscribe({ caseId: c.id, partyId: debtor.id, findingSeq: store.whereaboutsFindings.inForce(c.id)[0]!.seq }, JUDGE.code);
    expect(again).toMatchObject({ created: false, subscription: { id } });
  });
});

describe('control from a restricted debtor’s breach', () => {
  it('sends one request signed by the judge, with its notice, and refuses an alert that names no debtor', async () => {
    monitored();
    const debtor = c.parties.find((p) => p.role === 'debtor')!;
    const pair = generateKeyPairSync('ed25519');
    const spki = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const keys = { officer: JUDGE.code, keyId: 'k1', signingPublicKey: spki, signing: pair.privateKey, box: pair.privateKey };
    const session = { officer: JUDGE, store, keys } as unknown as ActiveSession;
    const emitted: unknown[] = [];
    const deps = { client, now: () => new Date(), courtName: '贵州省贵阳市云岩区人民法院', emit: (_e: string, p: unknown) => emitted.push(p) } as unknown as Deps;
    const { alert } = store.alerts.raise({
      caseId: c.id, kind: 'restriction.breach', dedupeKey: 'breach:BK-1', reason: { zh: '限制消费的被执行人购买 G2886 次一等座', en: 'a restricted debtor booked a first-class G-train seat' },
      source: { kind: 'booking', id: 'BK-1' }, action: 'control', actionInput: { partyId: debtor.id },
    });
    const [first, second] = await Promise.all([requestControl(deps, session, c, alert), requestControl(deps, session, c, alert)]);
    expect(first).toMatchObject({ state: 'accepted', sightingRef: 'BK-1', alertId: alert.id });
    expect(second!.id).toBe(first!.id);
    const again = await requestControl(deps, session, c, alert);
    expect(again.id).toBe(first!.id);
    const sent = calls.filter((x) => x.path === '/gw/v1/railway-police/controls' && x.method === 'POST');
    expect(sent).toHaveLength(1);
    expect(emitted).toEqual([{ control: expect.objectContaining({ id: first!.id, state: 'accepted' }) }]);
    const body = JSON.parse(sent[0]!.body!) as ControlBody;
    expect(verifyText(spki, controlSignedText(body), body.signatures[0]!.signature)).toBe(true);
    expect(store.documents.listForCase(c.id).map((d) => d.type)).toEqual(['协助临时控制通知书']);
    expect(body.document.sha256).toBe(store.documents.listForCase(c.id)[0]!.sha256);

    const { alert: bare } = store.alerts.raise({
      caseId: c.id, kind: 'restriction.breach', dedupeKey: 'breach:BK-2', reason: { zh: 'x', en: 'x' }, source: { kind: 'booking', id: 'BK-2' }, action: 'control', actionInput: {},
    });
    await expect(requestControl(deps, session, c, bare)).rejects.toMatchObject({ error: { code: 'NOT_A_DEBTOR' } });
  });
});
