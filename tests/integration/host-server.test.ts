import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import net from 'node:net';
import { MAX_FRAME_BYTES, MAX_MESSAGES_PER_SECOND, startHostServer, type HostServer } from '../../electron/host/server';
import { ok } from '../../shared/result';
import { Sessions, type ActiveSession } from '../../electron/services/session';

let dir: string;
let host: HostServer;
const calls: unknown[] = [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-host-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>查控台</title>');
  host = await startHostServer({
    rendererDir: dir,
    router: async (g, m, input) => (calls.push([g, m, input]), ok({ g, m })),
  });
});
afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
  calls.length = 0;
});

/** What a browser does with the printed address: the one-time token is exchanged for the cookie. */
async function openBrowser(openUrl = host.newOpenUrl()): Promise<string> {
  const res = await fetch(openUrl, { redirect: 'manual' });
  expect(res.status).toBe(303);
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

function connect(cookie: string | null, o: { origin?: string; resume?: string } = {}): Promise<{ ws: WebSocket; hello: any }> {
  return new Promise((resolve, reject) => {
    const q = o.resume ? `?resume=${o.resume}` : '';
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}/ipc${q}`, {
      origin: o.origin ?? host.url,
      headers: cookie ? { cookie } : {},
    });
    ws.once('message', (d) => resolve({ ws, hello: JSON.parse(String(d)) }));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, group: string, method: string, input: unknown = {}): Promise<any> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((r) => {
    const on = (d: WebSocket.RawData) => {
      const f = JSON.parse(String(d));
      if (f.t === 'result' && f.id === id) {
        ws.off('message', on);
        r(f.result);
      }
    };
    ws.on('message', on);
    ws.send(JSON.stringify({ t: 'call', id, group, method, input }));
  });
}

describe('host mode server', () => {
  it('serves the renderer with a strict CSP and refuses paths outside it', async () => {
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('查控台');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // the page may connect to its own socket and nothing else: no other port, no other host
    const connect = (res.headers.get('content-security-policy') ?? '').split('; ').filter((d) => d.startsWith('connect-src'));
    expect(connect).toEqual([`connect-src ws://127.0.0.1:${host.port}`]);
    const out = await fetch(`${host.url}/..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(out.status);
  });

  it('exchanges the printed address once for an HttpOnly SameSite=Strict cookie and redirects to the app', async () => {
    expect(new URL(host.openUrl).pathname).toBe('/open');
    const res = await fetch(host.openUrl, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(new RegExp(`^ck_session_${host.port}=[\\w-]{20,};`));
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
    // the same address again, from a browser without the cookie: refused
    const again = await fetch(host.openUrl, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('已使用过');
    // … and from the browser that holds it: straight in, no second cookie
    const back = await fetch(host.openUrl, { redirect: 'manual', headers: { cookie: set.split(';')[0]! } });
    expect(back.status).toBe(303);
    expect(back.headers.get('set-cookie')).toBeNull();
  });

  it('accepts the WebSocket only with the cookie, and only from its own origin', async () => {
    await expect(connect(null)).rejects.toThrow(/401/);
    await expect(connect(`ck_session_${host.port}=forged`)).rejects.toThrow(/401/);
    const cookie = await openBrowser();
    await expect(connect(cookie, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect(cookie, { origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow(/403/);
    const { ws, hello } = await connect(cookie);
    expect(hello).toMatchObject({ t: 'hello', resumed: false });
    ws.close();
  });

  it('two tabs with one cookie: each is its own connection, the second is not signed in', async () => {
    const seen: string[] = [];
    await host.close();
    // the workstation's own session bookkeeping: a connection sees the session once it signed in
    const sessions = new Sessions(0, () => {});
    host = await startHostServer({
      rendererDir: dir,
      router: async (_g, m, _input, ctx) => {
        const c = ctx.connection!;
        seen.push(c);
        if (m === 'signIn') sessions.start({} as ActiveSession, c);
        return ok({ signedIn: sessions.forConnection(c) !== undefined });
      },
    });
    const cookie = await openBrowser();
    const a = await connect(cookie);
    const b = await connect(cookie);
    expect(await call(a.ws, 'session', 'signIn')).toEqual({ ok: true, value: { signedIn: true } });
    expect(await call(b.ws, 'session', 'state')).toEqual({ ok: true, value: { signedIn: false } });
    expect(await call(a.ws, 'session', 'state')).toEqual({ ok: true, value: { signedIn: true } });
    expect(new Set(seen).size).toBe(2);
    // a reload of the first tab resumes its connection, still signed in
    a.ws.close();
    await new Promise((r) => a.ws.once('close', r));
    const a2 = await connect(cookie, { resume: a.hello.resumeToken });
    expect(a2.hello.resumed).toBe(true);
    expect(await call(a2.ws, 'session', 'state')).toEqual({ ok: true, value: { signedIn: true } });
    // a resume token works once; used again it is a new, signed-out connection
    const stale = await connect(cookie, { resume: a.hello.resumeToken });
    expect(stale.hello.resumed).toBe(false);
    expect(await call(stale.ws, 'session', 'state')).toEqual({ ok: true, value: { signedIn: false } });
    // another browser's cookie cannot use this browser's resume token
    const other = await connect(await openBrowser(), { resume: a2.hello.resumeToken });
    expect(other.hello.resumed).toBe(false);
    for (const s of [a2, b, stale, other]) s.ws.close();
  });

  it('resume tokens expire, are renewed for an open page, and die with a connection not resumed', async () => {
    await host.close();
    const gone: string[] = [];
    host = await startHostServer({
      rendererDir: dir,
      router: async (_g, _m, _i, ctx) => ok(ctx.connection),
      resumeTtlMs: 2000,
      resumeGraceMs: 300,
      onGone: (c) => gone.push(c),
    });
    const cookie = await openBrowser();
    const a = await connect(cookie);
    const connA = (await call(a.ws, 'x', 'y')).value;
    // renewed at half its life
    const renewed = await new Promise<any>((r) => a.ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.t === 'resume') r(f);
    }));
    expect(renewed.resumeToken).not.toBe(a.hello.resumeToken);
    // the token it replaced no longer resumes: a.hello's token is gone
    a.ws.close();
    await new Promise((r) => a.ws.once('close', r));
    const viaOld = await connect(cookie, { resume: a.hello.resumeToken });
    expect(viaOld.hello.resumed).toBe(false);
    viaOld.ws.close();
    // closed and not resumed within the grace period: the connection is gone, so is its token
    await new Promise((r) => setTimeout(r, 500));
    expect(gone).toContain(connA);
    const late = await connect(cookie, { resume: renewed.resumeToken });
    expect(late.hello.resumed).toBe(false);
    late.ws.close();
  });

  it('a resume token is good for its lifetime only, even while its connection may still come back', async () => {
    await host.close();
    host = await startHostServer({ rendererDir: dir, router: async () => ok(null), resumeTtlMs: 1000, resumeGraceMs: 60_000 });
    const cookie = await openBrowser();
    const a = await connect(cookie);
    a.ws.close();
    await new Promise((r) => setTimeout(r, 1200));
    const late = await connect(cookie, { resume: a.hello.resumeToken });
    expect(late.hello.resumed).toBe(false);
    late.ws.close();
  });

  it('carries calls to the router and events to the page', async () => {
    const { ws } = await connect(await openBrowser());
    const answer = new Promise<any>((r) => ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.t === 'result') r(f);
    }));
    ws.send(JSON.stringify({ t: 'call', id: 7, group: 'cases', method: 'list', input: { limit: 5 } }));
    expect(await answer).toEqual({ t: 'result', id: 7, result: { ok: true, value: { g: 'cases', m: 'list' } } });
    expect(calls).toEqual([['cases', 'list', { limit: 5 }]]);
    const ev = new Promise<any>((r) => ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.t === 'event') r(f);
    }));
    host.emit('network.status', { online: false });
    expect(await ev).toEqual({ t: 'event', event: 'network.status', payload: { online: false } });
    ws.close();
  });
});

/** One raw HTTP exchange, so that a request target no client library would send can be sent. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += d));
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('error', reject);
    s.setTimeout(5000, () => s.destroy());
  });
}

/** the server still answers a normal call: the process and its other sockets are unharmed */
async function stillServes(): Promise<void> {
  expect((await fetch(`${host.url}/`)).status).toBe(200);
  const { ws } = await connect(await openBrowser());
  const answer = new Promise<any>((r) => ws.on('message', (d) => r(JSON.parse(String(d)))));
  ws.send(JSON.stringify({ t: 'call', id: 1, group: 'cases', method: 'list', input: {} }));
  expect((await answer).result).toEqual({ ok: true, value: { g: 'cases', m: 'list' } });
  ws.close();
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((r) => ws.once('close', (code, reason) => r({ code, reason: String(reason) })));
}

describe('host mode server refuses what would have ended the process', () => {
  it('a request target that is no URL of ours (GET //[) gets 400, over HTTP and as an upgrade', async () => {
    const get = await rawRequest(host.port, `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
    expect(get).toMatch(/^HTTP\/1\.1 400/);
    await stillServes();
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}//%5B`, { origin: host.url, headers: { cookie: await openBrowser() } });
    const status = await new Promise<number>((r) => {
      ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0));
      ws.once('error', () => r(-1));
    });
    expect(status).toBe(400);
    const upgrade = await rawRequest(
      host.port,
      `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${Buffer.alloc(16, 1).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 400/);
    await stillServes();
  });

  it('a frame over the limit (8 MiB: a 5 MB spreadsheet in base64 fits) closes that socket with 1009', async () => {
    const { ws } = await connect(await openBrowser());
    const closed = closeOf(ws);
    ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect((await closed).code).toBe(1009);
    await stillServes();
  });

  it('a text frame that is not UTF-8 closes that socket with 1007', async () => {
    const { ws } = await connect(await openBrowser());
    const closed = closeOf(ws);
    // the client would refuse to send it: write the masked frame to the socket underneath
    const payload = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const mask = Buffer.from([1, 2, 3, 4]);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    (ws as any)._socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
    expect((await closed).code).toBe(1007);
    await stillServes();
  });

  it('a page sending more than 200 messages in a second is closed with 1008 and a reason', async () => {
    const { ws } = await connect(await openBrowser());
    const closed = closeOf(ws);
    for (let i = 0; i < MAX_MESSAGES_PER_SECOND + 50; i++) ws.send(JSON.stringify({ t: 'call', id: i, group: 'cases', method: 'list', input: {} }));
    const c = await closed;
    expect(c.code).toBe(1008);
    expect(c.reason).toMatch(/too many messages/);
    expect(calls.length).toBeLessThanOrEqual(MAX_MESSAGES_PER_SECOND);
    await stillServes();
  });
});
