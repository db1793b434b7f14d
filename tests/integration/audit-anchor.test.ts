/**
 * The audit chain anchored at the gateway (docs/audit.md), over the real encrypted store and the
 * real sandbox network. The attacker holds the database key: he opens the file directly, drops the
 * append-only triggers, and edits, deletes, swaps, re-hashes, cuts, forges. Every rewrite is
 * reported with its code; an untouched chain verifies with its anchors.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGatewayClient, type GatewayClient } from '../../electron/engine/gateway-client';
import { publishedKey, signReceipt } from '../../electron/gateway/checkpoint-receipt';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox';
import { BOOK_FILE, KEY_FILE } from '../../electron/sandbox/checkpoint-book';
import { AuditAnchor, checkpointClient, type CheckpointClient } from '../../electron/services/audit-anchor';
import { verifyAudit } from '../../electron/services/audit-verify';
import { openSecureStore, type SecureStore } from '../../electron/store';
import { entryHash, GENESIS_HASH } from '../../electron/store/audit';
import { openEncryptedDb, type Db } from '../../electron/store/db';
import type { AuditProblemCode } from '../../shared/domain/audit';
import { call } from '../helpers/sandbox-client';

let sb: SandboxHandle;
let stateDir: string;
let gateway: GatewayClient;
let client: CheckpointClient;

beforeAll(async () => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-gw-state-'));
  sb = await startSandbox({ knobs: { latencyScale: 0.01 }, stateDir });
  gateway = createGatewayClient({ url: sb.url, stationId: sb.stationId, stationSecret: sb.stationSecret });
  client = checkpointClient(gateway)!;
});
afterAll(async () => {
  gateway.close();
  await sb.close();
  fs.rmSync(stateDir, { recursive: true, force: true });
});

let dir: string;
let file: string;
let key: Buffer;
let store: SecureStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-anchor-'));
  file = path.join(dir, 'store.db');
  key = randomBytes(32);
  store = openSecureStore({ file, key, create: true });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function append(n: number): void {
  for (let i = 0; i < n; i++) {
    store.audit.append({ officer: 'F520103001', action: 'query.start', caseId: `case-${i % 3}`, caseNumber: `(2025)黔0103执${i + 1}号`, legalBasis: '民事诉讼法第253条', detail: { i } });
  }
}

/** Eight entries, acknowledged at 5 and at 8 (each flush anchors the head of the moment). */
async function anchoredChain(): Promise<void> {
  const anchor = new AuditAnchor({ store, client });
  append(5);
  expect(await anchor.flush()).toBe('anchored');
  append(3);
  expect(await anchor.flush()).toBe('anchored');
  expect(store.auditCheckpoints.list().map((c) => c.seq)).toEqual([5, 8]);
}

/** As whoever holds the key can do: the file opened directly, outside the program. */
function attack(fn: (db: Db) => void): void {
  store.close();
  const db = openEncryptedDb(file, key);
  try {
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_checkpoints_no_update; DROP TRIGGER audit_checkpoints_no_delete;');
    fn(db);
  } finally {
    db.close();
  }
  store = openSecureStore({ file, key });
}

/** Recomputes every hash from `from` on, as the attacker who knows the rule would (docs/audit.md). */
function rehashFrom(db: Db, from: number): void {
  type R = { seq: number; at: string; officer: string; action: string; case_id: string | null; case_number: string | null; subject: string | null; legal_basis: string | null; detail: string };
  const rows = db.prepare<[], R>('SELECT * FROM audit_log ORDER BY seq').all();
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.seq >= from) {
      const hash = entryHash(prev, {
        seq: r.seq, at: r.at, officer: r.officer, action: r.action, caseId: r.case_id ?? undefined, caseNumber: r.case_number ?? undefined,
        subject: r.subject ?? undefined, legalBasis: r.legal_basis ?? undefined, detail: r.detail,
      });
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
      prev = hash;
    } else {
      prev = db.prepare<[number], string>('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(r.seq)!;
    }
  }
}

const codes = async (c: CheckpointClient | undefined = client) => (await verifyAudit(store, c)).problems.map((p) => [p.code, p.seq] as [AuditProblemCode, number | undefined]);

describe('an untouched chain', () => {
  it('verifies, anchored through its last acknowledged entry by receipts the gateway signed', async () => {
    await anchoredChain();
    const v = await verifyAudit(store, client);
    expect(v).toMatchObject({ ok: true, entries: 8, anchoredThrough: 8, checkpoints: 2, gatewayChecked: true, problems: [] });
    expect(Date.parse(v.lastAnchorAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(store.auditCheckpoints.pinnedKey()).toEqual(sb.gatewayKey);
    // newer entries are there, not yet acknowledged: still ok, anchored through 8
    append(2);
    expect(await verifyAudit(store, client)).toMatchObject({ ok: true, entries: 10, anchoredThrough: 8 });
  });
});

describe('an attacker with the database key', () => {
  it('(a) edits an entry: EDITED at its number', async () => {
    await anchoredChain();
    attack((db) => db.exec("UPDATE audit_log SET legal_basis = '无' WHERE seq = 3"));
    const v = await verifyAudit(store, client);
    expect(v).toMatchObject({ ok: false, brokenAt: 3 });
    expect(v.anchoredThrough).toBeUndefined();
    expect(await codes()).toEqual([['EDITED', 3]]);
  });

  it('(b) deletes an entry: REMOVED at the missing number', async () => {
    await anchoredChain();
    attack((db) => db.exec('DELETE FROM audit_log WHERE seq = 4'));
    expect(await codes()).toEqual([['REMOVED', 4]]);
  });

  it('(c) swaps two entries: REORDERED', async () => {
    await anchoredChain();
    attack((db) => db.exec('UPDATE audit_log SET seq = -1 WHERE seq = 6; UPDATE audit_log SET seq = 6 WHERE seq = 7; UPDATE audit_log SET seq = 7 WHERE seq = -1;'));
    const v = await verifyAudit(store, client);
    expect(v.problems.map((p) => [p.code, p.seq])).toEqual([['REORDERED', 6]]);
    // entries before the swap are still anchored
    expect(v.anchoredThrough).toBe(5);
  });

  it('(c′) swaps the contents of two entries and leaves their hashes in place: REORDERED', async () => {
    await anchoredChain();
    attack((db) => db.exec(`
      UPDATE audit_log SET case_id = (SELECT case_id FROM audit_log WHERE seq = 3), case_number = (SELECT case_number FROM audit_log WHERE seq = 3),
        detail = (SELECT detail FROM audit_log WHERE seq = 3), at = (SELECT at FROM audit_log WHERE seq = 3) WHERE seq = 2;`));
    expect(await codes()).toEqual([['REORDERED', 2]]);
  });

  it('(d) edits an entry and re-hashes the whole chain after it: the chain holds together, the gateway’s checkpoints do not', async () => {
    await anchoredChain();
    attack((db) => {
      db.exec("UPDATE audit_log SET officer = 'F520103009' WHERE seq = 3");
      rehashFrom(db, 3);
    });
    expect(store.audit.verify()).toEqual({ ok: true, entries: 8 });
    const v = await verifyAudit(store, client);
    expect(v.ok).toBe(false);
    expect(v.anchoredThrough).toBeUndefined();
    expect(v.problems).toEqual([expect.objectContaining({ code: 'REHASHED', seq: 5, zh: expect.stringContaining('第 1–5 条') })]);
    // and the rewritten chain cannot be anchored again under the same numbers
    const head = store.audit.head()!;
    const again = await call(sb, 'POST', '/gw/v1/audit/checkpoints', JSON.stringify({ storeId: store.auditCheckpoints.storeId(), seq: head.seq, head: head.hash, at: new Date().toISOString() }), { officer: null });
    expect([again.status, again.json.error.code, again.json.error.reason]).toEqual([409, 'CHECKPOINT_REFUSED', 'HEAD_MISMATCH']);
  });

  it('(d′) re-hashes only the edited entry: REHASHED at it, broken at the next', async () => {
    await anchoredChain();
    attack((db) => {
      db.exec("UPDATE audit_log SET officer = 'F000' WHERE seq = 2");
      const prev = db.prepare<[], string>('SELECT hash FROM audit_log WHERE seq = 1').pluck().get()!;
      const r = db.prepare<[], Record<string, string>>('SELECT * FROM audit_log WHERE seq = 2').get()!;
      const hash = entryHash(prev, { seq: 2, at: r.at!, officer: 'F000', action: r.action!, caseId: r.case_id, caseNumber: r.case_number, legalBasis: r.legal_basis, detail: r.detail! });
      db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 2').run(hash);
    });
    expect(await verifyAudit(store, client)).toMatchObject({ brokenAt: 3, problems: [expect.objectContaining({ code: 'REHASHED', seq: 2 })] });
  });

  it('(e) cuts the last entries and the receipts after the cut: TAIL_CUT, seen in the gateway’s book', async () => {
    await anchoredChain();
    attack((db) => db.exec('DELETE FROM audit_log WHERE seq > 6; DELETE FROM audit_checkpoints WHERE seq > 6;'));
    const v = await verifyAudit(store, client);
    expect(v).toMatchObject({ ok: false, entries: 6, anchoredThrough: 5 });
    expect(v.problems).toEqual([expect.objectContaining({ code: 'TAIL_CUT', seq: 8, zh: expect.stringContaining('本机只有 6 条') })]);
    // offline the receipts kept here are all there is: the cut cannot be seen (docs/audit.md, "What it cannot catch")
    expect(await verifyAudit(store, undefined)).toMatchObject({ ok: true, gatewayChecked: false, anchoredThrough: 5 });
    // growing the chain again cannot re-anchor it below the gateway's last checkpoint
    append(1);
    expect(await new AuditAnchor({ store, client }).flush()).toBe('refused');
    const behind = await call(sb, 'POST', '/gw/v1/audit/checkpoints', JSON.stringify({ storeId: store.auditCheckpoints.storeId(), seq: 7, head: store.audit.head()!.hash, at: new Date().toISOString() }), { officer: null });
    expect([behind.status, behind.json.error.reason, behind.json.error.last.seq]).toEqual([409, 'SEQ_BEHIND', 8]);
  });

  it('(e′) cuts the tail but leaves the receipts: TAIL_CUT even offline', async () => {
    await anchoredChain();
    attack((db) => db.exec('DELETE FROM audit_log WHERE seq > 6'));
    expect(await codes(undefined)).toEqual([['TAIL_CUT', 8]]);
  });

  it('(f) forges a receipt: RECEIPT_FORGED; the gateway’s own copy still anchors the chain', async () => {
    await anchoredChain();
    const mine = generateKeyPairSync('ed25519').privateKey;
    const keyId = store.auditCheckpoints.pinnedKey()!.keyId;
    attack((db) => {
      const row = db.prepare<[], { receipt: string }>('SELECT receipt FROM audit_checkpoints WHERE seq = 8').get()!;
      const forged = signReceipt(mine, keyId, { ...JSON.parse(row.receipt), head: 'f'.repeat(64) });
      db.prepare('UPDATE audit_checkpoints SET head = ?, receipt = ?, signature = ? WHERE seq = 8').run('f'.repeat(64), JSON.stringify(forged.receipt), forged.signature);
    });
    const v = await verifyAudit(store, client);
    expect(v.problems.map((p) => [p.code, p.seq])).toEqual([['RECEIPT_FORGED', 8]]);
    expect(v.anchoredThrough).toBe(8);
    expect(await codes(undefined)).toEqual([['RECEIPT_FORGED', 8]]);
  });

  it('(f′) pins a key of his own and re-signs the receipts: GATEWAY_KEY_CHANGED, nothing counts as anchored', async () => {
    await anchoredChain();
    const mine = generateKeyPairSync('ed25519');
    const fake = publishedKey(mine.publicKey);
    attack((db) => {
      db.exec("UPDATE audit_log SET legal_basis = '无' WHERE seq = 3");
      rehashFrom(db, 3);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'audit.gatewayKey'").run(JSON.stringify(fake));
      for (const r of db.prepare<[], { seq: number; receipt: string }>('SELECT seq, receipt FROM audit_checkpoints').all()) {
        const head = db.prepare<[number], string>('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(r.seq)!;
        const s = signReceipt(mine.privateKey, fake.keyId, { ...JSON.parse(r.receipt), head });
        db.prepare('UPDATE audit_checkpoints SET head = ?, receipt = ?, signature = ?, key_id = ? WHERE seq = ?').run(head, JSON.stringify(s.receipt), s.signature, s.keyId, r.seq);
      }
    });
    const v = await verifyAudit(store, client);
    expect(v.problems.map((p) => p.code)).toEqual(['GATEWAY_KEY_CHANGED']);
    expect(v).toMatchObject({ ok: false, gatewayChecked: false });
    expect(v.anchoredThrough).toBeUndefined();
  });

  it('deletes the pinned key: GATEWAY_KEY_CHANGED (the receipts can no longer be checked)', async () => {
    await anchoredChain();
    attack((db) => db.exec("DELETE FROM meta WHERE key = 'audit.gatewayKey'"));
    expect((await codes(undefined)).map(([c]) => c)).toEqual(['GATEWAY_KEY_CHANGED']);
  });
});

describe('the gateway and its key', () => {
  it('a gateway that answers with another key is not believed: nothing is kept, verification says so', async () => {
    await anchoredChain();
    const other = await startSandbox({ knobs: { latencyScale: 0.01 } });
    const otherGw = createGatewayClient({ url: other.url, stationId: other.stationId, stationSecret: other.stationSecret });
    try {
      append(1);
      expect(await new AuditAnchor({ store, client: checkpointClient(otherGw)! }).flush()).toBe('unverified');
      expect(store.auditCheckpoints.last()!.seq).toBe(8);
      expect((await codes(checkpointClient(otherGw))).map(([c]) => c)).toEqual(['GATEWAY_KEY_CHANGED']);
    } finally {
      otherGw.close();
      await other.close();
    }
  });

  it('keeps its key and its book across a restart, in its state folder, as ids, numbers and hashes only', async () => {
    const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-gw-restart-'));
    try {
      const first = await startSandbox({ knobs: { latencyScale: 0.01 }, stateDir: dirB });
      const c1 = createGatewayClient({ url: first.url, stationId: first.stationId, stationSecret: first.stationSecret });
      append(4);
      expect(await new AuditAnchor({ store, client: checkpointClient(c1)! }).flush()).toBe('anchored');
      c1.close();
      await first.close();

      const second = await startSandbox({ knobs: { latencyScale: 0.01 }, stateDir: dirB });
      const c2 = createGatewayClient({ url: second.url, stationId: second.stationId, stationSecret: second.stationSecret });
      try {
        expect(second.gatewayKey).toEqual(first.gatewayKey);
        const held = await c2.checkpoints!(store.auditCheckpoints.storeId());
        expect(held.map((s) => s.receipt.seq)).toEqual([4]);
        expect(await verifyAudit(store, checkpointClient(c2))).toMatchObject({ ok: true, anchoredThrough: 4, gatewayChecked: true });
        const behind = await c2.postCheckpoint!({ storeId: store.auditCheckpoints.storeId(), seq: 3, head: store.audit.hashAt(3)!, at: new Date().toISOString() }).catch((e: unknown) => e);
        expect(behind).toMatchObject({ httpStatus: 409, code: 'CHECKPOINT_REFUSED' });
      } finally {
        c2.close();
        await second.close();
      }
      expect(fs.readdirSync(dirB).sort()).toEqual([BOOK_FILE, KEY_FILE]);
      expect(fs.statSync(path.join(dirB, KEY_FILE)).mode & 0o077).toBe(0);
      const book = JSON.parse(fs.readFileSync(path.join(dirB, BOOK_FILE), 'utf8'));
      expect(Object.keys(book.stores[store.auditCheckpoints.storeId()].checkpoints[0].receipt).sort()).toEqual(['at', 'head', 'receivedAt', 'seq', 'station', 'storeId']);
    } finally {
      fs.rmSync(dirB, { recursive: true, force: true });
    }
  });

  it('refuses a malformed checkpoint, and another station’s look at a store', async () => {
    append(1);
    const bad = await call(sb, 'POST', '/gw/v1/audit/checkpoints', JSON.stringify({ storeId: store.auditCheckpoints.storeId(), seq: 0, head: 'x', at: 'now' }), { officer: null });
    expect([bad.status, bad.json.error.code, bad.json.error.message]).toEqual([400, 'BAD_REQUEST', 'seq: a positive integer']);
    const unsigned = await call(sb, 'GET', `/gw/v1/audit/checkpoints?storeId=${store.auditCheckpoints.storeId()}`, '', { unsigned: true });
    expect(unsigned.status).toBe(401);
  });
});

describe('the anchor’s timing', () => {
  it('sends the head after a quiet spell, at least every max-wait while entries keep coming, and once more when stopped', async () => {
    const anchor = new AuditAnchor({ store, client, debounceMs: 80, maxWaitMs: 300 });
    anchor.start();
    append(2);
    await expect.poll(() => store.auditCheckpoints.last()?.seq, { timeout: 5_000 }).toBe(2);
    // an entry every 40 ms for 900 ms: never quiet for 80 ms, yet anchored along the way
    const until = Date.now() + 900;
    while (Date.now() < until) {
      append(1);
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(store.auditCheckpoints.list().length).toBeGreaterThanOrEqual(3);
    append(1);
    await anchor.stop();
    expect(store.auditCheckpoints.last()!.seq).toBe(store.audit.head()!.seq);
    // stopped: no more timers, no more sends
    append(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(store.auditCheckpoints.last()!.seq).toBe(store.audit.head()!.seq - 1);
  });

  it('offline it waits, and anchors when the gateway can be reached again', async () => {
    const down = createGatewayClient({ url: 'http://127.0.0.1:9', stationId: sb.stationId, stationSecret: sb.stationSecret });
    let target = checkpointClient(down)!;
    const flaky: CheckpointClient = {
      gatewayKeys: (o) => target.gatewayKeys(o),
      postCheckpoint: (c, o) => target.postCheckpoint(c, o),
      checkpoints: (s, o) => target.checkpoints(s, o),
    };
    const anchor = new AuditAnchor({ store, client: flaky, debounceMs: 20, retryMs: 100 });
    anchor.start();
    append(3);
    await new Promise((r) => setTimeout(r, 150));
    expect(store.auditCheckpoints.last()).toBeUndefined();
    expect(await anchor.flush()).toBe('offline');
    target = client;
    await expect.poll(() => store.auditCheckpoints.last()?.seq, { timeout: 5_000 }).toBe(3);
    await anchor.stop();
    down.close();
  });
});
