/**
 * Host mode with its core in a worker thread (docs/architecture.md §6), through the page's
 * WebSocket as a browser uses it: the judge sets up and signs in on his page, the worker's router
 * answers with the session bound to that page's connection — a second tab is not signed in, a
 * reloaded page resumes its sign-in — and events come back; a frame too big ends that socket and
 * the core goes on. When the core thread dies unasked, host mode stops and says why: the page's
 * socket closes, the address no longer answers and the data folder is free again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startHostMode, type HostMode } from '../../electron/host/start';
import { MAX_FRAME_BYTES } from '../../electron/host/server';
import { LOCK_FILE } from '../../electron/services/data-lock';
import { buildCoreWorker } from '../helpers/core-worker';

const JUDGE = 'F520103001';
let root: string;
let rendererDir: string;
let coreWorker: Awaited<ReturnType<typeof buildCoreWorker>>;
const env = { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' };

beforeAll(async () => {
  coreWorker = await buildCoreWorker();
  root = mkdtempSync(path.join(os.tmpdir(), 'ck-core-thread-'));
  rendererDir = path.join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>查控台</title>');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  coreWorker.remove();
});

interface Page {
  ws: WebSocket;
  hello: { resumeToken: string; resumed: boolean };
  events: { event: string; payload: unknown }[];
  call(group: string, method: string, input?: unknown): Promise<any>;
}

async function cookieOf(mode: HostMode): Promise<string> {
  const res = await fetch(mode.host.newOpenUrl(), { redirect: 'manual' });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function openPage(mode: HostMode, cookie: string, resume?: string): Promise<Page> {
  const ws = new WebSocket(`${mode.host.url.replace('http', 'ws')}/ipc${resume ? `?resume=${resume}` : ''}`, {
    origin: mode.host.url,
    headers: { cookie },
  });
  const events: Page['events'] = [];
  const waiting = new Map<number, (r: unknown) => void>();
  let next = 0;
  return new Promise((resolve, reject) => {
    ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.t === 'hello') {
        resolve({
          ws, hello: f, events,
          call: (group, method, input = {}) =>
            new Promise((r) => {
              const id = ++next;
              waiting.set(id, r);
              ws.send(JSON.stringify({ t: 'call', id, group, method, input }));
            }),
        });
      } else if (f.t === 'result') waiting.get(f.id)?.(f.result);
      else if (f.t === 'event') events.push({ event: f.event, payload: f.payload });
    });
    ws.once('error', reject);
  });
}

const closed = (ws: WebSocket) => new Promise<number>((r) => (ws.readyState === ws.CLOSED ? r(-1) : ws.once('close', (code) => r(code))));

describe('host mode with the core in a worker thread', () => {
  it('answers each page with the session of its own connection; events come back; a frame too big ends only its socket', async () => {
    const dataDir = path.join(root, 'data-a');
    const mode = await startHostMode({ dataDir, rendererDir, env, coreWorker: coreWorker.script });
    try {
      expect(mode.core.gateway.network).toBe('sandbox');
      const code = mode.core.sandbox?.enrolmentCodes.find((c) => c.code === JUDGE)?.enrolmentCode;
      expect(code).toMatch(/\S/);
      const cookie = await cookieOf(mode);
      const a = await openPage(mode, cookie);
      expect(await a.call('cases', 'list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      const me = await a.call('session', 'setUp', { officerCode: JUDGE, enrolmentCode: code, password: 'correct horse' });
      expect(me).toMatchObject({ ok: true, value: { name: '王立新' } });
      const list = await a.call('cases', 'list', { limit: 5 });
      expect(list.ok).toBe(true);
      expect(list.value.total).toBeGreaterThanOrEqual(200);
      // a second tab of the same browser is a connection of its own: not signed in
      const b = await openPage(mode, cookie);
      expect(await b.call('cases', 'list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      // the first page reloaded comes back to its connection, still signed in
      a.ws.close();
      await closed(a.ws);
      const a2 = await openPage(mode, cookie, a.hello.resumeToken);
      expect(a2.hello.resumed).toBe(true);
      expect((await a2.call('cases', 'list', { limit: 1 })).ok).toBe(true);
      // events relayed from the core reach the signed-in page, not the other tab
      expect((await a2.call('session', 'signOut', {})).ok).toBe(true);
      await expect.poll(() => a2.events.map((e) => e.event)).toContain('session.locked');
      expect(b.events.map((e) => e.event)).not.toContain('session.locked');
      // a frame over the limit closes that socket (1009); the core answers the others
      b.ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
      expect(await closed(b.ws)).toBe(1009);
      expect((await a2.call('app', 'info', {})).ok).toBe(true);
      a2.ws.close();
    } finally {
      await mode.stop();
    }
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('a core thread that dies stops host mode and says why; the folder can be opened again', async () => {
    const dataDir = path.join(root, 'data-b');
    const lost: string[] = [];
    const mode = await startHostMode({ dataDir, rendererDir, env, coreWorker: coreWorker.script, onCoreLost: (r) => lost.push(r) });
    const page = await openPage(mode, await cookieOf(mode));
    expect((await page.call('app', 'info', {})).ok).toBe(true);
    const socketGone = closed(page.ws);
    await mode.thread.worker.terminate();
    await expect.poll(() => lost).toHaveLength(1);
    expect(lost[0]).toMatch(/exit code/);
    await socketGone;
    await expect(fetch(`${mode.host.url}/`)).rejects.toThrow();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    const again = await startHostMode({ dataDir, rendererDir, env, coreWorker: coreWorker.script });
    expect((await again.core.router('app', 'info', {}, { transport: 'host', connection: 'probe' })).ok).toBe(true);
    await again.stop();
  });
});
