/**
 * The signed evidence package (docs/audit.md, "The evidence package") through the whole
 * main-process stack on the embedded sandbox: the 承办法官 exports a case he queried and froze,
 * confirming with his password; the package verifies offline (the module and the bundled CLI),
 * against his key in the officer register too; a changed answer, a removed audit entry, a swapped
 * signature or key each fail and are named; a clerk and a judge of another case are refused, and
 * the refusals are recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { startCore, type Core } from '../../electron/services/core';
import { verifyEvidence } from '../../electron/evidence/verify';
import { manifestText, partDigest, type EvidencePackage } from '../../electron/evidence/format';
import { EVIDENCE_VERIFY, nodeEntry } from '../../scripts/esbuild-node.mjs';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, FreezePlan } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';

const JUDGE = 'F520103001';
const CLERK = 'F520103002'; // 陈晓雪, on 王立新's team
const OTHER_JUDGE = 'F520103004'; // 罗静: reads 王立新's cases, does not act in them
const CHIEF = 'F520103003';
const PASSWORD = 'judge-password-1';

interface Exported { path: string; fileName: string; sha256: string; bytes: number; auditThrough: number; anchoredThrough?: number }

let dir: string;
let exportDir: string;
let cli: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
let c: CaseDetail;
let exported: Exported;
let text: string;
let officerPem: string;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const reparse = (): EvidencePackage => JSON.parse(text) as EvidencePackage;
const write = (name: string, pkg: EvidencePackage): string => {
  const f = path.join(exportDir, name);
  writeFileSync(f, JSON.stringify(pkg));
  return f;
};
const runCli = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

/** A case of the judge's with property found, queried and frozen (the freeze carried out). */
async function queriedAndFrozen(): Promise<CaseDetail> {
  const list = await app.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 50, mine: true });
  for (const s of list.items) {
    const d = await app.value<CaseDetail>('cases', 'get', { caseId: s.id });
    await app.value('query', 'start', { caseId: d.id });
    await waitFor(async () => {
      const v = await app.value<CaseQueryView>('query', 'view', { caseId: d.id });
      return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
    const plan = await app.value<FreezePlan>('measures', 'plan', { caseId: d.id });
    const first = plan.suggestion.items[0];
    if (!first) continue;
    const endsOn = plan.candidates.find((x) => x.asset.id === first.assetId)!.maxEndDate;
    const { measures } = await app.value<{ measures: Measure[] }>('measures', 'freeze', { caseId: d.id, items: [{ ...first, endsOn }] });
    await waitFor(async () => ((await app.value<CaseMeasures>('measures', 'list', { caseId: d.id })).measures.find((m) => m.id === measures[0]!.id)?.state === 'executed' ? true : undefined));
    return d;
  }
  throw new Error('no case of the judge has property to freeze');
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-evidence-'));
  exportDir = mkdtempSync(path.join(os.tmpdir(), 'ck-evidence-out-'));
  // the verifier bundled as `npm run build` bundles it, into this test's own folder
  cli = path.join(exportDir, 'evidence-verify.cjs');
  await build({ ...nodeEntry(EVIDENCE_VERIFY.entry, cli), sourcemap: false });
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', exportDir, env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  await enrolAs(app, core.sandbox!, CLERK, 'clerk-password-1');
  await enrolAs(app, core.sandbox!, OTHER_JUDGE, 'judge-password-4');
  await enrolAs(app, core.sandbox!, CHIEF, 'chief-password-1');
  await app.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
  c = await queriedAndFrozen();
  // signing out anchors the chain at the gateway; signed in again, the checkpoint is in the store
  await app.value('session', 'signOut');
  await app.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
  const keys = core.sandbox!.register.record(JUDGE)!.keys.filter((k) => !k.revokedAt);
  officerPem = createPublicKey({ key: Buffer.from(keys.at(-1)!.publicKey, 'base64'), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(path.join(exportDir, 'judge.pem'), officerPem);
}, 120_000);

afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(exportDir, { recursive: true, force: true });
});

describe('evidence.export by the 承办法官', () => {
  it('refuses a wrong password and writes nothing', async () => {
    const r = await app.call('evidence', 'export', { caseId: c.id, pin: 'not-his-password' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(readdirSync(exportDir).filter((f) => f.startsWith('证据包'))).toHaveLength(0);
  });

  it('writes the signed package and records evidence.exported with the file hash, never the content', async () => {
    exported = await app.value<Exported>('evidence', 'export', { caseId: c.id, pin: PASSWORD });
    text = readFileSync(exported.path, 'utf8');
    expect(sha(text)).toBe(exported.sha256);
    expect(exported.anchoredThrough).toBeGreaterThan(0);
    const pkg = reparse();
    expect(pkg.parts.requests.some((r) => r.answer)).toBe(true);
    expect(pkg.parts.measures.some((m) => m.measure.kind === 'freeze' && m.measure.state === 'executed' && (m.measure.signatures as unknown[]).length > 0)).toBe(true);
    expect(pkg.parts.documents.every((d) => d.pdfBase64)).toBe(true);
    // another case's trail stays in the store: its entries are links only
    expect(pkg.parts.audit.chain.filter((i) => i.entry).every((i) => i.entry!.caseId === c.id || i.entry!.caseNumber === c.number)).toBe(true);
    expect(pkg.parts.audit.chain.some((i) => !i.entry)).toBe(true);

    const entry = (await app.value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'evidence.exported' }))[0]!;
    expect(entry).toMatchObject({ officer: JUDGE, caseNumber: c.number });
    expect(JSON.parse(entry.detail)).toMatchObject({ sha256: exported.sha256, file: exported.fileName });
    for (const p of c.parties) {
      expect(entry.detail).not.toContain(p.name);
      expect(entry.detail).not.toContain(p.idNumber);
    }
    expect(await app.value('audit', 'verify')).toMatchObject({ ok: true });
  });

  it('verifies offline: the module, and the bundled command with the officer’s key from the register', () => {
    const r = verifyEvidence(text, { publicKey: officerPem });
    expect(r).toMatchObject({ ok: true, keyChecked: true, problems: [], caseNumber: c.number });
    expect(r.caseEntries).toBeGreaterThan(3);
    expect(r.anchoredThrough).toBe(exported.anchoredThrough);
    // the judge's decision on the freeze, over the body the agency received
    expect(r.measureSignatures).toBeGreaterThanOrEqual(1);

    const run = runCli(exported.path, '--key', path.join(exportDir, 'judge.pem'));
    expect(run.stdout).toContain('证据包校验通过');
    expect(run.stdout).toContain('与所给干警公钥一致');
    expect(run.stdout).toContain(`网关确认至第 ${exported.anchoredThrough} 条`);
    expect(run.status).toBe(0);
  });
});

describe('a tampered package fails, naming what', () => {
  it('one byte of an answer changed: the queries part and that request', () => {
    const pkg = reparse();
    const req = pkg.parts.requests.find((r) => r.answer)!;
    const raw = req.answer!.raw;
    req.answer!.raw = raw.slice(0, 10) + (raw[10] === '1' ? '2' : '1') + raw.slice(11);
    const r = verifyEvidence(JSON.stringify(pkg));
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'PART_CHANGED', part: 'requests' }),
      expect.objectContaining({ code: 'ANSWER_CHANGED', part: 'requests' }),
    ]));
    const run = runCli(write('answer.json', pkg));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('“查询请求与答复”部分与清单中的摘要不符');
    expect(run.stdout).toContain(req.request.id);

    // the manifest's digest brought up to date too: then the officer's signature no longer holds
    pkg.manifest.parts.requests.sha256 = partDigest(pkg.parts.requests);
    const again = verifyEvidence(JSON.stringify(pkg));
    expect(again.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['BAD_SIGNATURE', 'ANSWER_CHANGED']));
    expect(again.problems.map((p) => p.code)).not.toContain('PART_CHANGED');
  });

  it('the body a freeze was sent with changed: its digest and the judge’s signature on it', () => {
    const pkg = reparse();
    const m = pkg.parts.measures.find((x) => x.exchanges.some((e) => e.direction === 'sent'))!;
    const sent = m.exchanges.find((e) => e.direction === 'sent')!;
    const body = JSON.parse(sent.text) as Record<string, unknown>;
    sent.text = JSON.stringify({ ...body, amount: Number(body.amount ?? 0) + 100 });
    sent.sha256 = sha(sent.text);
    const codes = verifyEvidence(JSON.stringify(pkg)).problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['PART_CHANGED', 'MEASURE_SIGNATURE_BAD']));
  });

  it('an audit entry of the case removed: the chain names the missing number', () => {
    const pkg = reparse();
    const i = pkg.parts.audit.chain.findIndex((x) => x.entry && x.seq > pkg.parts.audit.from);
    const seq = pkg.parts.audit.chain[i]!.seq;
    pkg.parts.audit.chain.splice(i, 1);
    const r = verifyEvidence(JSON.stringify(pkg));
    expect(r.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'PART_CHANGED', part: 'audit' }),
      expect.objectContaining({ code: 'ENTRY_REMOVED', seq }),
    ]));
    const run = runCli(write('audit.json', pkg));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`第 ${seq} 条审计记录缺失`);
  });

  it('an audit entry edited, or the chain rewritten past the checkpoint: named by number', () => {
    const pkg = reparse();
    const item = pkg.parts.audit.chain.find((x) => x.entry)!;
    item.entry!.officer = CHIEF;
    const r = verifyEvidence(JSON.stringify(pkg));
    expect(r.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'ENTRY_EDITED', seq: item.seq })]));

    const rewritten = reparse();
    const at = rewritten.parts.audit.chain.find((x) => x.seq === rewritten.parts.checkpoint.receipt!.receipt.seq)!;
    at.hash = '0'.repeat(64);
    expect(verifyEvidence(JSON.stringify(rewritten)).problems.map((p) => p.code)).toContain('CHECKPOINT_MISMATCH');
  });

  it('the newest entries cut, or the gateway’s receipt altered: named', () => {
    const cut = reparse();
    const last = cut.parts.audit.chain.pop()!;
    expect(verifyEvidence(JSON.stringify(cut)).problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'ENTRY_REMOVED', seq: last.seq })]));

    const forged = reparse();
    forged.parts.checkpoint.receipt!.receipt.seq = forged.parts.audit.through;
    forged.parts.checkpoint.receipt!.receipt.head = forged.parts.audit.chain.at(-1)!.hash;
    const r = verifyEvidence(JSON.stringify(forged));
    expect(r.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['PART_CHANGED', 'RECEIPT_FORGED']));
    expect(r.anchoredThrough).toBeUndefined();
  });

  it('the signature swapped, or the package re-signed with another key: refused, and caught by the register’s key', () => {
    const other = generateKeyPairSync('ed25519');
    const swapped = reparse();
    swapped.signature = sign(null, Buffer.from('something else'), other.privateKey).toString('base64');
    expect(verifyEvidence(JSON.stringify(swapped)).problems.map((p) => p.code)).toEqual(['BAD_SIGNATURE']);

    const keySwapped = reparse();
    keySwapped.manifest.signer.publicKey = other.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    // the judge's own signatures on his measures do not verify with that key either
    expect(verifyEvidence(JSON.stringify(keySwapped)).problems.map((p) => p.code)).toEqual(['BAD_SIGNATURE', 'MEASURE_SIGNATURE_BAD']);

    // whoever re-signs with a key of his own, under another name, passes the package's own check, not the register's key
    keySwapped.manifest.signer = { ...keySwapped.manifest.signer, officer: 'F520103099', keyId: 'K-forged' };
    keySwapped.signature = sign(null, Buffer.from(manifestText(keySwapped.manifest)), other.privateKey).toString('base64');
    expect(verifyEvidence(JSON.stringify(keySwapped)).ok).toBe(true);
    const withKey = verifyEvidence(JSON.stringify(keySwapped), { publicKey: officerPem });
    expect(withKey.problems.map((p) => p.code)).toEqual(['KEY_MISMATCH']);
    const run = runCli(write('resigned.json', keySwapped), '--key', path.join(exportDir, 'judge.pem'));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('证据包不是用所给干警公钥签名的');
  });

  it('a file that is no package, and a wrong command line', () => {
    const f = path.join(exportDir, 'not-json.json');
    writeFileSync(f, 'not json');
    expect(runCli(f).status).toBe(1);
    expect(runCli().status).toBe(2);
  });
});

describe('who may export', () => {
  const refusedFor = async (officer: string, password: string, reason: string, zh: string) => {
    await app.value('session', 'signIn', { officerCode: officer, password });
    const r = await app.call('evidence', 'export', { caseId: c.id, pin: password });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!r.ok) expect(r.error.detail?.zh).toContain(zh);
    const refusal = (await app.value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'authority.refused' }))[0]!;
    expect(refusal.officer).toBe(officer);
    expect(JSON.parse(refusal.detail)).toMatchObject({ call: 'evidence.export', act: 'evidence.export', reason });
  };

  it('a clerk of the judge’s team: refused for his role, and recorded', async () => {
    await refusedFor(CLERK, 'clerk-password-1', 'role', '本人职务不能导出经签名的案件证据包');
  });

  it('a judge to whom the case is not assigned: refused, he only reads it, and recorded', async () => {
    await refusedFor(OTHER_JUDGE, 'judge-password-4', 'case', '只能查阅');
  });

  it('a chief exports any case of his division, signed with his own key', async () => {
    await app.value('session', 'signIn', { officerCode: CHIEF, password: 'chief-password-1' });
    const e = await app.value<Exported>('evidence', 'export', { caseId: c.id, pin: 'chief-password-1' });
    expect(existsSync(e.path)).toBe(true);
    const r = verifyEvidence(readFileSync(e.path, 'utf8'));
    expect(r).toMatchObject({ ok: true, exportedBy: expect.stringContaining(CHIEF) });
  });
});
