/**
 * Offline review (field trips, a cut court network): the gateway goes away mid-work. The judge
 * still reads every cached result, the panel says the network is down, a new query waits instead of
 * failing, and when the network comes back the waiting requests complete by themselves.
 * The gateway here is the sandbox run as a separate process (`npm run sandbox`), configured the way
 * a real deployment configures its gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startHostApp, type HostApp } from './harness';
import { demoCaseWithAccounts, expectAccountsShown, openCase, queryAll, setUpWorkstation } from './judge-flow';

const secret = randomBytes(32).toString('hex');
let port: number;
let gateway: ChildProcess | undefined;
let app: HostApp;
let browser: Browser;
let page: Page;
const { docket, debtor } = demoCaseWithAccounts();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function startGateway(): Promise<void> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/sandbox/cli.cjs'), '--port', String(port), '--latency-scale', '0.05'], {
    env: { ...process.env, CK_SANDBOX_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway = proc;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes(`127.0.0.1:${port}`)) {
        clearTimeout(t);
        resolve();
      }
    });
    proc.on('exit', (c) => reject(new Error(`sandbox exited ${c}: ${out}`)));
  });
}

async function stopGateway(): Promise<void> {
  const g = gateway;
  gateway = undefined;
  if (!g || g.exitCode !== null) return;
  const exited = new Promise((r) => g.once('exit', r));
  g.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  port = await freePort();
  await startGateway();
  app = await startHostApp({
    env: { CK_GATEWAY_URL: `http://127.0.0.1:${port}`, CK_STATION_ID: 'CK-520103-01', CK_STATION_SECRET: secret, CK_COURT: '黔0103' },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await stopGateway();
});

describe('a judge whose network goes down', () => {
  it('queries while online', async () => {
    await page.goto(app.openUrl);
    await setUpWorkstation(page);
    await openCase(page, docket.number);
    const { answered, total } = await queryAll(page);
    expect(answered).toBe(total);
  });

  it('still reads every cached result offline, is told the network is down, and a new query waits', async () => {
    await stopGateway();
    await page.getByTestId('query-start').click();
    await page.getByTestId('network-offline-banner').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('network-offline-banner').textContent()).toContain('查控网络不可用');
    await page.reload();
    await openCase(page, docket.number);
    await expectAccountsShown(page, debtor);
    const states = await page.locator('[data-testid^="query-cell-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states.filter((s) => s === 'pending' || s === 'sent').length).toBeGreaterThan(0);
    expect(states.filter((s) => s === 'failed')).toHaveLength(0);
  });

  it('finishes the waiting queries by itself when the network is back', async () => {
    await startGateway();
    const cells = page.locator('[data-testid^="query-cell-"]');
    await expect.poll(async () => {
      const states = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      const live = states.filter((s) => s !== 'na' && s !== 'none');
      return live.length > 0 && live.every((s) => s === 'answered');
    }, { timeout: 90_000, interval: 500 }).toBe(true);
    await expect.poll(() => page.getByTestId('network-offline-banner').count(), { timeout: 30_000 }).toBe(0);
    await expectAccountsShown(page, debtor);
  });
});
