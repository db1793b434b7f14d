import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditSubject, openSecureStore, verifyExport, type SecureStore } from '../../electron/store';
import { entryHash, GENESIS_HASH } from '../../electron/store/audit';
import { canonicalJson } from '../../shared/canonical-json';
import { openEncryptedDb } from '../../electron/store/db';

let dir: string;
let file: string;
let key: Buffer;
let store: SecureStore;
let n = 0;
const clock = () => new Date(Date.UTC(2025, 2, 1, 8) + n++ * 1000);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-audit-'));
  file = path.join(dir, 'store.db');
  key = randomBytes(32);
  store = openSecureStore({ file, key, create: true, clock });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ID = '52010219850315106X';

function appendFive(): void {
  for (let i = 1; i <= 5; i++) {
    store.audit.append({
      officer: 'F520103001', action: 'query.start', caseId: i % 2 ? 'case-a' : 'case-b', caseNumber: `(2025)黔0103执${i}号`,
      subject: auditSubject({ id: `party-${i}`, idNumber: ID }), legalBasis: '民事诉讼法第253条', detail: { channels: 22, i },
    });
  }
}

/** Raw SQL on the same encrypted file, as someone holding the key could run it. */
function tamper(sql: string): void {
  store.close();
  const db = openEncryptedDb(file, key);
  db.exec(sql);
  db.close();
  store = openSecureStore({ file, key, clock });
}

describe('audit log', () => {
  it('chains entries: hash = sha256(prevHash + canonical JSON of the entry)', () => {
    const e1 = store.audit.append({ officer: 'F520103001', action: 'case.create', caseNumber: '(2025)黔0103执1号', detail: { b: 1, a: [2] } });
    const e2 = store.audit.append({ officer: 'F520103001', action: 'query.start' });
    expect(e1).toMatchObject({ seq: 1, at: '2025-03-01T08:00:00.000Z', detail: '{"a":[2],"b":1}' });
    const expected1 = createHash('sha256').update(GENESIS_HASH + canonicalJson({
      seq: 1, at: e1.at, officer: 'F520103001', action: 'case.create', caseNumber: '(2025)黔0103执1号', detail: '{"a":[2],"b":1}',
    })).digest('hex');
    expect(e1.hash).toBe(expected1);
    expect(e2.seq).toBe(2);
    expect(e2.hash).toBe(createHash('sha256').update(e1.hash + canonicalJson({ seq: 2, at: e2.at, officer: 'F520103001', action: 'query.start', detail: '{}' })).digest('hex'));
    expect(store.audit.verify()).toEqual({ ok: true, entries: 2 });
  });

  it('records references, not identities: full ID numbers in subject or detail are masked', () => {
    const e = store.audit.append({ officer: 'F520103001', action: 'query.start', subject: `party-1 ${ID}`, detail: { id: ID, account: '6222020200001234567' } });
    expect(e.subject).toBe('party-1 5201**********106X');
    expect(e.detail).not.toContain(ID);
    expect(e.detail).not.toContain('6222020200001234567');
    expect(auditSubject({ id: 'p1', idNumber: ID })).toBe('party:p1 id:520102********106X');
  });

  it('lists newest first, per case, with a limit', () => {
    appendFive();
    expect(store.audit.list().map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(store.audit.list({ caseId: 'case-a' }).map((e) => e.seq)).toEqual([5, 3, 1]);
    expect(store.audit.list({ limit: 2 }).map((e) => e.seq)).toEqual([5, 4]);
    expect(store.audit.list({ caseId: 'case-b' })[0]).toMatchObject({ caseNumber: '(2025)黔0103执4号', legalBasis: '民事诉讼法第253条' });
  });

  it('refuses UPDATE and DELETE on audit_log (triggers)', () => {
    appendFive();
    store.close();
    const db = openEncryptedDb(file, key);
    try {
      expect(() => db.prepare("UPDATE audit_log SET officer = 'X' WHERE seq = 2").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    store = openSecureStore({ file, key, clock });
    expect(store.audit.verify()).toEqual({ ok: true, entries: 5 });
  });

  it('detects an edited entry at its sequence number, even with the trigger dropped', () => {
    appendFive();
    tamper(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET legal_basis = '无' WHERE seq = 3;`);
    expect(store.audit.verify()).toEqual({ ok: false, entries: 5, brokenAt: 3 });
  });

  it('detects an entry edited and re-hashed by someone without the later entries: at the next entry', () => {
    appendFive();
    const [e2] = store.audit.list({ limit: 4 }).filter((e) => e.seq === 2);
    const prev = store.audit.list({ limit: 5 }).find((e) => e.seq === 1)!.hash;
    const forged = entryHash(prev, { seq: 2, at: e2!.at, officer: 'F000', action: e2!.action, caseId: 'case-b', caseNumber: e2!.caseNumber, subject: e2!.subject, legalBasis: e2!.legalBasis, detail: e2!.detail });
    tamper(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET officer = 'F000', hash = '${forged}' WHERE seq = 2;`);
    expect(store.audit.verify()).toEqual({ ok: false, entries: 5, brokenAt: 3 });
  });

  it('detects a deleted entry at the missing sequence number', () => {
    appendFive();
    tamper(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;`);
    expect(store.audit.verify()).toEqual({ ok: false, entries: 4, brokenAt: 2 });
  });

  it('exports the chain as JSON lines that verify on their own, and detects edits to the export', () => {
    appendFive();
    const text = store.audit.exportEvidence();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'chakong-audit-export', entries: 5, head: store.audit.list({ limit: 1 })[0]!.hash });
    expect(JSON.parse(lines[3]!)).toMatchObject({ seq: 3, prevHash: expect.any(String), hash: expect.any(String) });
    expect(text).not.toContain(ID);
    expect(verifyExport(text)).toEqual({ ok: true, entries: 5 });

    const edited = lines.map((l, i) => (i === 4 ? l.replace('F520103001', 'F520103009') : l)).join('\n');
    expect(verifyExport(edited)).toMatchObject({ ok: false, brokenAt: 4 });
    const truncated = lines.slice(0, 5).join('\n');
    expect(verifyExport(truncated)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('survives closing and reopening: the chain continues', () => {
    appendFive();
    store.close();
    store = openSecureStore({ file, key, clock });
    expect(store.audit.append({ officer: 'F520103001', action: 'session.unlock' }).seq).toBe(6);
    expect(store.audit.verify()).toEqual({ ok: true, entries: 6 });
  });
});
