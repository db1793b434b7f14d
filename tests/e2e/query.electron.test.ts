/**
 * The same judge flow under Playwright's Electron launcher, where an Electron binary exists.
 * Without one (build machines cannot download it) the suite is skipped with the reason printed;
 * its Chromium twin (query.chromium.test.ts) carries the flow in host mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { electronBinary, ROOT } from './harness';
import { demoCaseWithAccounts, expectAccountsShown, openCase, queryAll, setUpWorkstation } from './judge-flow';

const bin = electronBinary();
if (!bin) {
  console.log('[e2e] Electron spec skipped: no Electron binary is installed (node_modules/electron has no dist); the Chromium twin runs the same flow in host mode.');
}

describe.skipIf(!bin)('a judge in the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  const { docket, debtor } = demoCaseWithAccounts();

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ck-e2e-electron-'));
    app = await _electron.launch({
      executablePath: bin!,
      args: [ROOT, '--no-sandbox'],
      env: { ...process.env, CK_DATA_DIR: dataDir, CK_SANDBOX_LATENCY_SCALE: '0.05' },
    });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs with the renderer isolated from Node', async () => {
    expect(await page.evaluate(() => typeof (globalThis as any).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as any).chakong?.cases?.list)).toBe('function');
  });

  it('sets up, queries a demo case with one click and shows the accounts the sandbox holds', async () => {
    await setUpWorkstation(page);
    await openCase(page, docket.number);
    const { answered, total } = await queryAll(page);
    expect(answered).toBe(total);
    await expectAccountsShown(page, debtor);
  });
});
