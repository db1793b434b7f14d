/**
 * The dishonest list through the whole stack, against the sandbox over HTTP, as a bureau works it
 * (docs/domain.md rules 7, 8, 14): the execution notice made and served, a listing drafted by the
 * clerk but never proposed by him, proposed by the judge, never approved by the judge, approved by
 * the chief with his own signature — then published on the credit platform once, however often the
 * chief clicks; and removed, once, after the debtor corrected.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, ownCaseWithOnePersonDebtor, PASSWORD, sessionOf } from '../helpers/officers';
import type { AuditEntry, CaseDetail } from '../../shared/domain/types';
import type { CaseCredit, CreditListing, EnforcementNotice, ListingApprovalItem } from '../../shared/domain/listing';
import { todayCst } from '../../shared/dates';

const { JUDGE, CLERK, CHIEF } = OFFICERS;
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const { signIn, signOut, as } = sessionOf(app);
const refusal = async (g: string, m: string, input: unknown) => {
  const r = await call(g, m, input);
  expect(r.ok, `${g}.${m} must be refused`).toBe(false);
  return (r as { ok: false; error: { code: string; message: string; detail?: { zh: string } } }).error;
};
/** what the sandbox's credit platform holds on the subject, removed entries too */
const platform = (idNumber: string) => core.sandbox!.credit.listingsOf(idNumber);
const creditOf = (caseId: string) => value<CaseCredit>('credit', 'view', { caseId });

let c: CaseDetail;
let debtor: CaseDetail['parties'][number];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-credit-app-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [CLERK, CHIEF]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  await signIn(JUDGE);
  const found = await ownCaseWithOnePersonDebtor(app);
  if (found) ({ c, debtor } = found);
  expect(c, 'a case of the judge with one person debtor').toBeDefined();
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('listing a debtor who obstructs enforcement (ground 2)', () => {
  let listing: CreditListing;

  it('is refused before the execution notice is served, with the reason', async () => {
    const evidence = { text: '被执行人以伪造的收据妨碍执行', refs: [] };
    const draft = await value<CreditListing>('credit', 'draft', { caseId: c.id, partyId: debtor.id, ground: 2, evidence });
    const e = await refusal('credit', 'propose', { caseId: c.id, listingId: draft.id, pin: PASSWORD });
    expect(e.code).toBe('LISTING_REFUSED');
    expect(JSON.stringify(e)).toContain('执行通知书尚未送达');
  });

  it('the judge serves the notice and proposes; a clerk may draft but not propose', async () => {
    const { notice } = await value<{ notice: EnforcementNotice }>('credit', 'issueNotice', { caseId: c.id, partyId: debtor.id, kind: 'execution-notice' });
    await value('credit', 'serveNotice', { caseId: c.id, noticeId: notice.id, servedOn: todayCst(new Date(core.sandbox!.clock.now())), method: 'direct' });
    await signOut();
    const drafted = await as(CLERK, async () => {
      const l = await value<CreditListing>('credit', 'draft', { caseId: c.id, partyId: debtor.id, ground: 2, evidence: { text: '被执行人以伪造的收据妨碍执行', refs: [] } });
      const e = await refusal('credit', 'propose', { caseId: c.id, listingId: l.id, pin: PASSWORD });
      expect(e.code).toBe('FORBIDDEN');
      return l;
    });
    await signIn(JUDGE);
    listing = await value<CreditListing>('credit', 'propose', { caseId: c.id, listingId: drafted.id, pin: PASSWORD });
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, limit: 500 });
    expect(audit.some((a) => a.action === 'authority.refused' && a.officer === CLERK)).toBe(true);
  });

  it('the judge cannot approve it; the chief approves with his own signature, and it is published once', async () => {
    expect((await refusal('credit', 'approve', { caseId: c.id, listingId: listing.id, decision: 'approve', pin: PASSWORD })).code).toBe('FORBIDDEN');
    expect((await creditOf(c.id)).exchanges).toHaveLength(0);
    await signOut();
    await as(CHIEF, async () => {
      const inbox = await value<ListingApprovalItem[]>('credit', 'approvals', {});
      expect(inbox.map((i) => i.listingId)).toContain(listing.id);
      const wrongPin = await refusal('credit', 'approve', { caseId: c.id, listingId: listing.id, decision: 'approve', pin: 'not-his-password' });
      expect(wrongPin.code).toBe('BAD_CREDENTIALS');
      expect((await creditOf(c.id)).exchanges).toHaveLength(0);
      const { document } = await value<{ document?: { type: string } }>('credit', 'approve', { caseId: c.id, listingId: listing.id, decision: 'approve', pin: PASSWORD });
      expect(document?.type).toBe('纳入失信被执行人名单决定书');
      // a second click decides nothing again
      await call('credit', 'approve', { caseId: c.id, listingId: listing.id, decision: 'approve', pin: PASSWORD });
      const x = await waitFor(async () => {
        const v = await creditOf(c.id);
        const e = v.exchanges.find((y) => y.kind === 'listing.publish');
        return e?.state === "accepted" ? e : undefined;
      });
      expect(x.signatures.map((s) => [s.role, s.officer])).toEqual([['decision', JUDGE], ['approval', CHIEF]]);
      expect((await creditOf(c.id)).exchanges.filter((y) => y.kind === 'listing.publish')).toHaveLength(1);
    });
    const onPlatform = platform(debtor.idNumber!);
    expect(onPlatform).toHaveLength(1);
    expect(onPlatform[0]!.caseNumber).toBe(c.number);
    expect(onPlatform[0]!.removedAt).toBeUndefined();
    expect(core.sandbox!.credit.exchanges.size).toBe(1);
  });

  it('after the debtor corrected, the removal is proposed and goes to the platform once', async () => {
    await signIn(JUDGE);
    const today = todayCst(new Date(core.sandbox!.clock.now()));
    await value('credit', 'recordStep', { caseId: c.id, partyId: debtor.id, kind: 'correction', on: today, text: '被执行人撤回伪造收据并如实说明', listingId: listing.id });
    await value('credit', 'proposeRemoval', { caseId: c.id, listingId: listing.id });
    await value('credit', 'confirmRemoval', { caseId: c.id, listingId: listing.id, pin: PASSWORD });
    await call('credit', 'confirmRemoval', { caseId: c.id, listingId: listing.id, pin: PASSWORD });
    await waitFor(async () => {
      const v = await creditOf(c.id);
      return v.exchanges.find((y) => y.kind === 'listing.remove')?.state === 'accepted' ? true : undefined;
    });
    expect((await creditOf(c.id)).exchanges.filter((y) => y.kind === 'listing.remove')).toHaveLength(1);
    const onPlatform = platform(debtor.idNumber!);
    expect(onPlatform).toHaveLength(1);
    expect(onPlatform[0]!.removedAt).toBeDefined();
    await signOut();
  });
});
