/**
 * The store's writer (electron/store/writer.ts): the engine's writes group-committed, told only
 * once on disk. A killed process leaves on disk everything it told; a write that fails is refused
 * alone and the others of its batch stay; a batch whose commit fails fails every waiter and keeps
 * nothing; a request's state changes stay in order; everything else (the outbox) is committed at once.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRequest } from '../../shared/domain/types';
import { openSecureStore, type SecureStore } from '../../electron/store';
import { openEncryptedDb } from '../../electron/store/db';
import { nodeEntry, root } from '../../scripts/esbuild-node.mjs';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-writer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RANK: Record<ChannelRequest['state'], number> = { pending: 0, sent: 1, waiting: 2, answered: 3, failed: 3, manual: 3 };

/** A store with one case and `n` requests waiting for their answers. */
function seeded(n: number): { store: SecureStore; file: string; key: Buffer; ids: string[] } {
  const file = path.join(dir, `${randomUUID()}.db`);
  const key = randomBytes(32);
  const store = openSecureStore({ file, key, create: true });
  const c = store.cases.create({
    number: '(2026)黔0103执77号', filedOn: '2026-03-01', cause: '民间借贷纠纷', amountOwed: 1_000_000, costs: 10_000,
    applicant: { kind: 'company', name: '贵州某商贸有限公司', idNumber: '91350100M000100Y43' },
    debtors: [{ kind: 'person', name: '测试', idNumber: '11010519491231002X' }],
  });
  const debtor = c.parties.find((p) => p.role === 'debtor')!;
  const at = '2026-12-04T01:00:00.000Z';
  const ids = Array.from({ length: n }, () => randomUUID());
  store.engine.insertRequests(ids.map((id) => ({
    id, caseId: c.id, partyId: debtor.id, channel: 'bank.icbc', kind: 'query', state: 'waiting', attempts: 1, polls: 0, createdAt: at, updatedAt: at,
  })));
  return { store, file, key, ids };
}

const deposit = (identifier: string, value: number) => ({
  kind: 'deposit' as const, institution: '中国工商银行贵阳分行', identifier, description: '活期储蓄', value, available: value, existingFreezes: [],
});

/** What another connection — another process after a crash — finds on disk. */
function onDisk(file: string, key: Buffer) {
  const db = openEncryptedDb(file, key, { create: false });
  try {
    return {
      states: new Map(db.prepare<[], { id: string; state: ChannelRequest['state']; polls: number }>('SELECT id, state, polls FROM requests').all().map((r) => [r.id, r])),
      feedback: new Set(db.prepare<[], string>('SELECT request_id FROM feedback').pluck().all()),
      records: new Map(db.prepare<[], { request_id: string; n: number }>(
        `SELECT request_id, count(*) AS n FROM (SELECT request_id FROM assets UNION ALL SELECT request_id FROM whereabouts
           UNION ALL SELECT request_id FROM info_records) GROUP BY request_id`,
      ).all().map((r) => [r.request_id, r.n])),
      exchanges: db.prepare<[], number>('SELECT count(*) FROM exchanges').pluck().get()!,
    };
  } finally {
    db.close();
  }
}

describe('the writer batches the engine\'s writes', () => {
  it('keeps them off the disk until the turn ends, then commits them together, in order', async () => {
    const { store, file, key, ids } = seeded(3);
    const [a, b] = ids as [string, string];
    store.engine.updateRequest(a, { state: 'sent', attempts: 2 });
    store.engine.updateRequest(a, { polls: 1 });
    store.engine.updateRequest(a, { state: 'failed', error: { code: 'REJECTED', message: '拒绝', messageEn: 'refused' } });
    store.engine.recordExchange?.({ requestId: b, direction: 'received', method: 'GET', path: `/gw/v1/requests/${b}`, httpStatus: 200, body: '{}', at: '2026-12-04T01:00:01.000Z' });
    const saved = store.engine.saveFindings(b, { assets: [deposit('6222000001', 500_00)], whereabouts: [], info: [] }, '{"raw":1}', '2026-12-04T01:00:02.000Z');
    // another process sees none of it yet; the engine's own reads do
    expect(onDisk(file, key).states.get(a)!.state).toBe('waiting');
    expect(store.engine.getRequest(a)).toMatchObject({ state: 'failed', attempts: 2, polls: 1 });
    await store.engine.committed!();
    const disk = onDisk(file, key);
    expect(disk.states.get(a)).toMatchObject({ state: 'failed', polls: 1 });
    expect(disk.states.get(b)!.state).toBe('answered');
    expect(disk.feedback.has(b)).toBe(true);
    expect(disk.exchanges).toBe(1);
    // what saveFindings returned without reading back is what the store holds
    expect(store.caseQueryView(saved.assets[0]!.caseId).assets).toEqual(saved.assets);
    store.close();
  });

  it('refuses a failing write alone: nothing of it is kept, the others of the batch are', async () => {
    const { store, file, key, ids } = seeded(3);
    const [a, b, c] = ids as [string, string, string];
    store.engine.updateRequest(a, { polls: 3 });
    expect(() => store.engine.updateRequest('no-such-request', { polls: 1 })).toThrow(/no such request/);
    // the feedback row goes in before the bad amount is seen: rolled back with the rest of the write
    expect(() => store.engine.saveFindings(b, { assets: [deposit('6222000002', 10.5)], whereabouts: [], info: [] }, '{}', '2026-12-04T01:00:02.000Z')).toThrow();
    store.engine.updateRequest(c, { state: 'manual' });
    await store.engine.committed!();
    const disk = onDisk(file, key);
    expect(disk.states.get(a)!.polls).toBe(3);
    expect(disk.states.get(b)!.state).toBe('waiting');
    expect(disk.feedback.has(b)).toBe(false);
    expect(disk.states.get(c)!.state).toBe('manual');
    store.close();
  });

  it('fails a batch whose commit fails as a whole: every waiter gets the error, nothing of it is on disk', async () => {
    const { store, file, key, ids } = seeded(2);
    const [a, b] = ids as [string, string];
    store.engine.updateRequest(a, { polls: 1 });
    const first = store.engine.committed!();
    // another use of the connection commits that batch; what follows is a batch of its own
    store.transaction(() => undefined);
    store.engine.updateRequest(b, { polls: 2 });
    store.requests.recordExchange({ requestId: b, direction: 'received', method: 'GET', path: '/x', body: '{}', at: '2026-12-04T01:00:00.000Z' });
    // a foreign key checked only at the commit: the batch cannot commit
    const conn = (store.requests as unknown as { conn: import('../../electron/store/connection').Connection }).conn;
    conn.writer.write(() => {
      conn.db.pragma('defer_foreign_keys = ON');
      conn.db.prepare("INSERT INTO exchanges (request_id, direction, method, path, body, sha256, at) VALUES ('nobody', 'sent', 'POST', '/', '', '', '')").run();
    });
    const second = store.engine.committed!();
    await expect(first).resolves.toBeUndefined();
    await expect(second).rejects.toThrow(/FOREIGN KEY/);
    const disk = onDisk(file, key);
    expect(disk.states.get(a)!.polls).toBe(1);
    expect(disk.states.get(b)!.polls).toBe(0);
    expect(disk.exchanges).toBe(0);
    // the store goes on: the next write is a batch of its own
    store.engine.updateRequest(b, { polls: 5 });
    await store.engine.committed!();
    expect(onDisk(file, key).states.get(b)!.polls).toBe(5);
    store.close();
  });

  it('commits what it holds before anything else uses the connection: the outbox is on disk at once', () => {
    const { store, file, key, ids } = seeded(1);
    store.engine.updateRequest(ids[0]!, { state: 'sent' });
    const r = store.engine.getRequest(ids[0]!)!;
    const again = { ...r, id: randomUUID(), state: 'pending' as const };
    store.engine.insertRequests([again]);
    // no turn of the event loop has passed: both are on disk, the batch first
    const disk = onDisk(file, key);
    expect(disk.states.get(ids[0]!)!.state).toBe('sent');
    expect(disk.states.get(again.id)!.state).toBe('pending');
    store.close();
  });

  it('commits what it holds when the store is locked', () => {
    const { store, file, key, ids } = seeded(1);
    store.engine.updateRequest(ids[0]!, { polls: 7 });
    store.close();
    expect(onDisk(file, key).states.get(ids[0]!)!.polls).toBe(7);
  });
});

describe('a killed process', () => {
  it('leaves on disk every write the engine told of, each request\'s states told in order', async () => {
    // bundled inside the checkout (dist/ is ignored), so that the native module resolves from node_modules
    const child = path.join(root, 'dist', 'test', `store-writer-child-${process.pid}.cjs`);
    await build({ ...nodeEntry('tests/integration/store-writer-child.ts', child), sourcemap: false });
    const file = path.join(dir, 'killed.db');
    const key = randomBytes(32);
    const p = spawn(process.execPath, [child], { env: { ...process.env, CK_FILE: file, CK_KEY: key.toString('hex') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const told = new Map<string, ChannelRequest['state'][]>();
    const found = new Map<string, number>();
    let answered = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`too few answers before the deadline (${answered}); ${stderr}`)), 60_000);
      p.on('exit', (code) => reject(new Error(`the child ended by itself (${code}): ${stderr}`)));
      createInterface({ input: p.stdout }).on('line', (line) => {
        const [ack, what, id, arg] = line.split(' ');
        if (ack !== 'ack' || !id || !arg) return;
        if (what === 'findings') found.set(id, Number(arg));
        else told.set(id, [...(told.get(id) ?? []), arg as ChannelRequest['state']]);
        if (arg === 'answered') answered += 1;
        // killed in the middle of the flow, with answers still streaming in
        if (answered === 150) {
          clearTimeout(timer);
          p.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => p.once('close', r));
    rmSync(child, { force: true });
    const disk = onDisk(file, key);
    expect(told.size).toBeGreaterThan(100);
    for (const [id, states] of told) {
      const ranks = states.map((s) => RANK[s]);
      expect(ranks, `the states told of ${id}`).toEqual([...ranks].sort((x, y) => x - y));
      const stored = disk.states.get(id);
      expect(stored, `request ${id} told ${states.join(',')}`).toBeDefined();
      expect(RANK[stored!.state], `request ${id} told ${states.join(',')}, on disk ${stored!.state}`).toBeGreaterThanOrEqual(RANK[states.at(-1)!]);
      if (states.at(-1) === 'answered') expect(stored!.state).toBe('answered');
    }
    for (const [id, n] of found) {
      expect(disk.feedback.has(id), `the feedback of ${id}`).toBe(true);
      expect(disk.records.get(id) ?? 0).toBe(n);
    }
  }, 90_000);
});
